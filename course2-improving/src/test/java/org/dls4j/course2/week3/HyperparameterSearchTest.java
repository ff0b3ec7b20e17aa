package org.dls4j.course2.week3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dls4j.shared.cli.Report;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tiny SIGNS search through {@code run(options, report)}: the table has a row per candidate with hyperparameters
 * drawn from the ranges asked for, and the best candidate has learned (a search that does not train, or scores
 * the wrong thing, stays near chance, 1/6).
 */
class HyperparameterSearchTest {

    @TempDir
    Path out;

    @Test
    void tinySignsSearchFindsACandidateThatLearned() throws Exception {
        HyperparameterSearch.Options options = new HyperparameterSearch.Options();
        options.candidates = 2;
        options.epochs = 4;
        options.lrMin = 1e-3;
        options.lrMax = 1e-2;
        options.hiddenMin = 8;
        options.hiddenMax = 32;
        options.miniBatchSizes = List.of(16, 32);
        options.seed = 1;
        options.out = out;
        options.validate();
        Report.Captured report = Report.captured();
        HyperparameterSearch.Result r = HyperparameterSearch.run(options, report);
        report.results().forEach(System.out::println);

        assertEquals(4, r.trials().size());
        for (HyperparameterSearch.Trial t : r.trials()) {
            assertNull(t.failure(), t.failure());
            assertTrue(t.learningRate() >= 1e-3 && t.learningRate() <= 1e-2, "learning rate " + t);
            assertTrue(t.hiddenUnits() >= 8 && t.hiddenUnits() <= 32, "hidden units " + t);
            assertTrue(options.miniBatchSizes.contains(t.miniBatchSize()), "mini-batch size " + t);
            assertTrue(t.devAccuracy() >= 0 && t.devAccuracy() <= 1, "dev accuracy " + t);
        }
        for (int i = 1; i < r.trials().size(); i++) {
            assertTrue(r.trials().get(i - 1).devAccuracy() >= r.trials().get(i).devAccuracy(), "sorted best first");
        }
        assertEquals(2, r.paired());
        // with batch norm, 4 epochs at 1e-3..1e-2 learn the signs; chance is 1/6
        HyperparameterSearch.Trial best = r.trials().get(0);
        assertTrue(best.devAccuracy() > BEST_DEV_ACCURACY_AT_LEAST, "best candidate " + best);
        assertEquals(r.trials().stream().filter(HyperparameterSearch.Trial::batchNorm).findFirst().orElseThrow(),
                r.withBatchNorm().best(), "the summary's best with batch norm is the table's first with it");

        List<String> results = report.results();
        List<String> rows = results.stream().filter(l -> l.matches("\\s*\\d+  (yes|no) .*")).toList();
        assertEquals(4, rows.size(), "a table row per candidate, kept by -q: " + results);
        assertTrue(results.stream().anyMatch(l -> l.startsWith("How batch norm changed the result")), results.toString());
        assertTrue(Files.size(r.plot()) > 1000);
    }

    /** What a broken search (untrained networks, a wrong score) cannot reach on SIGNS in 4 epochs. */
    static final double BEST_DEV_ACCURACY_AT_LEAST = 0.4;

    @Test
    void badOptionsAreRefusedUpFront() {
        RefusedOptions.assertRefused(HyperparameterSearch.Options::new, HyperparameterSearch::run, out,
                new String[] {"--batch-norm", "sometimes"}, new String[] {"--mini-batch-sizes", "0"},
                new String[] {"--lr-max", "1e-6"}, new String[] {"--candidates", "0"},
                new String[] {"--hidden-max", "4"}, new String[] {"--seed", "4294967290"});
    }
}
