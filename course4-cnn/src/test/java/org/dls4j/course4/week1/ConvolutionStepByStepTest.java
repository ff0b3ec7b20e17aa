package org.dls4j.course4.week1;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.dls4j.shared.testing.NdAssert.assertBitsEqual;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Arrays;
import java.util.List;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.scratch.conv.Convolution;
import org.dls4j.shared.scratch.conv.PoolMode;
import org.dls4j.shared.scratch.conv.Pooling;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The notebook's test cells (expected-c4-c5.md section 2.2; 2018-v2a notebook and the 2021 {@code public_tests.py})
 * against their printed values, to half a unit of the last printed digit, or exactly where the 2021 notebook prints
 * a value in full; the printing; and the readable functions against the fused engine of
 * {@code org.dls4j.shared.scratch.conv}, to the last bit.
 */
class ConvolutionStepByStepTest {

    /** Half a unit of numpy's 8th printed decimal. */
    static final double PRINTED = 5e-9;

    /** {@code x = randn(4, 3, 3, 2)} after {@code seed(1)}, as {@code zero_pad_test} prints it inside its zeros. */
    static final double[] X = {
        1.62434536, -0.61175641, -0.52817175, -1.07296862, 0.86540763, -2.3015387,
        1.74481176, -0.7612069, 0.3190391, -0.24937038, 1.46210794, -2.06014071,
        -0.3224172, -0.38405435, 1.13376944, -1.09989127, -0.17242821, -0.87785842,
        0.04221375, 0.58281521, -1.10061918, 1.14472371, 0.90159072, 0.50249434,
        0.90085595, -0.68372786, -0.12289023, -0.93576943, -0.26788808, 0.53035547,
        -0.69166075, -0.39675353, -0.6871727, -0.84520564, -0.67124613, -0.0126646,
        -1.11731035, 0.2344157, 1.65980218, 0.74204416, -0.19183555, -0.88762896,
        -0.74715829, 1.6924546, 0.05080775, -0.63699565, 0.19091548, 2.10025514,
        0.12015895, 0.61720311, 0.30017032, -0.35224985, -1.1425182, -0.34934272,
        -0.20889423, 0.58662319, 0.83898341, 0.93110208, 0.28558733, 0.88514116,
        -0.75439794, 1.25286816, 0.51292982, -0.29809284, 0.48851815, -0.07557171,
        1.13162939, 1.51981682, 2.18557541, -1.39649634, -1.44411381, -0.50446586};

    static Report.Captured report;
    static ConvolutionStepByStep.Result result;

    @BeforeAll
    static void runOnce() {
        report = Report.captured();
        result = ConvolutionStepByStep.run(new ConvolutionStepByStep.Options(), report);
    }

    static void check(String key, double... expected) {
        assertAllClose(expected, result.arrays().get(key), 0, PRINTED, key);
    }

    static double value(String key) {
        return result.values().get(key);
    }

    /** The notebook's test cells, as the grader checks them. */
    @ParameterizedTest
    @ValueSource(strings = {"zero_pad", "conv_single_step", "conv_forward", "pool_forward", "conv_backward",
        "create_mask_from_window", "distribute_value", "pool_backward"})
    void gradedFunction(String function) {
        assertPasses(new ConvolutionStepByStepChecks(), function);
    }

