package org.dls4j.course4.week1;

import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.scratch.conv.Convolution;
import org.dls4j.shared.scratch.conv.PoolMode;
import org.dls4j.shared.scratch.conv.Pooling;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@code ConvolutionLayer} and {@code SubsamplingLayer} against the from-scratch engine on the same arrays:
 * forward outputs and every gradient, within float64 rounding (DL4J sums in another order: im2col and gemm).
 */
class ConvolutionLayersInDl4jTest {

    static final double ROUNDING = 1e-12;

    /** The notebook's cells and odd shapes ({@link ConvolutionStepByStepTest#CONV_CASES}). */
    @Test
    void convolutionLayerMatchesTheScratchLayer() {
        NumpyRandom rng = new NumpyRandom(1);
        for (int[] c : ConvolutionStepByStepTest.CONV_CASES) {
            String what = Arrays.toString(c);
            INDArray[] in = ConvolutionStepByStepTest.convInputs(rng, c);
            INDArray aPrev = in[0];
            INDArray w = in[1];
            INDArray b = in[2];
            Convolution.Output scratch = Convolution.forward(aPrev, w, b, c[6], c[7]);
            INDArray dZ = rng.randn((int) scratch.Z().size(0), (int) scratch.Z().size(1), (int) scratch.Z().size(2),
                    c[5]);
            Convolution.Gradients g = Convolution.backward(dZ, scratch.cache());
            ConvolutionLayersInDl4j.ConvResult dl4j = ConvolutionLayersInDl4j.convolution(aPrev, w, b, c[6], c[7], dZ);
            assertAllClose(scratch.Z(), dl4j.Z(), 0, ROUNDING, "Z " + what);
            assertAllClose(g.dAPrev(), dl4j.dAPrev(), 0, ROUNDING, "dA_prev " + what);
            assertAllClose(g.dW(), dl4j.dW(), 0, ROUNDING, "dW " + what);
            assertAllClose(g.db(), dl4j.db(), 0, ROUNDING, "db " + what);
        }
    }

    @Test
    void subsamplingLayerMatchesTheScratchLayer() {
        NumpyRandom rng = new NumpyRandom(2);
        int[][] cases = {{5, 5, 3, 2, 2, 1}, {2, 5, 5, 3, 3, 2}, {2, 7, 6, 4, 3, 3}};
        for (int[] c : cases) {
            INDArray aPrev = rng.randn(c[0], c[1], c[2], c[3]);
            for (PoolMode mode : PoolMode.values()) {
                String what = Arrays.toString(c) + " " + mode;
                Pooling.Output scratch = Pooling.forward(aPrev, c[4], c[5], mode);
                INDArray dA = rng.randn((int) scratch.A().size(0), (int) scratch.A().size(1),
                        (int) scratch.A().size(2), c[3]);
                ConvolutionLayersInDl4j.PoolResult dl4j = ConvolutionLayersInDl4j.pooling(aPrev, c[4], c[5], mode, dA);
                assertAllClose(scratch.A(), dl4j.A(), 0, ROUNDING, "A " + what);
                assertAllClose(Pooling.backward(dA, scratch.cache(), mode), dl4j.dAPrev(), 0, ROUNDING,
                        "dA_prev " + what);
            }
        }
    }

    /** (f, f, n_C_prev, n_C) -> [n_C, n_C_prev, f, f]: element W[kh, kw, c', c] is kernel[c, c', kh, kw]. */
    @Test
    void kernelLayouts() {
        INDArray w = Nd4j.arange(2 * 2 * 3 * 4).castTo(DataType.DOUBLE).reshape('c', 2, 2, 3, 4);
        INDArray kernel = ConvolutionLayersInDl4j.kernelToDl4j(w);
        assertArrayEquals(new long[] {4, 3, 2, 2}, kernel.shape());
        assertEquals(w.getDouble(1, 0, 2, 3), kernel.getDouble(3, 2, 1, 0), 0);
        assertEquals(w.getDouble(0, 1, 1, 2), kernel.getDouble(2, 1, 0, 1), 0);
        assertAllClose(w, ConvolutionLayersInDl4j.kernelFromDl4j(kernel), 0, 0, "round trip");
    }

    @Test
    void wrongGradientShapeIsRefused() {
        INDArray aPrev = Nd4j.zeros(DataType.DOUBLE, 1, 4, 4, 2);
        assertEquals("the output gradient must have shape (1, 3, 3, 2) but was (1, 3, 3, 3)", assertThrows(
                IllegalArgumentException.class, () -> ConvolutionLayersInDl4j.pooling(aPrev, 2, 1, PoolMode.MAX,
                        Nd4j.zeros(DataType.DOUBLE, 1, 3, 3, 3))).getMessage());
    }
}
