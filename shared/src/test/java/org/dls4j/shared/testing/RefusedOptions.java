package org.dls4j.shared.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.Report;

/** Bad command lines are refused before any work: exit code 2 and one line that names the option. */
public final class RefusedOptions {

    private RefusedOptions() {
    }

    /**
     * Runs the assignment quietly with each of {@code commandLines} (plus {@code --out out} unless it names its own)
     * and asserts exit code 2 within a few seconds, with an error naming the command line's first option.
     */
    public static <O extends AssignmentOptions, R> void assertRefused(Supplier<O> options,
            BiFunction<O, Report, R> run, Path out, String[]... commandLines) {
        for (String[] commandLine : commandLines) {
            List<String> args = new ArrayList<>(List.of(commandLine));
            args.add("-q");
            if (!args.contains("--out")) {
                args.addAll(List.of("--out", out.toString()));
            }
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream original = System.err;
            long start = System.nanoTime();
            int exit;
            try {
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                exit = AssignmentRunner.execute(options.get(), run, args.toArray(String[]::new));
            } finally {
                System.setErr(original);
            }
            String what = String.join(" ", commandLine);
            String message = err.toString(StandardCharsets.UTF_8);
            assertEquals(AssignmentRunner.USAGE, exit, what + " is refused: " + message);
            assertTrue(message.contains(commandLine[0]), what + ": the error names the option: " + message);
            assertTrue(System.nanoTime() - start < 10_000_000_000L, what + " is refused before any work");
        }
    }
}
