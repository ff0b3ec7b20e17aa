package org.dls4j.course1.week3;

import java.util.Locale;
import java.util.function.Consumer;
import org.dls4j.course1.week3.PlanarClassifier.Model;
import org.dls4j.course1.week3.PlanarClassifier.Parameters;
import org.dls4j.shared.Numerics;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

/**
 * The DL4J face of {@link PlanarClassifier}: the same network (2 inputs, {@code n_h} tanh units, one sigmoid unit,
 * binary cross-entropy, plain gradient descent with lr 1.2 on the full batch, float64) as a
 * {@link ComputationGraph}, started from the from-scratch initial weights (the notebook's {@code randn * 0.01}
 * draws). {@code ./dls run c1w3-planar-classifier --framework} trains it.
 *
 * <p>Layout: DL4J wants one example per <em>row</em> and stores a dense layer's weights as (nIn, nOut), so
 * {@code X} goes in as {@code X.T} (m, 2), and the notebook's {@code W1} (n_h, n_x) is the layer's {@code W.T}.
 */
public final class PlanarGraph {

    private PlanarGraph() {
    }

    /** The graph: input "X" (nX features) -> "hidden" (nH, tanh) -> "output" (1, sigmoid). */
    public static ComputationGraph build(int nX, int nH, double learningRate) {
        Numerics.useFloat64();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                // float64 like numpy
                .dataType(DataType.DOUBLE)
                // parameters = parameters - learning_rate * grads: plain SGD, no momentum, no regularization
                .updater(new Sgd(learningRate))
                // replaced below by the from-scratch initial weights
                .weightInit(WeightInit.ZERO)
                .graphBuilder()
                .addInputs("X")
                // nIn of every layer is inferred from this input type (2 features for the flower)
                .setInputTypes(InputType.feedForward(nX))
                // A1 = tanh(W1 X + b1)
                .addLayer("hidden", new DenseLayer.Builder().nOut(nH).activation(Activation.TANH).build(), "X")
                // A2 = sigmoid(W2 A1 + b2), loss = the notebook's cross-entropy averaged over the batch;
                // clipEps 0: DL4J would otherwise clip A2 to [1e-5, 1 - 1e-5] before taking logs
                .addLayer("output", new OutputLayer.Builder(new LossBinaryXENT(0.0))
                        .nOut(1).activation(Activation.SIGMOID).build(), "hidden")
                .setOutputs("output")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** Copies the notebook-layout parameters into the graph (transposing the weight matrices). */
    public static void setParameters(ComputationGraph graph, Parameters p) {
        Shapes.require(p.W1().transpose(), "W1.T", graph.getParam("hidden_W").shape());
        Shapes.require(p.W2().transpose(), "W2.T", graph.getParam("output_W").shape());
        graph.setParam("hidden_W", p.W1().transpose().dup('c'));
        // DL4J keeps a bias as a row (or a vector); the notebook's b1 is a column: same values
        graph.setParam("hidden_b", p.b1().dup('c').reshape(graph.getParam("hidden_b").shape()));
        graph.setParam("output_W", p.W2().transpose().dup('c'));
        graph.setParam("output_b", p.b2().dup('c').reshape(graph.getParam("output_b").shape()));
    }

    /** The graph's parameters in the notebook's layout. */
    public static Parameters parameters(ComputationGraph graph) {
        INDArray w1 = graph.getParam("hidden_W").transpose().dup('c');
        INDArray w2 = graph.getParam("output_W").transpose().dup('c');
        return new Parameters(w1, graph.getParam("hidden_b").dup('c').reshape(w1.size(0), 1), w2,
                graph.getParam("output_b").dup('c').reshape(w2.size(0), 1));
    }

    /**
     * {@link PlanarClassifier#nnModel} with the graph: the same seeded initial weights, the same number of
     * full-batch steps, the same printing. Cost i is the cost before step i, as in the notebook.
     */
    public static Model nnModel(INDArray X, INDArray Y, int nH, int numIterations, double learningRate, long seed,
            int printEvery, Consumer<String> printCost) {
        Numerics.useFloat64();
        PlanarClassifier.LayerSizes sizes = PlanarClassifier.layerSizes(X, Y);
        Parameters init = PlanarClassifier.initializeParameters(sizes.nX(), nH, sizes.nY(), new NumpyRandom(seed));
        return train(X, Y, init, numIterations, learningRate, printEvery, printCost);
    }

    /** Trains a fresh graph from {@code init} and returns the final parameters in the notebook's layout. */
    public static Model train(INDArray X, INDArray Y, Parameters init, int numIterations, double learningRate,
            int printEvery, Consumer<String> printCost) {
        Shapes.require(Y, "Y", 1, X.size(1));
        ComputationGraph graph = build((int) X.size(0), (int) init.W1().size(0), learningRate);
        setParameters(graph, init);
        DataSet batch = new DataSet(X.transpose().dup('c'), Y.transpose().dup('c'));
        double[] costs = new double[numIterations];
        long start = System.nanoTime();
        for (int i = 0; i < numIterations; i++) {
            graph.fit(batch);
            costs[i] = Numerics.requireFinite(graph.score(), i, "Try a smaller --learning-rate.");
            if (printCost != null && i % printEvery == 0) {
                printCost.accept(String.format(Locale.ROOT, "Cost after iteration %d: %s", i,
                        NumpyFormat.fixed6(costs[i])));
            }
        }
        return new Model(parameters(graph), costs, System.nanoTime() - start);
    }
}
