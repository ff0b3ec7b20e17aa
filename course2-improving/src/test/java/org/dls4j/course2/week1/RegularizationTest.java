package org.dls4j.course2.week1;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dls4j.course2.ToyDataRuns;
import org.dls4j.course2.week1.Regularization.Run;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.points.FootballData;
import org.dls4j.shared.scratch.dense.Gradients;
import org.dls4j.shared.scratch.dense.Initializers;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork.Output;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork;
import org.dls4j.shared.testing.RefusedOptions;
import org.dls4j.shared.train.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The notebook's unit checks (testCases.py) and its three 30000-iteration runs (reference section 8). */
class RegularizationTest {

    /** The notebook's test cells, as the grader checks them. */
    @ParameterizedTest
    @ValueSource(strings = {"compute_cost_with_regularization", "backward_propagation_with_regularization",
        "forward_propagation_with_dropout", "backward_propagation_with_dropout"})
    void gradedFunction(String function) {
        assertPasses(new RegularizationChecks(), function);
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
