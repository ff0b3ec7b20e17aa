package org.dls4j.course1.week3;

import org.dls4j.course1.week3.PlanarClassifier.Model;
import org.dls4j.course1.week3.PlanarClassifier.TwoLayerParameters;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.graph.DenseGraphs;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostRecorder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The DL4J face of {@link PlanarClassifier}: the same network (2 inputs, {@code n_h} tanh units, one sigmoid unit,
 * binary cross-entropy, plain gradient descent with lr 1.2 on the full batch, float64) as a
 * {@link ComputationGraph}, started from the from-scratch initial weights (the notebook's {@code randn * 0.01}
 * draws). {@code ./dls run c1w3-planar-classifier --framework} trains it.
 *
 * <p>Layout: DL4J wants one example per <em>row</em> and stores a dense layer's weights as (nIn, nOut), so
 * {@code X} goes in as {@code X.T} (m, 2), and the notebook's {@code W1} (n_h, n_x) is the layer's {@code W.T}
 * ({@link DenseGraphs}).
 */
public final class PlanarGraph {

    /** The graph's name of the tanh hidden layer. */
    private static final String HIDDEN = DenseGraphs.layerName(1, 2);

    private PlanarGraph() {
    }

    /** The graph: input "X" (nX features) -> "layer1" (nH, tanh) -> "output" (1, sigmoid). */
    public static ComputationGraph build(int nX, int nH, double learningRate) {
        // parameters = parameters - learning_rate * grads: plain SGD, no momentum, no regularization
        return DenseGraphs.binaryClassifier(new int[] {nX, nH, 1}, Activation.TANH, new Sgd(learningRate));
    }

    /** Copies the notebook-layout parameters into the graph (transposing the weight matrices). */
    public static void setParameters(ComputationGraph graph, TwoLayerParameters p) {
        DenseGraphs.copyIn(graph, HIDDEN, p.W1(), "W1", p.b1());
        DenseGraphs.copyIn(graph, DenseGraphs.OUTPUT, p.W2(), "W2", p.b2());
    }

    /** The graph's parameters in the notebook's layout. */
    public static TwoLayerParameters parameters(ComputationGraph graph) {
        return new TwoLayerParameters(DenseGraphs.weights(graph, HIDDEN), DenseGraphs.bias(graph, HIDDEN),
                DenseGraphs.weights(graph, DenseGraphs.OUTPUT), DenseGraphs.bias(graph, DenseGraphs.OUTPUT));
    }

    /**
     * {@link PlanarClassifier#nnModel} with the graph: the same seeded initial weights, the same number of
     * full-batch steps, the costs to the same recorder. Cost i is the cost before step i, as in the notebook.
     */
    public static Model nnModel(INDArray X, INDArray Y, int nH, int numIterations, double learningRate, long seed,
            CostRecorder costs) {
        PlanarClassifier.LayerSizes sizes = PlanarClassifier.layerSizes(X, Y);
        TwoLayerParameters init = PlanarClassifier.initializeParameters(sizes.nX(), nH, sizes.nY(),
                new NumpyRandom(seed));
        return train(X, Y, init, numIterations, learningRate, costs);
    }

    /** Trains a fresh graph from {@code init} and returns the final parameters in the notebook's layout. */
    public static Model train(INDArray X, INDArray Y, TwoLayerParameters init, int numIterations,
            double learningRate, CostRecorder costs) {
        Shapes.require(Y, "Y", 1, X.size(1));
        ComputationGraph graph = build((int) X.size(0), (int) init.W1().size(0), learningRate);
        setParameters(graph, init);
        long start = System.nanoTime();
        CostCurve curve = DenseGraphs.fitFullBatch(graph, X, Y, numIterations, costs);
        return new Model(parameters(graph), curve, numIterations, System.nanoTime() - start);
    }
}
