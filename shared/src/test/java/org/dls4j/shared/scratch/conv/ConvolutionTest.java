package org.dls4j.shared.scratch.conv;

import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.NumpySum;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused convolution layer on the notebook's test cells (expected-c4-c5.md section 2.2: {@code np.random.seed(1)}
 * and the draws listed there), against the printed values, to half a unit of the last printed digit or, for the
 * values the 2021 notebook prints in full, exactly.
 */
class ConvolutionTest {

    static final double PRINTED = 5e-9;

    /** The conv_forward cell: {@code seed(1)}; {@code randn(m, 5, 7, 4)}, {@code randn(3, 3, 4, 8)}, then b. */
    static INDArray[] forwardCell(int m) {
        NumpyRandom rng = new NumpyRandom(1);
        return new INDArray[] {rng.randn(m, 5, 7, 4), rng.randn(3, 3, 4, 8), rng.randn(1, 1, 1, 8)};
    }

    /** The conv_backward cell: {@code seed(1)}; {@code randn(10, 4, 4, 3)}, {@code randn(2, 2, 3, 8)}, then b. */
    static INDArray[] backwardCell() {
        NumpyRandom rng = new NumpyRandom(1);
        return new INDArray[] {rng.randn(10, 4, 4, 3), rng.randn(2, 2, 3, 8), rng.randn(1, 1, 1, 8)};
    }

    @Test
    void forwardGivesThe2018NotebooksValues() {
        INDArray[] in = forwardCell(10);
        Convolution.Output out = Convolution.forward(in[0], in[1], in[2], 2, 1);
        assertArrayEquals(new long[] {10, 3, 4, 8}, out.Z().shape());
        assertEquals(0.6923608807576933, NumpySum.sum(out.Z()) / out.Z().length(), 1e-15);
        assertAllClose(new double[] {-1.28912231, 2.27650251, 6.61941931, 0.95527176, 8.25132576, 2.31329639,
                13.00689405, 2.34576051}, out.Z().get(point(3), point(2), point(1), all()), 0, PRINTED, "Z[3,2,1]");
        assertSame(in[0], out.cache().aPrev());
        assertEquals(2, out.cache().stride());
        assertEquals(1, out.cache().pad());
    }

    @Test
    void forwardGivesThe2021NotebooksValues() {
        INDArray[] in = forwardCell(2);
        INDArray z = Convolution.forward(in[0], in[1], in[2], 2, 1).Z();
        // the 2021 notebook prints the mean in full: numpy's sums in numpy's order give it to the last bit
        assertEquals(0.5511276474566768, NumpySum.sum(z) / z.length(), 0);
        assertAllClose(new double[] {-2.17796037, 8.07171329, -0.5772704, 3.36286738, 4.48113645, -2.89198428,
                10.99288867, 3.03171932}, z.get(point(0), point(2), point(1), all()), 0, PRINTED, "Z[0,2,1]");
    }

    @Test
    void backwardGivesTheNotebooksMeans() {
        INDArray[] in = backwardCell();
        Convolution.Output out = Convolution.forward(in[0], in[1], in[2], 2, 2);
        // the side result of the reference: these inputs' Z, the dZ of the backward cell
        assertEquals(0.0489952035289, NumpySum.sum(out.Z()) / out.Z().length(), 5e-14);
        Convolution.Gradients g = Convolution.backward(out.Z(), out.cache());
        assertEquals(1.4524377775388075, NumpySum.sum(g.dAPrev()) / g.dAPrev().length(), 0);
        assertEquals(1.7269914583139097, NumpySum.sum(g.dW()) / g.dW().length(), 0);
        assertEquals(7.839232564616838, NumpySum.sum(g.db()) / g.db().length(), 0);
        assertArrayEquals(in[0].shape(), g.dAPrev().shape());
        assertArrayEquals(in[1].shape(), g.dW().shape());
        assertArrayEquals(new long[] {1, 1, 1, 8}, g.db().shape());
    }

