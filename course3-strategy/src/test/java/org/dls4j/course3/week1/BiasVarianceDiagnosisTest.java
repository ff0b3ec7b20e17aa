package org.dls4j.course3.week1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dls4j.course3.Problem;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cat classifier's bias and variance: the arithmetic of every row is the lecture's on the measured errors, and a
 * short run shows what a working model must (it memorises a small training set; a strong L2 penalty makes it
 * underfit).
 */
class BiasVarianceDiagnosisTest {

    @TempDir
    Path out;

    @Test
    void diagnosisIsTheLecturesArithmetic() {
        BiasVarianceDiagnosis.Row row = BiasVarianceDiagnosis.diagnose(104, 0, 0.0, 0.46, 0.01);
        assertEquals(0.0 - 0.01, row.ladder().gap(Problem.AVOIDABLE_BIAS));
        assertEquals(0.46 - 0.0, row.ladder().gap(Problem.VARIANCE));
        assertEquals(Problem.VARIANCE, row.ladder().focus().problem());
        BiasVarianceDiagnosis.Row underfit = BiasVarianceDiagnosis.diagnose(209, 100, 0.344, 0.66, 0.01);
        assertEquals(0.344 - 0.01, underfit.ladder().gap(Problem.AVOIDABLE_BIAS));
        assertEquals(0.66 - 0.344, underfit.ladder().gap(Problem.VARIANCE));
        assertEquals(Problem.AVOIDABLE_BIAS, underfit.ladder().focus().problem());
        List<String> table = BiasVarianceDiagnosis.table(List.of(row, underfit), 0.01);
        assertEquals(4, table.size());
        assertTrue(table.get(2).matches("104\\s+0\\.0\\s+1\\.0 %\\s+0\\.0 %\\s+46\\.0 %\\s+-1\\.0 %\\s+46\\.0 %\\s+"
                + "variance\\s+more data / regularise"), table.get(2));
        assertTrue(table.get(3).contains("33.4 %") && table.get(3).contains("31.6 %")
                && table.get(3).contains("bigger model / train longer"), table.get(3));
    }

    /**
     * Two sizes, two strengths, 600 iterations of the two-layer model: without L2 it fits the 60 pictures (a model
     * that does not learn stays near the 1/3 of cats it would miss); lambd 100 keeps it from fitting them.
     */
    @Test
    void shortRunFitsSmallSetsAndUnderfitsWithAStrongPenalty() throws Exception {
        BiasVarianceDiagnosis.Options options = new BiasVarianceDiagnosis.Options();
        options.sizes = List.of(20, 60);
        options.lambds = List.of(0.0, 100.0);
        options.iterations = 600;
        options.out = out;
        options.validate();
        Report.Captured report = Report.captured();
        BiasVarianceDiagnosis.Result r = BiasVarianceDiagnosis.run(options, report);
        report.results().forEach(System.out::println);

        assertEquals(4, r.rows().size());
        for (BiasVarianceDiagnosis.Row row : r.rows()) {
            assertEquals(row.trainError() - options.humanLevel, row.ladder().gap(Problem.AVOIDABLE_BIAS));
            assertEquals(row.devError() - row.trainError(), row.ladder().gap(Problem.VARIANCE));
            assertEquals(0, Math.IEEEremainder(row.trainError() * row.size(), 1), 1e-9, "a count of mistakes");
            assertEquals(0, Math.IEEEremainder(row.devError() * 50, 1), 1e-9, "a count of the 50 dev mistakes");
        }
        assertTrue(r.row(60, 0).trainError() <= 0.05, "fits 60 pictures: " + r.row(60, 0));
        assertTrue(r.row(60, 100).trainError() >= r.row(60, 0).trainError() + 0.1,
                "lambd 100 underfits: " + r.row(60, 100));
        assertEquals(6, report.results().stream().filter(l -> l.matches("\\s*(20|60)\\s+(0\\.0|100\\.0)\\s.*"))
                .count() + 2, "a table row per model");
        assertTrue(r.readings().get(0).startsWith("More data (lambd 0.0): dev error "), r.readings().toString());
        assertTrue(r.readings().get(1).startsWith("Regularisation (m = 60): lambd 100.0 moved train error"));
        assertTrue(Files.size(r.plot()) > 1000);
    }

    @Test
    void badOptionsAreRefusedUpFront() {
        RefusedOptions.assertRefused(BiasVarianceDiagnosis.Options::new, BiasVarianceDiagnosis::run, out,
                new String[] {"--sizes", "0"}, new String[] {"--sizes", "300"}, new String[] {"--lambd", "-1"},
                new String[] {"--human-level", "2"}, new String[] {"--layers", "100,1"},
                new String[] {"--iterations", "0"});
    }
}
