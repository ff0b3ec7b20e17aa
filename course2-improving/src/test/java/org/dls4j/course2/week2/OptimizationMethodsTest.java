package org.dls4j.course2.week2;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dls4j.course2.week2.OptimizationMethods.AdamStep;
import org.dls4j.course2.week2.OptimizationMethods.Decay;
import org.dls4j.course2.week2.OptimizationMethods.Hyperparameters;
import org.dls4j.course2.week2.OptimizationMethods.MiniBatch;
import org.dls4j.course2.week2.OptimizationMethods.MomentumStep;
import org.dls4j.course2.week2.OptimizationMethods.Optimizer;
import org.dls4j.course2.week2.OptimizationMethods.Outcome;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.points.ToyData;
import org.dls4j.shared.scratch.dense.AdamRule;
import org.dls4j.shared.scratch.dense.GdRule;
import org.dls4j.shared.scratch.dense.Gradients;
import org.dls4j.shared.scratch.dense.MomentumRule;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork;
import org.dls4j.shared.scratch.dense.UpdateRule;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The notebook's unit checks (testCases.py, 2021 public tests) and full runs (reference section 10). */
class OptimizationMethodsTest {

    /** 2019-21 full-precision costs at epochs 0, 1000, ..., 9000 (the 2021 run is the first five). */
    static final double[] GD = {0.7024046849828726, 0.66810064295887, 0.6352875703390978, 0.600491198436302,
        0.5733672256957693, 0.5519772083453836, 0.5323695140170053, 0.5140067717007158, 0.4964720510901484,
        0.4680136839007519};
    static final double[] MOMENTUM = {0.7024127305373173, 0.6681667772046954, 0.6353882166761965,
        0.6005907762003798, 0.5734441760375261, 0.5520579978012191, 0.532458404673331, 0.5141006579460334,
        0.49665208993936544, 0.46815966712698176};
    static final double[] ADAM = {0.7021655222604549, 0.16784505282581155, 0.14131619792956462,
        0.1387878350098587, 0.13606616153974382, 0.13424011121482604, 0.13112698193050085, 0.13021564068726493,
        0.12962337986479958, 0.1291183749863679};
    /** 2021 decay runs, epochs 0..4000: update_lr, GD+schedule, momentum+schedule, Adam+schedule. */
    static final double[][] DECAY = {
        {0.7010914685043044, 0.6618837411315917, 0.6586197552830687, 0.6567651645846244, 0.6554863419466547},
        {0.7010914685043044, 0.1271612832538432, 0.12030371699645673, 0.11703329195669243, 0.11751208532772559},
        {0.7022260404521209, 0.1289737752451615, 0.12596496738251925, 0.1233745296263663, 0.12321780480081837},
        {0.6993459937616683, 0.1300737129612711, 0.12982627452479575, 0.12928237809826224, 0.12836120629327333}};
    static final double[] DECAY_ACCURACY = {0.6533333333333333, 0.9433333333333334, 0.9533333333333334, 0.94};

    /** The notebook's test cells, as the grader checks them. */
    @ParameterizedTest
    @ValueSource(strings = {"update_parameters_with_gd", "random_mini_batches", "initialize_velocity",
        "update_parameters_with_momentum", "initialize_adam", "update_parameters_with_adam", "update_lr",
        "schedule_lr_decay"})
    void gradedFunction(String function) {
        assertPasses(new OptimizationMethodsChecks(), function);
    }

