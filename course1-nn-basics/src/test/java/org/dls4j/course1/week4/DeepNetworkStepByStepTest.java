package org.dls4j.course1.week4;

import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.dls4j.course1.CommandLineRun;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.scratch.dense.Cache;
import org.dls4j.shared.scratch.dense.DeepNetwork;
import org.dls4j.shared.scratch.dense.Gradients;
import org.dls4j.shared.scratch.dense.LinearCache;
import org.dls4j.shared.scratch.dense.Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The 2021 notebook's unit checks (expected-c1-c2.md section 5): each graded function on the notebook's test cases
 * ({@link DeepNetworkTestCases}, its {@code testCases.py}) against the printed expected values (8 decimals, so a
 * tolerance of half a unit in the last printed digit), and the run that prints them as numpy does. The graded
 * functions are the shared engine's blocks, so these are also the engine's checks on the 2019+ test cases (its own
 * tests in {@code shared} cover the initialisations and the 2018 cases).
 */
class DeepNetworkStepByStepTest {

    /** Half a unit of numpy's 8th printed decimal. */
    static final double PRINTED = 5e-9;

    static Report.Captured report;
    static DeepNetworkStepByStep.Result result;

    @BeforeAll
    static void runOnce() {
        report = Report.captured();
        result = DeepNetworkStepByStep.run(new DeepNetworkStepByStep.Options(), report);
    }

