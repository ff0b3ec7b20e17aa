package org.dls4j.shared.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class NdAssertTest {

    @Test
    void reportsTheWorstElementAndTheErrors() {
        var expected = Nd4j.create(new double[][] {{1, 2}, {3, 4}});
        var actual = Nd4j.create(new double[][] {{1, 2}, {3.5, 4}});
        AssertionError e = assertThrows(AssertionError.class,
                () -> NdAssert.assertAllClose(expected, actual, 1e-7, 0, "A"));
        assertTrue(e.getMessage().contains("[1, 0]"), e.getMessage());
        assertTrue(e.getMessage().contains("max abs error 5.000e-01"), e.getMessage());
        assertTrue(e.getMessage().contains("max rel error 1.667e-01"), e.getMessage());
        NdAssert.assertAllClose(expected, actual, 0.2, 0, "A");
    }

    @Test
    void shapeMismatchFails() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> NdAssert.assertAllClose(Nd4j.zeros(2, 3), Nd4j.zeros(3, 2), 0, 0));
        assertTrue(e.getMessage().contains("shape (3, 2) but expected (2, 3)"), e.getMessage());
    }

    @Test
    void bitsEqualCatchesOneUlp() {
        var a = Nd4j.create(new double[] {0.1, 0.2});
        var b = Nd4j.create(new double[] {0.1, Math.nextUp(0.2)});
        assertThrows(AssertionError.class, () -> NdAssert.assertBitsEqual(a, b, "x"));
        NdAssert.assertBitsEqual(a, a.dup(), "x");
    }
}