    @Test
    void randomMiniBatches() {
        NumpyRandom r = new NumpyRandom(1);
        INDArray X = r.randn(12288, 148);
        INDArray Y = r.randn(1, 148).lt(0.5).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        List<MiniBatch> batches = OptimizationMethods.randomMiniBatches(X, Y, 64, 0);
        assertEquals(3, batches.size());
        assertArrayEquals(new long[] {12288, 64}, batches.get(0).x().shape());
        assertArrayEquals(new long[] {12288, 64}, batches.get(1).x().shape());
        assertArrayEquals(new long[] {12288, 20}, batches.get(2).x().shape());
        assertArrayEquals(new long[] {1, 20}, batches.get(2).y().shape());
        assertEquals(0.90085595, batches.get(0).x().getDouble(0, 0), 5e-9);
        assertEquals(-0.7612069, batches.get(0).x().getDouble(0, 1), 5e-9);
        assertEquals(0.2344157, batches.get(0).x().getDouble(0, 2), 5e-9);
    }

    @Test
    void adamUpdate2017to2020() {
        OptimizationMethodsChecks.TestCase c = OptimizationMethodsChecks.TestCase.make();
        OptimizationMethods.AdamState state = OptimizationMethods.initializeAdam(c.parameters());
        AdamStep step = OptimizationMethods.updateParametersWithAdam(c.parameters(), c.grads(), state.v(), state.s(), 2,
                0.01, 0.9, 0.999, 1e-8);
        Parameters p = step.parameters();
        assertAllClose(new double[] {1.63178673, -0.61919778, -0.53561312, -1.08040999, 0.85796626, -2.29409733},
                p.W(1), 0, 5e-9, "W1");
        assertAllClose(new double[] {1.75225313, -0.75376553}, p.b(1), 0, 5e-9, "b1");
        // W2[2,1] has the smallest gradient (s = 1.6e-7): the 2017-20 expected cell was made with epsilon inside the
        // square root, np.sqrt(s_corrected + epsilon), which moves that one weight by 4.5e-7; the 2021 check
        // (OptimizationMethodsChecks, the 2021 public tests) uses the formula as written, as this implementation does.
        assertAllClose(new double[] {0.32648046, -0.25681174, 1.46954931, -2.05269934, -0.31497584, -0.37661299,
            1.14121081, -1.09245036, -0.16498684}, p.W(2), 0, 5e-7, "W2");
        assertEquals(-0.16498684, p.W(2).getDouble(2, 2), 5e-9);
        assertAllClose(new double[] {-0.88529978, 0.03477238, 0.57537385}, p.b(2), 0, 1e-8, "b2"); // same cause
        assertAllClose(new double[] {0.00121136, 0.00131039, 0.00081287, 0.0002525, 0.00081154, 0.00046748},
                step.s().dW(1), 0, 5e-9, "s dW1");
        assertAllClose(new double[] {1.51020075e-05, 8.75664434e-04}, step.s().db(1), 1e-7, 0, "s db1");
        assertAllClose(new double[] {5.49507194e-05, 2.75494327e-03, 5.50629536e-04}, step.s().db(2), 1e-7, 0, "s db2");
    }

    /** {@code W1, b1, W2, b2} of {@code p} as the fused rules see them (copies). */
    static double[][] arrays(Parameters p) {
        return new double[][] {p.W(1).dup('c').data().asDouble(), p.b(1).dup('c').data().asDouble(),
            p.W(2).dup('c').data().asDouble(), p.b(2).dup('c').data().asDouble()};
    }

    static double[][] arrays(Gradients g) {
        return new double[][] {g.dW(1).dup('c').data().asDouble(), g.db(1).dup('c').data().asDouble(),
            g.dW(2).dup('c').data().asDouble(), g.db(2).dup('c').data().asDouble()};
    }

    static Gradients scaled(Gradients g, double factor) {
        return Gradients.of("dW1", g.dW(1).mul(factor), "db1", g.db(1).mul(factor), "dW2", g.dW(2).mul(factor),
                "db2", g.db(2).mul(factor));
    }

