package org.dls4j.shared.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.testing.LayerGradients;
import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link GruLayer}: its states equal Keras' GRU equations computed step by step in plain ND4J and the SameDiff
 * reference layer's ({@link SameDiffGruLayer}, unrolled, differentiated by SameDiff); its hand-written backward pass
 * equals SameDiff's gradients and central differences in float64, for every parameter and the input.
 */
class GruLayerTest {
    private static final int N_IN = 3, UNITS = 4, STEPS = 5, BATCH = 2;
    private static final String[] GATES = {"Z", "R", "H"};

    @Test
    void statesEqualKerasEquationsAndTheSameDiffLayer() {
        Layer gru = graph().getLayer("gru");
        INDArray x = new NumpyRandom(1).randn(BATCH, N_IN, STEPS);
        INDArray states = LayerGradients.output(gru, x);
        assertEquals(BATCH, states.size(0));
        assertEquals(UNITS, states.size(1));
        assertEquals(STEPS, states.size(2));
        INDArray expected = stepByStep(x, gru);
        assertTrue(states.equalsWithEps(expected, 1e-12), "GRU states\n" + states + "\nvs\n" + expected);
        SameDiffReference reference = new SameDiffReference(gru, x, Nd4j.ones(DataType.DOUBLE, BATCH, UNITS, STEPS));
        assertTrue(states.equalsWithEps(reference.states(), 1e-12), "SameDiff states " + reference.states());
    }

    @Test
    void gradientsEqualSameDiffsAndCentralDifferencesInFloat64() {
        Layer gru = graph().getLayer("gru");
        NumpyRandom rng = new NumpyRandom(2);
        INDArray x = rng.randn(BATCH, N_IN, STEPS);
        INDArray weights = rng.randn(BATCH, UNITS, STEPS);            // loss = sum(states * weights)
        assertEquals(3 * UNITS * (N_IN + UNITS + 2) + BATCH * N_IN * STEPS,
                LayerGradients.assertCentralDifferences(gru, x, weights, 1e-7, 1e-6));
        Map<String, INDArray> gradients = LayerGradients.pass(gru, x, weights).gradients();
        SameDiffReference reference = new SameDiffReference(gru, x, weights);
        assertTrue(gradients.get(LayerGradients.INPUT).equalsWithEps(reference.gradient("x"), 1e-12), "input gradient");
        for (int g = 0; g < GATES.length; g++) {
            assertTrue(block(gradients.get(GruParams.KERNEL), g).equalsWithEps(reference.gradient("kernel" + GATES[g]),
                    1e-12), "kernel " + GATES[g]);
            assertTrue(block(gradients.get(GruParams.RECURRENT_KERNEL), g).equalsWithEps(
                    reference.gradient("recurrent" + GATES[g]), 1e-12), "recurrent kernel " + GATES[g]);
            assertTrue(block(gradients.get(GruParams.BIAS), g).getRow(1).equalsWithEps(
                    reference.gradient("recurrentBias" + GATES[g]).reshape(UNITS), 1e-12), "recurrent bias " + GATES[g]);
        }
    }

    @Test
    void parametersAreKerasAndTheRecurrentKernelIsOrthogonal() {
        // GRU(128) on 196 features: 3 * 128 * (196 + 128 + 2)
        GruLayer layer = new GruLayer(128);
        layer.setNIn(InputType.recurrent(196, 10, RNNFormat.NCW), true);
        assertEquals(125_184, layer.initializer().numParams(layer));
        assertThrows(IllegalArgumentException.class,
                () -> new GruLayer(4).setNIn(InputType.feedForward(3), true));
        INDArray recurrent = graph().getLayer("gru").getParam(GruParams.RECURRENT_KERNEL);
        assertTrue(recurrent.mmul(recurrent.transpose()).equalsWithEps(Nd4j.eye(UNITS).castTo(DataType.DOUBLE),
                1e-12), "U U^T = I: " + recurrent);
    }