    static double[] rows(double[]... rows) {
        return Arrays.stream(rows).flatMapToDouble(Arrays::stream).toArray();
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

    @Test
    void linearForward() {
        INDArray[] aWb = DeepNetworkTestCases.linearForward();
        DeepNetwork.LinearOutput out = DeepNetworkStepByStep.linearForward(aWb[0], aWb[1], aWb[2]);
        assertAllClose(new double[] {3.26295337, -1.23429987}, out.Z(), 0, PRINTED, "Z");
        assertAllClose(new double[] {3.2629533747, -1.2342998686}, out.Z(), 0, 1e-10, "Z full precision");
        // cache = (A, W, b): the arrays themselves
        assertSame(aWb[0], out.cache().aPrev());
        assertSame(aWb[1], out.cache().W());
    }

    @Test
    void linearActivationForward() {
        INDArray[] in = DeepNetworkTestCases.linearActivationForward();
        DeepNetwork.LayerOutput sigmoid = DeepNetworkStepByStep.linearActivationForward(in[0], in[1], in[2], "sigmoid");
        assertAllClose(new double[] {0.96890023, 0.11013289}, sigmoid.A(), 0, PRINTED, "sigmoid A");
        DeepNetwork.LayerOutput relu = DeepNetworkStepByStep.linearActivationForward(in[0], in[1], in[2], "relu");
        assertAllClose(new double[] {3.43896131, 0.}, relu.A(), 0, PRINTED, "relu A");
        // the activation cache is Z
        assertAllClose(DeepNetwork.linearForward(in[0], in[1], in[2]).Z(), relu.cache().Z(), 0, 0, "Z");
    }

    @Test
    void lModelForwardV4TwoHidden() {
        DeepNetworkTestCases.Model model = DeepNetworkTestCases.lModelForward2Hidden();
        DeepNetwork.ModelOutput out = DeepNetworkStepByStep.lModelForward(model.X(), model.parameters());
        assertAllClose(new double[] {0.03921668, 0.70498921, 0.19734387, 0.04728177}, out.AL(), 0, PRINTED, "AL");
        assertEquals(3, out.caches().size());
    }

    @Test
    void linearBackwardV4() {
        INDArray dZ = DeepNetworkTestCases.linearBackwardDZ();
        LinearCache cache = DeepNetworkTestCases.linearBackwardCache();
        DeepNetwork.LinearGradients g = DeepNetworkStepByStep.linearBackward(dZ, cache);
        assertAllClose(rows(new double[] {-1.15171336, 0.06718465, -0.3204696, 2.09812712},
                new double[] {0.60345879, -3.72508701, 5.81700741, -3.84326836},
                new double[] {-0.4319552, -1.30987417, 1.72354705, 0.05070578},
                new double[] {-0.38981415, 0.60811244, -1.25938424, 1.47191593},
                new double[] {-2.52214926, 2.67882552, -0.67947465, 1.48119548}), g.dAPrev(), 0, PRINTED, "dA_prev");
        assertAllClose(rows(new double[] {0.07313866, -0.0976715, -0.87585828, 0.73763362, 0.00785716},
                new double[] {0.85508818, 0.37530413, -0.59912655, 0.71278189, -0.58931808},
                new double[] {0.97913304, -0.24376494, -0.08839671, 0.55151192, -0.10290907}), g.dW(), 0, PRINTED,
                "dW");
        assertAllClose(new double[] {-0.14713786, -0.11313155, -0.13209101}, g.db(), 0, PRINTED, "db");
    }

    @Test
    void linearActivationBackward() {
        DeepNetworkTestCases.Backward testCase = DeepNetworkTestCases.linearActivationBackward();
        INDArray dA = testCase.dA();
        Cache cache = testCase.cache();
        DeepNetwork.LinearGradients s = DeepNetworkStepByStep.linearActivationBackward(dA, cache, "sigmoid");
        assertAllClose(new double[] {0.11017994, 0.01105339, 0.09466817, 0.00949723, -0.05743092, -0.00576154},
                s.dAPrev(), 0, PRINTED, "sigmoid dA_prev");
        assertAllClose(new double[] {0.10266786, 0.09778551, -0.01968084}, s.dW(), 0, PRINTED, "sigmoid dW");
        assertAllClose(new double[] {-0.05729622}, s.db(), 0, PRINTED, "sigmoid db");
        DeepNetwork.LinearGradients r = DeepNetworkStepByStep.linearActivationBackward(dA, cache, "relu");
        assertAllClose(new double[] {0.44090989, 0., 0.37883606, 0., -0.2298228, 0.}, r.dAPrev(), 0, PRINTED,
                "relu dA_prev");
        assertAllClose(new double[] {0.44513824, 0.37371418, -0.10478989}, r.dW(), 0, PRINTED, "relu dW");
        assertAllClose(new double[] {-0.20837892}, r.db(), 0, PRINTED, "relu db");
    }

    @Test
    void lModelBackward() {
        DeepNetworkTestCases.ModelBackward testCase = DeepNetworkTestCases.lModelBackward();
        Gradients grads = DeepNetworkStepByStep.lModelBackward(testCase.AL(), testCase.Y(), testCase.caches());
        assertAllClose(rows(new double[] {0.41010002, 0.07807203, 0.13798444, 0.10502167}, new double[] {0, 0, 0, 0},
                new double[] {0.05283652, 0.01005865, 0.01777766, 0.0135308}), grads.dW(1), 0, PRINTED, "dW1");
        assertAllClose(new double[] {-0.22007063, 0, -0.02835349}, grads.db(1), 0, PRINTED, "db1");
        // v4+: dA1 is the gradient with respect to A1
        assertAllClose(new double[] {0.12913162, -0.44014127, -0.14175655, 0.48317296, 0.01663708, -0.05670698},
                grads.dA(1), 0, PRINTED, "dA1");
        // v3 printed "dA1" with the old keys = the gradient with respect to the input: dA0 here
        assertAllClose(new double[] {0, 0.52257901, 0, -0.3269206, 0, -0.32070404, 0, -0.74079187}, grads.dA(0), 0,
                PRINTED, "dA0 (v3's dA1)");
        assertEquals(java.util.Set.of("dA0", "dA1", "dW1", "dW2", "db1", "db2"), grads.names());
    }

    @Test
    void updateParameters() {
        DeepNetworkTestCases.Update testCase = DeepNetworkTestCases.updateParameters();
        Parameters p = testCase.parameters();
        Gradients g = testCase.grads();
        Parameters before = p.copy();
        Parameters updated = DeepNetworkStepByStep.updateParameters(p, g, 0.1);
        assertAllClose(rows(new double[] {-0.59562069, -0.09991781, -2.14584584, 1.82662008},
                new double[] {-1.76569676, -0.80627147, 0.51115557, -1.18258802},
                new double[] {-1.0535704, -0.86128581, 0.68284052, 2.20374577}), updated.W(1), 0, PRINTED, "W1");
        assertAllClose(new double[] {-0.04659241, -1.28888275, 0.53405496}, updated.b(1), 0, PRINTED, "b1");
        assertAllClose(new double[] {-0.55569196, 0.0354055, 1.32964895}, updated.W(2), 0, PRINTED, "W2");
        assertAllClose(new double[] {-0.84610769}, updated.b(2), 0, PRINTED, "b2");
        // 2021: the input dictionary is left as it was
        assertAllClose(before.W(1), p.W(1), 0, 0, "params W1 unchanged");
    }
}
