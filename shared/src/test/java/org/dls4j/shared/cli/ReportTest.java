package org.dls4j.shared.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void capturedKeepsBothKindsInOrder() {
        Report.Captured report = Report.captured();
        report.say("Cost after iteration 0: 0.69");
        report.result("Accuracy: 0.96");
        try (Progress progress = report.progress("training", 10)) {
            progress.stepTo(5);
            report.say("Cost after iteration 5: 0.5");
        }
        assertEquals(List.of("Cost after iteration 0: 0.69", "Accuracy: 0.96", "Cost after iteration 5: 0.5"),
                report.lines());
        assertEquals(List.of("Accuracy: 0.96"), report.results());
    }

    @Test
    void consoleQuietPrintsOnlyResults() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Report quiet = new ConsoleReport(true, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        quiet.say("Cost after iteration 0: 0.69");
        quiet.result("Accuracy: 0.96");
        assertEquals("Accuracy: 0.96" + System.lineSeparator(), bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
        Report loud = new ConsoleReport(false, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        loud.say("a");
        loud.result("b");
        assertEquals(List.of("a", "b"), bytes.toString(StandardCharsets.UTF_8).lines().toList());
    }
}
