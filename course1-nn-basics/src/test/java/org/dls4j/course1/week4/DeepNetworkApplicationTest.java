package org.dls4j.course1.week4;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.dls4j.course1.CommandLineRun;
import org.dls4j.course1.week4.DeepNetworkApplication.Fit;
import org.dls4j.course1.week4.DeepNetworkApplication.Models;
import org.dls4j.course1.week4.DeepNetworkApplication.Result;
import org.dls4j.course1.week4.DeepNetworkApplication.TrainedModel;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.CatsData;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.train.CostRecorder;
import org.dls4j.shared.train.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The application against expected-c1-c2.md section 6: the full 2500-iteration runs of both models (every printed
 * cost to the printed 6 decimals, and to 1e-12 relative at full precision; the accuracies as numpy prints them),
 * the 2021 public tests of both graded functions, the custom-image path and bad input.
 *
 * <p>Both full runs are in the default build: 14-20 s each on an idle 2-core machine (about 7 ms per iteration).
 */
class DeepNetworkApplicationTest {

    private static final DeepNetworkApplicationChecks CHECKS = new DeepNetworkApplicationChecks();

    /** Section 6, two-layer model: the cost at 0, 100, ..., 2400, 2499 (full precision, 2018+ expected). */
    static final double[] TWO_LAYER_COSTS = {0.6930497356599888, 0.6464320953428849, 0.6325140647912677,
        0.6015024920354665, 0.5601966311605746, 0.5158304772764729, 0.4754901313943325, 0.4339163151225749,
        0.4007977536203887, 0.3580705011323798, 0.3394281538366413, 0.3052753636196263, 0.27491377282130164,
        0.24681768210614832, 0.19850735037466097, 0.17448318112556646, 0.17080762978096034, 0.11306524562164738,
        0.09629426845937152, 0.08342617959726865, 0.07439078704319085, 0.06630748132267933, 0.05919329501038171,
        0.05336140348560558, 0.04855478562877021, 0.04421498215868955};

    /** Section 6, L-layer model [12288, 20, 7, 5, 1]. */
    static final double[] L_LAYER_COSTS = {0.7717493284237686, 0.6720534400822913, 0.6482632048575212,
        0.6115068816101356, 0.567047326836611, 0.5401376634547801, 0.5279299569455267, 0.46547737717668514,
        0.369125852495928, 0.39174697434805344, 0.3151869888600617, 0.2726998441789385, 0.23741853400268137,
        0.19960120532208644, 0.18926300388463307, 0.16118854665827753, 0.14821389662363318, 0.13777487812972944,
        0.12974017549190123, 0.12122535068005211, 0.1138206066863371, 0.10783928526254132, 0.10285466069352679,
        0.10089745445261786, 0.09287821526472398, 0.088439943441702};

    static List<String> expectedLines(double[] costs) {
        List<String> lines = new ArrayList<>();
        for (int k = 0; k < costs.length; k++) {
            int i = k < costs.length - 1 ? 100 * k : 2499;
            lines.add(String.format(Locale.ROOT, "Cost after iteration %d: %s", i, NumpyFormat.fixed6(costs[k])));
        }
        return lines;
    }