    /**
     * The fused update rules of the shared engine do exactly what the graded functions do, over three updates of the
     * notebook's test case (the gradients change each time, so momentum's and Adam's state and Adam's t count).
     */
    @Test
    void fusedRulesMatchTheGradedUpdates() {
        OptimizationMethodsChecks.TestCase c = OptimizationMethodsChecks.TestCase.make();
        Gradients[] grads = {c.grads(), scaled(c.grads(), -0.5), scaled(c.grads(), 2.0)};
        UpdateRule[] rules = {new GdRule(), new MomentumRule(0.9), new AdamRule(0.8, 0.888, 1e-2)};
        for (UpdateRule rule : rules) {
            Parameters graded = c.parameters();
            Gradients v = OptimizationMethods.initializeVelocity(graded);
            Gradients s = OptimizationMethods.initializeVelocity(graded);
            double[][] fused = arrays(c.parameters());
            for (int t = 1; t <= grads.length; t++) {
                Gradients g = grads[t - 1];
                if (rule instanceof GdRule) {
                    graded = OptimizationMethods.updateParametersWithGd(graded, g, 0.01);
                } else if (rule instanceof MomentumRule) {
                    MomentumStep step = OptimizationMethods.updateParametersWithMomentum(graded, g, v, 0.9, 0.01);
                    graded = step.parameters();
                    v = step.v();
                } else {
                    AdamStep step = OptimizationMethods.updateParametersWithAdam(graded, g, v, s, t, 0.02, 0.8, 0.888,
                            1e-2);
                    graded = step.parameters();
                    v = step.v();
                    s = step.s();
                }
                rule.update(fused, arrays(g), rule instanceof AdamRule ? 0.02 : 0.01);
                double[][] expected = arrays(graded);
                for (int k = 0; k < expected.length; k++) {
                    assertArrayEquals(expected[k], fused[k], 0.0, rule.getClass().getSimpleName() + " update " + t
                            + " array " + k);
                }
            }
        }
    }

    /** The notebook's model written with the graded functions and helpers; costs of every epoch. */
    static double[] readableModel(ToyData.Xy d, Hyperparameters h) {
        Parameters p = OptimizationMethods.initialParameters(OptimizationMethods.LAYERS_DIMS);
        Gradients v = OptimizationMethods.initializeVelocity(p);
        Gradients s = OptimizationMethods.initializeVelocity(p);
        int t = 0;
        long seed = h.seed();
        double lr = h.learningRate();
        double[] costs = new double[h.numEpochs()];
        for (int i = 0; i < h.numEpochs(); i++) {
            seed++;
            double total = 0;
            for (MiniBatch b : OptimizationMethods.randomMiniBatches(d.x(), d.y(), h.miniBatchSize(), seed)) {
                ThreeLayerNetwork.Output out = ThreeLayerNetwork.forwardPropagation(b.x(), p);
                total += ThreeLayerNetwork.computeCostTotal(out.A3(), b.y());
                Gradients g = ThreeLayerNetwork.backwardPropagation(b.x(), b.y(), out.cache(),
                        ThreeLayerNetwork.Scaling.SCALED_DZ3);
                switch (h.optimizer()) {
                    case GD -> p = OptimizationMethods.updateParametersWithGd(p, g, lr);
                    case MOMENTUM -> {
                        MomentumStep step = OptimizationMethods.updateParametersWithMomentum(p, g, v, h.beta(), lr);
                        p = step.parameters();
                        v = step.v();
                    }
                    case ADAM -> {
                        t++;
                        AdamStep step = OptimizationMethods.updateParametersWithAdam(p, g, v, s, t, lr, h.beta1(),
                                h.beta2(), h.epsilon());
                        p = step.parameters();
                        v = step.v();
                        s = step.s();
                    }
                    default -> throw new IllegalStateException();
                }
            }
            costs[i] = total / d.size();
            if (h.decay() != Decay.NONE) {
                lr = h.decay().apply(h.learningRate(), i, h.decayRate(), h.timeInterval());
            }
        }
        return costs;
    }

