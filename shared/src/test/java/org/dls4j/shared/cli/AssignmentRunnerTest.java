package org.dls4j.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dls4j.shared.train.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class AssignmentRunnerTest {

    enum Mode { FAST, VERY_SLOW }

    @Command(name = "demo", description = "A demo assignment.")
    static final class Options extends AssignmentOptions {
        @Option(names = "--iterations", description = "Steps (default: ${DEFAULT-VALUE}).")
        int iterations = 2000;

        @Option(names = "--mode", description = "fast or very-slow (default: ${DEFAULT-VALUE}).")
        Mode mode = Mode.FAST;

        @Option(names = "--fail")
        String fail;

        @Override
        public void validate() {
            OptionChecks.atLeast("--iterations", iterations, 1);
        }
    }

    /** Records what it was run with, and fails as asked. */
    static final class Demo {
        final List<Options> ran = new ArrayList<>();

        String run(Options options, Report report) {
            ran.add(options);
            report.say("Cost after iteration 0: 0.693147");
            report.result("Accuracy: 1.0");
            switch (options.fail == null ? "" : options.fail) {
                case "nan" -> throw new TrainingDivergedException(Double.NaN, 7, "Try a smaller --learning-rate.");
                case "bug" -> throw new NullPointerException();
                case "oom" -> throw new OutOfMemoryError("Java heap space");
                default -> {
                }
            }
            return "done";
        }
    }

    @Test
    void optionsStartAtTheNotebookDefaultsAndTakeTheCommandLine(@TempDir Path out) {
        Demo demo = new Demo();
        assertEquals(0, AssignmentRunner.execute(new Options(), demo::run, "--quiet", "--iterations", "3",
                "--mode", "Very-Slow", "--out", out.resolve("plots").toString()));
        Options seen = demo.ran.get(0);
        assertEquals(3, seen.iterations);
        assertEquals(Mode.VERY_SLOW, seen.mode);
        assertTrue(seen.quiet);
        assertTrue(Files.isDirectory(out.resolve("plots")), "--out is created before the run");
        assertEquals(2000, new Options().iterations);
        assertEquals(DataType.DOUBLE, Nd4j.dataType(), "assignments compute in float64 like numpy");
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnyWork(@TempDir Path folder) throws IOException {
        Demo demo = new Demo();
        assertEquals(2, AssignmentRunner.execute(new Options(), demo::run, "-q", "--iterations", "many"));
        assertEquals(2, AssignmentRunner.execute(new Options(), demo::run, "-q", "--iterations", "0"));
        assertEquals(2, AssignmentRunner.execute(new Options(), demo::run, "-q", "--mode", "medium"));
        Path file = Files.writeString(folder.resolve("README.md"), "# not a folder");
        assertEquals(2, AssignmentRunner.execute(new Options(), demo::run, "-q", "--out", file.toString()));
        assertEquals("# not a folder", Files.readString(file));
        assertTrue(demo.ran.isEmpty(), "nothing ran");
    }

    @Test
    void failuresGiveOneLineAndAnExitCode(@TempDir Path out) {
        assertEquals(1, AssignmentRunner.execute(new Options(), new Demo()::run, "-q", "--fail", "nan", "--out",
                out.toString()));
        assertEquals(1, AssignmentRunner.execute(new Options(), new Demo()::run, "-q", "--fail", "oom", "--out",
                out.toString()));
        StringWriter text = new StringWriter();
        AssignmentRunner.reportFailure(new TrainingDivergedException(Double.NaN, 7, "Try a smaller --learning-rate."),
                new PrintWriter(text));
        assertEquals("Error: Training stopped: the cost became NaN at iteration 7. Try a smaller --learning-rate.",
                text.toString().strip());
        text = new StringWriter();
        AssignmentRunner.reportFailure(new OutOfMemoryError("Java heap space"), new PrintWriter(text));
        assertEquals(1, text.toString().strip().lines().count(), text.toString());
        assertTrue(text.toString().contains("-Xmx"), text.toString());
        text = new StringWriter();
        AssignmentRunner.reportFailure(new NullPointerException(), new PrintWriter(text));
        assertTrue(text.toString().contains("This is a bug in dls4j"));
        assertTrue(text.toString().contains("at org.dls4j"));
    }

    @Test
    void quietKeepsTheResultsAndDropsTheRest(@TempDir Path out) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, AssignmentRunner.execute(new Options(), new Demo()::run, "-q", "--out", out.toString()));
        } finally {
            System.setOut(original);
        }
        assertEquals("Accuracy: 1.0", captured.toString(StandardCharsets.UTF_8).strip());
    }

    @Test
    void helpShowsTheNotebookDefaults() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(0, AssignmentRunner.execute(new Options(), new Demo()::run, "--help"));
        } finally {
            System.setOut(original);
        }
        String help = captured.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("Steps (default: 2000)"), help);
        assertTrue(help.contains("--offline"), help);
        assertFalse(help.contains("Cost after"), help);
    }
}
