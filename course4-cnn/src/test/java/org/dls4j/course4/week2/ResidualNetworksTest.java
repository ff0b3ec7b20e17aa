package org.dls4j.course4.week2;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.data.images.SignsData;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Residual Networks (reference section 4.2): the 2021 block checks exactly, the summary, and training. */
class ResidualNetworksTest {

    // ResNet50's summary is checked by ExerciseModeTest (ResidualNetworksChecks on this code), not built twice.
    /** The notebook's test cells, as the grader checks them. */
    @ParameterizedTest
    @ValueSource(strings = {"identity_block", "convolutional_block"})
    void gradedFunction(String function) {
        assertPasses(new ResidualNetworksChecks(), function);
    }


    @TempDir
    Path out;

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
}
