package org.dls4j.shared.cli;

import java.io.PrintWriter;
import java.util.function.BiFunction;

import org.dls4j.shared.Backend;
import org.dls4j.shared.Numerics;
import org.dls4j.shared.graph.FastPath;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * Runs an assignment from the command line the same way for every assignment:
 * <ol>
 *   <li>parses the arguments into the assignment's options (whose fields hold the notebook's defaults);</li>
 *   <li>checks {@code --out} and the assignment's own options before any work, so a mistake costs nothing;</li>
 *   <li>sets the libraries' logging (warnings only, unless {@code --verbose}), the offline mode, and ND4J's default
 *       data type to DOUBLE, as numpy's is (framework models name their own type);</li>
 *   <li>prints the backend line, runs the assignment with a console {@link Report}, and turns the failures a
 *       learner can fix (missing data, a wrong shape, a diverged cost, out of memory) into one clear line.</li>
 * </ol>
 * <pre>{@code
 * public static void main(String[] args) {
 *     System.exit(AssignmentRunner.execute(new Options(), Initialization::run, args));
 * }
 * }</pre>
 * Exit codes: 0 success, 1 failure while running, 2 a bad option. {@code -Ddls.debug=true} adds stack traces.
 */
public final class AssignmentRunner {

    /** The exit code of a run that failed. */
    public static final int FAILED = 1;
    /** The exit code of a command line that could not be used. */
    public static final int USAGE = 2;

    private AssignmentRunner() {
    }

    /** Parses {@code args} into {@code options}, checks them, runs {@code run} and returns the exit code. */
    public static <O extends AssignmentOptions, R> int execute(O options, BiFunction<O, Report, R> run,
            String... args) {
        CommandLine commandLine = new CommandLine(options);
        commandLine.getCommandSpec().mixinStandardHelpOptions(true);
        EnumConverters.registerAll(commandLine);
        PrintWriter err = commandLine.getErr();
        ParseResult parsed;
        try {
            parsed = commandLine.parseArgs(args);
        } catch (ParameterException e) {
            err.println("Error: " + e.getMessage());
            err.println("Run with --help to see the options.");
            err.flush();
            return USAGE;
        }
        if (CommandLine.printHelpIfRequested(parsed)) {
            return 0;
        }
        if (options.verbose) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        if (options.offline) {
            System.setProperty("dls.offline", "true");
        }
        try {
            OptionChecks.outputFolder("--out", options.out);
            options.validate();
        } catch (OptionException e) {
            err.println("Error: " + e.getMessage());
            err.flush();
            return USAGE;
        }
        try {
            Numerics.useFloat64();
            Report report = Report.console(options.quiet);
            report.say(Backend.describe() + "; " + FastPath.describe());
            run.apply(options, report);
            return 0;
        } catch (Exception | Error e) {
            reportFailure(e, err);
            return e instanceof OptionException ? USAGE : FAILED;
        }
    }

    /**
     * One line for a failure the learner can act on; a stack trace (and a request to report it) for a bug.
     * {@code Error}s are explained too: out of memory says how to give the JVM more.
     */
    static void reportFailure(Throwable failure, PrintWriter err) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getMessage() == null) {
            cause = cause.getCause();
        }
        boolean debug = Boolean.getBoolean("dls.debug");
        if (cause instanceof OutOfMemoryError) {
            err.println("Error: out of memory (" + cause.getMessage() + "). Give the JVM more with DLS_JAVA_OPTS="
                    + "\"-Xmx8g\" or use smaller inputs.");
        } else if (cause instanceof Error) {
            err.println("Error: the JVM stopped the run: " + cause);
        } else if (explained(cause)) {
            err.println("Error: " + cause.getMessage());
        } else {
            err.println("Error: unexpected " + cause.getClass().getName() + ". This is a bug in dls4j; the stack trace:");
            debug = true;
        }
        if (debug) {
            failure.printStackTrace(err);
        }
        err.flush();
    }

    private static boolean explained(Throwable cause) {
        return cause.getMessage() != null && !(cause instanceof NullPointerException)
                && !(cause instanceof ClassCastException) && !(cause instanceof IndexOutOfBoundsException)
                && !(cause instanceof UnsupportedOperationException) && !(cause instanceof ArithmeticException);
    }
}
