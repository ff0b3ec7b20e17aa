package org.dls4j.course3.week2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.course3.ConvNetTraining;
import org.dls4j.course3.SignsPictures;
import org.dls4j.course4.week1.SignsConvNet;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Transfer learning: what is frozen stays, the new head learns, and the comparison against training from scratch. */
class TransferLearningTest {

    @TempDir
    Path out;

    @Test
    void frozenLayersKeepTheirWeightsAndTheHeadLearns() {
        ComputationGraph pretrained = SignsConvNet.graph(SignsConvNet.Version.KERAS, 3, 0.005, 4, 8);
        ComputationGraph transferred = TransferLearning.withNewHead(pretrained, true, 3, 0.005, 3);
        for (String layer : List.of("A1", "A2")) {
            assertArrayEquals(pretrained.getLayer(layer).params().toFloatVector(),
                    transferred.getLayer(layer).params().toFloatVector(), layer + " starts as pre-trained");
        }
        float[] head = transferred.getLayer(TransferLearning.HEAD).params().toFloatVector().clone();
        SignsPictures few = SignsPictures.folder("test_signs").only(3, 4, 5).perDigit(4, 1);
        ConvNetTraining.train(transferred, few.dataSet(3, 4, 5), 3, 6, 1, Progress.NONE);
        for (String layer : List.of("A1", "A2")) {
            assertArrayEquals(pretrained.getLayer(layer).params().toFloatVector(),
                    transferred.getLayer(layer).params().toFloatVector(), layer + " is frozen");
        }
        assertFalse(Arrays.equals(head, transferred.getLayer(TransferLearning.HEAD).params()
                .toFloatVector()), "the head trains");
        assertEquals(3, transferred.outputSingle(few.pictures()).size(1));

        ComputationGraph scratch = TransferLearning.withNewHead(pretrained, false, 3, 0.005, 3);
        ConvNetTraining.train(scratch, few.dataSet(3, 4, 5), 1, 6, 1, Progress.NONE);
        assertFalse(Arrays.equals(pretrained.getLayer("A1").params().toFloatVector(),
                scratch.getLayer("A1").params().toFloatVector()), "without freezing every layer trains");
    }

    @Test
    void everyModelGetsEnoughStepsAndEpochs() {
        assertEquals(300, TransferLearning.epochsFor(300, 40, 15, 32), "15 pictures: one batch per epoch");
        assertEquals(75, TransferLearning.epochsFor(300, 40, 120, 32), "4 batches per epoch");
        assertEquals(40, TransferLearning.epochsFor(300, 40, 420, 32), "14 batches per epoch: 22 epochs are enough");
    }

    /** A short run: task A learns, the summary counts frozen and trainable parameters, a row per size. */
    @Test
    void shortRunComparesTransferWithScratch() throws Exception {
        TransferLearning.Options options = new TransferLearning.Options();
        options.filters = 8;
        options.epochs = 6;
        options.perDigit = List.of(5, 10);
        options.steps = 40;
        options.minEpochs = 1;
        options.out = out;
        options.validate();
        Report.Captured report = Report.captured();
        TransferLearning.Result r = TransferLearning.run(options, report);
        report.results().forEach(System.out::println);

        assertTrue(r.sourceAccuracy() > 0.5, "task A learns (chance 1/3): " + r.sourceAccuracy());
        assertEquals(64 * 3 + 3, r.trainableParameters(), "the head: 16*2*2 features x 3 signs + 3 biases");
        assertEquals(4 * 4 * 3 * 8 + 8 + 2 * 2 * 8 * 16 + 16, r.frozenParameters(), "both convolutions");
        assertEquals(2, r.sizes().size());
        assertEquals(15, r.sizes().get(0).pictures());
        for (TransferLearning.SizePoint p : r.sizes()) {
            assertEquals(0, Math.IEEEremainder(p.transferAccuracy() * 165, 1), 1e-9);
            assertEquals(0, Math.IEEEremainder(p.scratchAccuracy() * 165, 1), 1e-9);
        }
        assertTrue(Files.size(r.plot()) > 1000);
    }

    /**
     * The default run: task A is learned (held-out 0-2 at least 80 %), the frozen features carry task B well above
     * chance (1/3) at every size, and from scratch the whole network learns task B from 140 pictures per sign (at
     * least 80 %). Whether transfer beats scratch is what the run measures, not asserted: here it did not.
     */
    @Test
    @Tag("full")
    void defaultRunLearnsBothTasks() {
        TransferLearning.Options options = new TransferLearning.Options();
        options.out = out;
        TransferLearning.Result r = TransferLearning.run(options, Report.captured());
        assertTrue(r.sourceAccuracy() >= 0.8, "task A " + r.sourceAccuracy());
        for (TransferLearning.SizePoint p : r.sizes()) {
            assertTrue(p.transferAccuracy() > 0.45, p.toString());
        }
        assertTrue(r.sizes().get(r.sizes().size() - 1).scratchAccuracy() >= 0.8, r.sizes().toString());
    }

    @Test
    void badOptionsAreRefusedUpFront() {
        RefusedOptions.assertRefused(TransferLearning.Options::new, TransferLearning::run, out,
                new String[] {"--source-digits", "0"}, new String[] {"--target-digits", "2,3"},
                new String[] {"--target-digits", "3,9"}, new String[] {"--per-digit", "500"},
                new String[] {"--steps", "0"});
    }
}
