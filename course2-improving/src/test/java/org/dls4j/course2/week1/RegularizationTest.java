package org.dls4j.course2.week1;

import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dls4j.course2.ToyDataRuns;
import org.dls4j.course2.week1.Regularization.Run;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.points.FootballData;
import org.dls4j.shared.scratch.dense.Gradients;
import org.dls4j.shared.scratch.dense.Initializers;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork.ForwardCache;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork.Output;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork;
import org.dls4j.shared.testing.RefusedOptions;
import org.dls4j.shared.train.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The notebook's unit checks (testCases.py) and its three 30000-iteration runs (reference section 8). */
class RegularizationTest {

    static INDArray m(double[][] rows) {
        return Nd4j.create(rows);
    }

    static final INDArray Y5 = Nd4j.create(new double[][] {{1, 1, 0, 1, 0}});

    /** {@code np.random.seed(1)}; W1 (2,3), b1, W2 (3,2), b2, W3 (1,3), b3 after {@code X = randn(3, 5)} when asked. */
    static Parameters testParameters(NumpyRandom r) {
        return Parameters.of("W1", r.randn(2, 3), "b1", r.randn(2, 1), "W2", r.randn(3, 2), "b2", r.randn(3, 1),
                "W3", r.randn(1, 3), "b3", r.randn(1, 1));
    }

    @Test
    void costWithRegularization() {
        NumpyRandom r = new NumpyRandom(1);
        Parameters p = testParameters(r);
        INDArray a3 = m(new double[][] {{0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402}});
        double cost = Regularization.computeCostWithRegularization(a3, Y5, p, 0.1);
        assertEquals(1.7864859451590758, cost, 1e-15);
    }

    /** backward_propagation_with_regularization_test_case: seed(1), X = randn(3,5), the literal cache. */
    static ForwardCache l2Cache() {
        return new ForwardCache(
                m(new double[][] {{-1.52855314, 3.32524635, 2.13994541, 2.60700654, -0.75942115},
                    {-1.98043538, 4.1600994, 0.79051021, 1.46493512, -0.45506242}}),
                null,
                m(new double[][] {{0., 3.32524635, 2.13994541, 2.60700654, 0.}, {0., 4.1600994, 0.79051021, 1.46493512, 0.}}),
                m(new double[][] {{-1.09989127, -0.17242821, -0.87785842}, {0.04221375, 0.58281521, -1.10061918}}),
                m(new double[][] {{1.14472371}, {0.90159072}}),
                m(new double[][] {{0.53035547, 5.94892323, 2.31780174, 3.16005701, 0.53035547},
                    {-0.69166075, -3.47645987, -2.25194702, -2.65416996, -0.69166075},
                    {-0.39675353, -4.62285846, -2.61101729, -3.22874921, -0.39675353}}),
                null,
                m(new double[][] {{0.53035547, 5.94892323, 2.31780174, 3.16005701, 0.53035547}, {0., 0., 0., 0., 0.},
                    {0., 0., 0., 0., 0.}}),
                m(new double[][] {{0.50249434, 0.90085595}, {-0.68372786, -0.12289023}, {-0.93576943, -0.26788808}}),
                m(new double[][] {{0.53035547}, {-0.69166075}, {-0.39675353}}),
                m(new double[][] {{-0.3771104, -4.10060224, -1.60539468, -2.18416951, -0.3771104}}),
                m(new double[][] {{0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402}}),
                m(new double[][] {{-0.6871727, -0.84520564, -0.67124613}}),
                m(new double[][] {{-0.0126646}}));
    }

    @Test
    void backwardWithRegularization() {
        INDArray X = new NumpyRandom(1).randn(3, 5);
        ForwardCache cache = l2Cache();
        Gradients g = Regularization.backwardPropagationWithRegularization(X, Y5, cache, 0.7);
        assertAllClose(new double[] {-0.25604646, 0.12298827, -0.28297129, -0.17706303, 0.34536094, -0.4410571},
                g.dW(1), 0, 5e-9, "dW1");
        assertAllClose(new double[] {0.79276486, 0.85133918, -0.0957219, -0.01720463, -0.13100772, -0.03750433},
                g.dW(2), 0, 5e-9, "dW2");
        assertAllClose(new double[] {-1.77691347, -0.11832879, -0.09397446}, g.dW(3), 0, 5e-9, "dW3");
    }

