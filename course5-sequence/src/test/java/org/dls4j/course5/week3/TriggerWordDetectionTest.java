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
 * A small model trained on four synthesized clips beats the best constant prediction and hears their activates, and
 * the run writes the chime, the spectrogram and the prediction; the full run (tagged) detects activates on held-out
 * clips with few false alarms, which a model that predicts zeros cannot.
 */
class TriggerWordDetectionTest {

    /**
     * A small model (32 filters, GRU(32), otherwise the defaults) trained for 60 steps on four clips: its loss falls
     * to well under that of the best constant prediction (which a model deaf to its input cannot beat; measured: 0.166
     * against 0.33), it hears most of the activates of its training clips (10 of 12), and the run writes its files.
     */
    @Test
    void aSmallModelLearnsToHearActivateInFourClips(@TempDir Path out) throws IOException {
        TriggerWordDetection.Options options = new TriggerWordDetection.Options();
        options.examples = 4;
        options.devExamples = 2;
        options.epochs = 30;
        options.batchSize = 2;
        options.filters = 32;
        options.units = 32;
        options.out = out;
        Report.Captured report = Report.captured();
        TriggerWordDetection.Result result = TriggerWordDetection.run(options, report);
        assertTrue(report.lines().contains("x.shape: (101, 5511)"));
        assertTrue(report.lines().contains("y.shape: (1, 1375)"));
        double[] losses = result.losses();
        assertTrue(losses[losses.length - 1] < 0.7 * result.constantLoss(),
                () -> result.constantLoss() + " " + Arrays.toString(losses));
        TriggerWordDetection.Evaluation training = result.training();
        assertTrue(training.inserted() >= 8 && training.detected() >= training.inserted() / 2, training::toString);
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
        TriggerWordDetection.Options features = new TriggerWordDetection.Options();
        features.features = "mel";
        assertEquals("--features must be power or log, not mel",
                assertThrows(OptionException.class, features::validate).getMessage());
        TriggerWordDetection.Options dropout = new TriggerWordDetection.Options();
        dropout.dropout = 1;
        assertThrows(OptionException.class, dropout::validate);
    }

    /**
     * The default run (about 150 s of training on two cores): on 16 held-out synthesized clips the model detected 33
     * of the 35 inserted activates, and 4 of its 37 chimes were false alarms; its loss fell from 0.69 to 0.10, the
     * best constant prediction's being 0.28. A model that predicts zeros (frame accuracy 0.924 here) detects none.
     */
    @Test
    @Tag("full")
    void theDefaultRunDetectsActivatesOnHeldOutClips(@TempDir Path out) {
        TriggerWordDetection.Options options = new TriggerWordDetection.Options();
        options.out = out;
        TriggerWordDetection.Result result = TriggerWordDetection.run(options, Report.silent());
        TriggerWordDetection.Evaluation heldOut = result.evaluation();
        assertTrue(heldOut.detectionRate() >= 0.75, heldOut::toString);
        assertTrue(heldOut.chimePrecision() >= 0.7, heldOut::toString);
        assertTrue(heldOut.frameAccuracy() > heldOut.allZerosAccuracy() + 0.02, heldOut::toString);
        double[] losses = result.losses();
        assertTrue(losses[losses.length - 1] < 0.6 * result.constantLoss(), () -> Arrays.toString(losses));
    }
}