    static void assertCosts(double[] expected, TrainedModel model, List<String> printed) {
        assertArrayEquals(new int[] {0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400,
            1500, 1600, 1700, 1800, 1900, 2000, 2100, 2200, 2300, 2400, 2499}, model.costs().iterations());
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], model.costs().costs()[k], 1e-12 * expected[k],
                    "cost at iteration " + model.costs().iterations()[k]);
        }
        List<String> costLines = printed.stream().filter(l -> l.startsWith("Cost after")).toList();
        assertEquals(expectedLines(expected), costLines);
    }

    static DeepNetworkApplication.Options notebook(Path out, Models models) {
        DeepNetworkApplication.Options options = new DeepNetworkApplication.Options();
        options.out = out;
        options.models = models;
        return options;
    }

    @Test
    void twoLayerModelReachesTheNotebooksCostsAnd72PercentTest(@TempDir Path out) throws Exception {
        Report.Captured report = Report.captured();
        Result r = DeepNetworkApplication.run(notebook(out, Models.TWO_LAYER), report);
        List<String> printed = report.lines();
        assertCosts(TWO_LAYER_COSTS, r.twoLayer(), printed);
        assertEquals("0.9999999999999998", NumpyFormat.repr(r.twoLayer().trainAccuracy()));
        assertEquals("0.72", NumpyFormat.repr(r.twoLayer().testAccuracy()));
        // -q prints the two accuracies only
        assertEquals(List.of("Accuracy: 0.9999999999999998", "Accuracy: 0.72"), report.results());
        assertTrue(Files.size(out.resolve("c1w4-two-layer-cost.png")) > 1000);
        assertTrue(Files.size(out.resolve("c1w4-mislabeled.png")) > 1000);
    }

    @Test
    void lLayerModelReachesTheNotebooksCostsAndAccuracies(@TempDir Path out) throws Exception {
        // a cat picture of the test set, written as a PNG file: the custom-image cell must call it a cat
        CatsData.Split test = CatsData.test();
        int cat = 1; // test picture 1 is a cat that the trained L-layer model classifies correctly
        assertEquals(1, test.label(cat));
        Path picture = out.resolve("my_image.png");
        Images.writePng(test.images().get(NDArrayIndex.point(cat), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all()), picture);

        DeepNetworkApplication.Options options = notebook(out, Models.L_LAYER);
        options.image = picture;
        Report.Captured report = Report.captured();
        Result r = DeepNetworkApplication.run(options, report);
        List<String> printed = report.lines();
        assertCosts(L_LAYER_COSTS, r.lLayer(), printed);
        assertEquals("0.9856459330143539", NumpyFormat.repr(r.lLayer().trainAccuracy()));
        assertEquals("0.8", NumpyFormat.repr(r.lLayer().testAccuracy()));
        assertEquals(List.of("Accuracy: 0.9856459330143539", "Accuracy: 0.8",
                "y = 1.0, your L-layer model predicts a \"cat\" picture."), report.results());
        // 80 % of 50: ten mislabeled pictures in the figure
        assertEquals(10, r.mislabeled().size());
        assertTrue(Files.size(out.resolve("c1w4-l-layer-cost.png")) > 1000);
        assertEquals("cat", r.image().className());
        assertTrue(r.image().probability() > 0.5, "probability " + r.image().probability());
        assertEquals(r.lLayer().testPredictions().getDouble(0, cat), 1.0);
    }


    /** 2021 {@code public_tests.two_layer_model_test}: seed(1), X = randn(10,10), Y = randn(1,10), dims (10,4,1). */
    @Test
    void twoLayerModelPublicTest() {
        assertPasses(CHECKS, "two_layer_model");
    }

    /** 2021 {@code public_tests.L_layer_model_test}: seed(1), X = randn(10,10), dims (10,5,6,1). */
    @Test
    void lLayerModelPublicTest() {
        assertPasses(CHECKS, "L_layer_model");
        NumpyRandom rng = new NumpyRandom(1);
        INDArray X = rng.randn(10, 10);
        INDArray Y = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 0, 0, 0, 1, 1, 0}});
        Fit m = DeepNetworkApplication.lLayerModel(X, Y, new int[] {10, 5, 6, 1}, 0.0075, 2, 1,
                CostRecorder.every(100).andLast(2));
        // the notebook's test cell prints the last iteration: "Cost after iteration 1: 0.7070709008912568"
        assertEquals(0.7070709008912568, m.costs().at(1), 2e-16);
        assertAllClose(new double[] {0.51384638, -0.19333098, -0.16705238, -0.33923196, 0.273477, -0.72775498,
            0.55170785, -0.24077478, 0.10082452, -0.07882423}, m.parameters().W(1).getRow(0).dup(), 0, 5e-9, "W1[0]");
    }

    @Test
    void divergingTrainingStopsWithAClearMessage() {
        NumpyRandom rng = new NumpyRandom(1);
        INDArray X = rng.randn(10, 10).muli(100);
        INDArray Y = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 0, 0, 0, 1, 1, 0}});
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> DeepNetworkApplication.lLayerModel(X, Y, new int[] {10, 5, 6, 1}, 1e4, 100, 1,
                        CostRecorder.every(10).andLast(100)));
        assertTrue(e.getMessage().startsWith("Training stopped: the cost became "), e.getMessage());
        assertTrue(e.getMessage().matches(".*Try a smaller (--learning-rate|learning rate)\\."), e.getMessage());
    }

    /** Options out of range and a bad --image are refused before any work, with exit code 2 and one line. */
    @Test
    void badOptionsGiveClearMessages(@TempDir Path out) {
        assertEquals("--layers must start with 12288 (64*64*3 pixels) and end with 1 (one sigmoid unit), e.g."
                + " 12288,20,7,5,1, but was [12288, 20, 2]", cli(out, "--layers", "12288,20,2"));
        assertEquals("--iterations must be at least 1, not 0", cli(out, "--iterations", "0"));
        assertEquals("--image: The image " + out.resolve("none.jpg") + " does not exist (or is not a file).",
                cli(out, "--image", out.resolve("none.jpg").toString()));
        assertEquals("--n-h must be at least 1, not 0", cli(out, "--n-h", "0"));
        assertEquals("Invalid value for option '--model': expected one of both, two-layer, l-layer but was 'deep'",
                cli(out, "--model", "deep"));
        String help = CommandLineRun.of(new DeepNetworkApplication.Options(), DeepNetworkApplication::run, "--help")
                .out();
        assertTrue(help.contains("(default: both)") && help.contains("(default: 2500)")
                && help.contains("(default: 0.0075)") && help.contains("[12288, 20, 7, 5, 1]"), help);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeepNetworkApplication.lLayerModel(Nd4j.rand(10, 4), Nd4j.ones(1, 5), new int[] {10, 3, 1},
                        0.1, 1, 1, CostRecorder.every(1)));
        assertEquals("Y must have shape (1, 4) but was (1, 5)", e.getMessage());
    }

    @Test
    void aShortCommandLineRunPrintsTheNotebookLines(@TempDir Path out) {
        CommandLineRun run = CommandLineRun.of(new DeepNetworkApplication.Options(), DeepNetworkApplication::run,
                "--model", "two-layer", "--iterations", "3", "--print-every", "1", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("train_x's shape: (12288, 209)"), run.out());
        assertTrue(run.out().contains("Cost after iteration 0: 0.693050"), run.out());
        assertTrue(run.out().contains("Cost after iteration 2: "), run.out());
    }

    private static String cli(Path out, String... args) {
        String[] all = Stream.concat(Arrays.stream(args), Stream.of("--out", out.toString(), "--quiet"))
                .toArray(String[]::new);
        CommandLineRun run = CommandLineRun.of(new DeepNetworkApplication.Options(), DeepNetworkApplication::run, all);
        assertEquals(2, run.exitCode(), run.err());
        return run.error();
    }
}
