package org.dls4j.course1.week2;

import org.dls4j.shared.Shapes;
import org.dls4j.shared.graph.DenseGraphs;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostRecorder;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * The DL4J face of {@link LogisticRegression}: the same model (one sigmoid unit on the flattened pixels, binary
 * cross-entropy, plain gradient descent on the full batch, float64, zero initial weights) as a
 * {@link ComputationGraph}. {@code ./dls run c1w2-logistic-regression --framework} trains it and prints the same
 * lines as the from-scratch run; the test {@code LogisticRegressionGraphTest} checks that the two agree.
 *
 * <p>Layout: DL4J wants one example per <em>row</em>, so the features go in as {@code X.T} (m, 12288) and the
 * labels as {@code Y.T} (m, 1); the output layer's weight matrix {@code W} is (nIn, nOut) = (12288, 1), which is
 * exactly the notebook's {@code w}.
 */
public final class LogisticRegressionGraph {

    private LogisticRegressionGraph() {
    }

    /** The graph: input "X" of {@code nX} features, one sigmoid output unit "output". */
    public static ComputationGraph build(int nX, double learningRate) {
        // w = w - learning_rate * dw: plain SGD, no momentum, no regularization
        // no hidden layer, so no hidden activation: A = sigmoid(w.T X + b)
        return DenseGraphs.binaryClassifier(new int[] {nX, 1}, Activation.IDENTITY, new Sgd(learningRate));
    }

    /** Copies the notebook's {@code w} (nX, 1) and {@code b} into the graph. */
    public static void setParameters(ComputationGraph graph, INDArray w, double b) {
        // the notebook's w is already DL4J's (nIn, nOut) layout: w.T is the W that copyIn transposes back
        DenseGraphs.copyIn(graph, DenseGraphs.OUTPUT, w.castTo(DataType.DOUBLE).transpose(), "w.T", Nd4j.scalar(b));
    }

    /** The graph's weights in the notebook's layout: {@code w} (nX, 1), {@code b}. */
    public static LogisticRegression.WeightsAndBias parameters(ComputationGraph graph) {
        return new LogisticRegression.WeightsAndBias(graph.getParam("output_W").dup(),
                graph.getParam("output_b").getDouble(0));
    }

    /** Predictions 0/1, shape (1, m), from the graph's own forward pass. */
    public static INDArray predict(ComputationGraph graph, INDArray X) {
        INDArray a = graph.outputSingle(X.transpose().dup('c'));
        return a.gt(0.5).castTo(DataType.DOUBLE).reshape(1, X.size(1));
    }

    /**
     * {@link LogisticRegression#model} with the graph: same initialization (zeros), same number of full-batch
     * steps, the costs to the same recorder. Each {@code fit} computes the cost of the current parameters (reported
     * by {@code score()}) and then takes one step, so cost i is the cost before step i, as in {@code optimize}.
     */
    public static LogisticRegression.Model model(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest,
            int numIterations, double learningRate, CostRecorder costs) {
        Shapes.require(yTrain, "Y_train", 1, xTrain.size(1));
        ComputationGraph graph = build((int) xTrain.size(0), learningRate);
        LogisticRegression.WeightsAndBias init = LogisticRegression.initializeWithZeros((int) xTrain.size(0));
        setParameters(graph, init.w(), init.b());
        long start = System.nanoTime();
        CostCurve curve = DenseGraphs.fitFullBatch(graph, xTrain, yTrain, numIterations, costs);
        long nanos = System.nanoTime() - start;
        return LogisticRegression.Model.of(curve.costs(), parameters(graph), predict(graph, xTrain), yTrain,
                predict(graph, xTest), yTest, learningRate, numIterations, nanos);
    }
}
