package org.dls4j.course4.week3;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.ShapeScenes;
import org.dls4j.shared.data.images.ShapeScenes.Scene;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** U-Net (reference section 5.2): the notebook's blocks and parameter count, and training on generated scenes. */
class ImageSegmentationTest {
    /** How far above "background everywhere" (0.1925) the short run's mean IoU must be (it got 0.3314). */
    private static final double MARGIN = 0.08;
    /** The default run's bands (it got mean IoU 0.8397, pixel accuracy 0.9690; "background everywhere": 0.1910). */
    private static final double FULL_MEAN_IOU = 0.7, FULL_PIXEL_ACCURACY = 0.93;

    @TempDir
    Path out;

    /**
     * unet_model((96, 128, 3), n_filters=32, n_classes=23): the notebook's summary line by line and its 8,640,471
     * parameters ({@link ImageSegmentationChecks}). By hand, a k x k convolution has k*k*in*out + out: encoder
     * 10,144 (896 + 9,248) + 55,424 + 221,440 + 885,248 + 3,539,968; decoder (transposed 3x3, then two 3x3 on the
     * concatenation) 2,949,888 + 737,664 + 184,512 + 46,176; conv9 9,248; conv10 (1x1, 32 -> 23) 759. The output is
     * a softmax over 23 classes at every one of the 96x128 pixels.
     */
    @Test
    void theNotebooksUnetHasItsSummaryAndAClassPerPixel() {
        assertPasses(new ImageSegmentationChecks(), "unet_model");
        ComputationGraph unet = UNetGraph.unetModel(96, 128, 3, 32, 23, 1, 0.001);
        INDArray out = unet.outputSingle(false, Nd4j.rand(DataType.FLOAT, 1, 3, 96, 128));
        assertArrayEquals(new long[] {1, 23, 96, 128}, out.shape());
        INDArray perPixel = out.sum(1);
        assertEquals(1.0, perPixel.minNumber().doubleValue(), 1e-5, "a probability distribution at every pixel");
        assertEquals(1.0, perPixel.maxNumber().doubleValue(), 1e-5);
    }

    /**
     * The notebook's block tests: conv_block on (96, 128, 3) with 32 filters (896, 9,248, pool (48, 64, 32)) and
     * with 1,024 filters and dropout (28,672, 9,438,208); upsampling_block of (12, 16, 256) with the skip (24, 32,
     * 128), 32 filters: transposed convolution 73,760, concatenation (24, 32, 160), then 46,112 and 9,248.
     */
    @Test
    void theBlocksHaveTheNotebooksSummaries() {
        assertPasses(new ImageSegmentationChecks(), "conv_block");
        assertPasses(new ImageSegmentationChecks(), "upsampling_block");
    }

    @Test
    void iouCountsIntersectionOverUnionPerClassAndTheBaselineIsBackgroundsShare() {
        INDArray image = Nd4j.zeros(DataType.FLOAT, 3, 2, 2);
        Scene scene = new Scene(image, new int[][] {{0, 0}, {1, 2}}, List.of());
        int[][][] predicted = {{{0, 1}, {1, 0}}};
        ImageSegmentation.IoU iou = ImageSegmentation.intersectionOverUnion(List.of(scene), predicted, 4);
        // background: 1 right of 3 pixels labelled or predicted; circle: 1 of 2; square: 0 of 1; triangle: absent
        assertEquals(1 / 3.0, iou.perClass()[0], 1e-12);
        assertEquals(0.5, iou.perClass()[1], 1e-12);
        assertEquals(0.0, iou.perClass()[2], 1e-12);
        assertTrue(Double.isNaN(iou.perClass()[3]));
        assertEquals((1 / 3.0 + 0.5 + 0.0) / 3, iou.mean(), 1e-12);
        assertEquals(0.5, iou.pixelAccuracy(), 1e-12);
        // "background" everywhere: IoU 2/4 for background, 0 for circle and square
        assertEquals(0.5 / 3, iou.backgroundBaseline(), 1e-12);
    }