    /** The gradients are those of the cost {@code sum(Z * dZ)}: a central difference agrees, also with pad 0. */
    @Test
    void backwardIsTheGradientOfForward() {
        NumpyRandom rng = new NumpyRandom(7);
        for (int pad : new int[] {0, 1}) {
            INDArray a = rng.randn(2, 5, 4, 3);
            INDArray w = rng.randn(3, 3, 3, 2);
            INDArray b = rng.randn(1, 1, 1, 2);
            Convolution.Output out = Convolution.forward(a, w, b, 2, pad);
            INDArray dZ = rng.randn((int) out.Z().size(0), (int) out.Z().size(1), (int) out.Z().size(2), 2);
            Convolution.Gradients g = Convolution.backward(dZ, out.cache());
            assertAllClose(numeric(a, x -> Convolution.forward(x, w, b, 2, pad).Z(), dZ), g.dAPrev(), 1e-7, 1e-8,
                    "dA_prev, pad " + pad);
            assertAllClose(numeric(w, x -> Convolution.forward(a, x, b, 2, pad).Z(), dZ), g.dW(), 1e-7, 1e-8,
                    "dW, pad " + pad);
            assertAllClose(numeric(b, x -> Convolution.forward(a, w, x, 2, pad).Z(), dZ), g.db(), 1e-7, 1e-8,
                    "db, pad " + pad);
        }
    }

    /** d sum(f(x) * dZ) / dx by central differences. */
    static INDArray numeric(INDArray x, java.util.function.UnaryOperator<INDArray> f, INDArray dZ) {
        INDArray grad = Nd4j.zeros(DataType.DOUBLE, x.shape());
        double eps = 1e-6;
        for (long j = 0; j < x.length(); j++) {
            INDArray plus = x.dup();
            plus.putScalar(j, x.getDouble(j) + eps);
            INDArray minus = x.dup();
            minus.putScalar(j, x.getDouble(j) - eps);
            double up = f.apply(plus).mul(dZ).sumNumber().doubleValue();
            double down = f.apply(minus).mul(dZ).sumNumber().doubleValue();
            grad.putScalar(j, (up - down) / (2 * eps));
        }
        return grad;
    }

    @Test
    void badShapesAreRefusedWithTheirNames() {
        INDArray[] in = forwardCell(2);
        assertEquals("W must have shape (f, f, n_C_prev, n_C) = (f, f, 4, n_C) but was (3, 3, 3, 8)",
                assertThrows(IllegalArgumentException.class,
                        () -> Convolution.forward(in[0], Nd4j.zeros(DataType.DOUBLE, 3, 3, 3, 8), in[2], 1, 0))
                        .getMessage());
        assertEquals("b must have shape (1, 1, 1, 8) but was (1, 8)", assertThrows(IllegalArgumentException.class,
                () -> Convolution.forward(in[0], in[1], in[2].reshape(1, 8), 1, 0)).getMessage());
        assertEquals("A_prev must be a 4-D (m, n_H, n_W, n_C) array but has shape (5, 7, 4)",
                assertThrows(IllegalArgumentException.class,
                        () -> Convolution.forward(in[0].get(point(0), all(), all(), all()), in[1], in[2], 1, 0))
                        .getMessage());
        assertEquals("stride must be at least 1, not 0", assertThrows(IllegalArgumentException.class,
                () -> Convolution.forward(in[0], in[1], in[2], 0, 1)).getMessage());
        assertEquals("pad must be at least 0, not -1", assertThrows(IllegalArgumentException.class,
                () -> Convolution.forward(in[0], in[1], in[2], 1, -1)).getMessage());
        assertEquals("A_prev must be a DOUBLE (float64) array but is FLOAT", assertThrows(
                IllegalArgumentException.class,
                () -> Convolution.forward(in[0].castTo(DataType.FLOAT), in[1], in[2], 1, 0)).getMessage());
        INDArray small = Nd4j.zeros(DataType.DOUBLE, 1, 2, 2, 4);
        assertEquals("the 3x3 window does not fit: n_H_prev + 2*pad = 2 is smaller than f = 3",
                assertThrows(IllegalArgumentException.class, () -> Convolution.forward(small, in[1], in[2], 1, 0))
                        .getMessage());
        Convolution.Output out = Convolution.forward(in[0], in[1], in[2], 2, 1);
        assertEquals("dZ must have shape (2, 3, 4, 8) but was (2, 3, 4, 7)", assertThrows(
                IllegalArgumentException.class,
                () -> Convolution.backward(Nd4j.zeros(DataType.DOUBLE, 2, 3, 4, 7), out.cache())).getMessage());
    }
}
