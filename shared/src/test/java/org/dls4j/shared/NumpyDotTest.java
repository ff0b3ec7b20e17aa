package org.dls4j.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@code np.dot} of float64 vectors to the last bit (values printed by numpy 2.4.6 with OpenBLAS 0.3.31). */
class NumpyDotTest {

    /** x[i] = 0.1 i - 1.3, y[i] = 1 / (i + 1.7): both rounded the same in Java and Python. */
    private static double[][] vectors(int n) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = 0.1 * i - 1.3;
            y[i] = 1 / (i + 1.7);
        }
        return new double[][] {x, y};
    }

    @Test
    void roundsAsNumpyDoesWhereALeftToRightLoopDoesNot() {
        double[][] v50 = vectors(50);
        assertEquals(-0.47899509950407504, NumpyDot.dot(v50[0], v50[1]));
        double loop = 0;
        for (int i = 0; i < 50; i++) {
            loop += v50[0][i] * v50[1][i];
        }
        assertEquals(-0.4789950995040746, loop);
        assertNotEquals(loop, NumpyDot.dot(v50[0], v50[1]));
        double[][] v100 = vectors(100);
        assertEquals(3.519424222987488, NumpyDot.dot(v100[0], v100[1]));
    }

    @Test
    void smallAndMismatchedVectors() {
        assertEquals(0.0, NumpyDot.dot(new double[0], new double[0]));
        assertEquals(11.0, NumpyDot.dot(new double[] {1, 2}, new double[] {3, 4}));
        assertThrows(IllegalArgumentException.class, () -> NumpyDot.dot(new double[2], new double[3]));
    }
}