    @Test
    void loopMatchesGradedFunctions() {
        ToyData.Xy d = ToyData.moons();
        List<Hyperparameters> runs = new ArrayList<>();
        for (Optimizer o : Optimizer.values()) {
            runs.add(Hyperparameters.notebook(o).withEpochs(12));
        }
        runs.add(new Hyperparameters(Optimizer.ADAM, 0.01, 64, 0.9, 0.9, 0.999, 1e-8, 12, Decay.SCHEDULE, 1, 5, 10));
        for (Hyperparameters h : runs) {
            double[] readable = readableModel(d, h);
            double[] fast = new double[h.numEpochs()];
            OptimizationMethods.model(d.x(), d.y(), OptimizationMethods.LAYERS_DIMS, h, (i, c, lr) -> fast[i] = c);
            for (int i = 0; i < fast.length; i++) {
                assertEquals(readable[i], fast[i], 1e-14 * readable[i], h.describe() + " epoch " + i);
            }
        }
    }


    /**
     * DL4J's Sgd, Adam and Nesterovs updaters and an epoch schedule against the scratch optimizers, over 1000 epochs
     * (decay every 300).
     */
    @Test
    void frameworkAgreesWithScratch() {
        frameworkAgreement(1000, 300);
    }

    private static void frameworkAgreement(int epochs, int timeInterval) {
        ToyData.Xy d = ToyData.moons();
        Object[][] cases = {
            {Hyperparameters.notebook(Optimizer.GD).withEpochs(epochs), 1e-12},
            {new Hyperparameters(Optimizer.GD, 0.1, 64, 0.9, 0.9, 0.999, 1e-8, epochs, Decay.SCHEDULE, 1, timeInterval,
                    10), 1e-12},
            {Hyperparameters.notebook(Optimizer.ADAM).withEpochs(epochs), 1e-5},
            {Hyperparameters.notebook(Optimizer.MOMENTUM).withEpochs(epochs), 1e-4}};
        for (Object[] c : cases) {
            Hyperparameters h = (Hyperparameters) c[0];
            double tolerance = (double) c[1];
            double[] scratch = new double[h.numEpochs()];
            double[] graph = new double[h.numEpochs()];
            OptimizationMethods.model(d.x(), d.y(), OptimizationMethods.LAYERS_DIMS, h, (i, cost, lr) -> scratch[i] = cost);
            OptimizationGraph.train(d.x(), d.y(), OptimizationMethods.LAYERS_DIMS, h, (i, cost, lr) -> graph[i] = cost);
            for (int i = 0; i < scratch.length; i++) {
                assertEquals(scratch[i], graph[i], tolerance * scratch[i], h.describe() + " epoch " + i);
            }
        }
    }

    /** The 2021 notebook: three runs and the four decay runs, 5000 epochs each. */
    @Test
    void notebook2021(@TempDir Path out) {
        OptimizationMethods.Options options = new OptimizationMethods.Options();
        options.out = out;
        Report.Captured report = Report.captured();
        OptimizationMethods.Result result = OptimizationMethods.run(options, report);
        List<String> lines = report.lines();
        lines.stream().filter(l -> l.startsWith("Cost") || l.startsWith("Accuracy") || l.startsWith("learning")
                || l.startsWith("(")).forEach(System.out::println);
        List<Outcome> models = result.models();
        assertEquals(7, models.size());
        check(models.get(0), GD, 5, 0.7166666666666667, 1e-13);
        check(models.get(1), MOMENTUM, 5, 0.7166666666666667, 1e-13);
        check(models.get(2), ADAM, 5, 0.9433333333333334, 1e-12);
        for (int k = 0; k < 4; k++) {
            check(models.get(3 + k), DECAY[k], 5, DECAY_ACCURACY[k], 1e-11);
        }
        assertTrue(lines.contains("Cost after epoch 0: 0.702405"), lines.toString());
        assertTrue(lines.contains("Cost after epoch 4000: 0.136066"), lines.toString());
        assertTrue(lines.contains("learning rate after epoch 1000: 0.000100"));
        assertTrue(lines.contains("learning rate after epoch 4000: 0.020000"));
        assertEquals(List.of("Accuracy: 0.7166666666666667", "Accuracy: 0.7166666666666667",
                "Accuracy: 0.9433333333333334", "Accuracy: 0.6533333333333333", "Accuracy: 0.9433333333333334",
                "Accuracy: 0.9533333333333334", "Accuracy: 0.94"), report.results(), "what -q prints");
        assertEquals(14, result.plots().size());
        result.plots().forEach(p -> assertTrue(Files.isRegularFile(p), p.toString()));
    }

