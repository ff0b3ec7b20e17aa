package org.dls4j.course4.week2;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.graph.MobileNetV2;
import org.dls4j.shared.graph.faceapi.MobileNetV1Backbone;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;

/** The pretrained MobileNetV1 on the Happy House pictures: what is frozen stays, the new head learns. */
class TransferLearningTest {

    private static HappyHouse.Data happy;

    @TempDir
    Path out;

    @BeforeAll
    static void load() {
        happy = HappyHouse.Data.load();
    }

    /** The rebuilt graph computes the pretrained backbone exactly (M2.1's rebuild scrambled depthwise filters). */
    @Test
    void theNewHeadSitsOnThePretrainedFeatures() {
        DataSet pictures = TransferLearning.scaled(happy.test(), 64);
        ComputationGraph backbone = MobileNetV1Backbone.load(64, 64);
        INDArray expected = backbone.feedForward(pictures.getFeatures(), false).get("conv_13");
        ComputationGraph model = TransferLearning.withNewHead(MobileNetV1Backbone.load(64, 64), "conv_13", "conv_13",
                0.01, 1, pictures.getFeatures());
        assertEquals(0.0, model.feedForward(pictures.getFeatures(), false).get("conv_13").sub(expected)
                .amaxNumber().doubleValue(), 1e-6);
    }

    /**
     * Training the head leaves every frozen block as it was and moves the head; fine-tuning moves the unfrozen blocks
     * only; the loss falls; the comparison row and both plots come out.
     */
    @Test
    void frozenBlocksStayAndTheHeadLearns() {
        ComputationGraph pretrained = MobileNetV1Backbone.load(64, 64);
        DataSet train = TransferLearning.scaled(happy.train(), 64);
        ComputationGraph model = TransferLearning.withNewHead(MobileNetV1Backbone.load(64, 64), "conv_13", "conv_13",
                0.01, 1, train.getFeatures());
        INDArray headBefore = model.getLayer("dense").params().dup();
        for (int i = 0; i < 3; i++) {
            model.fit(train);
        }
        for (String block : List.of("conv_0", "conv_5_depthwise", "conv_13")) {
            assertEquals(0.0, model.getLayer(block).params().reshape(-1)
                    .sub(pretrained.getLayer(block).params().reshape(-1)).amaxNumber().doubleValue(), 0.0, block);
        }
        assertNotEquals(headBefore, model.getLayer("dense").params());

        TransferLearning.Options options = new TransferLearning.Options();
        options.out = out;
        options.size = 64;                          // at 64 pixels block 9's features carry the smile
        options.features = "conv_9";
        options.fineTuneAt = 8;
        options.rotation = 0;                       // flips only: fewer epochs to learn
        options.epochs = 8;
        options.fineTuneEpochs = 1;
        options.sizes = List.of(16);
        Report.Captured report = Report.captured();
        TransferLearning.Result result = TransferLearning.run(options, report, happy);
        double first = result.head().epochs().get(0).loss();
        double last = result.head().last().loss();
        assertTrue(last < first - 0.1, "head loss " + first + " -> " + last);
        assertTrue(result.head().last().accuracy() > 0.65, "training accuracy " + result.head().last().accuracy());
        assertEquals(16, result.sizes().get(0).trainingPictures());
        assertEquals(2, result.plots().size());
        assertTrue(report.results().stream().anyMatch(line -> line.startsWith("Fine-tuned from conv_8")),
                report.results().toString());
    }

    @Test
    void badOptionsAreRefused() {
        TransferLearning.Options options = new TransferLearning.Options();
        options.features = "conv_14";
        assertThrows(OptionException.class, options::validate);
        options.features = "conv_9";
        options.fineTuneAt = 11;                    // above the block the head reads
        assertThrows(OptionException.class, options::validate);
    }

    /**
     * data_augmenter: the notebook's layers (a horizontal flip, a rotation of up to 0.2 of a turn), by what they do
     * to fixed pictures ({@link TransferLearningChecks}).
     */
    @Test
    void theAugmenterFlipsAndTurnsAsTheNotebooks() {
        assertPasses(new TransferLearningChecks(), "data_augmenter");
    }

