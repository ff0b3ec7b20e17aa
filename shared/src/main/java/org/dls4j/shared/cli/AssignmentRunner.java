package org.dls4j.shared.cli;

import java.io.PrintWriter;

import org.dls4j.shared.Backend;
import org.dls4j.shared.Numerics;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Runs an assignment's picocli command the same way for every assignment: prints the backend line first,
 * turns failures the learner can fix (a missing data file, a wrong shape, a NaN cost, a bad option) into one clear
 * message instead of a stack trace, and returns the exit code for {@code main} to pass to {@code System.exit}.
 * <pre>{@code
 * public static void main(String[] args) {
 *     System.exit(AssignmentRunner.execute(new LogisticRegression(), args));
 * }
 * }</pre>
 * Set {@code -Ddls.debug=true} to see stack traces as well.
 */
public final class AssignmentRunner {

    private AssignmentRunner() {
    }

    /**
     * Parses {@code args} into {@code command}, runs it, and returns the exit code (0 success, 1 failure, 2 usage).
     * ND4J's default data type is set to DOUBLE first, as numpy's is; framework models name their own type.
     */
    public static int execute(Object command, String... args) {
        Numerics.useFloat64();
        CommandLine cl = new CommandLine(command);
        cl.setExecutionStrategy(AssignmentRunner::runWithBanner);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            reportFailure(ex, commandLine.getErr());
            return 1;
        });
        return cl.execute(args);
    }

    private static int runWithBanner(ParseResult parseResult) {
        boolean quiet = parseResult.hasMatchedOption("--quiet") || parseResult.hasMatchedOption("-q");
        if (!quiet && !parseResult.isUsageHelpRequested() && !parseResult.isVersionHelpRequested()) {
            System.out.println(Backend.describe());
        }
        return new CommandLine.RunLast().execute(parseResult);
    }

    static void reportFailure(Exception ex, PrintWriter err) {
        Throwable cause = ex;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        boolean explained = cause.getMessage() != null && !(cause instanceof NullPointerException)
                && !(cause instanceof ClassCastException) && !(cause instanceof IndexOutOfBoundsException);
        if (explained) {
            err.println("Error: " + cause.getMessage());
        } else {
            err.println("Error: unexpected " + cause.getClass().getName() + ". This is a bug in dls4j; the stack trace:");
        }
        if (!explained || Boolean.getBoolean("dls.debug")) {
            ex.printStackTrace(err);
        }
        err.flush();
    }
}
