package org.dls4j.shared.graph;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostRecorder;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * The DL4J side of the from-scratch dense binary classifiers ({@code [LINEAR -> hidden] * (L-1) -> LINEAR ->
 * SIGMOID}, binary cross-entropy, float64): building the {@link ComputationGraph}, copying the notebook-layout
 * weights in and out, and fitting it on the full batch.
 *
 * <p>Layout: DL4J wants one example per <em>row</em>, so {@code X} (n_x, m) goes in as {@code X.T} and {@code Y}
 * (1, m) as {@code Y.T}; a dense layer stores {@code W} as (nIn, nOut), which is the notebook's
 * {@code W} (n_l, n_{l-1}) transposed, and {@code b} as a row (1, n_l) where the notebook has a column (n_l, 1).
 * Layers are named {@code layer1 ... layer(L-1)} and {@code output}.
 */
public final class DenseGraphs {

    /** The name of the sigmoid output layer. */
    public static final String OUTPUT = "output";

    private DenseGraphs() {
    }

    /** The graph's name of layer {@code l} of {@code layers}: {@code layer<l>}, the last one {@code output}. */
    public static String layerName(int l, int layers) {
        return l == layers ? OUTPUT : "layer" + l;
    }

    /**
     * The graph for {@code layers_dims = [n_x, n_1, ..., n_L]}: input "X", {@code hidden} dense layers, a sigmoid
     * output whose score is the notebook's cross-entropy averaged over the batch. The weights are zeros, placeholders
     * for {@link #setParameters} / {@link #copyIn}.
     */
    public static ComputationGraph binaryClassifier(int[] layerDims, Activation hidden, IUpdater updater) {
        int layers = layerDims.length - 1;
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                // float64, like numpy: the costs then agree with the from-scratch loop to ~1e-12
                .dataType(DataType.DOUBLE)
                // Sgd for the notebook's W = W - learning_rate * dW; no regularization
                .updater(updater)
                // placeholder: the from-scratch initial weights are copied in
                .weightInit(WeightInit.ZERO)
                .graphBuilder()
                .addInputs("X")
                // the input size comes from the input type: DL4J infers every layer's nIn from it
                .setInputTypes(InputType.feedForward(layerDims[0]));
        String previous = "X";
        for (int l = 1; l < layers; l++) {
            // LINEAR -> hidden activation with n_l units
            g.addLayer(layerName(l, layers), new DenseLayer.Builder().nOut(layerDims[l]).activation(hidden).build(),
                    previous);
            previous = layerName(l, layers);
        }
        // LINEAR -> SIGMOID; the loss is the notebook's cross-entropy, averaged over the batch (score = cost).
        // clipEps 0: DL4J would otherwise clip A into [1e-5, 1 - 1e-5] before the log; numpy does not clip.
        g.addLayer(OUTPUT, new OutputLayer.Builder(new LossBinaryXENT(0.0)).nOut(layerDims[layers])
                .activation(Activation.SIGMOID).build(), previous);
        g.setOutputs(OUTPUT);
        return Graphs.initialized(g.build());
    }


    /**
     * Copies the notebook's {@code W} (n_l, n_{l-1}) and {@code b} (n_l, 1) into {@code layer}, as DL4J's
     * {@code W.T} (nIn, nOut) and row {@code b} (1, n_l). {@code wName} names {@code W} in the shape error.
     */
    public static void copyIn(ComputationGraph graph, String layer, INDArray W, String wName, INDArray b) {
        INDArray current = graph.getParam(layer + "_W");
        Shapes.require(W, wName, current.size(1), current.size(0));
        graph.setParam(layer + "_W", W.transpose().dup('c'));
        graph.setParam(layer + "_b", b.dup('c').reshape(1, b.length()));
    }

    /** The notebook's {@code W} (n_l, n_{l-1}) of {@code layer}: DL4J's (nIn, nOut) weights transposed. */
    public static INDArray weights(ComputationGraph graph, String layer) {
        return graph.getParam(layer + "_W").transpose().dup('c');
    }

    /** The notebook's column {@code b} (n_l, 1) of {@code layer}. */
    public static INDArray bias(ComputationGraph graph, String layer) {
        INDArray b = graph.getParam(layer + "_b");
        return b.reshape(b.length(), 1).dup('c');
    }

    /** Copies {@code W1..WL, b1..bL} into the layers {@code layer1 ... output}. */
    public static void setParameters(ComputationGraph graph, Parameters parameters) {
        int layers = parameters.layers();
        for (int l = 1; l <= layers; l++) {
            copyIn(graph, layerName(l, layers), parameters.W(l), "W" + l, parameters.b(l));
        }
    }

    /** The graph's weights in the notebook's layout: {@code W_l (n_l, n_{l-1})}, {@code b_l (n_l, 1)}. */
    public static Parameters parameters(ComputationGraph graph, int layers) {
        Parameters p = new Parameters();
        for (int l = 1; l <= layers; l++) {
            p.put("W" + l, weights(graph, layerName(l, layers)));
            p.put("b" + l, bias(graph, layerName(l, layers)));
        }
        return p;
    }

    /** The notebook's {@code X} (n_x, m) and {@code Y} (1, m) as DL4J's one example per row. */
    public static DataSet examplesAsRows(INDArray X, INDArray Y) {
        return new DataSet(X.transpose().dup('c'), Y.transpose().dup('c').castTo(DataType.DOUBLE));
    }

    /**
     * {@code iterations} full-batch steps on {@code X} (n_x, m), {@code Y} (1, m). Each {@code fit} computes the cost
     * of the current parameters (its {@code score()}) and then takes one step, so cost i is the cost before step i,
     * as in the notebook's loop. Each cost goes to {@code costs}, which keeps (and prints) the ones it is set to and
     * stops training when a cost is not a number.
     *
     * @return the costs {@code costs} recorded
     * @throws org.dls4j.shared.train.TrainingDivergedException when a cost is NaN or infinite
     */
    public static CostCurve fitFullBatch(ComputationGraph graph, INDArray X, INDArray Y, int iterations,
            CostRecorder costs) {
        DataSet batch = examplesAsRows(X, Y);
        for (int i = 0; i < iterations; i++) {
            graph.fit(batch);
            costs.record(i, graph.score());
        }
        return costs.curve();
    }
}
