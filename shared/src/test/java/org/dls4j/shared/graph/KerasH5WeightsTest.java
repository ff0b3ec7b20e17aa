package org.dls4j.shared.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Keras' LSTM gate order into DL4J's, proved on a DL4J LSTM against Keras' equations written out. */
class KerasH5WeightsTest {

    /** Blocks i, f, c, o (values 0, 1, 2, 3) come out as c, f, o, i. */
    @Test
    void reordersTheGateBlocks() {
        INDArray keras = Nd4j.createFromArray(0f, 0f, 1f, 1f, 2f, 2f, 3f, 3f);
        assertArrayEquals(new float[] {2, 2, 1, 1, 3, 3, 0, 0},
                KerasH5Weights.lstmGatesToDl4j(keras).toFloatVector());
        INDArray kernel = Nd4j.createFromArray(new float[][] {{0, 1, 2, 3}, {10, 11, 12, 13}});
        assertArrayEquals(new float[] {12, 11, 13, 10},
                KerasH5Weights.lstmGatesToDl4j(kernel).getRow(1).toFloatVector());
    }

    /**
     * A DL4J LSTM (hard-sigmoid gates) given Keras-layout weights through {@code lstmGatesToDl4j} computes Keras 2.0's
     * LSTM: {@code z = x W + h R + b}, gates i, f, c, o, {@code hard_sigmoid = clip(0.2 z + 0.5, 0, 1)}. To 1e-7
     * in float64: libnd4j's hard sigmoid takes its 0.2 as a float (0.2f), 3e-9 off; a gate out of place is 0.1 off.
     */
    @Test
    void aDl4jLstmWithReorderedWeightsIsKerasLstm() {
        int nIn = 3;
        int n = 2;
        int steps = 3;
        Nd4j.getRandom().setSeed(7);
        INDArray kernel = Nd4j.rand(DataType.DOUBLE, nIn, 4 * n).subi(0.5).muli(3);
        INDArray recurrent = Nd4j.rand(DataType.DOUBLE, n, 4 * n).subi(0.5).muli(3);
        INDArray bias = Nd4j.rand(DataType.DOUBLE, 4 * n).subi(0.5);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, steps, nIn);

        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("x").setInputTypes(InputType.recurrent(nIn, steps, RNNFormat.NWC))
                .addLayer("lstm", new LSTM.Builder().nOut(n).activation(Activation.TANH)
                        .gateActivationFunction(Activation.HARDSIGMOID).dataFormat(RNNFormat.NWC).build(), "x")
                .setOutputs("lstm").build();
        ComputationGraph graph = Graphs.initialized(conf);
        graph.getLayer("lstm").getParam("W").assign(KerasH5Weights.lstmGatesToDl4j(kernel));
        graph.getLayer("lstm").getParam("RW").assign(KerasH5Weights.lstmGatesToDl4j(recurrent));
        graph.getLayer("lstm").getParam("b").assign(KerasH5Weights.lstmGatesToDl4j(bias));
        INDArray dl4j = graph.outputSingle(x);                  // (1, steps, n)

        double[] h = new double[n];
        double[] c = new double[n];
        for (int t = 0; t < steps; t++) {
            double[] z = new double[4 * n];
            for (int j = 0; j < 4 * n; j++) {
                z[j] = bias.getDouble(j);
                for (int k = 0; k < nIn; k++) {
                    z[j] += x.getDouble(0, t, k) * kernel.getDouble(k, j);
                }
                for (int k = 0; k < n; k++) {
                    z[j] += h[k] * recurrent.getDouble(k, j);
                }
            }
            for (int u = 0; u < n; u++) {
                double i = hardSigmoid(z[u]);
                double f = hardSigmoid(z[n + u]);
                double g = Math.tanh(z[2 * n + u]);
                double o = hardSigmoid(z[3 * n + u]);
                c[u] = f * c[u] + i * g;
                h[u] = o * Math.tanh(c[u]);
                assertEquals(h[u], dl4j.getDouble(0, t, u), 1e-7, "step " + t + " unit " + u);
            }
        }
    }

    private static double hardSigmoid(double z) {
        return Math.max(0, Math.min(1, 0.2 * z + 0.5));
    }
}
