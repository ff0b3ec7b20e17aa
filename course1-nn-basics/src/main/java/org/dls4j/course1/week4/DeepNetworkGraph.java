package org.dls4j.course1.week4;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.course1.week4.DeepNetworkApplication.Fit;
import org.dls4j.shared.Numerics;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.scratch.GradientDescent.CostCurve;
import org.dls4j.shared.scratch.GradientDescent.CostListener;
import org.dls4j.shared.scratch.Parameters;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * The DL4J face of {@link DeepNetworkApplication}: the same networks ({@code [LINEAR -> RELU] * (L-1) -> LINEAR ->
 * SIGMOID}), the same loss (binary cross-entropy averaged over the examples), plain gradient descent on the full
 * batch, float64, starting from the from-scratch initial weights, as a {@link ComputationGraph}.
 * {@code ./dls run c1w4-deep-network-application --framework} trains them and prints the same lines; the test
 * {@code DeepNetworkGraphTest} checks that both paths give the same cost curve and accuracies.
 *
 * <p>Layout: DL4J wants one example per <em>row</em>, so the pictures go in as {@code X.T} (m, 12288) and the
 * labels as {@code Y.T} (m, 1); a dense layer computes {@code A_prev.T W + b} with {@code W} of shape
 * (nIn, nOut), which is the notebook's {@code W.T}. Layers are named {@code layer1 ... layer(L-1)} and
 * {@code output}, so the notebook's {@code W1} is the graph's {@code layer1_W} transposed.
 */
public final class DeepNetworkGraph {

    private DeepNetworkGraph() {
    }

    /** The graph for {@code layers_dims = [n_x, n_1, ..., n_L]} with {@code n_L = 1}. */
    public static ComputationGraph build(int[] layerDims, double learningRate) {
        Numerics.useFloat64();
        int layers = layerDims.length - 1;
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                // float64, like numpy: the costs then agree with the from-scratch loop to ~1e-12
                .dataType(DataType.DOUBLE)
                // W = W - learning_rate * dW: plain SGD, no momentum, no regularization
                .updater(new Sgd(learningRate))
                // placeholder: setParameters copies the from-scratch initial weights in
                .weightInit(WeightInit.ZERO)
                .graphBuilder()
                .addInputs("X")
                // the input size comes from the input type: DL4J infers every layer's nIn from it
                .setInputTypes(InputType.feedForward(layerDims[0]));
        String previous = "X";
        for (int l = 1; l < layers; l++) {
            // LINEAR -> RELU with n_l units
            g.addLayer(name(l, layers), new DenseLayer.Builder().nOut(layerDims[l]).activation(Activation.RELU).build(),
                    previous);
            previous = name(l, layers);
        }
        // LINEAR -> SIGMOID; the loss is the notebook's cross-entropy, averaged over the batch (score = cost).
        // clipEps 0: DL4J would otherwise clip A into [1e-5, 1 - 1e-5] before the log; numpy does not clip.
        g.addLayer("output", new OutputLayer.Builder(new LossBinaryXENT(0.0)).nOut(layerDims[layers])
                .activation(Activation.SIGMOID).build(), previous);
        g.setOutputs("output");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    /** Copies {@code W1..WL, b1..bL} into the graph (transposed into DL4J's layout). */
    public static void setParameters(ComputationGraph graph, Parameters parameters) {
        int layers = parameters.layers();
        for (int l = 1; l <= layers; l++) {
            INDArray w = graph.getParam(name(l, layers) + "_W");
            Shapes.require(parameters.W(l), "W" + l, w.size(1), w.size(0));
            graph.setParam(name(l, layers) + "_W", parameters.W(l).transpose());
            graph.setParam(name(l, layers) + "_b", parameters.b(l).reshape(1, parameters.b(l).length()));
        }
    }

    /** The graph's weights in the notebook's layout: {@code W_l (n_l, n_{l-1})}, {@code b_l (n_l, 1)}. */
    public static Parameters parameters(ComputationGraph graph, int layers) {
        Parameters p = new Parameters();
        for (int l = 1; l <= layers; l++) {
            p.put("W" + l, graph.getParam(name(l, layers) + "_W").transpose().dup('c'));
            INDArray b = graph.getParam(name(l, layers) + "_b");
            p.put("b" + l, b.reshape(b.length(), 1).dup('c'));
        }
        return p;
    }

    /**
     * Trains the graph from {@code initial} for {@code iterations} full-batch steps. Each {@code fit} computes the
     * cost of the current parameters (its {@code score()}) and then takes one step, so cost i is the cost before
     * step i, as in the notebook's loop.
     */
    public static Fit train(INDArray X, INDArray Y, int[] layerDims, Parameters initial,
            double learningRate, int iterations, int printEvery, CostListener onCost) {
        Numerics.useFloat64();
        Shapes.require(Y, "Y", 1, X.size(1));
        ComputationGraph graph = build(layerDims, learningRate);
        setParameters(graph, initial);
        DataSet batch = new DataSet(X.transpose().dup('c'), Y.transpose().dup('c').castTo(DataType.DOUBLE));
        int records = (iterations - 1) / printEvery + 1 + ((iterations - 1) % printEvery == 0 ? 0 : 1);
        int[] at = new int[records];
        double[] costs = new double[records];
        int r = 0;
        long start = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            graph.fit(batch);
            double cost = Numerics.requireFinite(graph.score(), i, "Try a smaller --learning-rate.");
            if (i % printEvery == 0 || i == iterations - 1) {
                at[r] = i;
                costs[r++] = cost;
                if (onCost != null) {
                    onCost.onCost(i, cost);
                }
            }
        }
        long nanos = System.nanoTime() - start;
        return new Fit(parameters(graph, layerDims.length - 1), new CostCurve(at, costs), nanos);
    }

    private static String name(int l, int layers) {
        return l == layers ? "output" : "layer" + l;
    }
}