    /** 2019-20 (v1b): 10000 epochs, accuracies 0.7966666666666666 / 0.7966666666666666 / 0.94. */
    @Test
    void notebook2019(@TempDir Path out) {
        OptimizationMethods.Options options = new OptimizationMethods.Options();
        options.epochs = 10000;
        options.decayRuns = false;
        options.out = out;
        OptimizationMethods.Result result = OptimizationMethods.run(options, Report.silent());
        check(result.models().get(0), GD, 10, 0.7966666666666666, 1e-12);
        check(result.models().get(1), MOMENTUM, 10, 0.7966666666666666, 1e-12);
        check(result.models().get(2), ADAM, 10, 0.94, 1e-11);
    }

    private static void check(Outcome model, double[] costs, int count, double accuracy, double tolerance) {
        for (int i = 0; i < count; i++) {
            assertEquals(costs[i], model.costs().at(i * 1000), tolerance, model.hyperparameters().describe()
                    + " epoch " + i * 1000);
        }
        assertEquals(accuracy, model.accuracy(), model.hyperparameters().describe());
    }

    @Test
    void commandLine(@TempDir Path out) {
        assertEquals(0, AssignmentRunner.execute(new OptimizationMethods.Options(), OptimizationMethods::run,
                "--epochs", "3", "--optimizer", "adam", "--learning-rate", "0.01", "--decay", "schedule",
                "--time-interval", "2", "--no-decay-runs", "--framework", "--out", out.toString(), "--quiet"));
        assertTrue(Files.isRegularFile(out.resolve("c2w2-1-adam-schedule-boundary.png")));
        RefusedOptions.assertRefused(OptimizationMethods.Options::new, OptimizationMethods::run, out,
                new String[] {"--optimizer", "rmsprop"}, new String[] {"--beta", "1"}, new String[] {"--beta2", "-0.1"},
                new String[] {"--epsilon", "0"}, new String[] {"--mini-batch-size", "0"}, new String[] {"--epochs", "0"},
                new String[] {"--print-every", "150"}, new String[] {"--learning-rate", "inf"});
    }

    /** Epoch e seeds {@code --seed + 1 + e}: the last seed must still be a numpy seed, checked before training. */
    @Test
    void seedsOfEveryEpochAreCheckedUpFront(@TempDir Path out) {
        RefusedOptions.assertRefused(OptimizationMethods.Options::new, OptimizationMethods::run, out,
                new String[] {"--seed", "4294967294"});
        OptimizationMethods.Options options = new OptimizationMethods.Options();
        options.epochs = 3;
        options.seed = NumpyRandom.MAX_SEED - 3;     // epochs seed MAX - 2, MAX - 1, MAX
        options.validate();
        options.seed++;
        OptionException e = assertThrows(OptionException.class, options::validate);
        assertTrue(e.getMessage().startsWith("--seed must be between 0 and 4294967292"), e.getMessage());
        options.seed = NumpyRandom.MAX_SEED - 3;
        options.optimizers = List.of(Optimizer.GD);
        options.decayRuns = false;
        options.out = out;
        // trains through the last seed, MAX_SEED, and records the cost of epoch 0
        assertEquals(1, OptimizationMethods.run(options, Report.silent()).models().get(0).costs().size());
    }
}
