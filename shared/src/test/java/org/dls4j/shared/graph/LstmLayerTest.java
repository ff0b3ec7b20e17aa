package org.dls4j.shared.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.testing.LayerGradients;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link LstmLayer}: its states and every gradient equal DL4J's own {@code LSTM} with the same weights (gate blocks
 * reordered, {@link KerasH5Weights#lstmGatesToDl4j}), with hard-sigmoid and sigmoid gates, in NWC and NCW, alone and
 * inside DL4J's {@code Bidirectional}; its hand-written backward pass equals central differences in float64.
 */
class LstmLayerTest {
    private static final int N_IN = 3, UNITS = 4, STEPS = 5, BATCH = 2;

    @Test
    void statesAndGradientsEqualDl4jsLstm() {
        for (boolean hardSigmoid : new boolean[] {true, false}) {
            for (RNNFormat format : RNNFormat.values()) {
                String config = (hardSigmoid ? "hard sigmoid, " : "sigmoid, ") + format;
                ComputationGraph ours = graph(new LstmLayer(UNITS, hardSigmoid, format), format);
                ComputationGraph dl4j = graph(dl4jLstm(hardSigmoid, format), format);
                copyToDl4j(ours.getLayer("lstm"), dl4j.getLayer("lstm"), "");
                NumpyRandom rng = new NumpyRandom(5);
                INDArray x = rng.randn(sequenceShape(format, N_IN));
                INDArray weights = rng.randn(sequenceShape(format, UNITS));
                LayerGradients.Pass expected = LayerGradients.pass(dl4j.getLayer("lstm"), x, weights);
                LayerGradients.Pass actual = LayerGradients.pass(ours.getLayer("lstm"), x, weights);
                double eps = tolerance(hardSigmoid);
                assertTrue(actual.output().equalsWithEps(expected.output(), eps), config + " states\n"
                        + actual.output() + "\nvs\n" + expected.output());
                assertTrue(actual.gradients().get(LayerGradients.INPUT).equalsWithEps(
                        expected.gradients().get(LayerGradients.INPUT), eps),
                        config + " input gradient");
                assertGradientsReordered(actual.gradients(), expected.gradients(), "", config, eps);
            }
        }
    }

    @Test
    void insideBidirectionalItEqualsDl4jsLstm() {
        ComputationGraph ours = graph(new Bidirectional(Bidirectional.Mode.CONCAT,
                new LstmLayer(UNITS, true, RNNFormat.NWC)), RNNFormat.NWC);
        ComputationGraph dl4j = graph(new Bidirectional(Bidirectional.Mode.CONCAT, dl4jLstm(true, RNNFormat.NWC)),
                RNNFormat.NWC);
        for (String direction : new String[] {"f", "b"}) {
            copyToDl4j(ours.getLayer("lstm"), dl4j.getLayer("lstm"), direction);
        }
        NumpyRandom rng = new NumpyRandom(6);
        INDArray x = rng.randn(BATCH, STEPS, N_IN);
        INDArray weights = rng.randn(BATCH, STEPS, 2 * UNITS);
        LayerGradients.Pass expected = LayerGradients.pass(dl4j.getLayer("lstm"), x, weights);
        LayerGradients.Pass actual = LayerGradients.pass(ours.getLayer("lstm"), x, weights);
        double eps = tolerance(true);
        assertTrue(actual.output().equalsWithEps(expected.output(), eps), "states");
        assertTrue(actual.gradients().get(LayerGradients.INPUT).equalsWithEps(
                expected.gradients().get(LayerGradients.INPUT), eps), "input gradient");
        for (String direction : new String[] {"f", "b"}) {
            assertGradientsReordered(actual.gradients(), expected.gradients(), direction, direction, eps);
        }
    }

    @Test
    void gradientsEqualCentralDifferencesInFloat64() {
        for (boolean hardSigmoid : new boolean[] {true, false}) {
            Layer lstm = graph(new LstmLayer(UNITS, hardSigmoid, RNNFormat.NWC), RNNFormat.NWC).getLayer("lstm");
            NumpyRandom rng = new NumpyRandom(7);
            INDArray x = rng.randn(BATCH, STEPS, N_IN);
            INDArray weights = rng.randn(BATCH, STEPS, UNITS);
            assertEquals(4 * UNITS * (N_IN + UNITS + 1) + BATCH * STEPS * N_IN,
                    LayerGradients.assertCentralDifferences(lstm, x, weights, 1e-7, 1e-6));
        }
    }

    @Test
    void parametersAreKerasAndTheRecurrentKernelIsOrthogonal() {
        // the notebook's encoder: LSTM(32) on 37 one-hot characters, 4 * 32 * (37 + 32 + 1)
        LstmLayer layer = new LstmLayer(32, true, RNNFormat.NWC);
        layer.setNIn(InputType.recurrent(37, 30, RNNFormat.NWC), true);
        assertEquals(8_960, layer.initializer().numParams(layer));
        assertThrows(IllegalArgumentException.class, () -> new LstmLayer(4, true, RNNFormat.NWC)
                .setNIn(InputType.recurrent(3, 5, RNNFormat.NCW), true));
        Layer lstm = Graphs.initialized(configuration(new LstmLayer(UNITS, true, RNNFormat.NCW), RNNFormat.NCW))
                .getLayer("lstm");
        INDArray recurrent = lstm.getParam(LstmLayer.RECURRENT_KERNEL);
        assertTrue(recurrent.mmul(recurrent.transpose()).equalsWithEps(Nd4j.eye(UNITS).castTo(DataType.DOUBLE),
                1e-12), "U U^T = I: " + recurrent);
        INDArray bias = lstm.getParam(LstmLayer.BIAS);
        for (int j = 0; j < 4 * UNITS; j++) {
            assertEquals(j / UNITS == LstmCell.FORGET ? 1.0 : 0.0, bias.getDouble(j), "bias " + j);
        }
    }

    /** Our gradients ({@code prefix + kernel, ...}), gate blocks reordered, equal DL4J's ({@code prefix + W, ...}). */
    private static void assertGradientsReordered(Map<String, INDArray> ours, Map<String, INDArray> dl4j, String prefix,
            String config, double eps) {
        assertTrue(KerasH5Weights.lstmGatesToDl4j(ours.get(prefix + LstmLayer.KERNEL)).equalsWithEps(
                dl4j.get(prefix + "W"), eps), config + " kernel gradient");
        assertTrue(KerasH5Weights.lstmGatesToDl4j(ours.get(prefix + LstmLayer.RECURRENT_KERNEL)).equalsWithEps(
                dl4j.get(prefix + "RW"), eps), config + " recurrent kernel gradient");
        assertTrue(KerasH5Weights.lstmGatesToDl4j(ours.get(prefix + LstmLayer.BIAS)).equalsWithEps(
                dl4j.get(prefix + "b").reshape(1, 4 * UNITS), eps), config + " bias gradient");
    }

    /**
     * How close to DL4J in float64: to rounding with sigmoid gates; libnd4j's hard sigmoid has the slope
     * {@code 0.2f} (the float nearest 0.2, 3e-9 more), ours Keras' {@code 0.2}, a few 1e-9 apart over five steps.
     */
    private static double tolerance(boolean hardSigmoid) {
        return hardSigmoid ? 1e-7 : 1e-12;
    }

    private static void copyToDl4j(Layer ours, Layer dl4j, String prefix) {
        // non-zero biases, so that every bias term is checked
        ours.getParam(prefix + LstmLayer.BIAS).assign(new NumpyRandom(3).randn(1, 4 * UNITS).muli(0.5));
        KerasH5Weights.assign(dl4j, prefix + "W", KerasH5Weights.lstmGatesToDl4j(ours.getParam(prefix
                + LstmLayer.KERNEL)));
        KerasH5Weights.assign(dl4j, prefix + "RW", KerasH5Weights.lstmGatesToDl4j(ours.getParam(prefix
                + LstmLayer.RECURRENT_KERNEL)));
        KerasH5Weights.assign(dl4j, prefix + "b", KerasH5Weights.lstmGatesToDl4j(ours.getParam(prefix
                + LstmLayer.BIAS)));
    }

    private static LSTM dl4jLstm(boolean hardSigmoid, RNNFormat format) {
        return new LSTM.Builder().nOut(UNITS).activation(Activation.TANH)
                .gateActivationFunction(hardSigmoid ? Activation.HARDSIGMOID : Activation.SIGMOID)
                .dataFormat(format).build();
    }

    private static int[] sequenceShape(RNNFormat format, int features) {
        return format == RNNFormat.NCW ? new int[] {BATCH, features, STEPS} : new int[] {BATCH, STEPS, features};
    }

    private static ComputationGraph graph(org.deeplearning4j.nn.conf.layers.Layer lstm, RNNFormat format) {
        ComputationGraph graph = Graphs.initialized(configuration(lstm, format));
        graph.initGradientsView();
        return graph;
    }

    private static ComputationGraphConfiguration configuration(org.deeplearning4j.nn.conf.layers.Layer lstm,
            RNNFormat format) {
        return new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new NoOp()).graphBuilder().addInputs("x")
                .setInputTypes(InputType.recurrent(N_IN, STEPS, format))
                .addLayer("lstm", lstm, "x")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).nOut(2).dataFormat(format).build(), "lstm")
                .setOutputs("out").build();
    }
}
