package org.dls4j.course2.week1;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.testing.NdAssert;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Reference values: expected-c1-c2.md section 9 (the 2021 public tests; N-D values only as ranges). */
class GradientCheckingTest {

    @TempDir
    Path out;

    /** The notebook's test cells, as the grader checks them. */
    @ParameterizedTest
    @ValueSource(strings = {"forward_propagation", "backward_propagation", "gradient_check", "gradient_check_n"})
    void gradedFunction(String function) {
        assertPasses(new GradientCheckingChecks(), function);
    }

    @Test
    void oneDimensional() {
        double difference = GradientChecking.gradientCheck(2, 4, 1e-7);
        // pure double arithmetic, no exp/log: the notebook's value to the last digit
        assertEquals(2.919335883291695e-10, difference, 1e-24);
        assertEquals("Your backward propagation works perfectly fine! difference = 2.919335883291695e-10",
                GradientChecking.verdict(difference));
    }

    @Test
    void testCaseIsNumpySeedOne() {
        GradientChecking.TestCase tc = GradientChecking.gradientCheckNTestCase(1);
        // np.random.seed(1); np.random.randn(4, 3)[0] = 1.62434536, -0.61175641, -0.52817175
        NdAssert.assertAllClose(new double[] {1.6243453636632417, -0.6117564136500754, -0.5281717522634557},
                tc.x().getRow(0), 0, 1e-15, "x[0]");
        assertEquals(47, GradientChecking.dictionaryToVector(tc.parameters()).length());
    }

    @Test
    void vectorRoundTripIsRowMajorInNotebookOrder() {
        GradientChecking.TestCase tc = GradientChecking.gradientCheckNTestCase(1);
        INDArray theta = GradientChecking.dictionaryToVector(tc.parameters());
        // W1 first, row-major: theta[1] = W1[0, 1]; b1 starts at 20; b3 is last
        assertEquals(tc.parameters().get("W1").getDouble(0, 1), theta.getDouble(1, 0));
        assertEquals(tc.parameters().get("b1").getDouble(0, 0), theta.getDouble(20, 0));
        assertEquals(tc.parameters().get("b3").getDouble(0, 0), theta.getDouble(46, 0));
        Map<String, INDArray> back = GradientChecking.vectorToDictionary(theta);
        for (String key : GradientChecking.KEYS) {
            NdAssert.assertBitsEqual(tc.parameters().get(key), back.get(key), key);
        }
    }

    @Test
    void nDimensionalWithTheNotebookBugsAndFixed() {
        GradientChecking.TestCase tc = GradientChecking.gradientCheckNTestCase(1);
        GradientChecking.Forward forward = GradientChecking.forwardPropagationN(tc.x(), tc.y(), tc.parameters());
        assertEquals(2.407833389834357, forward.cost(), 1e-13);

        Map<String, INDArray> buggy = GradientChecking.backwardPropagationN(tc.x(), tc.y(), forward.cache(), true);
        double differenceBuggy = GradientChecking.gradientCheckN(tc.parameters(), buggy, tc.x(), tc.y(), 1e-7);
        // numpy 2.4.6: 0.2850931567761623, numpy 1.24.2: 0.285093156839953 -- digits past ~1e-9 are platform noise
        assertEquals(0.28509316, differenceBuggy, 1e-6);
        assertTrue(GradientChecking.verdict(differenceBuggy).startsWith("There is a mistake"));

        Map<String, INDArray> fixed = GradientChecking.backwardPropagationN(tc.x(), tc.y(), forward.cache(), false);
        double differenceFixed = GradientChecking.gradientCheckN(tc.parameters(), fixed, tc.x(), tc.y(), 1e-7);
        // 1.1890913024229996e-07 (numpy 2.4.6) / 1.186249751058462e-07 (1.24.2): rounding noise over epsilon
        assertTrue(differenceFixed < 2e-7, "fixed difference " + differenceFixed);
        assertTrue(differenceFixed > 1e-8, "fixed difference " + differenceFixed + " should still show the noise");
        assertTrue(GradientChecking.verdict(differenceFixed).startsWith("Your backward propagation works"));
    }

    @Test
    void dl4jGraphHasTheSameCostAndGradientAndPassesGradientCheckUtil() {
        GradientChecking.TestCase tc = GradientChecking.gradientCheckNTestCase(1);
        ComputationGraph graph = GradientChecking.asDl4jGraph(tc.parameters());
        INDArray dl4j = GradientChecking.dl4jGradientVector(graph, tc.x(), tc.y());
        GradientChecking.Forward forward = GradientChecking.forwardPropagationN(tc.x(), tc.y(), tc.parameters());
        INDArray fixed = GradientChecking.gradientsToVector(
                GradientChecking.backwardPropagationN(tc.x(), tc.y(), forward.cache(), false));
        NdAssert.assertAllClose(fixed, dl4j, 1e-9, 1e-12, "DL4J gradient vs fixed backward_propagation_n");
        assertEquals(forward.cost(), graph.score(), 1e-9);
        assertTrue(GradientChecking.dl4jGradientCheck(graph, tc.x(), tc.y()));
    }

    @Test
    void runPrintsTheNotebookLines() {
        GradientChecking.Options options = new GradientChecking.Options();
        options.out = out;
        Report.Captured report = Report.captured();
        GradientChecking.Result r = GradientChecking.run(options, report);
        List<String> results = report.results();
        assertTrue(results.contains("J = 8"), results.toString());
        assertTrue(results.contains("dtheta = 2"), results.toString());
        assertTrue(results.contains("Your backward propagation works perfectly fine! difference = 2.919335883291695e-10"),
                results.toString());
        assertTrue(results.stream().anyMatch(l -> l.startsWith(
                "There is a mistake in the backward propagation! difference = 0.2850931")), results.toString());
        assertTrue(results.stream().anyMatch(l -> l.startsWith("DL4J GradientCheckUtil") && l.endsWith("PASSED")),
                results.toString());
        assertTrue(report.lines().contains("cost = " + org.dls4j.shared.NumpyFormat.repr(r.costN())),
                "the N-D cost is said along the way");
        assertTrue(r.dl4jGradientCheckPassed());
        assertTrue(r.dl4jVsFixedMaxAbs() < 1e-12);
    }

    @Test
    void badInputsGiveClearMessages() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradientChecking.gradientCheck(2, 4, -1));
        assertTrue(e.getMessage().contains("--epsilon"));
        GradientChecking.TestCase tc = GradientChecking.gradientCheckNTestCase(1);
        e = assertThrows(IllegalArgumentException.class, () -> GradientChecking.forwardPropagationN(tc.x(),
                Nd4j.createFromArray(new double[][] {{1, 0}}), tc.parameters()));
        assertEquals("Y must have shape (1, 3) but was (1, 2)", e.getMessage());
        RefusedOptions.assertRefused(GradientChecking.Options::new, GradientChecking::run, out,
                new String[] {"--epsilon", "tiny"}, new String[] {"--epsilon", "0"}, new String[] {"--epsilon", "NaN"},
                new String[] {"--seed", "-1"});
    }
}
