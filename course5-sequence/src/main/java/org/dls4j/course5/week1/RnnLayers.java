package org.dls4j.course5.week1;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The notebook's RNN and LSTM as DL4J layers, {@code SimpleRnn} or {@code LSTM} followed by a softmax
 * {@code RnnOutputLayer}, with the notebook's weights copied in, so that the two forward passes can be compared.
 *
 * <p>What a learner needs to read DL4J's recurrent layers (checked by {@code RnnStepByStepTest}, not taken from the
 * documentation):
 * <ul>
 *   <li>Data layout: DL4J's sequences are {@code [m, n, T]} (NCW), the notebook's {@code (n, m, T)}: a
 *       {@code permute(1, 0, 2)} each way.</li>
 *   <li>Weights multiply from the right: DL4J computes {@code x<t> . W + a<t-1> . RW + b} on rows, the notebook
 *       {@code W . x<t>} on columns. So {@code SimpleRnn}'s {@code W (n_x, n_a) = Wax.T}, {@code RW (n_a, n_a) =
 *       Waa.T}, {@code b (1, n_a) = ba.T}; the output layer's {@code W (n_a, n_y) = Wya.T}, {@code b = by.T}.</li>
 *   <li>{@code LSTM} keeps the four gates side by side in one matrix per input: {@code W (n_x, 4 n_a)} for
 *       {@code x<t>}, {@code RW (n_a, 4 n_a)} for {@code a<t-1>}, {@code b (1, 4 n_a)}, each split in four column
 *       blocks of {@code n_a} in DL4J's order {@link #DL4J_GATE_ORDER}: the candidate {@code c~} (the notebook's
 *       {@code Wc}, tanh), the forget gate ({@code Wf}), the output gate ({@code Wo}), the update (input) gate
 *       ({@code Wi}). The notebook's {@code W<g> (n_a, n_a + n_x)} acts on {@code [a<t-1>; x<t>]}, so its first
 *       {@code n_a} columns, transposed, are block g of {@code RW} and the rest, transposed, block g of {@code W}.</li>
 *   <li>Initialisation, which the copy overwrites: DL4J sets the forget gate's biases to
 *       {@code forgetGateBiasInit} (1.0 by default) and the other biases to 0.</li>
 *   <li>Activations: {@code activation} (TANH here, the notebook's) is applied to the candidate and to the cell
 *       before the output gate, {@code gateActivationFunction} (SIGMOID, the default) to the three gates. DL4J's
 *       {@code LSTM} has no peepholes ({@code GravesLSTM} does).</li>
 *   <li>The first hidden state: the notebook starts from {@code a0}, DL4J from zeros unless the layer's state is set
 *       with {@code rnnSetPreviousState} ({@code "prevAct"}, and {@code "prevMem"} for the LSTM's memory) before
 *       {@code rnnTimeStep}.</li>
 * </ul>
 */
public final class RnnLayers {

    /** The notebook's gate of each of DL4J's four column blocks, left to right. */
    public static final String[] DL4J_GATE_ORDER = {"c", "f", "o", "i"};

    /** The state keys of DL4J's recurrent layers: the last hidden state, the LSTM's memory. */
    static final String PREVIOUS_ACTIVATION = org.deeplearning4j.nn.layers.recurrent.LSTM.STATE_KEY_PREV_ACTIVATION;
    static final String PREVIOUS_MEMORY = org.deeplearning4j.nn.layers.recurrent.LSTM.STATE_KEY_PREV_MEMCELL;

    /** A forward pass: the hidden states {@code (n_a, m, T_x)} and the softmax outputs {@code (n_y, m, T_x)}. */
    public record Output(INDArray a, INDArray y) {
    }

    private RnnLayers() {
    }

    /** {@code SimpleRnn(n_a, tanh) -> RnnOutputLayer(n_y, softmax)} with {@code Wax, Waa, Wya, ba, by} copied in. */
    public static ComputationGraph simpleRnn(Parameters parameters) {
        INDArray wax = parameters.get("Wax");
        int nA = (int) wax.size(0);
        int nX = (int) wax.size(1);
        ComputationGraph graph = graph(new SimpleRnn.Builder().nIn(nX).nOut(nA).activation(Activation.TANH).build(),
                nA, (int) parameters.get("Wya").size(0));
        graph.getLayer("rnn").setParam("W", wax.transpose());
        graph.getLayer("rnn").setParam("RW", parameters.get("Waa").transpose());
        graph.getLayer("rnn").setParam("b", parameters.get("ba").transpose());
        outputWeights(graph, parameters.get("Wya"), parameters.get("by"));
        return graph;
    }

    /** {@code LSTM(n_a) -> RnnOutputLayer(n_y, softmax)} with the notebook's gate weights copied in. */
    public static ComputationGraph lstm(Parameters parameters) {
        INDArray wf = parameters.get("Wf");
        int nA = (int) wf.size(0);
        int nX = (int) wf.size(1) - nA;
        ComputationGraph graph = graph(new LSTM.Builder().nIn(nX).nOut(nA).activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID).build(), nA, (int) parameters.get("Wy").size(0));
        INDArray w = Nd4j.create(DataType.DOUBLE, nX, 4L * nA);
        INDArray rw = Nd4j.create(DataType.DOUBLE, nA, 4L * nA);
        INDArray b = Nd4j.create(DataType.DOUBLE, 1, 4L * nA);
        for (int block = 0; block < 4; block++) {
            String gate = DL4J_GATE_ORDER[block];
            INDArray weights = parameters.get("W" + gate);
            INDArrayIndex columns = interval((long) block * nA, (long) (block + 1) * nA);
            rw.get(all(), columns).assign(weights.get(all(), interval(0, nA)).transpose());
            w.get(all(), columns).assign(weights.get(all(), interval(nA, nA + nX)).transpose());
            b.get(all(), columns).assign(parameters.get("b" + gate).transpose());
        }
        graph.getLayer("rnn").setParam("W", w);
        graph.getLayer("rnn").setParam("RW", rw);
        graph.getLayer("rnn").setParam("b", b);
        outputWeights(graph, parameters.get("Wy"), parameters.get("by"));
        return graph;
    }

    /** The basic RNN's forward pass through DL4J from {@code a0}: {@code rnn_forward}'s {@code a, y_pred}. */
    public static Output simpleRnnForward(INDArray x, INDArray a0, Parameters parameters) {
        return forward(simpleRnn(parameters), x, Map.of(PREVIOUS_ACTIVATION, a0.transpose().dup('c')));
    }

    /** The LSTM's forward pass through DL4J from {@code a0} and a zero memory: {@code lstm_forward}'s {@code a, y}. */
    public static Output lstmForward(INDArray x, INDArray a0, Parameters parameters) {
        return forward(lstm(parameters), x, Map.of(PREVIOUS_ACTIVATION, a0.transpose().dup('c'),
                PREVIOUS_MEMORY, Nd4j.zeros(a0.size(1), a0.size(0))));
    }

    /** The largest absolute difference between DL4J's {@code a, y} and the scratch ones. */
    public static double maxDifference(Output dl4j, INDArray a, INDArray y) {
        return Math.max(dl4j.a().sub(a).amaxNumber().doubleValue(), dl4j.y().sub(y).amaxNumber().doubleValue());
    }

    private static ComputationGraph graph(Layer recurrent, int nA, int nY) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .graphBuilder()
                .addInputs("x")
                .addLayer("rnn", recurrent, "x")
                .addLayer("y", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(nA).nOut(nY)
                        .activation(Activation.SOFTMAX).build(), "rnn")
                .setOutputs("rnn", "y")
                .validateOutputLayerConfig(false)
                .build();
        return Graphs.initialized(conf);
    }

    private static void outputWeights(ComputationGraph graph, INDArray wy, INDArray by) {
        graph.getLayer("y").setParam("W", wy.transpose());
        graph.getLayer("y").setParam("b", by.transpose());
    }

    private static Output forward(ComputationGraph graph, INDArray x, Map<String, INDArray> state) {
        graph.rnnSetPreviousState("rnn", state);
        // the notebook's (n_x, m, T_x) is DL4J's [m, n_x, T_x]
        INDArray[] out = graph.rnnTimeStep(x.permute(1, 0, 2).dup('c'));
        return new Output(out[0].permute(1, 0, 2).dup('c'), out[1].permute(1, 0, 2).dup('c'));
    }
}
