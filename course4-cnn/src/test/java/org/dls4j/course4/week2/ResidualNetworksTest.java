package org.dls4j.course4.week2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.data.images.SignsData;
import org.dls4j.shared.graph.GraphSummary;
import org.dls4j.shared.testing.NdAssert;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Residual Networks (reference section 4.2): the 2021 block checks exactly, the summary, and training. */
class ResidualNetworksTest {

    @TempDir
    Path out;

    /** {@code identity_block(X, f=2, filters=[3, 3, 3], training=True)}: the notebook cell's printed values. */
    @Test
    void identityBlockInTrainingModeGivesTheNotebooksValues() {
        double[] zeros = new double[8];
        double[] middle = {0.40739, 0.40739, 0.40739, 0.40739, 0.40739, 0.40739, 0.40739, 0.40739};
        double[] last = {4.99991, 4.99991, 4.99991, 3.25948, 3.25948, 3.25948, 3.25948, 2.40739};
        NdAssert.assertAllClose(concat(zeros, middle, last),
                ResidualNetworks.identityBlockCheck(2, new int[] {3, 3, 3}, true).reshape(24), 0, 1e-5,
                "f=2 training");
    }

    /** {@code identity_block_test}: f = 3, [3, 3, 3], training=True (public_tests.py). */
    @Test
    void identityBlockTestOfPublicTests() {
        double[] middle = {0.37394285, 0.37394285, 0.37394285, 0.37394285, 0.37394285, 0.37394285, 0.37394285,
            0.37394285};
        double[] last = {3.2379014, 4.1394243, 4.1394243, 3.2379014, 3.2379014, 4.1394243, 4.1394243, 3.2379014};
        NdAssert.assertAllClose(concat(new double[8], middle, last),
                ResidualNetworks.identityBlockCheck(3, new int[] {3, 3, 3}, true).reshape(24), 0, 1e-5, "f=3");
    }

    /**
     * {@code identity_block(X, f=2, filters=[4, 4, 3], training=False)}: batch norm in inference mode
     * (x / sqrt(1 + 1e-3)); values up to 578 in float32, so 2e-5 relative.
     */
    @Test
    void identityBlockInInferenceModeGivesTheNotebooksValues() {
        double[] middle = {192.71234, 192.71234, 192.71234, 96.85617, 96.85617, 96.85617, 96.85617, 48.92808};
        double[] last = {578.1371, 578.1371, 578.1371, 290.5685, 290.5685, 290.5685, 290.5685, 146.78426};
        NdAssert.assertAllClose(concat(new double[8], middle, last),
                ResidualNetworks.identityBlockCheck(2, new int[] {4, 4, 3}, false).reshape(24), 2e-5, 1e-6,
                "f=2 inference");
        assertArrayEquals(new long[] {3, 6, 2, 2}, ResidualNetworks.convolutionalBlockShape());
    }

    /** model.summary(): 23,600,006 parameters, 53,120 non-trainable, Keras' names. */
    @Test
    void resNet50SummaryIsTheNotebooks() {
        GraphSummary summary = GraphSummary.of(ResidualNetworks.resNet50(1, 0.001), 3, 64, 64);
        assertEquals(23_600_006, summary.totalParams());
        assertEquals(53_120, summary.nonTrainableParams());
        assertEquals(23_546_886, summary.trainableParams());
        GraphSummary.Row stage5 = summary.rows().stream().filter(r -> r.name().equals("res5c_branch2c")).findFirst()
                .orElseThrow();
        assertArrayEquals(new long[] {2048, 2, 2}, stage5.outputShape());
        assertTrue(summary.table().contains("Total params: 23,600,006"));
    }

    /**
     * Two epochs on 192 pictures through the whole run (the block checks, the summary, fit, evaluate, --image,
     * the plot): ResNet50 from scratch only starts to learn there, so this checks the run and a falling loss.
     */
    @Test
    void shortRunFitsEvaluatesAndPlots() throws Exception {
        ResidualNetworks.Data all = ResidualNetworks.Data.load();
        DataSet train = all.train().copy();
        int[] some = new NumpyRandom(0).permutation(1080);
        int[] first = Arrays.copyOf(some, 192);
        train = new DataSet(train.getFeatures().reshape('c', 1080, -1).getRows(first).reshape('c', 192, 3, 64, 64),
                train.getLabels().getRows(first));
        ResidualNetworks.Data data = new ResidualNetworks.Data(train, all.test(), all.trainSource());
        Path picture = out.resolve("sign.png");
        Images.writePng(SignsData.test().images()
                .get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all()), picture);
        ResidualNetworks.Options options = new ResidualNetworks.Options();
        options.epochs = 2;
        options.out = out;
        options.image = picture;
        Report.Captured report = Report.captured();
        ResidualNetworks.Result r = ResidualNetworks.run(options, report, ResidualNetworks.blockChecks(), data);
        assertEquals(2, r.history().epochs().size());
        assertTrue(Double.isFinite(r.testLoss()), "test loss " + r.testLoss());
        assertTrue(r.history().loss()[1] < r.history().loss()[0], "the loss falls: "
                + Arrays.toString(r.history().loss()));
        assertTrue(r.predictedSign() >= 0 && r.predictedSign() < 6);
        assertTrue(report.results().stream().anyMatch(l -> l.startsWith("Test Accuracy = ")), report.results().toString());
        assertTrue(report.results().contains("Class: " + r.predictedSign()), report.results().toString());
        assertTrue(Files.size(r.plot()) > 1000);
    }

    @Test
    void badOptionsAreRefusedBeforeTraining() throws Exception {
        RefusedOptions.assertRefused(ResidualNetworks.Options::new, ResidualNetworks::run, out,
                new String[] {"--epochs", "-1"}, new String[] {"--batch-size", "0"},
                new String[] {"--learning-rate", "0"}, new String[] {"--seed", "-1"});
    }

    /** The notebook's 10 epochs of batch 32 on 1080 pictures: its bar, test accuracy above 0.80. About 8 minutes. */
    @Test
    @Tag("full")
    void tenEpochsPassTheNotebooksBar() {
        ResidualNetworks.Options options = new ResidualNetworks.Options();
        options.out = out;
        ResidualNetworks.Result r = ResidualNetworks.run(options, Report.silent(), ResidualNetworks.blockChecks(),
                ResidualNetworks.Data.load());
        assertTrue(r.testAccuracy() > ResidualNetworks.NOTEBOOK_BAR, "test accuracy " + r.testAccuracy());
    }

    private static double[] concat(double[]... parts) {
        return Arrays.stream(parts).flatMapToDouble(Arrays::stream).toArray();
    }
}