    @Test
    void forwardWithDropout() {
        NumpyRandom r = new NumpyRandom(1);
        INDArray X = r.randn(3, 5);
        Parameters p = testParameters(r);
        Output out = Regularization.forwardPropagationWithDropout(X, p, 0.7);
        assertAllClose(new double[] {0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721}, out.A3(), 0, 5e-9,
                "A3");
    }

    @Test
    void backwardWithDropout() {
        INDArray X = new NumpyRandom(1).randn(3, 5);
        ForwardCache cache = new ForwardCache(
                m(new double[][] {{-1.52855314, 3.32524635, 2.13994541, 2.60700654, -0.75942115},
                    {-1.98043538, 4.1600994, 0.79051021, 1.46493512, -0.45506242}}),
                m(new double[][] {{1, 0, 1, 1, 1}, {1, 1, 1, 1, 0}}),
                m(new double[][] {{0., 0., 4.27989081, 5.21401307, 0.}, {0., 8.32019881, 1.58102041, 2.92987024, 0.}}),
                m(new double[][] {{-1.09989127, -0.17242821, -0.87785842}, {0.04221375, 0.58281521, -1.10061918}}),
                m(new double[][] {{1.14472371}, {0.90159072}}),
                m(new double[][] {{0.53035547, 8.02565606, 4.10524802, 5.78975856, 0.53035547},
                    {-0.69166075, -1.71413186, -3.81223329, -4.61667916, -0.69166075},
                    {-0.39675353, -2.62563561, -4.82528105, -6.0607449, -0.39675353}}),
                m(new double[][] {{1, 0, 1, 0, 1}, {0, 1, 0, 1, 1}, {0, 0, 1, 0, 0}}),
                m(new double[][] {{1.06071093, 0., 8.21049603, 0., 1.06071093}, {0., 0., 0., 0., 0.},
                    {0., 0., 0., 0., 0.}}),
                m(new double[][] {{0.50249434, 0.90085595}, {-0.68372786, -0.12289023}, {-0.93576943, -0.26788808}}),
                m(new double[][] {{0.53035547}, {-0.69166075}, {-0.39675353}}),
                m(new double[][] {{-0.7415562, -0.0126646, -5.65469333, -0.0126646, -0.7415562}}),
                m(new double[][] {{0.32266394, 0.49683389, 0.00348883, 0.49683389, 0.32266394}}),
                m(new double[][] {{-0.6871727, -0.84520564, -0.67124613}}),
                m(new double[][] {{-0.0126646}}));
        Gradients g = Regularization.backwardPropagationWithDropout(X, Y5, cache, 0.8);
        assertAllClose(new double[] {0.36544439, 0., -0.00188233, 0., -0.17408748, 0.65515713, 0., -0.00337459, 0., -0.},
                g.get("dA1"), 0, 5e-9, "dA1");
        assertAllClose(new double[] {0.58180856, 0., -0.00299679, 0., -0.27715731, 0., 0.53159854, -0., 0.53159854,
            -0.34089673, 0., 0., -0.00292733, 0., -0.}, g.get("dA2"), 0, 5e-9, "dA2");
    }

    /** The fused engine (L2 and dropout) against the graded functions, over 10 iterations. */
    @Test
    void loopMatchesGradedFunctions() {
        FootballData d = FootballData.load();
        for (Run run : Run.values()) {
            double lambd = run == Run.L2 ? 0.7 : 0;
            double keepProb = run == Run.DROPOUT ? 0.86 : 1;
            Parameters p = Initializers.initializeParametersDeepScaled(3L, 2, 20, 3, 1);
            double[] readable = new double[10];
            for (int i = 0; i < readable.length; i++) {
                Output out = keepProb < 1 ? Regularization.forwardPropagationWithDropout(d.x(), p, keepProb)
                        : ThreeLayerNetwork.forwardPropagation(d.x(), p);
                readable[i] = lambd != 0 ? Regularization.computeCostWithRegularization(out.A3(), d.y(), p, lambd)
                        : ThreeLayerNetwork.computeLoss(out.A3(), d.y());
                Gradients g = lambd != 0
                        ? Regularization.backwardPropagationWithRegularization(d.x(), d.y(), out.cache(), lambd)
                        : keepProb < 1 ? Regularization.backwardPropagationWithDropout(d.x(), d.y(), out.cache(), keepProb)
                        : ThreeLayerNetwork.backwardPropagation(d.x(), d.y(), out.cache(),
                                ThreeLayerNetwork.Scaling.SCALED_PRODUCTS);
                p = ThreeLayerNetwork.updateParameters(p, g, 0.3);
            }
            ToyDataRuns.Training model = Regularization.model(d.x(), d.y(), 0.3, 10, lambd, keepProb, 3,
                    (i, c) -> { });
            // model records every 1000; compare the first cost and the trained parameters
            assertEquals(readable[0], model.costs().at(0), 1e-15, run + " cost 0");
            for (int l = 1; l <= 3; l++) {
                assertAllClose(p.W(l), model.parameters().W(l), 1e-12, 1e-15, run + " W" + l);
                assertAllClose(p.b(l), model.parameters().b(l), 1e-12, 1e-15, run + " b" + l);
            }
        }
    }

