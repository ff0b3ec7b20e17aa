package org.dls4j.shared.scratch.dense;

import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.dls4j.shared.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The engine's blocks against the notebook's unit checks that need no test-case file (expected-c1-c2.md section 5):
 * the initialisations and the 2018 ({@code testCases_v3}) cases whose draws are written out here, with the printed
 * expected values (8 decimals, so a tolerance of half a unit in the last printed digit); and the engine's refusals.
 * The 2019+ cases, built by the notebook's {@code testCases.py}, are Course 1 week 4's
 * ({@code org.dls4j.course1.week4.DeepNetworkTestCases} and {@code DeepNetworkStepByStepTest}).
 */
class DeepNetworkTest {

    /** Half a unit of numpy's 8th printed decimal. */
    static final double PRINTED = 5e-9;

    static double[] rows(double[]... rows) {
        return java.util.Arrays.stream(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    @Test
    void initializeParametersTwoLayer() {
        Parameters p = Initializers.initializeParameters(3, 2, 1);
        assertAllClose(rows(new double[] {0.01624345, -0.00611756, -0.00528172},
                new double[] {-0.01072969, 0.00865408, -0.02301539}), p.W(1), 0, PRINTED, "W1");
        assertAllClose(new double[] {0, 0}, p.b(1), 0, 0, "b1");
        assertAllClose(new double[] {0.01744812, -0.00761207}, p.W(2), 0, PRINTED, "W2");
        assertAllClose(new double[] {0}, p.b(2), 0, 0, "b2");
        assertEquals(List.of("W1", "b1", "W2", "b2"), List.copyOf(p.names()));
        // 2017 notebook: initialize_parameters(2, 2, 1), same stream
        Parameters old = Initializers.initializeParameters(2, 2, 1);
        assertAllClose(new double[] {0.01624345, -0.00611756, -0.00528172, -0.01072969}, old.W(1), 0, PRINTED, "W1");
        assertAllClose(new double[] {0.00865408, -0.02301539}, old.W(2), 0, PRINTED, "W2");
    }

    @Test
    void initializeParametersDeep() {
        Parameters p = Initializers.initializeParametersDeep(5, 4, 3);
        assertAllClose(rows(new double[] {0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388},
                new double[] {-0.00354759, -0.00082741, -0.00627001, -0.00043818, -0.00477218},
                new double[] {-0.01313865, 0.00884622, 0.00881318, 0.01709573, 0.00050034},
                new double[] {-0.00404677, -0.0054536, -0.01546477, 0.00982367, -0.01101068}), p.W(1), 0, PRINTED,
                "W1");
        assertAllClose(rows(new double[] {-0.01185047, -0.0020565, 0.01486148, 0.00236716},
                new double[] {-0.01023785, -0.00712993, 0.00625245, -0.00160513},
                new double[] {-0.00768836, -0.00230031, 0.00745056, 0.01976111}), p.W(2), 0, PRINTED, "W2");
        assertEquals(2, p.layers());
        assertEquals(List.of(4L, 1L), List.of(p.b(1).size(0), p.b(1).size(1)));
        // 2021 also checks [4, 3, 2]: the same stream, so W1 is the first 12 draws of the case above
        Parameters q = Initializers.initializeParametersDeep(4, 3, 2);
        assertAllClose(p.W(1).reshape(20).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 12)).reshape(3, 4),
                q.W(1), 0, 0, "W1 of [4,3,2]");
        // the application's variant: seed 1, divided by sqrt(n_{l-1}) -- bit for bit randn / sqrt
        Parameters s = Initializers.initializeParametersDeepScaled(5, 4, 3);
        INDArray draws = new NumpyRandom(1).randn(4, 5);
        org.dls4j.shared.testing.NdAssert.assertBitsEqual(draws.div(Math.sqrt(5)), s.W(1), "scaled W1");
    }

    @Test
    void lModelForwardV3TwoLayers() {
        NumpyRandom rng = new NumpyRandom(1);
        INDArray X = rng.randn(4, 2);
        Parameters p = Parameters.of("W1", rng.randn(3, 4), "b1", rng.randn(3, 1), "W2", rng.randn(1, 3),
                "b2", rng.randn(1, 1));
        DeepNetwork.ModelOutput out = DeepNetwork.lModelForward(X, p);
        assertAllClose(new double[] {0.17007265, 0.2524272}, out.AL(), 0, PRINTED, "AL");
        assertEquals(2, out.caches().size());
    }

