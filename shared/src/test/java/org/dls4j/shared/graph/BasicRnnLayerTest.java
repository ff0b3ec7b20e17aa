package org.dls4j.shared.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.HashMap;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.rnn.BasicRnn;
import org.junit.jupiter.api.Test;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link BasicRnnLayer}: from a zero state it is DL4J's {@code SimpleRnn} (outputs, loss and every gradient of a
 * graph with the same weights); with a carried state its states and gradients are the scratch engine's
 * {@link BasicRnn} ({@code rnn_forward}/{@code rnn_backward} with {@code a0}) and central differences, in float64;
 * the carried state moves on from pass to pass, apart from {@code rnnTimeStep}'s.
 */
class BasicRnnLayerTest {
    private static final int N_IN = 3, UNITS = 4, STEPS = 5, BATCH = 2, CLASSES = 3;

    @Test
    void fromZerosItIsDl4jsSimpleRnn() {
        ComputationGraph simple = graph(new SimpleRnn.Builder().nOut(UNITS).activation(Activation.TANH).build());
        ComputationGraph basic = graph(new BasicRnnLayer(UNITS, false));
        for (String param : new String[] {"W", "RW", "b"}) {
            basic.getLayer("rnn").setParam(param, simple.getLayer("rnn").getParam(param));
        }
        basic.getLayer("out").setParams(simple.getLayer("out").params());
        NumpyRandom rng = new NumpyRandom(4);
        INDArray x = rng.randn(BATCH, N_IN, STEPS);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, BATCH, CLASSES, STEPS);
        for (int e = 0; e < BATCH; e++) {
            for (int t = 0; t < STEPS; t++) {
                labels.putScalar(new long[] {e, rng.choice(CLASSES), t}, 1.0);
            }
        }
        assertTrue(basic.outputSingle(x).equalsWithEps(simple.outputSingle(x), 1e-14), "outputs");
        double[] scores = new double[2];
        Map<String, INDArray> gradients = new HashMap<>();
        ComputationGraph[] graphs = {simple, basic};
        for (int g = 0; g < 2; g++) {
            graphs[g].setInputs(x);
            graphs[g].setLabels(labels);
            graphs[g].computeGradientAndScore();
            scores[g] = graphs[g].score();
            for (Map.Entry<String, INDArray> entry : graphs[g].gradient().gradientForVariable().entrySet()) {
                INDArray previous = gradients.put(entry.getKey(), entry.getValue().dup());
                if (previous != null) {
                    assertTrue(previous.equalsWithEps(entry.getValue(), 1e-13), entry.getKey() + ": SimpleRnn "
                            + previous + "\nvs " + entry.getValue());
                }
            }
        }
        assertEquals(scores[0], scores[1], 1e-13);
        assertEquals(5, gradients.size(), gradients.keySet().toString());
    }

    @Test
    void withACarriedStateItIsTheScratchEngine() {
        ComputationGraph graph = graph(new BasicRnnLayer(UNITS, true));
        BasicRnnLayerRuntime rnn = (BasicRnnLayerRuntime) graph.getLayer("rnn");
        NumpyRandom rng = new NumpyRandom(5);
        INDArray x = rng.randn(BATCH, N_IN, STEPS);
        INDArray a0 = rng.randn(BATCH, UNITS);
        INDArray da = rng.randn(BATCH, UNITS, STEPS);
        rnn.carryState(a0);
        rnn.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        INDArray states = rnn.activate(true, LayerWorkspaceMgr.noWorkspaces()).dup();
        Pair<Gradient, INDArray> backward = rnn.backpropGradient(da, LayerWorkspaceMgr.noWorkspaces());

        // the notebook's layout: x (n_x, m, T), a0 (n_a, m), Wax = W^T, Waa = RW^T, ba = b^T
        Parameters notebook = Parameters.of("Wax", rnn.getParam("W").transpose().dup(), "Waa",
                rnn.getParam("RW").transpose().dup(), "ba", rnn.getParam("b").reshape(UNITS, 1).dup(),
                "Wya", Nd4j.zeros(DataType.DOUBLE, 1, UNITS), "by", Nd4j.zeros(DataType.DOUBLE, 1, 1));
        INDArray xs = x.permute(1, 0, 2).dup();
        BasicRnn.Forward forward = BasicRnn.forward(xs, a0.transpose().dup(), notebook);
        assertTrue(states.equalsWithEps(forward.a().permute(1, 0, 2), 1e-14), "states " + states);
        Parameters grads = BasicRnn.backward(da.permute(1, 0, 2).dup(), xs, a0.transpose().dup(), forward.a(),
                notebook);
        Map<String, INDArray> ours = backward.getFirst().gradientForVariable();
        assertTrue(ours.get("W").equalsWithEps(grads.get("dWax").transpose(), 1e-13), "dW");
        assertTrue(ours.get("RW").equalsWithEps(grads.get("dWaa").transpose(), 1e-13), "dRW");
        assertTrue(ours.get("b").equalsWithEps(grads.get("dba").reshape(UNITS), 1e-13), "db");
        assertTrue(backward.getSecond().equalsWithEps(grads.get("dx").permute(1, 0, 2), 1e-13), "dx");

        // the pass left its last state to the next one
        assertTrue(rnn.carriedState().equalsWithEps(states.get(all(), all(), point(STEPS - 1)), 1e-15),
                "carried " + rnn.carriedState());
    }

    @Test
    void gradientsWithACarriedStateEqualCentralDifferences() {
        ComputationGraph graph = graph(new BasicRnnLayer(UNITS, true));
        BasicRnnLayerRuntime rnn = (BasicRnnLayerRuntime) graph.getLayer("rnn");
        rnn.getParam("b").assign(new NumpyRandom(6).randn(UNITS).muli(0.5));
        NumpyRandom rng = new NumpyRandom(7);
        INDArray x = rng.randn(BATCH, N_IN, STEPS);
        INDArray a0 = rng.randn(BATCH, UNITS);
        INDArray weights = rng.randn(BATCH, UNITS, STEPS);          // loss = sum(states * weights)
        rnn.carryState(a0);
        rnn.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        rnn.activate(true, LayerWorkspaceMgr.noWorkspaces());
        Pair<Gradient, INDArray> backward = rnn.backpropGradient(weights, LayerWorkspaceMgr.noWorkspaces());
        Map<String, INDArray> gradients = new HashMap<>();
        backward.getFirst().gradientForVariable().forEach((name, g) -> gradients.put(name, g.dup()));
        gradients.put("x", backward.getSecond().dup());
        Map<String, INDArray> values = new HashMap<>(rnn.paramTable());
        values.put("x", x);
        int checked = 0;
        for (Map.Entry<String, INDArray> entry : values.entrySet()) {
            INDArray value = entry.getValue();
            INDArray analytic = gradients.get(entry.getKey());
            for (int i = 0; i < value.length(); i++) {
                double v = value.getDouble(i);
                value.putScalar(i, v + 1e-6);
                double up = loss(rnn, x, a0, weights);
                value.putScalar(i, v - 1e-6);
                double down = loss(rnn, x, a0, weights);
                value.putScalar(i, v);
                double numerical = (up - down) / 2e-6;
                assertEquals(numerical, analytic.getDouble(i), 1e-8 + 1e-7 * Math.abs(numerical),
                        entry.getKey() + "[" + i + "]");
                checked++;
            }
        }
        assertEquals(UNITS * (N_IN + UNITS + 1) + BATCH * N_IN * STEPS, checked);
    }

    @Test
    void theCarriedStateIsTrainingsAloneAndResets() {
        ComputationGraph graph = graph(new BasicRnnLayer(UNITS, true));
        BasicRnnLayerRuntime rnn = (BasicRnnLayerRuntime) graph.getLayer("rnn");
        INDArray x = new NumpyRandom(8).randn(1, N_IN, STEPS);
        assertNull(rnn.carriedState());
        INDArray first = train(rnn, x);
        INDArray carried = rnn.carriedState();
        INDArray second = train(rnn, x);
        assertTrue(!first.equalsWithEps(second, 1e-6), "the second pass starts from the first one's last state");
        // rnnTimeStep keeps DL4J's own state; clearing it leaves the carried one
        graph.rnnTimeStep(x);
        graph.rnnClearPreviousState();
        INDArray afterSecond = rnn.carriedState();
        assertTrue(!afterSecond.equalsWithEps(carried, 1e-6));
        rnn.carryState(carried);
        assertTrue(train(rnn, x).equalsWithEps(second, 1e-15), "carryState sets where the next pass starts");
        rnn.resetState();
        assertTrue(train(rnn, x).equalsWithEps(first, 1e-15), "resetState: from zeros again");
        assertThrows(IllegalArgumentException.class,
                () -> new BasicRnnLayer(UNITS, false).setNIn(InputType.feedForward(3), true));
        BasicRnnLayer layer = new BasicRnnLayer(50, true);
        layer.setNIn(InputType.recurrent(27, 10, RNNFormat.NCW), true);
        assertEquals(50 * (27 + 50 + 1), layer.initializer().numParams(layer));
    }

    @Test
    void rnnTimeStepCarriesDl4jsStateStepByStep() {
        ComputationGraph graph = graph(new BasicRnnLayer(UNITS, false));
        INDArray x = new NumpyRandom(9).randn(BATCH, N_IN, STEPS);
        INDArray whole = graph.outputSingle(x);
        graph.rnnClearPreviousState();
        for (int t = 0; t < STEPS; t++) {
            INDArray step = graph.rnnTimeStep(x.get(all(), all(), interval(t, t + 1)).dup())[0];
            assertTrue(step.reshape(BATCH, CLASSES).equalsWithEps(whole.get(all(), all(), point(t)), 1e-14),
                    "step " + t);
        }
    }

    private static INDArray train(BasicRnnLayerRuntime rnn, INDArray x) {
        rnn.setInput(x, LayerWorkspaceMgr.noWorkspaces());
        return rnn.activate(true, LayerWorkspaceMgr.noWorkspaces()).dup();
    }

    private static double loss(Layer rnn, INDArray x, INDArray a0, INDArray weights) {
        ((BasicRnnLayerRuntime) rnn).carryState(a0);
        return train((BasicRnnLayerRuntime) rnn, x).mul(weights).sumNumber().doubleValue();
    }

    private static ComputationGraph graph(org.deeplearning4j.nn.conf.layers.Layer rnn) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .updater(new NoOp()).graphBuilder().addInputs("x")
                .setInputTypes(InputType.recurrent(N_IN, STEPS, RNNFormat.NCW))
                .addLayer("rnn", rnn, "x")
                .addLayer("out", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.SOFTMAX).nOut(CLASSES).build(), "rnn")
                .setOutputs("out").build();
        ComputationGraph graph = Graphs.initialized(conf);
        graph.initGradientsView();
        return graph;
    }
}