    private static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new NoOp()).graphBuilder().addInputs("x")
                .setInputTypes(InputType.recurrent(N_IN, STEPS, RNNFormat.NCW))
                .addLayer("gru", new GruLayer(UNITS), "x")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(2).build(), "gru")
                .setOutputs("out").build();
        ComputationGraph graph = Graphs.initialized(conf);
        graph.initGradientsView();
        // non-zero biases, so that every bias term is checked
        graph.getLayer("gru").getParam(GruParams.BIAS).assign(new NumpyRandom(3).randn(2, 3 * UNITS).muli(0.5));
        return graph;
    }

    /** The SameDiff layer on the same parameters (its arrays one per gate), a loss {@code sum(states * weights)}. */
    private static final class SameDiffReference {
        private final SameDiff sd = SameDiff.create();
        private final SDVariable states;
        private final Map<String, INDArray> gradients;

        SameDiffReference(Layer gru, INDArray x, INDArray weights) {
            SameDiffGruLayer conf = new SameDiffGruLayer(UNITS);
            conf.setNIn(InputType.recurrent(N_IN, STEPS, RNNFormat.NCW), true);
            Map<String, SDVariable> params = new HashMap<>();
            INDArray bias = gru.getParam(GruParams.BIAS);
            for (int g = 0; g < GATES.length; g++) {
                params.put("kernel" + GATES[g], sd.var("kernel" + GATES[g], block(gru.getParam(GruParams.KERNEL), g)));
                params.put("recurrent" + GATES[g], sd.var("recurrent" + GATES[g],
                        block(gru.getParam(GruParams.RECURRENT_KERNEL), g)));
                params.put("bias" + GATES[g], sd.var("bias" + GATES[g], block(bias, g).getRow(0).reshape(1, UNITS)));
                params.put("recurrentBias" + GATES[g], sd.var("recurrentBias" + GATES[g],
                        block(bias, g).getRow(1).reshape(1, UNITS)));
            }
            SDVariable input = sd.var("x", x.dup());
            states = conf.defineLayer(sd, input, params, null);
            sd.setLossVariables(states.mul(sd.constant(weights)).sum());
            List<String> names = new ArrayList<>(params.keySet());
            names.add("x");
            gradients = sd.calculateGradients(new HashMap<>(), names);
        }

        INDArray states() {
            return sd.output(new HashMap<>(), states.name()).get(states.name());
        }

        INDArray gradient(String name) {
            return gradients.get(name);
        }
    }

    /** Keras' GRU (reset after), one step at a time on Keras' arrays. */
    private static INDArray stepByStep(INDArray x, Layer gru) {
        INDArray kernel = gru.getParam(GruParams.KERNEL);
        INDArray recurrent = gru.getParam(GruParams.RECURRENT_KERNEL);
        INDArray bias = gru.getParam(GruParams.BIAS);
        INDArray h = Nd4j.zeros(DataType.DOUBLE, BATCH, UNITS);
        INDArray out = Nd4j.zeros(DataType.DOUBLE, BATCH, UNITS, STEPS);
        for (int t = 0; t < STEPS; t++) {
            INDArray xt = x.get(all(), all(), point(t));
            INDArray mx = xt.mmul(kernel).addRowVector(bias.getRow(0));
            INDArray mh = h.mmul(recurrent).addRowVector(bias.getRow(1));
            INDArray z = Transforms.sigmoid(block(mx, 0).add(block(mh, 0)));
            INDArray r = Transforms.sigmoid(block(mx, 1).add(block(mh, 1)));
            INDArray hh = Transforms.tanh(block(mx, 2).add(r.mul(block(mh, 2))));
            h = z.mul(h).add(z.rsub(1).mul(hh));
            out.get(all(), all(), point(t)).assign(h);
        }
        return out;
    }

    private static INDArray block(INDArray m, int gate) {
        return m.get(all(), interval(gate * UNITS, (gate + 1) * UNITS)).dup();
    }
}
