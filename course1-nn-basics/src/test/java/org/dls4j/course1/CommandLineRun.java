package org.dls4j.course1;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.Report;

/** An assignment's command line run in this JVM, with what it printed on standard output and standard error. */
public record CommandLineRun(int exitCode, String out, String err) {

    /** {@code AssignmentRunner.execute(options, run, args)} with both streams captured. */
    public static <O extends AssignmentOptions, R> CommandLineRun of(O options, BiFunction<O, Report, R> run,
            String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = AssignmentRunner.execute(options, run, args);
            return new CommandLineRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    /** The first line on standard error without its {@code Error: } prefix. */
    public String error() {
        return err.lines().findFirst().orElse("").replaceFirst("^Error: ", "");
    }
}