    @Test
    void linearBackwardV3() {
        NumpyRandom rng = new NumpyRandom(1);
        INDArray dZ = rng.randn(1, 2);
        LinearCache cache = new LinearCache(rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1));
        DeepNetwork.LinearGradients g = DeepNetwork.linearBackward(dZ, cache);
        assertAllClose(new double[] {0.51822968, -0.19517421, -0.40506361, 0.15255393, 2.37496825, -0.89445391},
                g.dAPrev(), 0, PRINTED, "dA_prev");
        assertAllClose(new double[] {-0.10076895, 1.40685096, 1.64992505}, g.dW(), 0, PRINTED, "dW");
        assertAllClose(new double[] {0.50629448}, g.db(), 0, PRINTED, "db");
    }

    @Test
    void predictAndAccuracyPrintLikeNumpy() {
        INDArray p = Nd4j.createFromArray(new double[][] {{1, 0, 1}});
        assertEquals(2.0 / 3, DeepNetwork.accuracy(p, Nd4j.createFromArray(new double[][] {{1, 0, 0}})), 1e-16);
        // 209 right out of 209: numpy prints 0.9999999999999998 (the 2021 notebook's train accuracy)
        INDArray all = Nd4j.ones(1, 209);
        assertEquals("0.9999999999999998", org.dls4j.shared.NumpyFormat.repr(DeepNetwork.accuracy(all, all)));
        // 206 of 209 (the L-layer model's train accuracy): 0.9856459330143539
        INDArray y = Nd4j.ones(1, 209);
        INDArray q = y.dup();
        q.putScalar(0, 5, 0);
        q.putScalar(0, 100, 0);
        q.putScalar(0, 200, 0);
        assertEquals("0.9856459330143539", org.dls4j.shared.NumpyFormat.repr(DeepNetwork.accuracy(q, y)));
        // 0.5 exactly is not "> 0.5"
        NumpyRandom rng = new NumpyRandom(1);
        Parameters params = Parameters.of("W1", Nd4j.zeros(1, 2), "b1", Nd4j.zeros(1, 1));
        assertAllClose(new double[] {0, 0}, DeepNetwork.predict(rng.randn(2, 2), params), 0, 0, "predict at 0.5");
    }

    @Test
    void wrongShapesGiveTheNotebookMessage() {
        NumpyRandom rng = new NumpyRandom(1);
        Parameters p = Initializers.initializeParametersDeep(5, 4, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeepNetwork.lModelForward(rng.randn(6, 2), p));
        assertEquals("X must have size 5 along axis 0 but has shape (6, 2)", e.getMessage());
        p.put("W2", rng.randn(4, 3));
        e = assertThrows(IllegalArgumentException.class, () -> DeepNetwork.lModelForward(rng.randn(5, 2), p));
        assertEquals("W2 must have shape (4, 4) but was (4, 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DeepNetwork.linearForward(rng.randn(3, 2), rng.randn(1, 3), rng.randn(2, 1)));
        assertEquals("b must have shape (1, 1) but was (2, 1)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Costs.crossEntropy(rng.randn(1, 3), rng.randn(1, 4)));
        assertEquals("Y must have the shape of AL, (1, 3), but was (1, 4)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.get("W9"));
        assertEquals("parameters has no \"W9\"; it has [W1, b1, W2, b2]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DeepNetwork.lModelForward(rng.randn(5, 2).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT),
                        Initializers.initializeParametersDeep(5, 4, 3)));
        assertEquals(true, e.getMessage().startsWith("X must be DOUBLE (numpy float64) but was FLOAT"));
        e = assertThrows(IllegalArgumentException.class, () -> ActivationFunction.of("softmax"));
        assertEquals("activation must be \"relu\", \"sigmoid\" or \"tanh\" but was \"softmax\"", e.getMessage());
    }

    /** layerDims() reads dense weights only: a 4-D convolution kernel or a W that does not chain is refused. */
    @Test
    void layerDimsRefusesWeightsThatAreNotADenseChain() {
        NumpyRandom rng = new NumpyRandom(1);
        Parameters dense = Initializers.initializeParametersDeep(5, 4, 3);
        assertArrayEquals(new int[] {5, 4, 3}, dense.layerDims());
        Parameters conv = Parameters.of("W1", rng.randn(4, 4, 3, 8), "b1", Nd4j.zeros(1, 1, 1, 8));
        IllegalStateException e = assertThrows(IllegalStateException.class, conv::layerDims);
        assertEquals("layerDims() reads dense weights (n_l, n_{l-1}), but W1 has shape (4, 4, 3, 8) (4-D: a"
                + " convolution kernel?)", e.getMessage());
        Parameters broken = Parameters.of("W1", rng.randn(4, 5), "b1", Nd4j.zeros(4, 1), "W2", rng.randn(3, 2),
                "b2", Nd4j.zeros(3, 1));
        e = assertThrows(IllegalStateException.class, broken::layerDims);
        assertEquals("layerDims() reads dense weights (n_l, n_{l-1}), but W2 has shape (3, 2) after W1 of shape"
                + " (4, 5): it should take 4 inputs", e.getMessage());
    }

    /** L_model_forward ends in one sigmoid unit: a wider output or labels that are not one 0/1 row are refused. */
    @Test
    void oneSigmoidOutputIsChecked() {
        NumpyRandom rng = new NumpyRandom(2);
        INDArray X = rng.randn(4, 3);
        Parameters threeOutputs = Initializers.initializeParametersDeep(4, 5, 3);
        DeepNetwork.ModelOutput out = DeepNetwork.lModelForward(X, threeOutputs);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeepNetwork.lModelBackward(out.AL(), Nd4j.ones(3, 3), out.caches()));
        assertEquals("AL must be one row (1, m): L_model_backward's dAL is the cross-entropy of one sigmoid output"
                + " unit, but AL has shape (3, 3)", e.getMessage());
        INDArray p = Nd4j.createFromArray(new double[][] {{1, 0, 1}});
        e = assertThrows(IllegalArgumentException.class,
                () -> DeepNetwork.accuracy(p, Nd4j.createFromArray(new double[][] {{1, 0.5, 0}})));
        assertEquals("y must be one row (1, m) of 0/1 labels (this network has one sigmoid output unit), but"
                + " y[0, 1] is 0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> DeepNetwork.accuracy(p.reshape(3, 1), Nd4j.createFromArray(new double[][] {{1}, {0}, {1}})));
        assertEquals("y must be one row (1, m) of 0/1 labels (this network has one sigmoid output unit) but has"
                + " shape (3, 1)", e.getMessage());
    }
}
