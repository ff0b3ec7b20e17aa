package org.dls4j.course1.week3;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dls4j.course1.week3.PlanarClassifier.ForwardCache;
import org.dls4j.course1.week3.PlanarClassifier.TwoLayerGradients;
import org.dls4j.course1.week3.PlanarClassifier.Model;
import org.dls4j.course1.week3.PlanarClassifier.TwoLayerParameters;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.points.ToyData;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostRecorder;
import org.dls4j.shared.train.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The planar notebook's unit checks (2017 "v1" test cases, 2018-20 "v2", 2021 public tests), the full runs of the
 * 2021 (seed 3) and 2017-2020 (seed 2) notebooks, the hidden-size sweep, and bad input. Values: reference section 4.
 *
 * <p>Tolerances: values the notebook prints with 8 decimals are checked to half a unit of the last printed digit
 * ({@link #FIXED}, or relative {@link #SCI} for numbers printed in scientific notation); full-precision values
 * from the reference to 1e-12 relative. The full model's costs are compared as printed ("%f") through iteration
 * 6000 only: after that the learning rate 1.2 amplifies last-bit differences (reference 4.2).
 */
class PlanarClassifierTest {
    static final double FIXED = 5e-9 * (1 + 1e-6);
    static final double SCI = 5e-9 * (1 + 1e-6);

    private static final PlanarClassifierChecks CHECKS = new PlanarClassifierChecks();

    private static INDArray m(double[][] rows) {
        return Nd4j.createFromArray(rows);
    }

    @Test
    void layerSizes() {
        assertPasses(CHECKS, "layer_sizes");
    }

    @Test
    void initializeParameters() {
        assertPasses(CHECKS, "initialize_parameters");
        // 2021 public test: (3, 5, 2), same stream in other shapes
        TwoLayerParameters p = PlanarClassifier.initializeParameters(3, 5, 2, new NumpyRandom(2));
        assertAllClose(new double[] {-0.00416758, -0.00056267, -0.02136196}, p.W1().getRow(0), 0, FIXED, "W1[0]");
        assertEquals(0.01640271, p.W1().getDouble(1, 0), FIXED);
        assertEquals(-5.96159700e-03, p.W2().getDouble(0, 0), SCI * 5.96159700e-03);
    }

    @Test
    void forwardPropagation2017() {
        INDArray x = new NumpyRandom(1).randn(2, 3);
        ForwardCache c = PlanarClassifier.forwardPropagation(x, PlanarClassifierChecks.literalParameters());
        assertEquals(-0.000499755777742, c.Z1().meanNumber().doubleValue(), 5e-16);
        assertEquals(-0.000496963353232, c.A1().meanNumber().doubleValue(), 5e-16);
        assertEquals(0.000438187450959, c.Z2().meanNumber().doubleValue(), 5e-16);
        assertEquals(0.500109546852, c.A2().meanNumber().doubleValue(), 5e-13);
    }

    @Test
    void forwardPropagation2018And2021() {
        assertPasses(CHECKS, "forward_propagation");
    }

    @Test
    void computeCostAllVersions() {
        INDArray a2 = m(new double[][] {{0.5002307, 0.49985831, 0.50023963}});
        // 2017: continuous Y
        assertEquals(0.692919893776, PlanarClassifier.computeCost(a2, new NumpyRandom(1).randn(1, 3)), 5e-13);
        // 2018-20 and 2021: Y = randn(1, 3) > 0; the 2021 public test
        assertPasses(CHECKS, "compute_cost");
    }

    @Test
    void backwardPropagation2017() {
        NumpyRandom rng = new NumpyRandom(1);
        INDArray x = rng.randn(2, 3);
        INDArray y = rng.randn(1, 3);
        TwoLayerGradients g = PlanarClassifier.backwardPropagation(PlanarClassifierChecks.literalParameters(),
                PlanarClassifierChecks.literalCache(), x, y);
        assertAllClose(new double[] {0.01018708, -0.00708701, 0.00873447, -0.0060768, -0.00530847, 0.00369379,
            -0.02206365, 0.01535126}, g.dW1(), 0, FIXED, "dW1");
        assertAllClose(new double[] {-0.00069728, -0.00060606, 0.000364, 0.00151207}, g.db1(), 0, FIXED, "db1");
        assertAllClose(new double[] {0.00363613, 0.03153604, 0.01162914, -0.01318316}, g.dW2(), 0, FIXED, "dW2");
        assertAllClose(new double[] {0.06589489}, g.db2(), 0, FIXED, "db2");
    }

    @Test
    void backwardPropagation2018And2021() {
        assertPasses(CHECKS, "backward_propagation");
    }

    @Test
    void backwardPropagation2021PublicTest() {
        NumpyRandom rng = new NumpyRandom(1);
        INDArray x = rng.randn(3, 7);
        INDArray y = PlanarClassifierChecks.positive(rng.randn(1, 7));
        INDArray w1 = rng.randn(9, 3);
        INDArray w2 = rng.randn(1, 9);
        INDArray a1 = rng.randn(9, 7);
        INDArray a2 = rng.randn(1, 7);
        INDArray z1 = rng.randn(9, 7);
        INDArray z2 = rng.randn(1, 7);
        TwoLayerParameters p = new TwoLayerParameters(w1, Nd4j.zeros(9, 1), w2, Nd4j.zeros(1, 1));
        TwoLayerGradients g = PlanarClassifier.backwardPropagation(p, new ForwardCache(z1, a1, z2, a2), x, y);
        assertAllClose(new double[] {-0.24468458, -0.24371232, 0.15959609}, g.dW1().getRow(0), 0, FIXED, "dW1[0]");
        assertEquals(0.1463639, g.db1().getDouble(0, 0), 5e-8 * 1.000001);
        assertAllClose(new double[] {-0.35768529, 0.22046323}, g.dW2().get(
                org.nd4j.linalg.indexing.NDArrayIndex.point(0), org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 2)),
                0, FIXED, "dW2[0, :2]");
        assertEquals(-0.78032466, g.db2().getDouble(0, 0), FIXED);
    }

    @Test
    void updateParameters() {
        assertPasses(CHECKS, "update_parameters");
    }

    /** {@code nn_model_test_case}: seed 1, X = randn(2, 3), Y = randn(1, 3) > 0; n_h 4, 10000 iterations. */
    static void checkNnModelTestCase(long seed, double[] printed, double[] w1, double[] b1, double[] w2, double b2) {
        NumpyRandom rng = new NumpyRandom(1);
        INDArray x = rng.randn(2, 3);
        INDArray y = PlanarClassifierChecks.positive(rng.randn(1, 3));
        Model model = PlanarClassifier.nnModel(x, y, 4, 10000, 1.2, seed, CostRecorder.every(1000));
        for (int k = 0; k < printed.length; k++) {
            assertEquals(NumpyFormat.fixed6(printed[k]), NumpyFormat.fixed6(model.costs().at(1000 * k)), "cost " + k);
        }
        TwoLayerParameters p = model.parameters();
        assertAllClose(w1, p.W1(), 0, FIXED, "W1");
        assertAllClose(b1, p.b1(), 0, FIXED, "b1");
        assertAllClose(w2, p.W2(), 0, FIXED, "W2");
        assertAllClose(new double[] {b2}, p.b2(), 0, FIXED, "b2");
    }

    // The 2021 test case (seed 3) is PlanarClassifierChecks' nn_model, which ExerciseModeTest runs on this code.
    @Test
    void nnModelTestCase2018() {
        // the 2018-20 initialize_parameters re-seeds 2 inside
        checkNnModelTestCase(2, new double[] {0.692739, 0.000218, 0.000107, 0.000071, 0.000053, 0.000042, 0.000035,
            0.000030, 0.000026, 0.000023},
                new double[] {-0.65848169, 1.21866811, -0.76204273, 1.39377573, 0.5792005, -1.10397703, 0.76773391,
                    -1.41477129},
                new double[] {0.287592, 0.3511264, -0.2431246, -0.35772805},
                new double[] {-2.45566237, -3.27042274, 2.00784958, 3.36773273}, 0.20459656);
    }

    @Test
    void predict() {
        INDArray x = new NumpyRandom(1).randn(2, 3);
        INDArray p = PlanarClassifier.predict(PlanarClassifierChecks.updatedLiteralParameters(), x);
        assertEquals(0.666666666667, p.meanNumber().doubleValue(), 5e-13);
        assertEquals("[[1. 0. 1.]]", NumpyFormat.array(p)); // 2021 prints [[ True False  True]]
        assertPasses(CHECKS, "predict");
    }

    /**
     * The run's engine ({@link PlanarClassifier#nnModelFused}) is the graded, readable {@link PlanarClassifier#nnModel}:
     * 1000 iterations on the flower, both notebook seeds, every cost and the parameters and predictions after. The
     * two round differently in the last bits (OpenBLAS and ND4J's tanh and sums against plain Java loops); the lr
     * 1.2 dynamics amplify that slowly, still far inside 1e-11 at iteration 1000. The full run
     * ({@link #fullRun2021}) pins the engine to the notebook's printed costs.
     */
    @Test
    void fusedEngineIsTheReadableNnModel() {
        ToyData.Xy data = ToyData.planarFlower();
        for (long seed : new long[] {PlanarClassifier.NOTEBOOK_SEED, 2}) {
            Model readable = PlanarClassifier.nnModel(data.x(), data.y(), 4, 1000, 1.2, seed, CostRecorder.every(1));
            Model fused = PlanarClassifier.nnModelFused(data.x(), data.y(), 4, 1000, 1.2, seed,
                    CostRecorder.every(1));
            double[] expected = readable.costs().costs();
            double[] actual = fused.costs().costs();
            assertEquals(1000, actual.length);
            double worst = 0;
            for (int i = 0; i < expected.length; i++) {
                worst = Math.max(worst, Math.abs(actual[i] - expected[i]) / expected[i]);
            }
            assertTrue(worst < 1e-11, "seed " + seed + ": costs differ by " + worst + " (relative)");
            TwoLayerParameters p = readable.parameters();
            TwoLayerParameters q = fused.parameters();
            assertAllClose(p.W1(), q.W1(), 1e-11, 1e-14, "W1");
            assertAllClose(p.b1(), q.b1(), 1e-11, 1e-14, "b1");
            assertAllClose(p.W2(), q.W2(), 1e-11, 1e-14, "W2");
            assertAllClose(p.b2(), q.b2(), 1e-11, 1e-14, "b2");
            assertEquals(PlanarClassifier.predict(p, data.x()), PlanarClassifier.predict(q, data.x()));
            System.out.printf("Planar engine against readable, seed %d: costs within %.2e%n", seed, worst);
        }
    }

    /** The 2021 notebook (seed 3) through the command-line path, with its plots. */
    @Test
    void fullRun2021(@TempDir Path out) {
        PlanarClassifier.Options options = new PlanarClassifier.Options();
        options.out = out;
        options.sweep = false;
        Report.Captured report = Report.captured();
        PlanarClassifier.Result r = PlanarClassifier.run(options, report);
        checkCosts(r.model().costs(), new double[] {0.693162, 0.258625, 0.239334, 0.230802, 0.225528, 0.221845,
            0.219094}, new double[] {0.220590, 0.219405, 0.218524});
        // printed "Accuracy: 90%". The notebook's exact value is 90.5 (362 of 400); after the drift past iteration
        // 6000 this run classifies one more point correctly (90.75): the reference's "90 % (within +-1 %)"
        assertEquals(90, (long) r.accuracy());
        assertEquals(90.5, r.accuracy(), 0.51);
        assertEquals(47, (long) r.baselineAccuracy()); // "Accuracy of logistic regression: 47 %"
        assertEquals(47.0, r.baselineAccuracy());
        assertTrue(Files.isRegularFile(out.resolve("c1w3-decision-boundary-h4.png")));
        assertTrue(Files.isRegularFile(out.resolve("c1w3-logistic-regression.png")));
        assertTrue(report.lines().contains("Cost after iteration 6000: 0.219094"), report.text());
        // -q: the two accuracy lines only
        assertEquals(java.util.List.of("Accuracy of logistic regression: 47 % (percentage of correctly labelled"
                + " datapoints)", "Accuracy: 90%"), report.results());
        System.out.printf("Planar from scratch: %.3f ms/iteration%n", r.model().msPerIteration());
    }

    /** The 2017-2020 notebooks: their initialize_parameters re-seeded 2 (a second 10000-iteration run). */
    @Test
    void fullRun2017To2020() {
        ToyData.Xy data = ToyData.planarFlower();
        Model model = PlanarClassifier.nnModel(data.x(), data.y(), 4, 10000, 1.2, 2, CostRecorder.every(1000));
        checkCosts(model.costs(), new double[] {0.693048, 0.288083, 0.254385, 0.233864, 0.226792, 0.222644, 0.219731},
                new double[] {0.217504, 0.219454, 0.218607});
        double accuracy = PlanarClassifier.accuracy(PlanarClassifier.predict(model.parameters(), data.x()), data.y());
        assertEquals(90, (long) accuracy);
        assertEquals(90.5, accuracy, 0.51);
    }

    /**
     * Costs at 0, 1000, ..., 6000 exactly as printed; 7000-9000 within 1e-4 of the notebook. That is the chaotic
     * drift of reference 4.2: from iteration ~7000 the lr 1.2 dynamics amplify last-bit differences (numpy 1.24 and
     * 2.4 disagree there by up to 4.5e-5, the reference implementation and the 2017 notebook by 2.5e-5); measured
     * here, at most 6.5e-5 (seed 3, iteration 7000: 0.220655 against the printed 0.220590; numpy 1.24 re-run on
     * this project's machine prints 0.220622 there).
     */
    static void checkCosts(CostCurve costs, double[] printedTo6000, double[] notebook7000To9000) {
        for (int k = 0; k < printedTo6000.length; k++) {
            assertEquals(NumpyFormat.fixed6(printedTo6000[k]), NumpyFormat.fixed6(costs.at(1000 * k)),
                    "cost " + 1000 * k);
        }
        for (int k = 0; k < notebook7000To9000.length; k++) {
            assertEquals(notebook7000To9000[k], costs.at(7000 + 1000 * k), 1e-4, "cost " + (7000 + 1000 * k));
        }
    }

    /** The notebook's section 6 (7 models, 35000 iterations). */
    @Test
    void hiddenLayerSweep(@TempDir Path out) {
        PlanarClassifier.Options options = new PlanarClassifier.Options();
        options.out = out;
        PlanarClassifier.Result r = PlanarClassifier.run(options, Report.silent());
        assertEquals(67.5, r.sweep().get(1));
        assertEquals(67.25, r.sweep().get(2));
        assertEquals(90.75, r.sweep().get(3));
        assertEquals(90.5, r.sweep().get(4));
        assertEquals(91.25, r.sweep().get(5));
        // 20 and 50 units: the notebooks themselves print 90.0-91.0 and 90.25-90.75 (reference 4.2)
        assertEquals(90.5, r.sweep().get(20), 0.51);
        assertEquals(90.5, r.sweep().get(50), 0.26);
        assertTrue(Files.isRegularFile(out.resolve("c1w3-hidden-50.png")));
    }

    @Test
    void otherDataSetsRun(@TempDir Path out) {
        PlanarClassifier.Options options = new PlanarClassifier.Options();
        options.out = out;
        options.sweep = false;
        options.dataset = PlanarClassifier.Dataset.MOONS;
        options.iterations = 2000;
        PlanarClassifier.Result r = PlanarClassifier.run(options, Report.silent());
        assertTrue(r.accuracy() > 85, "moons accuracy " + r.accuracy());
    }

    /** A data set that does not exist, or an option out of range, is refused before any work (exit code 2). */
    @Test
    void badOptionsAreRefusedBeforeAnyWork(@TempDir Path out) {
        for (String[] bad : new String[][] {{"--dataset", "spiral"}, {"--hidden", "0"}, {"--iterations", "0"},
            {"--learning-rate", "-1"}, {"--seed", "4294967296"}}) {
            assertEquals(2, AssignmentRunner.execute(new PlanarClassifier.Options(), PlanarClassifier::run, bad[0],
                    bad[1], "--out", out.toString(), "-q"), String.join(" ", bad));
        }
    }

    @Test
    void wrongShapesGiveTheNotebookStyleMessage() {
        TwoLayerParameters p = PlanarClassifierChecks.literalParameters();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlanarClassifier.forwardPropagation(Nd4j.zeros(3, 5), p));
        assertEquals("W1 must have shape (4, 3) but was (4, 2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PlanarClassifier.computeCost(Nd4j.zeros(1, 3), Nd4j.zeros(3, 1)));
        assertEquals("A2 must have shape (1, 1) but was (1, 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PlanarClassifier.backwardPropagation(p,
                PlanarClassifierChecks.literalCache(), Nd4j.zeros(2, 3), Nd4j.zeros(1, 4)));
        assertEquals("Y must have shape (1, 3) but was (1, 4)", e.getMessage());
    }

    @Test
    void nanAndDivergenceStopWithAClearMessage() {
        INDArray x = new NumpyRandom(1).randn(2, 3);
        x.putScalar(0, 1, Double.NaN);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> PlanarClassifier.nnModel(x, Nd4j.createFromArray(new double[][] {{1, 0, 1}}), 4, 10, 1.2, 3,
                        CostRecorder.every(1000)));
        assertEquals(0, e.iteration());
        assertTrue(e.getMessage().startsWith("Training stopped: the cost became NaN at iteration 0. Try a smaller"),
                e.getMessage());
        // divergence: a learning rate far too large saturates the sigmoid, log(0) makes the cost infinite
        ToyData.Xy data = ToyData.planarFlower();
        e = assertThrows(TrainingDivergedException.class, () -> PlanarClassifier.nnModel(data.x(), data.y(), 4, 100,
                1e6, 3, CostRecorder.every(1000)));
        assertTrue(e.getMessage().matches("Training stopped: the cost became (Infinity|NaN) at iteration \\d+\\."
                + " Try a smaller --learning-rate\\."), e.getMessage());
    }
}
