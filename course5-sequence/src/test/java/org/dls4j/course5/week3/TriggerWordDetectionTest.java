package org.dls4j.course5.week3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Report;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A few short epochs on four synthesized clips lower the loss and write the chime, the spectrogram and the prediction;
 * the full run (tagged) detects activates on held-out clips, which a model that predicts zeros cannot.
 */
class TriggerWordDetectionTest {

    @Test
    void aTinyRunLowersTheLossAndWritesItsFiles(@TempDir Path out) throws IOException {
        TriggerWordDetection.Options options = new TriggerWordDetection.Options();
        options.examples = 4;
        options.devExamples = 2;
        options.epochs = 3;
        options.batchSize = 4;
        options.out = out;
        Report.Captured report = Report.captured();
        TriggerWordDetection.Result result = TriggerWordDetection.run(options, report);
        assertEquals(523_329, result.params());
        assertTrue(report.lines().contains("x.shape: (101, 5511)"));
        assertTrue(report.lines().contains("y.shape: (1, 1375)"));
        assertTrue(result.losses()[2] < result.losses()[0], () -> Arrays.toString(result.losses()));
        assertEquals(TriggerSynthesis.TY, result.prediction().length);
        for (Path file : result.files()) {
            assertTrue(Files.size(file) > 1000, file::toString);
        }
        assertTrue(Files.exists(out.resolve(TriggerWordDetection.CHIME_OUTPUT)));
    }

    @Test
    void chimesFollowTheNotebooksRule() {
        double[] prediction = new double[300];
        for (int t : new int[] {50, 80, 120, 200, 276}) {
            prediction[t] = 0.9;
        }
        // more than 75 steps since the last chime (or the start): 80, 200 and 276; 50 and 120 are too soon
        assertEquals(List.of(80, 200, 276), TriggerWordDetection.chimeSteps(prediction, 0.5));
    }

    @Test
    void badOptionsFailBeforeAnyWork() {
        TriggerWordDetection.Options options = new TriggerWordDetection.Options();
        options.devExamples = 0;
        assertThrows(OptionException.class, options::validate);
        TriggerWordDetection.Options threshold = new TriggerWordDetection.Options();
        threshold.threshold = 1.5;
        assertThrows(OptionException.class, threshold::validate);
    }

    /**
     * The default run: on held-out synthesized clips the model detects at least a quarter of the inserted activates
     * (a model that predicts zeros, whose frame accuracy is about 0.97, detects none).
     */
    @Test
    @Tag("full")
    void theDefaultRunDetectsActivatesOnHeldOutClips(@TempDir Path out) {
        TriggerWordDetection.Options options = new TriggerWordDetection.Options();
        options.out = out;
        TriggerWordDetection.Result result = TriggerWordDetection.run(options, Report.silent());
        assertTrue(result.evaluation().detectionRate() >= 0.25, result.evaluation()::toString);
        assertTrue(result.evaluation().frameAccuracy() > 0.9, result.evaluation()::toString);
    }
}
