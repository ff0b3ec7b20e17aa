package org.dls4j.shared.scratch.dense;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dls4j.shared.NumpyRandom;
import org.junit.jupiter.api.Test;

/**
 * The update rules, dropout and L2 on hand-checkable numbers. (Their agreement with the notebooks' graded functions,
 * to the last bit, is tested where those live: Course 2's OptimizationMethodsTest and RegularizationTest.)
 */
class UpdateRulesTest {

    static double[][] params() {
        return new double[][] {{1.0, -2.0}, {0.5}};
    }

    static double[][] grads() {
        return new double[][] {{0.2, -0.4}, {0.1}};
    }

    @Test
    void gradientDescent() {
        double[][] p = params();
        new GdRule().update(p, grads(), 0.5);
        assertArrayEquals(new double[] {1.0 - 0.5 * 0.2, -2.0 - 0.5 * -0.4}, p[0]);
        assertArrayEquals(new double[] {0.5 - 0.5 * 0.1}, p[1]);
    }

    @Test
    void momentumAveragesTheGradients() {
        double[][] p = params();
        MomentumRule rule = new MomentumRule(0.9);
        rule.update(p, grads(), 1.0);
        // v = 0.9 * 0 + 0.1 * g; W = W - v
        assertEquals(1.0 - (1 - 0.9) * 0.2, p[0][0]);
        rule.update(p, grads(), 1.0);
        double v2 = 0.9 * ((1 - 0.9) * 0.2) + (1 - 0.9) * 0.2;
        assertEquals(1.0 - (1 - 0.9) * 0.2 - v2, p[0][0]);
        assertThrows(IllegalArgumentException.class, () -> new MomentumRule(1.0));
    }

    /** At t = 1 the corrections undo the zero start: the step is {@code lr * g / (|g| + eps)}. */
    @Test
    void adamCountsItsUpdatesAndCorrectsTheBias() {
        double[][] p = params();
        AdamRule rule = new AdamRule(0.9, 0.999, 1e-8);
        assertEquals(0, rule.t());
        rule.update(p, grads(), 0.01);
        assertEquals(1, rule.t());
        assertEquals(1.0 - 0.01 * 0.2 / (Math.sqrt(0.2 * 0.2) + 1e-8), p[0][0], 1e-16);
        assertEquals(-2.0 - 0.01 * -0.4 / (Math.sqrt(0.4 * 0.4) + 1e-8), p[0][1], 1e-16);
        rule.update(p, grads(), 0.01);
        assertEquals(2, rule.t());
        assertThrows(IllegalArgumentException.class, () -> rule.update(new double[][] {{1.0}}, new double[][] {{1.0}},
                0.01), "the state belongs to the first parameters");
        assertThrows(IllegalArgumentException.class, () -> new AdamRule(0.9, 0.999, 0));
    }

    /** The masks are numpy's {@code np.random.seed(s); (np.random.rand(n, m) < keep_prob)}, hidden layers in order. */
    @Test
    void dropoutMasksAreNumpysDraws() {
        Dropout dropout = new Dropout(0.7, 1);
        assertTrue(dropout.active());
        double[][] masks = dropout.masks(new int[] {2, 3, 2, 1}, 4);
        NumpyRandom rng = new NumpyRandom(1);
        for (int l = 1; l <= 2; l++) {
            for (int k = 0; k < masks[l].length; k++) {
                assertEquals(rng.randomSample() < 0.7 ? 1.0 : 0.0, masks[l][k], "D" + l + "[" + k + "]");
            }
        }
        assertEquals(null, masks[3], "no mask on the output layer");
        assertEquals(2.0 / 0.7, dropout.apply(2.0, 1.0));
        assertEquals(0.0, dropout.apply(2.0, 0.0));
        assertFalse(Dropout.NONE.active());
        assertEquals(null, Dropout.NONE.masks(new int[] {2, 3, 1}, 4)[1]);
        assertThrows(IllegalArgumentException.class, () -> new Dropout(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5, 1));
    }

    @Test
    void l2PenalisesTheWeights() {
        L2Penalty l2 = new L2Penalty(0.7);
        double[][] W = {null, {1.0, 2.0}, {3.0}};
        assertEquals((1.0 / 4) * (0.7 / 2) * (1 + 4 + 9), l2.cost(W, 4, new double[2]));
        double[] dW = {0.5, 0.5};
        l2.addGradient(dW, W[1], 4);
        assertArrayEquals(new double[] {0.5 + 0.7 / 4 * 1.0, 0.5 + 0.7 / 4 * 2.0}, dW);
        assertFalse(L2Penalty.NONE.active());
        assertThrows(IllegalArgumentException.class, () -> new L2Penalty(-1));
        assertThrows(IllegalArgumentException.class, () -> new L2Penalty(Double.NaN));
    }
}
