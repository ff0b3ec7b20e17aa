package org.dls4j.shared.scratch.conv;

import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.dls4j.shared.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The fused pooling layer on the notebook's test cells (expected-c4-c5.md section 2.2), against the printed values. */
class PoolingTest {

    static final double PRINTED = 5e-9;

    static INDArray poolInput() {
        return new NumpyRandom(1).randn(2, 5, 5, 3);
    }

    @Test
    void forwardStride1GivesThePrintedTensors() {
        INDArray max = Pooling.forward(poolInput(), 3, 1, PoolMode.MAX).A();
        assertArrayEquals(new long[] {2, 3, 3, 3}, max.shape());
        assertAllClose(new double[] {1.96710175, 0.84616065, 1.27375593, 1.96710175, 0.84616065, 1.23616403,
                1.62765075, 1.12141771, 1.2245077}, max.get(point(1), point(1), all(), all()), 0, PRINTED,
                "max A[1,1]");
        INDArray average = Pooling.forward(poolInput(), 3, 1, PoolMode.AVERAGE).A();
        assertAllClose(new double[] {0.44497696, -0.00261695, -0.31040307, 0.50811474, -0.23493734, -0.23961183,
                0.11872677, 0.17255229, -0.22112197}, average.get(point(1), point(1), all(), all()), 0, PRINTED,
                "average A[1,1]");
        assertAllClose(new double[] {-3.01046719e-02, -3.24021315e-03, -3.36298859e-01},
                average.get(point(0), point(0), point(0), all()), 0, 5e-10, "average A[0,0,0] (9 digits)");
    }

    @Test
    void forwardStride2GivesThePrintedTensors() {
        INDArray max = Pooling.forward(poolInput(), 3, 2, PoolMode.MAX).A();
        assertAllClose(new double[] {1.74481176, 0.90159072, 1.65980218, 1.74481176, 1.6924546, 1.65980218,
                1.13162939, 1.51981682, 2.18557541, 1.13162939, 1.6924546, 2.18557541},
                max.get(point(0), all(), all(), all()), 0, PRINTED, "max A[0]");
        INDArray average = Pooling.forward(poolInput(), 3, 2, PoolMode.AVERAGE).A();
        assertAllClose(new double[] {-0.17313416, 0.32377198, -0.34317572, 0.02030094, 0.14141479, -0.01231585,
                0.42944926, 0.08446996, -0.27290905, 0.15077452, 0.28911175, 0.00123239},
                average.get(point(1), all(), all(), all()), 0, PRINTED, "average A[1]");
    }

    /** The 2017 notebook's cell: {@code seed(1)}; {@code randn(2, 4, 4, 3)}; {@code f = 4}, stride 1. */
    @Test
    void forwardGivesThe2017NotebooksValues() {
        INDArray a = new NumpyRandom(1).randn(2, 4, 4, 3);
        assertAllClose(new double[] {1.74481176, 1.6924546, 2.10025514, 1.19891788, 1.51981682, 2.18557541},
                Pooling.forward(a, 4, 1, PoolMode.MAX).A(), 0, PRINTED, "max");
        assertAllClose(new double[] {-0.09498456, 0.11180064, -0.14263511, -0.09525108, 0.28325018, 0.33035185},
                Pooling.forward(a, 4, 1, PoolMode.AVERAGE).A(), 0, PRINTED, "average");
    }

    @Test
    void backwardGivesThePrintedRows() {
        NumpyRandom rng = new NumpyRandom(1);
        INDArray aPrev = rng.randn(5, 5, 3, 2);
        Pooling.Output out = Pooling.forward(aPrev, 2, 1, PoolMode.MAX);
        assertSame(aPrev, out.cache().aPrev());
        INDArray dA = rng.randn(5, 4, 2, 2);
        assertAllClose(new double[] {0, 0, 5.05844394, -1.68282702, 0, 0},
                Pooling.backward(dA, out.cache(), PoolMode.MAX).get(point(1), point(1), all(), all()), 0, PRINTED,
                "max dA_prev[1,1]");
        assertAllClose(new double[] {0.08485462, 0.2787552, 1.26461098, -0.25749373, 1.17975636, -0.53624893},
                Pooling.backward(dA, out.cache(), PoolMode.AVERAGE).get(point(1), point(1), all(), all()), 0,
                PRINTED, "average dA_prev[1,1]");
    }

    /** Each window passes its gradient on: all of it to its maximum, or an equal share to each input. */
    @Test
    void backwardConservesTheGradient() {
        NumpyRandom rng = new NumpyRandom(3);
        INDArray aPrev = rng.randn(3, 6, 6, 2);
        Pooling.Cache cache = Pooling.forward(aPrev, 2, 2, PoolMode.MAX).cache();
        INDArray dA = rng.randn(3, 3, 3, 2);
        for (PoolMode mode : PoolMode.values()) {
            // stride = f: the windows do not overlap, every input is in exactly one
            assertEquals(dA.sumNumber().doubleValue(), Pooling.backward(dA, cache, mode).sumNumber().doubleValue(),
                    1e-12, mode.toString());
        }
        INDArray dMax = Pooling.backward(dA, cache, PoolMode.MAX);
        assertEquals(dA.length(), dMax.neq(0).castTo(DataType.INT32).sumNumber().longValue());
    }

    @Test
    void badInputIsRefused() {
        assertEquals("mode must be \"max\" or \"average\", not \"min\"",
                assertThrows(IllegalArgumentException.class, () -> PoolMode.of("min")).getMessage());
        assertEquals("mode must be \"max\" or \"average\", not null",
                assertThrows(IllegalArgumentException.class, () -> PoolMode.of(null)).getMessage());
        assertEquals("the 6x6 window does not fit: n_H_prev + 2*pad = 5 is smaller than f = 6", assertThrows(
                IllegalArgumentException.class, () -> Pooling.forward(poolInput(), 6, 1, PoolMode.MAX)).getMessage());
        assertEquals("f must be at least 1, not 0", assertThrows(IllegalArgumentException.class,
                () -> Pooling.forward(poolInput(), 0, 1, PoolMode.MAX)).getMessage());
        Pooling.Cache cache = Pooling.forward(poolInput(), 3, 2, PoolMode.MAX).cache();
        assertEquals("dA must have shape (2, 2, 2, 3) but was (2, 3, 3, 3)", assertThrows(
                IllegalArgumentException.class,
                () -> Pooling.backward(Nd4j.zeros(DataType.DOUBLE, 2, 3, 3, 3), cache, PoolMode.MAX)).getMessage());
        assertEquals("max", PoolMode.MAX.toString());
        assertEquals(PoolMode.AVERAGE, PoolMode.of("average"));
    }
}
