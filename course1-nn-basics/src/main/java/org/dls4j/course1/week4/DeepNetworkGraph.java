package org.dls4j.course1.week4;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.course1.week4.DeepNetworkApplication.Fit;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.graph.DenseGraphs;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostRecorder;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

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

    /** The graph for {@code layers_dims = [n_x, n_1, ..., n_L]} with {@code n_L = 1}: ReLU hidden layers, plain SGD. */
    public static ComputationGraph build(int[] layerDims, double learningRate) {
        // W = W - learning_rate * dW: plain SGD, no momentum, no regularization
        return DenseGraphs.binaryClassifier(layerDims, Activation.RELU, new Sgd(learningRate));
    }

    /** Copies {@code W1..WL, b1..bL} into the graph (transposed into DL4J's layout). */
    public static void setParameters(ComputationGraph graph, Parameters parameters) {
        DenseGraphs.setParameters(graph, parameters);
    }

    /** The graph's weights in the notebook's layout: {@code W_l (n_l, n_{l-1})}, {@code b_l (n_l, 1)}. */
    public static Parameters parameters(ComputationGraph graph, int layers) {
        return DenseGraphs.parameters(graph, layers);
    }

    /**
     * Trains the graph from {@code initial} for {@code iterations} full-batch steps. Each {@code fit} computes the
     * cost of the current parameters (its {@code score()}) and then takes one step, so cost i is the cost before
     * step i, as in the notebook's loop; each goes to {@code costs}, the recorder the from-scratch models use.
     */
    public static Fit train(INDArray X, INDArray Y, int[] layerDims, Parameters initial, double learningRate,
            int iterations, CostRecorder costs) {
        Shapes.require(Y, "Y", 1, X.size(1));
        ComputationGraph graph = build(layerDims, learningRate);
        setParameters(graph, initial);
        long start = System.nanoTime();
        CostCurve curve = DenseGraphs.fitFullBatch(graph, X, Y, iterations, costs);
        return new Fit(parameters(graph, layerDims.length - 1), curve, System.nanoTime() - start);
    }
}
