package org.dls4j.course2.week1;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dls4j.course2.ToyDataRuns;
import org.dls4j.course2.week1.Initialization.Init;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.points.ToyData;
import org.dls4j.shared.scratch.dense.Gradients;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork;
import org.dls4j.shared.testing.RefusedOptions;
import org.dls4j.shared.train.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The notebook's unit checks and its three 15000-iteration runs (reference section 7). */
class InitializationTest {

    /** He run, "Cost after iteration {}: {}" every 1000 (K = A = G prints). */
    static final double[] HE_COSTS = {0.8830537463419761, 0.6879825919728063, 0.6751286264523371,
        0.6526117768893807, 0.6082958970572938, 0.5304944491717495, 0.4138645817071794, 0.3117803464844441,
        0.23696215330322562, 0.18597287209206836, 0.1501555628037182, 0.12325079292273548, 0.09917746546525937,
        0.0845705595402428, 0.07357895962677366};
    /** x10 random run as re-run with numpy 1.24 (platform-dependent, see the reference). */
    static final double[] RANDOM_COSTS_NP124 = {Double.POSITIVE_INFINITY, 0.6230719220714739, 0.5979112493704923,
        0.5636417373417416, 0.5501501002614457, 0.5444586514458815, 0.5374539506845716, 0.47726402507222176,
        0.39783075904204135, 0.3934863008037607, 0.39203668333365643, 0.38927716178797517, 0.38615642765011515,
        0.3849849850850099, 0.3827961754638951};

    /** The notebook's test cells, as the grader checks them. */
    @ParameterizedTest
    @ValueSource(strings = {"initialize_parameters_zeros", "initialize_parameters_random", "initialize_parameters_he"})
    void gradedFunction(String function) {
        assertPasses(new InitializationChecks(), function);
    }

    /** The engineered loop does what the readable helpers do, iteration by iteration. */
    @Test
    void loopMatchesReadableHelpers() {
        ToyData.Xy train = ToyData.circlesTrain();
        for (Init init : Init.values()) {
            Parameters p = Initialization.initialize(init, 3, 2, 10, 5, 1);
            List<Double> readable = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                ThreeLayerNetwork.Output out = ThreeLayerNetwork.forwardPropagation(train.x(), p);
                readable.add(ThreeLayerNetwork.computeLoss(out.A3(), train.y()));
                Gradients g = ThreeLayerNetwork.backwardPropagation(train.x(), train.y(), out.cache(),
                        ThreeLayerNetwork.Scaling.SCALED_DZ3);
                p = ThreeLayerNetwork.updateParameters(p, g, 0.01);
            }
            ToyDataRuns.Training fast = Initialization.model(train.x(), train.y(), 0.01, 20, 1, init, 3, (i, c) -> { });
            for (int i = 0; i < 20; i++) {
                double r = readable.get(i);
                double f = fast.costs().at(i);
                if (Double.isInfinite(r)) {
                    assertEquals(r, f, init + " cost " + i);
                } else {
                    assertEquals(r, f, 1e-15 * Math.abs(r), init + " cost " + i);
                }
            }
            for (int l = 1; l <= 3; l++) {
                assertAllClose(p.W(l), fast.parameters().W(l), 1e-13, 1e-15, init + " W" + l);
                assertAllClose(p.b(l), fast.parameters().b(l), 1e-13, 1e-15, init + " b" + l);
            }
        }
    }

    @Test
    void notebookRuns(@TempDir Path out) {
        Initialization.Options options = new Initialization.Options();
        options.out = out;
        Report.Captured report = Report.captured();
        ToyDataRuns.Result<Init> result = Initialization.run(options, report);
        List<String> lines = report.lines();

        ToyDataRuns.TrainedModel<Init> zeros = result.model(Init.ZEROS);
        for (double cost : zeros.costs().costs()) {
            assertEquals(0.6931471805599453, cost, 2.3e-16);
        }
        assertEquals(0.5, zeros.trainAccuracy());
        assertEquals(0.5, zeros.testAccuracy());

        ToyDataRuns.TrainedModel<Init> he = result.model(Init.HE);
        assertEquals(HE_COSTS.length, he.costs().costs().length);
        for (int i = 0; i < HE_COSTS.length; i++) {
            assertEquals(HE_COSTS[i], he.costs().costs()[i], 1e-14, "He cost at " + i * 1000);
        }
        assertEquals(0.9933333333333333, he.trainAccuracy());
        assertEquals(0.96, he.testAccuracy());
        assertTrue(lines.contains("Cost after iteration 0: 0.8830537463419761"), lines.toString());

        // x10: inf at 0, later costs within the four environments' spread (~1e-2), accuracies exact
        ToyDataRuns.TrainedModel<Init> random = result.model(Init.RANDOM);
        assertEquals(Double.POSITIVE_INFINITY, random.costs().costs()[0]);
        assertTrue(lines.contains("Cost after iteration 0: inf"));
        for (int i = 1; i < RANDOM_COSTS_NP124.length; i++) {
            assertEquals(RANDOM_COSTS_NP124[i], random.costs().costs()[i], 1e-2, "x10 cost at " + i * 1000);
        }
        assertEquals(0.83, random.trainAccuracy());
        assertEquals(0.86, random.testAccuracy());

        assertTrue(report.results().containsAll(List.of("On the train set:", "Accuracy: 0.9933333333333333",
                "On the test set:", "Accuracy: 0.96")), "-q keeps the accuracies: " + report.results());
        assertTrue(report.results().stream().noneMatch(l -> l.startsWith("Cost")), "-q drops the cost lines");
        assertEquals(6, result.plots().size());
        result.plots().forEach(p -> assertTrue(Files.isRegularFile(p), p.toString()));
        lines.stream().filter(l -> l.startsWith("Cost") || l.startsWith("Accuracy") || l.startsWith("("))
                .forEach(System.out::println);
    }

    @Test
    void commandLine(@TempDir Path out) {
        assertEquals(0, AssignmentRunner.execute(new Initialization.Options(), Initialization::run, "--iterations", "3",
                "--initialization", "zeros,he", "--out", out.toString(), "--quiet"));
        assertTrue(Files.isRegularFile(out.resolve("c2w1-initialization-he-boundary.png")));
        RefusedOptions.assertRefused(Initialization.Options::new, Initialization::run, out,
                new String[] {"--initialization", "xavier"}, new String[] {"--learning-rate", "0"},
                new String[] {"--print-every", "0"}, new String[] {"--seed", "4294967296"});
    }

    /** A learning rate far too large makes He's cost infinite: the run stops instead of printing inf as a success. */
    @Test
    void divergedHeRunStops(@TempDir Path out) {
        RefusedOptions.assertRefused(Initialization.Options::new, Initialization::run, out,
                new String[] {"--iterations", "0"});
        Initialization.Options options = new Initialization.Options();
        options.learningRate = 1e6;
        options.iterations = 6;
        options.printEvery = 1;
        options.initializations = List.of(Init.HE);
        options.out = out;
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Initialization.run(options, Report.silent()));
        assertTrue(e.getMessage().contains("learning-rate"), e.getMessage());
        assertEquals(1, AssignmentRunner.execute(new Initialization.Options(), Initialization::run, "--learning-rate",
                "1e6", "--iterations", "6", "--print-every", "1", "--initialization", "he", "--out", out.toString(),
                "-q"));
    }
}