    /**
     * The notebook's {@code alpaca_model} on MobileNetV2 (random weights): its summary at 160 x 160 as the notebook's
     * ({@link TransferLearningChecks}): 1,281 trainable parameters (Dense(1) on 1280 features) and the base's
     * 2,257,984 not; with {@code fine_tune_at = 120}, layers 120-154 and the head train, 1,626,177 parameters (their
     * kernels, depthwise kernels, gammas and betas). At 32 x 32: the rebuilt base computes what the base computes,
     * and a fit moves the head only.
     */
    @Test
    void theMobileNetV2ModelIsTheNotebooks() {
        assertPasses(new TransferLearningChecks(), "alpaca_model");
        ComputationGraph base = MobileNetV2.architecture(32, 1.0);
        ComputationGraph model = MobileNetV2Transfer.alpacaModel(base, MobileNetV2Transfer.LAYERS, 0.001, 1);

        DataSet pictures = TransferLearning.scaled(happy.test(), 32).splitTestAndTrain(4).getTrain();
        INDArray expected = base.feedForward(pictures.getFeatures(), false).get(MobileNetV2.OUTPUT);
        assertEquals(0.0, model.feedForward(pictures.getFeatures(), false).get(MobileNetV2.OUTPUT).sub(expected)
                .amaxNumber().doubleValue(), 1e-6);
        INDArray head = model.getLayer("dense").params().dup();
        model.fit(pictures);
        assertNotEquals(head, model.getLayer("dense").params());
        for (String layer : List.of("Conv1", "block_5_depthwise", "block_16_project_BN", "Conv_1")) {
            assertEquals(0.0, model.getLayer(layer).params().reshape(-1).sub(base.getLayer(layer).params()
                    .reshape(-1)).amaxNumber().doubleValue(), 0.0, layer);
        }
    }

    /** {@code --mobilenet-v2} brings the notebook's settings, except those given; a missing file is refused. */
    @Test
    void mobileNetV2BringsTheNotebooksSettings() throws Exception {
        Path file = Files.writeString(out.resolve("weights.h5"), "not HDF5");
        TransferLearning.Options options = new TransferLearning.Options();
        options.out = out;
        new CommandLine(options).parseArgs("--mobilenet-v2", file.toString(), "--epochs", "2");
        options.validate();
        assertEquals(160, options.size);
        assertEquals(2, options.epochs);
        assertEquals(0.001, options.learningRate);
        assertEquals(120, options.fineTuneAt);
        assertEquals(1e-4, options.fineTuneLearningRate, 1e-12);

        DataException corrupt = assertThrows(DataException.class,
                () -> TransferLearning.run(options, Report.silent(), happy));
        assertTrue(corrupt.getMessage().contains(file.toString()), corrupt.getMessage());

        TransferLearning.Options missing = new TransferLearning.Options();
        missing.out = out;
        missing.mobileNetV2 = out.resolve("mobilenet_v2.h5");
        OptionException e = assertThrows(OptionException.class, missing::validate);
        assertTrue(e.getMessage().startsWith("--mobilenet-v2 ") && e.getMessage().contains("no such file"),
                e.getMessage());
    }

    /** The default run: the held-out accuracy clears predicting the majority (16 of 29, 0.55) by a margin. */
    @Test
    @Tag("full")
    void theDefaultRunBeatsTheMajorityClass() {
        TransferLearning.Options options = new TransferLearning.Options();
        options.out = out;
        TransferLearning.Result result = TransferLearning.run(options, Report.silent(), happy);
        assertTrue(result.headAccuracy() >= 0.65, "head accuracy " + result.headAccuracy());
        TransferLearning.SizePoint smallest = result.sizes().get(0);
        assertTrue(smallest.pretrainedAccuracy() >= smallest.scratchAccuracy(), smallest.toString());
    }
}
