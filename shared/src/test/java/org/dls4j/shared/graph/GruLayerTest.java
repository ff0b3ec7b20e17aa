package org.dls4j.shared.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@link GruLayer}: its states equal Keras' GRU equations computed step by step in plain ND4J (both reset
 * placements, both gate functions), and its SameDiff gradients equal central differences in float64.
 */
class GruLayerTest {
    private static final int N_IN = 3, UNITS = 4, STEPS = 5, BATCH = 2;

    @ParameterizedTest(name = "resetAfter={0}, hardSigmoid={1}")
    @CsvSource({"true, false", "false, false", "false, true", "true, true"})
    void statesEqualKerasEquationsStepByStep(boolean resetAfter, boolean hardSigmoid) {
        ComputationGraph graph = graph(resetAfter, hardSigmoid);
        INDArray x = new NumpyRandom(1).randn(BATCH, N_IN, STEPS);
        INDArray states = graph.feedForward(x, false).get("gru");
        INDArray expected = stepByStep(x, graph.getLayer("gru"), resetAfter, hardSigmoid);
        assertEquals(BATCH, states.size(0));
        assertEquals(UNITS, states.size(1));
        assertEquals(STEPS, states.size(2));
        // libnd4j's hard sigmoid holds its 0.2 as a float (3e-9 off)
        assertTrue(states.equalsWithEps(expected, hardSigmoid ? 1e-7 : 1e-12), "GRU states\n" + states + "\nvs\n" + expected);
    }

    /**
     * SameDiff's gradients against central differences (float64, every element) on the layer's own graph with a loss
     * {@code sum(states * c)}, every parameter and the input. DL4J's {@code GradientCheckUtil} on a graph is not
     * used: in 1.0.0-M2.1 it reports exactly twice the numerical gradient for every {@code SameDiffLayer}, even a
     * one-parameter {@code x * w} (the wrapper's doubling; Adam, which divides by the gradient's own scale, does not
     * see it).
     */
    @ParameterizedTest(name = "resetAfter={0}")
    @CsvSource({"true", "false"})
    void sameDiffGradientsEqualCentralDifferencesInFloat64(boolean resetAfter) {
        ComputationGraph graph = graph(resetAfter, false);
        GruLayer conf = (GruLayer) graph.getLayer("gru").conf().getLayer();
        NumpyRandom rng = new NumpyRandom(2);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", rng.randn(BATCH, N_IN, STEPS));
        Map<String, SDVariable> params = new HashMap<>();
        graph.getLayer("gru").paramTable().forEach((name, value) -> params.put(name, sd.var(name, value.dup())));
        SDVariable states = conf.defineLayer(sd, x, params, null);
        SDVariable loss = states.mul(sd.constant(rng.randn(BATCH, UNITS, STEPS))).sum();
        sd.setLossVariables(loss);
        List<String> names = new ArrayList<>(params.keySet());
        names.add("x");
        Map<String, INDArray> gradients = sd.calculateGradients(new HashMap<>(), names);
        int checked = 0;
        for (String name : names) {
            INDArray value = sd.getVariable(name).getArr();
            for (int i = 0; i < value.length(); i++) {
                double v = value.getDouble(i);
                value.putScalar(i, v + 1e-6);
                double up = sd.output(new HashMap<>(), loss.name()).get(loss.name()).getDouble(0);
                value.putScalar(i, v - 1e-6);
                double down = sd.output(new HashMap<>(), loss.name()).get(loss.name()).getDouble(0);
                value.putScalar(i, v);
                double numerical = (up - down) / 2e-6;
                assertEquals(numerical, gradients.get(name).getDouble(i), 1e-7 + 1e-6 * Math.abs(numerical),
                        name + "[" + i + "]");
                checked++;
            }
        }
        assertEquals(resetAfter ? 138 : 126, checked);   // 3 gates x (3x4 + 4x4 + 4 (+ 4)) + the input's 30
    }