    @Test
    void lambdaAndDropoutTogetherAreRefused() {
        FootballData d = FootballData.load();
        assertThrows(IllegalArgumentException.class, () -> Regularization.model(d.x(), d.y(), 0.3, 1, 0.7, 0.86, 3,
                (i, c) -> { }));
    }

    @Test
    void notebookRuns(@TempDir Path out) {
        Regularization.Options options = new Regularization.Options();
        options.out = out;
        Report.Captured report = Report.captured();
        ToyDataRuns.Result<Run> result = Regularization.run(options, report);
        List<String> lines = report.lines();
        lines.stream().filter(l -> l.startsWith("Cost") || l.startsWith("Accuracy") || l.startsWith("("))
                .forEach(System.out::println);
        check(result.model(Run.NONE), new double[] {0.6557412523481002, 0.16329987525724213, 0.13851642423253402},
                0.9478672985781991, 0.915);
        check(result.model(Run.L2), new double[] {0.6974484493131264, 0.2684918873282239, 0.26809163371273004},
                0.9383886255924171, 0.93);
        check(result.model(Run.DROPOUT), new double[] {0.6543912405149825, 0.0610169865749056, 0.0605824357985131},
                0.9289099526066351, 0.95);
        assertTrue(lines.contains("Cost after iteration 0: 0.6557412523481002"), lines.toString());
        assertTrue(report.results().containsAll(List.of("On the training set:", "Accuracy: 0.9478672985781991",
                "On the test set:", "Accuracy: 0.915")), "-q keeps the accuracies: " + report.results());
        assertEquals(30, result.model(Run.NONE).costs().costs().length);
        assertEquals(6, result.plots().size());
        result.plots().forEach(p -> assertTrue(Files.isRegularFile(p), p.toString()));
    }

    private static void check(ToyDataRuns.TrainedModel<Run> model, double[] costs, double train, double test) {
        for (int i = 0; i < costs.length; i++) {
            // the four environments differ by up to 2e-13 (reference section 8)
            assertEquals(costs[i], model.costs().at(i * 10000), 1e-12, model.setting() + " cost at " + i * 10000);
        }
        assertEquals(train, model.trainAccuracy(), model.setting() + " train accuracy");
        assertEquals(test, model.testAccuracy(), model.setting() + " test accuracy");
    }

    @Test
    void commandLine(@TempDir Path out) {
        assertEquals(0, AssignmentRunner.execute(new Regularization.Options(), Regularization::run, "--iterations",
                "3", "--runs", "l2,dropout", "--lambda", "0.5", "--keep-prob", "0.9", "--out", out.toString(),
                "--quiet"));
        assertTrue(Files.isRegularFile(out.resolve("c2w1-regularization-dropout-boundary.png")));
        RefusedOptions.assertRefused(Regularization.Options::new, Regularization::run, out,
                new String[] {"--keep-prob", "1.5"}, new String[] {"--keep-prob", "0"}, new String[] {"--lambda", "-1"},
                new String[] {"--learning-rate", "NaN", "--runs", "none", "--iterations", "3000"},
                new String[] {"--iterations", "0"}, new String[] {"--print-every", "1500"},
                new String[] {"--runs", "l1"});
    }

    /**
     * A NaN learning rate makes the parameters NaN after the first update; {@code np.nansum} would then print a cost
     * of 0.0 forever. The run stops instead, at iteration 1, with the standard message.
     */
    @Test
    void nanParametersStopTraining(@TempDir Path out) {
        Regularization.Options options = new Regularization.Options();
        options.learningRate = Double.NaN;   // past validate(), as a caller of run() could
        options.iterations = 3000;
        options.runs = List.of(Run.NONE);
        options.out = out;
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Regularization.run(options, Report.silent()));
        assertEquals(1, e.iteration());
        assertTrue(Double.isNaN(e.cost()));
        assertTrue(e.getMessage().startsWith("Training stopped: the cost became NaN at iteration 1."), e.getMessage());
    }
}
