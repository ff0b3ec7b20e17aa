package org.dls4j.course3.week1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dls4j.course3.week1.SatisficingMetrics.Candidate;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lecture's rule on the lecture's table, and a short sweep of two real ConvNets. */
class SatisficingMetricsTest {

    @TempDir
    Path out;

    /** "Classifier A 90 % 80 ms, B 92 % 95 ms, C 95 % 1500 ms; maximize accuracy subject to running time <= 100 ms". */
    @Test
    void choosesTheMostAccurateWithinTheLimit() {
        Candidate a = new Candidate("A", 1, 2, 10, 0.90, 80);
        Candidate b = new Candidate("B", 2, 4, 20, 0.92, 95);
        Candidate c = new Candidate("C", 4, 8, 40, 0.95, 1500);
        List<Candidate> lecture = List.of(a, b, c);
        assertSame(b, SatisficingMetrics.choose(lecture, 100));
        assertSame(c, SatisficingMetrics.choose(lecture, 1500), "the limit is inclusive");
        assertSame(a, SatisficingMetrics.choose(lecture, 90));
        assertNull(SatisficingMetrics.choose(lecture, 50));
        Candidate fasterTwin = new Candidate("D", 1, 2, 10, 0.92, 60);
        assertSame(fasterTwin, SatisficingMetrics.choose(List.of(a, b, c, fasterTwin), 100), "ties go to the faster");

        List<String> table = SatisficingMetrics.table(lecture, b, 100);
        assertEquals(5, table.size());
        assertTrue(table.get(0).contains("meets running time <= 100 ms"), table.get(0));
        assertTrue(table.get(3).matches("B\\s+2, 4\\s+20\\s+92\\.0 %\\s+95\\.0000 ms\\s+yes\\s+<- chosen"),
                table.get(3));
        assertTrue(table.get(4).matches("C\\s+4, 8\\s+40\\s+95\\.0 %\\s+1500\\.0000 ms\\s+no\\s*"), table.get(4));
    }

    /**
     * Two ConvNets, 3 epochs: both learn (chance is 1/6 and a network that does not train stays there), each has a
     * measured running time, and the choice is the rule's on the measured numbers.
     */
    @Test
    void shortSweepMeasuresAndChooses() throws Exception {
        SatisficingMetrics.Options options = new SatisficingMetrics.Options();
        options.filters = List.of(4, 16);
        options.epochs = 3;
        options.timingRepeats = 3;
        options.out = out;
        options.validate();
        Report.Captured report = Report.captured();
        SatisficingMetrics.Result r = SatisficingMetrics.run(options, report);
        report.results().forEach(System.out::println);

        assertEquals(2, r.candidates().size());
        for (Candidate c : r.candidates()) {
            assertTrue(c.msPerPicture() > 0 && c.msPerPicture() < 100, "running time " + c);
            assertEquals(0, Math.IEEEremainder(c.accuracy() * 216, 1), 1e-9, "a count of the 216 dev pictures");
        }
        assertTrue(r.candidates().get(1).accuracy() > 0.3, "16 filters learn in 3 epochs: " + r.candidates().get(1));
        assertEquals(SatisficingMetrics.choose(r.candidates(), options.maxMs), r.chosen());
        assertEquals(r.chosen() == null ? 0 : 1, report.results().stream().filter(l -> l.endsWith("<- chosen"))
                .count());
        assertTrue(Files.size(r.plot()) > 1000);
    }

    @Test
    void badOptionsAreRefusedUpFront() {
        RefusedOptions.assertRefused(SatisficingMetrics.Options::new, SatisficingMetrics::run, out,
                new String[] {"--filters", "0"}, new String[] {"--max-ms", "0"}, new String[] {"--epochs", "0"},
                new String[] {"--timing-repeats", "0"});
    }
}
