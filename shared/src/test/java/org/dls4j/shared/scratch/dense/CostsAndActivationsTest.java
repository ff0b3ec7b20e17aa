package org.dls4j.shared.scratch.dense;

import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.NumpySum;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class CostsAndActivationsTest {

    @Test
    void computeCostDotAndSumForms() {
        INDArray AL = Nd4j.createFromArray(new double[][] {{.8, .9, .4}});
        // v4+ / 2021: Y = [[1, 1, 0]]; the dot form (the notebook's hint) prints ...422, the np.sum form ...423
        INDArray y = Nd4j.createFromArray(new double[][] {{1, 1, 0}});
        assertEquals("0.2797765635793422", NumpyFormat.repr(Costs.crossEntropy(AL, y)));
        assertEquals("0.2797765635793423", NumpyFormat.repr(Costs.crossEntropySum(AL, y)));
        // v3 (2018): Y = [[1, 1, 1]]
        INDArray y3 = Nd4j.createFromArray(new double[][] {{1, 1, 1}});
        assertEquals("0.41493159961539694", NumpyFormat.repr(Costs.crossEntropy(AL, y3)));
    }

    @Test
    void activationsAndTheirBackwardSteps() {
        INDArray z = Nd4j.createFromArray(new double[][] {{-2, -0.0, 0, 0.5, 3}});
        INDArray dA = Nd4j.createFromArray(new double[][] {{1, 2, 3, 4, -5}});
        assertAllClose(new double[] {0, 0, 0, 0.5, 3}, Activations.relu(z), 0, 0, "relu");
        // dZ = dA where Z > 0, else 0 (0 at Z == 0)
        assertAllClose(new double[] {0, 0, 0, 4, -5}, Activations.reluBackward(dA, z), 0, 0, "relu_backward");
        double[] s = new double[5];
        double[] dz = new double[5];
        double[] zs = {-2, -0.0, 0, 0.5, 3};
        double[] das = {1, 2, 3, 4, -5};
        for (int i = 0; i < 5; i++) {
            s[i] = 1 / (1 + Math.exp(-zs[i]));
            dz[i] = das[i] * s[i] * (1 - s[i]);
        }
        assertAllClose(s, Activations.sigmoid(z), 1e-15, 0, "sigmoid");
        assertAllClose(dz, Activations.sigmoidBackward(dA, z), 1e-15, 0, "sigmoid_backward");
        double[] t = new double[5];
        double[] dt = new double[5];
        for (int i = 0; i < 5; i++) {
            t[i] = Math.tanh(zs[i]);
            dt[i] = das[i] * (1 - t[i] * t[i]);
        }
        assertAllClose(t, Activations.tanh(z), 0, 0, "tanh (numpy's values: Math.tanh)");
        assertAllClose(dt, Activations.tanhBackward(dA, z), 0, 0, "tanh backward");
        assertAllClose(Activations.relu(z), ActivationFunction.RELU.forward(z), 0, 0, "enum relu");
        // the inputs were not changed
        assertAllClose(zs, z, 0, 0, "Z untouched");
    }

    @Test
    void pairwiseSumIsNumpysOrder() {
        // np.sum(np.full(209, 1/209)) == 0.9999999999999998 while a left-to-right loop gives 1.0000000000000002
        double[] a = new double[209];
        java.util.Arrays.fill(a, 1.0 / 209);
        assertEquals(0.9999999999999998, NumpySum.sum(a), 0);
        // numpy 2.4.6: np.random.seed(0); np.sum(np.random.randn(1000)); np.sum(np.random.randn(3, 209), axis=1)
        NumpyRandom rng = new NumpyRandom(0);
        assertEquals(-45.25670749019538, NumpySum.sum(rng.randn(1000)), 0);
        double[] rows = NumpySum.rowSums(rng.randn(3, 209));
        assertEquals(17.524965617628986, rows[0], 0);
        assertEquals(1.1398787244691295, rows[1], 0);
        assertEquals(-0.9278486529924144, rows[2], 0);
    }
}