    @Test
    void zeroPadGivesTheFullTestArray() {
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, 4, 7, 7, 2);
        expected.get(all(), interval(2, 5), interval(2, 5), all()).assign(Nd4j.create(X, new long[] {4, 3, 3, 2}, 'c'));
        assertAllClose(expected, result.arrays().get("x_pad"), 0, PRINTED, "x_pad");
        check("x[1,1]", 0.90085595, -0.68372786, -0.12289023, -0.93576943, -0.26788808, 0.53035547);
        check("x_pad[1,1]", new double[14]);
        // pad 3, the 2021 notebook's cell
        assertArrayEquals(new long[] {4, 9, 9, 2}, ConvolutionStepByStep.zeroPad(Nd4j.zeros(DataType.DOUBLE, 4, 3, 3,
                2), 3).shape());
    }

    @Test
    void convSingleStepGivesThe2021Value() {
        assertEquals(-6.999089450680221, value("Z"), 0);
    }

    @Test
    void convForwardGivesThe2018Values() {
        // printed 0.692360880758 by the 2018 notebook (12 digits); numpy 2 prints 0.6923608807576933
        assertEquals(0.692360880758, value("Z's mean"), 5e-13);
        assertEquals(0.6923608807576933, value("Z's mean"), 0);
        check("Z[3,2,1]", -1.28912231, 2.27650251, 6.61941931, 0.95527176, 8.25132576, 2.31329639, 13.00689405,
                2.34576051);
        check("cache_conv[0][1][2][3]", -1.1191154, 1.9560789, -0.3264995, -1.34267579);
    }

    @Test
    void convForwardGivesThe2021Values() {
        assertEquals(0.5511276474566768, value("Z's mean (m = 2)"), 0);
        check("Z[0,2,1] (m = 2)", -2.17796037, 8.07171329, -0.5772704, 3.36286738, 4.48113645, -2.89198428,
                10.99288867, 3.03171932);
        check("cache_conv[0][1][2][3] (m = 2)", -1.1191154, 1.9560789, -0.3264995, -1.34267579);
        check("Z (m = 2)", ConvolutionStepByStepChecks.Z_2021);
    }

    /** {@code conv_forward_test}'s shape checks: pad 3, stride 1 and pad 0, stride 2. */
    @Test
    void convForwardShapes() {
        NumpyRandom rng = new NumpyRandom(5);
        INDArray aPrev = rng.randn(2, 5, 7, 4);
        INDArray w = rng.randn(3, 3, 4, 8);
        INDArray b = rng.randn(1, 1, 1, 8);
        assertArrayEquals(new long[] {2, 9, 11, 8}, ConvolutionStepByStep.convForward(aPrev, w, b, 1, 3).Z().shape());
        assertArrayEquals(new long[] {2, 2, 3, 8}, ConvolutionStepByStep.convForward(aPrev, w, b, 2, 0).Z().shape());
        assertArrayEquals(new long[] {2, 2, 3, 3}, ConvolutionStepByStep.poolForward(rng.randn(2, 5, 7, 3), 2, 2,
                "average").A().shape());
    }

    @Test
    void poolForwardGivesTheFullTestArrays() {
        check("max A (stride 1)", ConvolutionStepByStepChecks.A_MAX);
        assertAllClose(ConvolutionStepByStepChecks.A_AVERAGE, result.arrays().get("average A (stride 1)"), 0, 5e-10,
                "average A (stride 1)");
        check("max A (stride 2)", 1.74481176, 0.90159072, 1.65980218, 1.74481176, 1.6924546, 1.65980218, 1.13162939,
                1.51981682, 2.18557541, 1.13162939, 1.6924546, 2.18557541, 1.19891788, 0.84616065, 0.82797464,
                0.69803203, 1.12141771, 1.2245077, 1.96710175, 0.86888616, 1.27375593, 1.62765075, 1.12141771,
                0.79280687);
        check("average A (stride 2)", -0.03010467, -0.00324021, -0.33629886, 0.12893444, 0.22242847, 0.1250676,
                -0.38268052, 0.23257995, 0.6259979, -0.09525515, 0.268511, 0.46605637, -0.17313416, 0.32377198,
                -0.34317572, 0.02030094, 0.14141479, -0.01231585, 0.42944926, 0.08446996, -0.27290905, 0.15077452,
                0.28911175, 0.00123239);
    }

    @Test
    void convBackwardGivesThe2021Means() {
        assertEquals(1.4524377775388075, value("dA_mean"), 0);
        assertEquals(1.7269914583139097, value("dW_mean"), 0);
        assertEquals(7.839232564616838, value("db_mean"), 0);
    }

    @Test
    void maskAndDistributedValue() {
        check("mask x", 1.62434536, -0.61175641, -0.52817175, -1.07296862, 0.86540763, -2.3015387);
        INDArray mask = result.arrays().get("mask");
        assertEquals(DataType.BOOL, mask.dataType());
        assertAllClose(new double[] {1, 0, 0, 0, 0, 0}, mask.castTo(DataType.DOUBLE), 0, 0, "mask");
        // the 2021 notebook's second case: only the 5 is the maximum
        INDArray x = Nd4j.create(new double[] {-1, 2, 3, 2, -3, 2, 1, 5, -2}, new long[] {3, 3}, 'c');
        assertAllClose(new double[] {0, 0, 0, 0, 0, 0, 0, 1, 0},
                ConvolutionStepByStep.createMaskFromWindow(x).castTo(DataType.DOUBLE), 0, 0, "mask of a 5");
        check("distributed value", 0.5, 0.5, 0.5, 0.5);
        assertEquals(100, ConvolutionStepByStep.distributeValue(100, 10, 10).sumNumber().doubleValue(), 1e-12);
    }

    @Test
    void poolBackwardGivesThePrintedRows() {
        assertEquals(0.14571390272918056, value("mean of dA"), 0);
        check("max dA_prev[1,1]", 0, 0, 5.05844394, -1.68282702, 0, 0);
        check("average dA_prev[1,1]", 0.08485462, 0.2787552, 1.26461098, -0.25749373, 1.17975636, -0.53624893);
    }

    @Test
    void printsLikeTheNotebook() {
        List<String> lines = report.lines();
        for (String expected : List.of(
                "x.shape =\n (4, 3, 3, 2)",
                "x_pad.shape =\n (4, 7, 7, 2)",
                "x[1,1] =\n [[ 0.90085595 -0.68372786]\n [-0.12289023 -0.93576943]\n [-0.26788808  0.53035547]]",
                "x_pad[1,1] =\n [[0. 0.]\n [0. 0.]\n [0. 0.]\n [0. 0.]\n [0. 0.]\n [0. 0.]\n [0. 0.]]",
                "Z = -6.999089450680221",
                "Z's mean =\n 0.6923608807576933",
                "Z[3,2,1] =\n [-1.28912231  2.27650251  6.61941931  0.95527176  8.25132576  2.31329639\n"
                        + " 13.00689405  2.34576051]",
                "cache_conv[0][1][2][3] =\n [-1.1191154   1.9560789  -0.3264995  -1.34267579]",
                "Z's mean =\n 0.5511276474566768",
                "mode = max",
                "A.shape = (2, 3, 3, 3)",
                "A =\n [[[[-3.01046719e-02 -3.24021315e-03 -3.36298859e-01]\n"
                        + "   [ 1.43310483e-01  1.93146751e-01 -4.44905196e-01]\n"
                        + "   [ 1.28934436e-01  2.22428468e-01  1.25067597e-01]]\n\n"
                        + "  [[-3.81801899e-01  1.59993515e-02  1.70562706e-01]\n"
                        + "   [ 4.73707165e-02  2.59244658e-02  9.20338402e-02]\n"
                        + "   [ 3.97048605e-02  1.57189094e-01  3.45302489e-01]]\n\n"
                        + "  [[-3.82680519e-01  2.32579951e-01  6.25997903e-01]\n"
                        + "   [-2.47157416e-01 -3.48524998e-04  3.50539717e-01]\n"
                        + "   [-9.52551510e-02  2.68511000e-01  4.66056368e-01]]]\n\n\n"
                        + " [[[-1.73134159e-01  3.23771981e-01 -3.43175716e-01]\n"
                        + "   [ 3.80634669e-02  7.26706274e-02 -2.30268958e-01]\n"
                        + "   [ 2.03009393e-02  1.41414785e-01 -1.23158476e-02]]\n\n"
                        + "  [[ 4.44976963e-01 -2.61694592e-03 -3.10403073e-01]\n"
                        + "   [ 5.08114737e-01 -2.34937338e-01 -2.39611830e-01]\n"
                        + "   [ 1.18726772e-01  1.72552294e-01 -2.21121966e-01]]\n\n"
                        + "  [[ 4.29449255e-01  8.44699612e-02 -2.72909051e-01]\n"
                        + "   [ 6.76351685e-01 -1.20138225e-01 -2.44076712e-01]\n"
                        + "   [ 1.50774518e-01  2.89111751e-01  1.23238536e-03]]]]",
                "dA_mean = 1.4524377775388075",
                "dW_mean = 1.7269914583139097",
                "db_mean = 7.839232564616838",
                "x =  [[ 1.62434536 -0.61175641 -0.52817175]\n [-1.07296862  0.86540763 -2.3015387 ]]",
                "mask =  [[ True False False]\n [False False False]]",
                "distributed value = [[0.5 0.5]\n [0.5 0.5]]",
                "mean of dA =  0.14571390272918056",
                "dA_prev[1,1] =  [[ 0.          0.        ]\n [ 5.05844394 -1.68282702]\n [ 0.          0.        ]]",
                "dA_prev[1,1] =  [[ 0.08485462  0.2787552 ]\n [ 1.26461098 -0.25749373]\n"
                        + " [ 1.17975636 -0.53624893]]")) {
            assertTrue(lines.contains(expected), "missing line:\n" + expected + "\nin\n" + String.join("\n", lines));
        }
        // -q keeps every value and drops the headings
        assertTrue(report.results().contains("dA_mean = 1.4524377775388075"));
        assertTrue(report.results().stream().noneMatch(line -> line.startsWith("==")), report.text());
        assertTrue(report.lines().contains("== conv_backward"));
    }

    /** The run's DL4J section: its layers within rounding of the notebook's on the same arrays. */
    @Test
    void dl4jLayersAgreeInTheRun() {
        for (String key : List.of("ConvolutionLayer Z", "ConvolutionLayer dA_prev", "ConvolutionLayer dW",
                "ConvolutionLayer db", "SubsamplingLayer max A", "SubsamplingLayer max dA_prev",
                "SubsamplingLayer average A", "SubsamplingLayer average dA_prev")) {
            assertTrue(value(key) < 1e-12, key + ": " + value(key));
        }
    }

    // -------------------------------------------------------------------------------- the two faces agree

    /**
     * Convolution layers to compare on, {@code {m, n_H_prev, n_W_prev, n_C_prev, f, n_C, stride, pad}}: the
     * notebook's two cells, no padding, a stride that leaves rows out, an even filter, a single output.
     */
    static final int[][] CONV_CASES = {{10, 4, 4, 3, 2, 8, 2, 2}, {2, 5, 7, 4, 3, 8, 2, 1}, {3, 6, 5, 2, 3, 4, 1, 0},
        {2, 9, 8, 3, 4, 5, 3, 2}, {1, 3, 3, 5, 3, 2, 1, 0}};

    /** {@code A_prev}, {@code W}, {@code b} of one of {@link #CONV_CASES}, drawn from {@code rng}. */
    static INDArray[] convInputs(NumpyRandom rng, int[] c) {
        return new INDArray[] {rng.randn(c[0], c[1], c[2], c[3]), rng.randn(c[4], c[4], c[3], c[5]),
            rng.randn(1, 1, 1, c[5])};
    }

    /** The readable functions and the fused engine give the same doubles, on the notebook's cells and odd shapes. */
    @Test
    void readableFunctionsAndTheEngineAgreeToTheLastBit() {
        NumpyRandom rng = new NumpyRandom(11);
        for (int[] c : CONV_CASES) {
            String what = Arrays.toString(c);
            INDArray[] in = convInputs(rng, c);
            INDArray aPrev = in[0];
            INDArray w = in[1];
            INDArray b = in[2];
            Convolution.Output readable = ConvolutionStepByStep.convForward(aPrev, w, b, c[6], c[7]);
            Convolution.Output fused = Convolution.forward(aPrev, w, b, c[6], c[7]);
            assertBitsEqual(fused.Z(), readable.Z(), "Z " + what);
            INDArray dZ = rng.randn((int) readable.Z().size(0), (int) readable.Z().size(1), (int) readable.Z().size(2),
                    c[5]);
            Convolution.Gradients r = ConvolutionStepByStep.convBackward(dZ, readable.cache());
            Convolution.Gradients e = Convolution.backward(dZ, fused.cache());
            assertBitsEqual(e.dAPrev(), r.dAPrev(), "dA_prev " + what);
            assertBitsEqual(e.dW(), r.dW(), "dW " + what);
            assertBitsEqual(e.db(), r.db(), "db " + what);
            for (int[] fs : new int[][] {{2, 1}, {3, 2}, {2, 2}}) {
                for (PoolMode mode : PoolMode.values()) {
                    String pool = what + " f " + fs[0] + " stride " + fs[1] + " " + mode;
                    Pooling.Output pr = ConvolutionStepByStep.poolForward(aPrev, fs[0], fs[1], mode.toString());
                    Pooling.Output pe = Pooling.forward(aPrev, fs[0], fs[1], mode);
                    assertBitsEqual(pe.A(), pr.A(), "A " + pool);
                    INDArray dA = rng.randn((int) pr.A().size(0), (int) pr.A().size(1), (int) pr.A().size(2),
                            (int) pr.A().size(3));
                    assertBitsEqual(Pooling.backward(dA, pe.cache(), mode),
                            ConvolutionStepByStep.poolBackward(dA, pr.cache(), mode.toString()), "dA_prev " + pool);
                }
            }
        }
    }

    /** Ties in a max window: the notebook's mask passes the gradient to every maximum, and so does the engine. */
    @Test
    void maxPoolingTiesGoToEveryMaximum() {
        INDArray aPrev = Nd4j.create(new double[] {1, 3, 3, 0}, new long[] {1, 2, 2, 1}, 'c');
        Pooling.Cache cache = ConvolutionStepByStep.poolForward(aPrev, 2, 1, "max").cache();
        INDArray dA = Nd4j.create(new double[] {2}, new long[] {1, 1, 1, 1}, 'c');
        INDArray expected = Nd4j.create(new double[] {0, 2, 2, 0}, new long[] {1, 2, 2, 1}, 'c');
        assertBitsEqual(expected, ConvolutionStepByStep.poolBackward(dA, cache, "max"), "readable");
        assertBitsEqual(expected, Pooling.backward(dA, cache, PoolMode.MAX), "engine");
    }

    @Test
    void cachesAreTheNotebooks() {
        NumpyRandom rng = new NumpyRandom(1);
        INDArray aPrev = rng.randn(1, 4, 4, 2);
        INDArray w = rng.randn(3, 3, 2, 1);
        INDArray b = rng.randn(1, 1, 1, 1);
        Convolution.Cache cache = ConvolutionStepByStep.convForward(aPrev, w, b, 1, 1).cache();
        assertSame(aPrev, cache.aPrev());
        assertSame(w, cache.W());
        assertSame(b, cache.b());
        assertEquals(1, cache.stride());
        assertEquals(1, cache.pad());
        Pooling.Cache pool = ConvolutionStepByStep.poolForward(aPrev, 2, 2, "average").cache();
        assertSame(aPrev, pool.aPrev());
        assertEquals(2, pool.f());
        assertEquals(2, pool.stride());
    }

    @Test
    void badInputIsRefusedWithTheArgumentsName() {
        INDArray aPrev = Nd4j.zeros(DataType.DOUBLE, 2, 5, 5, 3);
        assertEquals("mode must be \"max\" or \"average\", not \"avg\"", assertThrows(IllegalArgumentException.class,
                () -> ConvolutionStepByStep.poolForward(aPrev, 2, 1, "avg")).getMessage());
        Pooling.Cache cache = ConvolutionStepByStep.poolForward(aPrev, 2, 1, "max").cache();
        assertEquals("mode must be \"max\" or \"average\", not \"MAX\"", assertThrows(IllegalArgumentException.class,
                () -> ConvolutionStepByStep.poolBackward(Nd4j.zeros(DataType.DOUBLE, 2, 4, 4, 3), cache, "MAX"))
                .getMessage());
        assertEquals("W must have shape (4, 4, 3) but was (4, 4, 2)", assertThrows(IllegalArgumentException.class,
                () -> ConvolutionStepByStep.convSingleStep(Nd4j.zeros(DataType.DOUBLE, 4, 4, 3),
                        Nd4j.zeros(DataType.DOUBLE, 4, 4, 2), Nd4j.zeros(DataType.DOUBLE, 1, 1, 1))).getMessage());
        assertEquals("b must hold one value, shape (1, 1, 1), but has shape (1, 1, 2)", assertThrows(
                IllegalArgumentException.class, () -> ConvolutionStepByStep.convSingleStep(
                        Nd4j.zeros(DataType.DOUBLE, 4, 4, 3), Nd4j.zeros(DataType.DOUBLE, 4, 4, 3),
                        Nd4j.zeros(DataType.DOUBLE, 1, 1, 2))).getMessage());
        assertEquals("X must be a 4-D (m, n_H, n_W, n_C) array but has shape (3, 3)", assertThrows(
                IllegalArgumentException.class, () -> ConvolutionStepByStep.zeroPad(Nd4j.zeros(DataType.DOUBLE, 3, 3),
                        1)).getMessage());
        assertEquals("pad must be at least 0, not -2", assertThrows(IllegalArgumentException.class,
                () -> ConvolutionStepByStep.zeroPad(aPrev, -2)).getMessage());
        assertEquals("shape must be (n_H, n_W) with both at least 1, not (0, 2)", assertThrows(
                IllegalArgumentException.class, () -> ConvolutionStepByStep.distributeValue(1, 0, 2)).getMessage());
        assertEquals("stride must be at least 1, not 0", assertThrows(IllegalArgumentException.class,
                () -> ConvolutionStepByStep.convForward(aPrev, Nd4j.zeros(DataType.DOUBLE, 3, 3, 3, 2),
                        Nd4j.zeros(DataType.DOUBLE, 1, 1, 1, 2), 0, 1)).getMessage());
        Convolution.Cache conv = ConvolutionStepByStep.convForward(aPrev, Nd4j.zeros(DataType.DOUBLE, 3, 3, 3, 2),
                Nd4j.zeros(DataType.DOUBLE, 1, 1, 1, 2), 1, 1).cache();
        assertEquals("dZ must have shape (2, 5, 5, 2) but was (2, 5, 5, 3)", assertThrows(
                IllegalArgumentException.class, () -> ConvolutionStepByStep.convBackward(aPrev, conv)).getMessage());
    }
}
