package org.dls4j.course5.week3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.testing.LayerGradients;
import org.dls4j.shared.testing.NdAssert;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link AttentionDecoder}'s hand-written passes equal the same loop written in SameDiff
 * ({@link SameDiffAttentionDecoder}, differentiated by SameDiff): its states on the shipped model's weights and the
 * notebook's nine sources in float32, its states and every gradient on random weights in float64, where they also
 * equal central differences.
 */
class AttentionDecoderTest {
    private static final int FEATURES = 6, TX = 5, TY = 3, NS = 4, BATCH = 2;

    @Test
    void onTheShippedWeightsItEqualsTheSameDiffLayer() {
        ComputationGraph model = NmtModel.notebookGraph(37, 11, 1, 0.005, 0.01);
        NmtModel.loadWeights(model, NmtModel.shippedWeights(), true);
        model.initGradientsView();
        DateData.Vocabulary human = DateData.Vocabulary.of(DateDataTest.HUMAN);
        INDArray x = DateData.oneHot(NeuralMachineTranslation.EXAMPLES.stream()
                .map(s -> DateData.stringToInt(s, DateData.TX, human)).toArray(int[][]::new), human.size());
        INDArray a = model.feedForward(x, false).get(NmtModel.ENCODER);          // (9, 30, 64)
        Layer decoder = model.getLayer(NmtModel.DECODER);
        INDArray weights = new NumpyRandom(4).randn(9, DateData.TY, NmtModel.N_S).castTo(DataType.FLOAT);
        SameDiffAttentionDecoder.Result expected = SameDiffAttentionDecoder.run(decoder.paramTable(), a, weights,
                DateData.TY, true);
        LayerGradients.Pass actual = LayerGradients.pass(decoder, a, weights);
        NdAssert.assertAllClose(expected.states(), actual.output(), 0, 1e-5, "states");
        for (String key : expected.gradients().keySet()) {
            NdAssert.assertAllClose(expected.gradients().get(key), actual.gradients().get(key), 1e-3, 1e-4, key);
        }
    }

    @Test
    void gradientsEqualCentralDifferencesAndTheSameDiffLayersInFloat64() {
        for (boolean hardSigmoid : new boolean[] {true, false}) {
            AttentionDecoder conf = new AttentionDecoder(TY, NS);
            Layer decoder = layer(hardSigmoid ? conf : conf.sigmoidGates(), DataType.DOUBLE, FEATURES, TX);
            NumpyRandom rng = new NumpyRandom(3);
            decoder.paramTable().forEach((key, value) -> value.assign(rng.randn(ints(value.shape())).muli(0.5)));
            decoder.getParam(AttentionDecoder.DENSOR2_B).assign(0.3);   // most energies above the relu's kink
            INDArray a = rng.randn(BATCH, TX, FEATURES);
            INDArray weights = rng.randn(BATCH, TY, NS);                   // loss = sum(states * weights)
            assertEquals(decoder.numParams() + BATCH * TX * FEATURES,
                    LayerGradients.assertCentralDifferences(decoder, a, weights, 1e-7, 1e-6));
            SameDiffAttentionDecoder.Result expected = SameDiffAttentionDecoder.run(decoder.paramTable(), a, weights,
                    TY, hardSigmoid);
            LayerGradients.Pass actual = LayerGradients.pass(decoder, a, weights);
            // libnd4j's hard sigmoid has the slope 0.2f, 3e-9 more than Keras' 0.2
            double atol = hardSigmoid ? 1e-7 : 1e-12;
            String gates = hardSigmoid ? "hard sigmoid " : "sigmoid ";
            NdAssert.assertAllClose(expected.states(), actual.output(), 0, atol, gates + "states");
            assertEquals(decoder.paramTable().size() + 1, expected.gradients().size());
            for (String key : expected.gradients().keySet()) {
                NdAssert.assertAllClose(expected.gradients().get(key), actual.gradients().get(key), 0, atol,
                        gates + key);
            }
        }
    }

    /** {@code decoder} in a graph of its own on sequences {@code (m, tx, features)} of {@code type}. */
    private static Layer layer(org.deeplearning4j.nn.conf.layers.Layer decoder, DataType type, int features,
            int tx) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(type)
                .updater(new NoOp()).graphBuilder().addInputs("a")
                .setInputTypes(InputType.recurrent(features, tx, RNNFormat.NWC))
                .addLayer("decoder", decoder, "a")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .activation(Activation.IDENTITY).nOut(2).dataFormat(RNNFormat.NWC).build(), "decoder")
                .setOutputs("out").build();
        ComputationGraph graph = Graphs.initialized(conf);
        graph.initGradientsView();
        return graph.getLayer("decoder");
    }

    private static int[] ints(long[] shape) {
        return Arrays.stream(shape).mapToInt(Math::toIntExact).toArray();
    }
}
