package org.dls4j.course1.week4;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dls4j.course1.CommandLineRun;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.scratch.dense.DeepNetwork;
import org.dls4j.shared.scratch.dense.Gradients;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The 2021 notebook's unit checks (expected-c1-c2.md section 5): each graded function on the notebook's test cases
 * ({@link DeepNetworkTestCases}, its {@code testCases.py}) through the grader's checks ({@link
 * DeepNetworkStepByStepChecks}), and the run that prints them as numpy does (its values to half a unit in the last
 * printed digit). The graded
 * functions are the shared engine's blocks, so these are also the engine's checks on the 2019+ test cases (its own
 * tests in {@code shared} cover the initialisations and the 2018 cases).
 */
class DeepNetworkStepByStepTest {

    private static final DeepNetworkStepByStepChecks CHECKS = new DeepNetworkStepByStepChecks();

    static Report.Captured report;
    static DeepNetworkStepByStep.Result result;

    @BeforeAll
    static void runOnce() {
        report = Report.captured();
        result = DeepNetworkStepByStep.run(new DeepNetworkStepByStep.Options(), report);
    }

    static void check(String key, double... expected) {
        INDArray actual = result.arrays().get(key);
        assertAllClose(expected, actual, 0, 5e-9, key);
    }

    @Test
    void everyGradedFunctionGivesTheNotebooksValues() {
        check("W1", 0.01624345, -0.00611756, -0.00528172, -0.01072969, 0.00865408, -0.02301539);
        check("W2", 0.01744812, -0.00761207);
        check("deep W2", -0.01185047, -0.0020565, 0.01486148, 0.00236716, -0.01023785, -0.00712993, 0.00625245,
                -0.00160513, -0.00768836, -0.00230031, 0.00745056, 0.01976111);
        check("Z", 3.26295337, -1.23429987);
        check("sigmoid A", 0.96890023, 0.11013289);
        check("relu A", 3.43896131, 0.);
        check("AL", 0.03921668, 0.70498921, 0.19734387, 0.04728177);
        assertEquals(0.2797765635793422, result.cost(), 0);
        check("linear db", -0.14713786, -0.11313155, -0.13209101);
        check("sigmoid dW", 0.10266786, 0.09778551, -0.01968084);
        check("relu db", -0.20837892);
        check("dW1", 0.41010002, 0.07807203, 0.13798444, 0.10502167, 0, 0, 0, 0, 0.05283652, 0.01005865, 0.01777766,
                0.0135308);
        check("db1", -0.22007063, 0, -0.02835349);
        check("dA1", 0.12913162, -0.44014127, -0.14175655, 0.48317296, 0.01663708, -0.05670698);
        check("updated W2", -0.55569196, 0.0354055, 1.32964895);
        check("updated b2", -0.84610769);
    }

    @Test
    void printsLikeTheNotebook() {
        List<String> lines = report.lines();
        for (String expected : List.of(
                "W1 = [[ 0.01624345 -0.00611756 -0.00528172]\n [-0.01072969  0.00865408 -0.02301539]]",
                "b1 = [[0.]\n [0.]]",
                "W2 = [[ 0.01744812 -0.00761207]]",
                "Z = [[ 3.26295337 -1.23429987]]",
                "With sigmoid: A = [[0.96890023 0.11013289]]",
                "With ReLU: A = [[3.43896131 0.        ]]",
                "AL = [[0.03921668 0.70498921 0.19734387 0.04728177]]",
                "Length of caches list = 3",
                "Cost: 0.2797765635793422",
                "With sigmoid: db = [[-0.05729622]]",
                "With relu: dW = [[ 0.44513824  0.37371418 -0.10478989]]",
                "db1 = [[-0.22007063]\n [ 0.        ]\n [-0.02835349]]",
                "b2 = [[-0.84610769]]")) {
            assertTrue(lines.contains(expected), "missing line:\n" + expected + "\nin\n" + String.join("\n", lines));
        }
    }

    @Test
    void theCommandLinePrintsTheChecks() {
        CommandLineRun run = CommandLineRun.of(new DeepNetworkStepByStep.Options(), DeepNetworkStepByStep::run);
        assertEquals(0, run.exitCode(), run.out() + run.err());
        assertTrue(run.out().contains("default dtype DOUBLE"), run.out());
        assertTrue(run.out().contains("Cost: 0.2797765635793422"), run.out());
    }

    /** -q keeps every value (the Expected Output) and drops the headings. */
    @Test
    void quietKeepsTheValues() {
        assertTrue(report.results().contains("Cost: 0.2797765635793422"));
        assertTrue(report.results().contains("Length of caches list = 3"));
        assertTrue(report.results().contains("db1 = [[-0.22007063]\n [ 0.        ]\n [-0.02835349]]"));
        assertTrue(report.results().stream().noneMatch(line -> line.startsWith("==")), report.text());
        assertTrue(report.lines().contains("== L_model_backward"));
    }

    /** The arrays are kept under the names the notebook prints; L_model_backward's grads in the notebook's order. */
    @Test
    void keysAreThoseTheNotebookPrints() {
        List<String> keys = List.copyOf(result.arrays().keySet());
        int first = keys.indexOf("dA0");
        assertEquals(List.of("dA0", "dA1", "dW1", "dW2", "db1", "db2"), keys.subList(first, first + 6));
        assertTrue(keys.containsAll(List.of("W1", "b1", "deep W1", "Z", "sigmoid A", "relu A", "AL", "linear dA_prev",
                "sigmoid db", "relu dW", "updated W1", "updated b2")), keys.toString());
        assertTrue(report.lines().contains("dA1 = " + NumpyFormat.array(result.arrays().get("dA1"))));
    }

    /** The graded functions on the notebook's test cases, as the grader checks them. */
    @ParameterizedTest
    @ValueSource(strings = {"initialize_parameters", "initialize_parameters_deep", "linear_forward",
        "linear_activation_forward", "L_model_forward", "compute_cost", "linear_backward", "linear_activation_backward",
        "L_model_backward", "update_parameters"})
    void gradedFunction(String function) {
        assertPasses(CHECKS, function);
    }

    @Test
    void linearForwardToMoreDigits() {
        INDArray[] aWb = DeepNetworkTestCases.linearForward();
        DeepNetwork.LinearOutput out = DeepNetworkStepByStep.linearForward(aWb[0], aWb[1], aWb[2]);
        assertAllClose(new double[] {3.2629533747, -1.2342998686}, out.Z(), 0, 1e-10, "Z full precision");
    }

    @Test
    void lModelBackwardNames() {
        DeepNetworkTestCases.ModelBackward testCase = DeepNetworkTestCases.lModelBackward();
        Gradients grads = DeepNetworkStepByStep.lModelBackward(testCase.AL(), testCase.Y(), testCase.caches());
        assertEquals(java.util.Set.of("dA0", "dA1", "dW1", "dW2", "db1", "db2"), grads.names());
    }
}
