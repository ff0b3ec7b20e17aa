package org.dls4j.course1.week4;

import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.cli.AssignmentRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the learner sees: the 2021 notebook's unit checks, printed as numpy prints them, with the expected values of
 * expected-c1-c2.md section 5 (the engine's own tests in {@code shared} cover every version, v3 included).
 */
class DeepNetworkStepByStepTest {

    static DeepNetworkStepByStep.Result result;

    @BeforeAll
    static void runOnce() {
        result = DeepNetworkStepByStep.run(line -> { });
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
        List<String> lines = result.lines();
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
        PrintStream old = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code;
        try {
            System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            code = AssignmentRunner.execute(new DeepNetworkStepByStep());
        } finally {
            System.setOut(old);
        }
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text);
        assertTrue(text.contains("default dtype DOUBLE"), text);
        assertTrue(text.contains("Cost: 0.2797765635793422"), text);
    }

    @Test
    void keysAreThoseTheNotebookPrints() {
        Map<String, INDArray> a = result.arrays();
        List<String> grads = new ArrayList<>();
        for (String k : List.of("dA0", "dA1", "dW1", "dW2", "db1", "db2")) {
            assertTrue(a.containsKey(k), k);
            grads.add(k);
        }
        assertEquals(6, grads.size());
    }
}