    @Test
    void parameterCountsAreKeras() {
        // GRU(128) on 196 features: 3 * 128 * (196 + 128) + 2 * 384 (TF2) or + 384 (Keras 2)
        assertEquals(125_184, countOf(new GruLayer(128), 196));
        assertEquals(124_800, countOf(new GruLayer(128).resetBefore(), 196));
        assertThrows(IllegalArgumentException.class,
                () -> new GruLayer(4).setNIn(InputType.recurrent(3, -1, RNNFormat.NCW), true));
    }

    private static long countOf(GruLayer layer, int nIn) {
        layer.setNIn(InputType.recurrent(nIn, 10, RNNFormat.NCW), true);
        return layer.initializer().numParams(layer);
    }

    private static ComputationGraph graph(boolean resetAfter, boolean hardSigmoid) {
        GruLayer gru = new GruLayer(UNITS);
        if (!resetAfter) {
            gru.resetBefore();
        }
        if (hardSigmoid) {
            gru.hardSigmoidGates();
        }
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new NoOp()).graphBuilder().addInputs("x")
                .setInputTypes(InputType.recurrent(N_IN, STEPS, RNNFormat.NCW))
                .addLayer("gru", gru, "x")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                        .nOut(2).build(), "gru")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        // non-zero biases, so that every bias term is checked
        NumpyRandom rng = new NumpyRandom(3);
        graph.getLayer("gru").paramTable().forEach((name, value) -> {
            if (name.contains("ias")) {
                value.assign(rng.randn((int) value.size(0), (int) value.size(1)).muli(0.5));
            }
        });
        return graph;
    }

    /** Keras' GRU, one step at a time, on Keras' fused arrays (gate blocks z, r, h side by side). */
    private static INDArray stepByStep(INDArray x, Layer gru, boolean resetAfter, boolean hardSigmoid) {
        INDArray kernel = Nd4j.hstack(gru.getParam("kernelZ"), gru.getParam("kernelR"), gru.getParam("kernelH"));
        INDArray recurrent = Nd4j.hstack(gru.getParam("recurrentZ"), gru.getParam("recurrentR"),
                gru.getParam("recurrentH"));
        INDArray inputBias = Nd4j.hstack(gru.getParam("biasZ"), gru.getParam("biasR"), gru.getParam("biasH"));
        INDArray recurrentBias = resetAfter ? Nd4j.hstack(gru.getParam("recurrentBiasZ"),
                gru.getParam("recurrentBiasR"), gru.getParam("recurrentBiasH")) : null;
        INDArray h = Nd4j.zeros(DataType.DOUBLE, BATCH, UNITS);
        INDArray out = Nd4j.zeros(DataType.DOUBLE, BATCH, UNITS, STEPS);
        for (int t = 0; t < STEPS; t++) {
            INDArray xt = x.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t));
            INDArray mx = xt.mmul(kernel).addRowVector(inputBias);
            INDArray mh = h.mmul(recurrent);
            if (resetAfter) {
                mh.addiRowVector(recurrentBias);
            }
            INDArray z = gate(block(mx, 0).add(block(mh, 0)), hardSigmoid);
            INDArray r = gate(block(mx, 1).add(block(mh, 1)), hardSigmoid);
            INDArray candidateRecurrent = resetAfter ? r.mul(block(mh, 2))
                    : r.mul(h).mmul(recurrent.get(NDArrayIndex.all(), NDArrayIndex.interval(2 * UNITS, 3 * UNITS)));
            INDArray hh = Transforms.tanh(block(mx, 2).add(candidateRecurrent));
            h = z.mul(h).add(z.rsub(1).mul(hh));
            out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(t)).assign(h);
        }
        return out;
    }

    private static INDArray block(INDArray m, int gate) {
        return m.get(NDArrayIndex.all(), NDArrayIndex.interval(gate * UNITS, (gate + 1) * UNITS));
    }

    private static INDArray gate(INDArray v, boolean hardSigmoid) {
        return hardSigmoid ? Transforms.max(Transforms.min(v.mul(0.2).addi(0.5), 1.0), 0.0) : Transforms.sigmoid(v);
    }
}