    @Test
    void masksBecomeOneHotChannelsFirst() {
        List<Scene> scenes = ShapeScenes.generate(2, 16, 2, 3);
        DataSet data = ImageSegmentation.dataSet(scenes, 4);
        assertArrayEquals(new long[] {2, 3, 16, 16}, data.getFeatures().shape());
        assertArrayEquals(new long[] {2, 4, 16, 16}, data.getLabels().shape());
        assertEquals(2 * 16 * 16, data.getLabels().sumNumber().doubleValue(), 0);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                assertEquals(1.0, data.getLabels().getDouble(1, scenes.get(1).mask()[y][x], y, x), 0);
            }
        }
        assertEquals(scenes.get(1).image().getDouble(2, 5, 7), data.getFeatures().getDouble(1, 2, 5, 7), 0);
    }

    /**
     * A short run (32x32 scenes, 8 filters, 4 epochs of 320 scenes in batches of 8: 160 steps): the network has left
     * the "background everywhere" answer, so its mean IoU is well above that answer's (a network that ignores the
     * picture gets at most that) and its validation loss well below the best constant answer's (the entropy of the
     * classes' shares, about 0.8); the pictures are written.
     */
    @Test
    void aShortRunSegmentsBetterThanBackgroundEverywhere() throws Exception {
        ImageSegmentation.Options options = shortRun();
        ImageSegmentation.Result r = ImageSegmentation.run(options, Report.silent());
        assertEquals(ImageSegmentation.NOTEBOOK_PARAMS, r.notebookParams());
        assertEquals(options.epochs, r.history().epochs().size());
        assertTrue(r.constantLoss() > 0.6 && r.constantLoss() < 1.1, "constant answer's loss " + r.constantLoss());
        double valLoss = r.history().last().valLoss();
        assertTrue(valLoss < r.constantLoss() - 0.3, "val_loss " + valLoss + " vs " + r.constantLoss());
        double baseline = r.iou().backgroundBaseline();
        assertTrue(baseline > 0.14 && baseline < 0.22, "baseline " + baseline);
        assertTrue(r.iou().mean() > baseline + MARGIN, "mean IoU " + r.iou().mean() + " vs " + baseline);
        BufferedImage predictions = ImageIO.read(r.predictionsPlot().toFile());
        assertEquals(3 * (128 + 8) + 8, predictions.getWidth(), "input | true mask | predicted mask");
        assertTrue(Files.size(r.accuracyPlot()) > 0);
    }

    @Test
    void badOptionsAreRefusedBeforeTraining() throws Exception {
        RefusedOptions.assertRefused(ImageSegmentation.Options::new, ImageSegmentation::run, out,
                new String[] {"--epochs", "0"}, new String[] {"--size", "40"}, new String[] {"--size", "0"},
                new String[] {"--filters", "0"}, new String[] {"--batch-size", "0"},
                new String[] {"--train-scenes", "0"}, new String[] {"--max-shapes", "0"},
                new String[] {"--learning-rate", "-1"});
    }

    /**
     * The default run (32x32, 8 filters, 8 epochs of 600 scenes in batches of 8: 600 steps): the network draws
     * the shapes' classes; its mean IoU is far above "background everywhere" (about 0.19).
     */
    @Test
    @Tag("full")
    void theDefaultRunSegmentsTheShapes() {
        ImageSegmentation.Options options = new ImageSegmentation.Options();
        options.out = out;
        ImageSegmentation.Result r = ImageSegmentation.run(options, Report.silent());
        assertTrue(r.iou().mean() > FULL_MEAN_IOU, "mean IoU " + r.iou().mean());
        assertTrue(r.iou().pixelAccuracy() > FULL_PIXEL_ACCURACY, "pixel accuracy " + r.iou().pixelAccuracy());
    }

    private ImageSegmentation.Options shortRun() {
        ImageSegmentation.Options options = new ImageSegmentation.Options();
        options.out = out;
        options.size = 32;
        options.filters = 8;
        options.trainScenes = 320;
        options.validationScenes = 60;
        options.epochs = 4;
        options.batchSize = 8;
        options.examples = 2;
        return options;
    }
}
