package org.dls4j.course2.week3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.CommonOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny SIGNS search through the CLI path: the 12288-input space builds, trains and reports, with and without BN. */
class HyperparameterSearchTest {

    @TempDir
    Path out;

    @Test
    void tinySignsSearchPrintsTheTableTheSummaryAndThePlot() throws Exception {
        HyperparameterSearch.Split train = HyperparameterSearch.signs("train_signs");
        HyperparameterSearch.Split dev = HyperparameterSearch.signs("val_signs");
        assertEquals(864, train.x().size(0));
        assertEquals(216, dev.x().size(0));
        HyperparameterSearch.Settings s = new HyperparameterSearch.Settings(2, 2, 1e-4, 1e-2, 8, 32,
                new int[] {32, 64}, 1, 1);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HyperparameterSearch.Result r = HyperparameterSearch.run(train, dev, s, new boolean[] {false, true},
                CommonOptions.defaults(out, false), new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String printed = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(4, r.trials().size());
        r.trials().forEach(t -> assertNull(t.failure(), t.failure()));
        for (int i = 1; i < r.trials().size(); i++) {
            assertTrue(r.trials().get(i - 1).devAccuracy() >= r.trials().get(i).devAccuracy(), "not sorted");
        }
        assertNotNull(r.withBatchNorm());
        assertNotNull(r.withoutBatchNorm());
        assertEquals(2, r.paired());
        assertTrue(printed.contains("rank  batch norm  learning rate"), printed);
        assertTrue(printed.contains("How batch norm changed the result"), printed);
        assertTrue(Files.size(r.plot()) > 1000);
    }

    @Test
    void badOptionsGiveClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                new HyperparameterSearch.Settings(2, 2, 1e-2, 1e-4, 8, 32, new int[] {32}, 1, 1));
        assertTrue(e.getMessage().contains("--lr-min"));
        assertEquals(1, AssignmentRunner.execute(new HyperparameterSearch(), "-q", "--batch-norm", "sometimes"));
        assertEquals(1, AssignmentRunner.execute(new HyperparameterSearch(), "-q", "--mini-batch-sizes", "0"));
    }
}
