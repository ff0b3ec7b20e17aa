package org.dls4j.course1.week3;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dls4j.course1.GradientDescentOptions;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.Workspaces;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.points.ToyData;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.plot.DecisionBoundaryPlot;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.scratch.dense.FusedDenseNet;
import org.dls4j.shared.scratch.dense.GdRule;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.TrainingData;
import org.dls4j.shared.scratch.dense.TrainingLoop;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostRecorder;
import org.dls4j.shared.train.TrainingDivergedException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 1, week 3: <b>Planar data classification with one hidden layer</b>, from scratch in ND4J, float64:
 * {@link #layerSizes}, {@link #initializeParameters}, {@link #forwardPropagation}, {@link #computeCost},
 * {@link #backwardPropagation}, {@link #updateParameters}, {@link #nnModel}, {@link #predict}.
 *
 * <p>What the learner sees ({@code ./dls run c1w3-planar-classifier}):
 * <pre>
 * The shape of X is: (2, 400)
 * The shape of Y is: (1, 400)
 * I have m = 400 training examples!
 * Accuracy of logistic regression: 47 % (percentage of correctly labelled datapoints)
 * Training from scratch
 * Cost after iteration 0: 0.693162
 * Cost after iteration 1000: 0.258625
 * ...
 * Cost after iteration 6000: 0.219094
 * ...
 * Accuracy: 90%
 * Accuracy for 1 hidden units: 67.5 %
 * ...
 * </pre>
 * With {@code -q} only the accuracy lines. The default {@code --seed 3} is the 2021+ notebook ({@code nn_model} seeds
 * 3, then draws the weights); {@code --seed 2} gives the 2017-2020 notebooks' numbers (their
 * {@code initialize_parameters} re-seeded 2 inside, overriding {@code nn_model}'s {@code seed(3)}), e.g.
 * {@code Cost after iteration 0: 0.693048}. The costs match the notebook to all 6 printed decimals through
 * iteration 6000; later the learning rate 1.2 amplifies last-bit differences (summation order, libm) and the
 * 7000-9000 lines differ from the notebook in the 5th decimal, as numpy versions differ from each other there (see
 * the reference, section 4.2). A cost that becomes NaN or infinite stops the run with a message.
 *
 * <p>The run (the main model and the sweep) trains with {@link #nnModelFused}, the same loop in the shared fused
 * engine, about ten times faster than the readable {@link #nnModel}, which stays the graded function (exercise
 * mode); a test proves the two equal.
 *
 * <p>Plots in {@code --out}: {@code c1w3-planar-data.png} (the flower), {@code c1w3-logistic-regression.png},
 * {@code c1w3-decision-boundary-h4.png}, {@code c1w3-cost.png} (the printed costs), and {@code c1w3-hidden-<n>.png}
 * for each size of the sweep. {@code --framework} trains the network as a DL4J {@code ComputationGraph}
 * ({@link PlanarGraph}) from the same initial weights. {@code --dataset circles|moons} runs it all on the Course 2
 * circles / moons sets (not the notebook's optional sklearn sets, whose exact values are not available).
 */
public final class PlanarClassifier {

    /** {@code nn_model}'s {@code np.random.seed(3)} in the 2021+ notebook. */
    public static final long NOTEBOOK_SEED = 3;

    /** The hidden-layer sizes of the notebook's sweep (section 6), each trained for 5000 iterations. */
    public static final int[] SWEEP_SIZES = {1, 2, 3, 4, 5, 20, 50};
    public static final int SWEEP_ITERATIONS = 5000;

    /** The data sets {@code --dataset} can name. */
    public enum Dataset {
        /** The notebook's {@code load_planar_dataset()}. */
        FLOWER,
        /** Course 2's circles (its initialization notebook's training set). */
        CIRCLES,
        /** Course 2's moons (its optimization notebook's set). */
        MOONS;

        /** The command line's word: {@code flower}, {@code circles}, {@code moons}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        ToyData.Xy load() {
            return switch (this) {
                case FLOWER -> ToyData.planarFlower();
                case CIRCLES -> ToyData.circlesTrain();
                case MOONS -> ToyData.moons();
            };
        }
    }

    /** The notebook's run: {@code nn_model(X, Y, n_h = 4, num_iterations = 10000, print_cost=True)}, lr 1.2. */
    @Command(name = "c1w3-planar-classifier",
            description = "Course 1 week 3: planar data classification with one hidden layer.")
    public static final class Options extends GradientDescentOptions {

        @Option(names = "--hidden", paramLabel = "N_H", description = "Hidden units n_h (default: ${DEFAULT-VALUE}).")
        public int hidden = 4;

        @Option(names = "--sweep", negatable = true, fallbackValue = "true",
                description = "Also train with 1, 2, 3, 4, 5, 20, 50 hidden units for 5000 iterations each"
                        + " (default: ${DEFAULT-VALUE}).")
        public boolean sweep = true;

        @Option(names = "--dataset", paramLabel = "NAME",
                description = "flower (the notebook's), circles or moons (the Course 2 sets) (default: ${DEFAULT-VALUE}).")
        public Dataset dataset = Dataset.FLOWER;

        @Option(names = "--seed", description = "np.random.seed before the weights are drawn: 3 is the 2021+ notebook,"
                + " 2 the 2017-2020 ones (default: ${DEFAULT-VALUE}).")
        public long seed = NOTEBOOK_SEED;

        public Options() {
            super(10000, 1.2, 1000);
        }

        @Override
        public void validate() {
            super.validate();
            OptionChecks.atLeast("--hidden", hidden, 1);
            OptionChecks.numpySeed("--seed", seed, 0);
        }
    }

    /** {@code (n_x, n_h, n_y)}. */
    public record LayerSizes(int nX, int nH, int nY) {
    }

    /** The notebook's {@code parameters} dictionary: W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1). */
    public record TwoLayerParameters(INDArray W1, INDArray b1, INDArray W2, INDArray b2) {
    }

    /** The {@code cache} of {@code forward_propagation}: Z1, A1, Z2, A2. */
    public record ForwardCache(INDArray Z1, INDArray A1, INDArray Z2, INDArray A2) {
    }

    /** The notebook's {@code grads} dictionary: dW1, db1, dW2, db2. */
    public record TwoLayerGradients(INDArray dW1, INDArray db1, INDArray dW2, INDArray db2) {
    }

    /**
     * What {@code nn_model} returns (the parameters), with the costs its recorder kept, the number of iterations and
     * the loop's wall time.
     */
    public record Model(TwoLayerParameters parameters, CostCurve costs, int iterations, long trainNanos) {
        /** Milliseconds per training iteration. */
        public double msPerIteration() {
            return trainNanos / 1e6 / iterations;
        }
    }

    /** One way to run {@code nn_model}: from scratch ({@link PlanarClassifier#nnModel}) or as a DL4J graph. */
    @FunctionalInterface
    public interface Trainer {
        Model nnModel(INDArray X, INDArray Y, int nH, int numIterations, double learningRate, long seed,
                CostRecorder costs);
    }

    /**
     * Everything one run produced.
     *
     * @param model the main model (its costs: those printed, every {@code --print-every} iterations)
     * @param accuracy the main model's training accuracy (the notebook prints it with %d: 90.5 shows as 90)
     * @param baselineAccuracy the LogisticRegressionCV baseline's accuracy
     * @param sweep hidden units to accuracy, in the sweep's order (empty with --no-sweep)
     */
    public record Result(Model model, double accuracy, double baselineAccuracy, Map<Integer, Double> sweep,
            List<Path> plots) {
    }

    private PlanarClassifier() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), PlanarClassifier::run, args));
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4.1 Defining the neural network structure
    // ------------------------------------------------------------------------------------------------------------

    /** GRADED FUNCTION layer_sizes: {@code n_x} from X, {@code n_h = 4}, {@code n_y} from Y. */
    @Graded("layer_sizes")
    public static LayerSizes layerSizes(INDArray X, INDArray Y) {
        // n_x = X.shape[0]; n_h = 4; n_y = Y.shape[0]
        return new LayerSizes((int) X.size(0), 4, (int) Y.size(0));
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4.2 Initialize the model's parameters
    // ------------------------------------------------------------------------------------------------------------

    /**
     * GRADED FUNCTION initialize_parameters: small random weights, zero biases, drawn from {@code rng} (the 2021
     * version; the 2017-2020 version seeded 2 inside: pass {@code new NumpyRandom(2)}).
     */
    @Graded("initialize_parameters")
    public static TwoLayerParameters initializeParameters(int nX, int nH, int nY, NumpyRandom rng) {
        // W1 = np.random.randn(n_h, n_x) * 0.01
        INDArray W1 = rng.randn(nH, nX).muli(0.01);
        // b1 = np.zeros((n_h, 1))
        INDArray b1 = Nd4j.zeros(DataType.DOUBLE, nH, 1);
        // W2 = np.random.randn(n_y, n_h) * 0.01
        INDArray W2 = rng.randn(nY, nH).muli(0.01);
        // b2 = np.zeros((n_y, 1))
        INDArray b2 = Nd4j.zeros(DataType.DOUBLE, nY, 1);
        return new TwoLayerParameters(W1, b1, W2, b2);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4.3 The loop: forward propagation, cost, backward propagation, update
    // ------------------------------------------------------------------------------------------------------------

    /** GRADED FUNCTION forward_propagation: LINEAR -> TANH -> LINEAR -> SIGMOID. */
    @Graded("forward_propagation")
    public static ForwardCache forwardPropagation(INDArray X, TwoLayerParameters p) {
        long nH = p.W1().size(0);
        Shapes.require(p.W1(), "W1", nH, X.size(0));
        Shapes.require(p.b1(), "b1", nH, 1);
        Shapes.require(p.W2(), "W2", p.W2().size(0), nH);
        Shapes.require(p.b2(), "b2", p.W2().size(0), 1);
        // Z1 = np.dot(W1, X) + b1
        INDArray Z1 = Nd4j.gemm(p.W1(), X, false, false).addiColumnVector(p.b1());
        // A1 = np.tanh(Z1)
        INDArray A1 = Transforms.tanh(Z1, true);
        // Z2 = np.dot(W2, A1) + b2
        INDArray Z2 = Nd4j.gemm(p.W2(), A1, false, false).addiColumnVector(p.b2());
        // A2 = sigmoid(Z2)
        INDArray A2 = sigmoid(Z2);
        return new ForwardCache(Z1, A1, Z2, A2);
    }

    /** The notebook's helper {@code sigmoid}: {@code 1 / (1 + np.exp(-x))}, as ND4J's one fused op; a new array. */
    public static INDArray sigmoid(INDArray x) {
        // s = 1 / (1 + np.exp(-x))
        return Transforms.sigmoid(x, true);
    }

    /** GRADED FUNCTION compute_cost: the cross-entropy, a Python float. */
    @Graded("compute_cost")
    public static double computeCost(INDArray A2, INDArray Y) {
        Shapes.require(A2, "A2", 1, Y.size(1));
        Shapes.require(Y, "Y", 1, A2.size(1));
        long m = Y.size(1);
        // logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), (1 - Y))
        // cost = - np.sum(logprobs) / m
        //   the multiply-and-sum of each term is one dot product (gemm with transB): Y.log(A2).T + (1-Y).log(1-A2).T
        double sumLogprobs = Nd4j.gemm(Y, Transforms.log(A2, true), false, true).getDouble(0)
                + Nd4j.gemm(Y.rsub(1.0), Transforms.log(A2.rsub(1.0), false), false, true).getDouble(0);
        return -sumLogprobs / m;
    }

    /** GRADED FUNCTION backward_propagation. */
    @Graded("backward_propagation")
    public static TwoLayerGradients backwardPropagation(TwoLayerParameters p, ForwardCache cache, INDArray X,
            INDArray Y) {
        Shapes.require(Y, "Y", p.W2().size(0), X.size(1));
        long m = X.size(1);
        INDArray A1 = cache.A1();
        // dZ2 = A2 - Y
        INDArray dZ2 = cache.A2().sub(Y);
        // dW2 = (1 / m) * np.dot(dZ2, A1.T)                 (gemm: transB instead of a transposed copy, 1/m as alpha)
        INDArray dW2 = gemm(dZ2, A1, false, true, 1.0 / m);
        // db2 = (1 / m) * np.sum(dZ2, axis=1, keepdims=True)
        INDArray db2 = dZ2.sum(true, 1).muli(1.0 / m);
        // dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))   (gemm with transA)
        INDArray dZ1 = Nd4j.gemm(p.W2(), dZ2, true, false).muli(A1.mul(A1).rsubi(1.0));
        // dW1 = (1 / m) * np.dot(dZ1, X.T)
        INDArray dW1 = gemm(dZ1, X, false, true, 1.0 / m);
        // db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)
        INDArray db1 = dZ1.sum(true, 1).muli(1.0 / m);
        return new TwoLayerGradients(dW1, db1, dW2, db2);
    }

    /** GRADED FUNCTION update_parameters: one gradient-descent step, in place on {@code p}, which it returns. */
    @Graded("update_parameters")
    public static TwoLayerParameters updateParameters(TwoLayerParameters p, TwoLayerGradients g,
            double learningRate) {
        // W1 = W1 - learning_rate * dW1                      (in place)
        p.W1().subi(g.dW1().mul(learningRate));
        // b1 = b1 - learning_rate * db1
        p.b1().subi(g.db1().mul(learningRate));
        // W2 = W2 - learning_rate * dW2
        p.W2().subi(g.dW2().mul(learningRate));
        // b2 = b2 - learning_rate * db2
        p.b2().subi(g.db2().mul(learningRate));
        return p;
    }

    /** {@code alpha * op(a) . op(b)} into a new array: one BLAS call where numpy does a dot and a scalar multiply. */
    private static INDArray gemm(INDArray a, INDArray b, boolean transposeA, boolean transposeB, double alpha) {
        long rows = transposeA ? a.size(1) : a.size(0);
        long cols = transposeB ? b.size(0) : b.size(1);
        return Nd4j.gemm(a, b, Nd4j.createUninitialized(DataType.DOUBLE, rows, cols), transposeA, transposeB, alpha, 0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4.4 Integrate parts 4.1, 4.2 and 4.3 in nn_model()
    // ------------------------------------------------------------------------------------------------------------

    /**
     * GRADED FUNCTION nn_model.
     *
     * @param seed {@code np.random.seed(seed)} before the weights are drawn: 3 (2021+), 2 (2017-2020)
     * @param costs keeps (and prints) the costs it is set to, e.g. {@code CostRecorder.every(1000)}: the notebook's
     *     {@code if print_cost and i % 1000 == 0: print("Cost after iteration %i: %f" % (i, cost))}
     * @throws TrainingDivergedException when the cost becomes NaN or infinite
     */
    @Graded("nn_model")
    public static Model nnModel(INDArray X, INDArray Y, int nH, int numIterations, double learningRate, long seed,
            CostRecorder costs) {
        // np.random.seed(3)
        NumpyRandom rng = new NumpyRandom(seed);
        // n_x = layer_sizes(X, Y)[0]; n_y = layer_sizes(X, Y)[2]
        LayerSizes sizes = layerSizes(X, Y);
        // parameters = initialize_parameters(n_x, n_h, n_y)
        TwoLayerParameters parameters = initializeParameters(sizes.nX(), nH, sizes.nY(), rng);
        return train(X, Y, parameters, numIterations, learningRate, costs);
    }

    /** The loop of {@code nn_model} from given initial parameters (updated in place). */
    public static Model train(INDArray X, INDArray Y, TwoLayerParameters parameters, int numIterations,
            double learningRate, CostRecorder costs) {
        long start = System.nanoTime();
        // for i in range(0, num_iterations):
        for (int i = 0; i < numIterations; i++) {
            // everything computed in one iteration lives in a workspace that is reset when it ends
            double cost = Workspaces.iteration(() -> {
                // A2, cache = forward_propagation(X, parameters)
                ForwardCache cache = forwardPropagation(X, parameters);
                // cost = compute_cost(A2, Y)
                double c = computeCost(cache.A2(), Y);
                // grads = backward_propagation(parameters, cache, X, Y)
                TwoLayerGradients grads = backwardPropagation(parameters, cache, X, Y);
                // parameters = update_parameters(parameters, grads)
                updateParameters(parameters, grads, learningRate);
                return c;
            });
            // if print_cost and i % 1000 == 0: print ("Cost after iteration %i: %f" %(i, cost))
            costs.record(i, cost);
        }
        return new Model(parameters, costs.curve(), numIterations, System.nanoTime() - start);
    }

    /**
     * {@code nn_model} run by the shared engine, {@link FusedDenseNet} with {@link FusedDenseNet.Spec#tanhClassifier()}:
     * the initialisation of {@link #nnModel}, then its loop with the same arithmetic line for line, fused into a few
     * passes over plain arrays per iteration where {@link #nnModel} makes some twenty ND4J calls on tiny matrices
     * (10-30 microseconds of overhead each). The run (and {@code ./dls bench planar}) trains with this; the graded
     * {@link #nnModel} stays the readable one, and a test proves the two equal (costs, parameters, predictions).
     */
    public static Model nnModelFused(INDArray X, INDArray Y, int nH, int numIterations, double learningRate,
            long seed, CostRecorder costs) {
        // np.random.seed(3); parameters = initialize_parameters(n_x, n_h, n_y)
        LayerSizes sizes = layerSizes(X, Y);
        TwoLayerParameters p = initializeParameters(sizes.nX(), nH, sizes.nY(), new NumpyRandom(seed));
        // the engine trains p's arrays in place
        FusedDenseNet network = new FusedDenseNet(Parameters.of("W1", p.W1(), "b1", p.b1(), "W2", p.W2(), "b2",
                p.b2()), FusedDenseNet.Spec.tanhClassifier());
        TrainingLoop loop = new TrainingLoop(network, new GdRule());
        TrainingData data = TrainingData.of(X, Y, network);
        long start = System.nanoTime();
        // for i in range(0, num_iterations): forward_propagation, compute_cost, backward_propagation, update_parameters
        for (int i = 0; i < numIterations; i++) {
            costs.record(i, loop.fullBatchStep(data, learningRate));
        }
        return new Model(p, costs.curve(), numIterations, System.nanoTime() - start);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4.5 Predictions
    // ------------------------------------------------------------------------------------------------------------

    /** GRADED FUNCTION predict: 1.0 where {@code A2 > 0.5}, else 0.0, shape (1, m). */
    @Graded("predict")
    public static INDArray predict(TwoLayerParameters parameters, INDArray X) {
        // A2, cache = forward_propagation(X, parameters)
        INDArray A2 = forwardPropagation(X, parameters).A2();
        // predictions = (A2 > 0.5)
        return A2.gt(0.5).castTo(DataType.DOUBLE);
    }

    /**
     * The notebook's accuracy in percent,
     * {@code float((np.dot(Y, predictions.T) + np.dot(1 - Y, 1 - predictions.T)) / float(Y.size) * 100)}.
     */
    public static double accuracy(INDArray predictions, INDArray Y) {
        Shapes.requireSameShape(Y, "Y", predictions, "predictions");
        // np.dot(Y, predictions.T) + np.dot(1 - Y, 1 - predictions.T)
        double correct = Nd4j.gemm(Y, predictions, false, true).getDouble(0)
                + Nd4j.gemm(Y.rsub(1.0), predictions.rsub(1.0), false, true).getDouble(0);
        // / float(Y.size) * 100
        return correct / Y.length() * 100;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The whole notebook
    // ------------------------------------------------------------------------------------------------------------

    /** The notebook top to bottom: data, baseline, model, sweep, plots. The command line and the tests run this. */
    public static Result run(Options options, Report report) {
        // X, Y = load_planar_dataset()
        ToyData.Xy data = options.dataset.load();
        INDArray X = data.x();
        INDArray Y = data.y();
        Path dir = options.out;
        List<Path> plots = new ArrayList<>();
        report.say("The shape of X is: " + Shapes.format(X.shape()));
        report.say("The shape of Y is: " + Shapes.format(Y.shape()));
        report.say("I have m = " + X.size(1) + " training examples!");
        plots.add(scatter(X, Y, dir.resolve("c1w3-planar-data.png")));

        // clf = sklearn.linear_model.LogisticRegressionCV(); clf.fit(X.T, Y.T)
        LogisticRegressionCv.Fit clf = LogisticRegressionCv.fit(X, Y);
        double baseline = accuracy(clf.predict(X), Y);
        plots.add(DecisionBoundaryPlot.save("Logistic Regression", X, Y, clf::predict,
                dir.resolve("c1w3-logistic-regression.png")));
        report.result("Accuracy of logistic regression: " + (long) baseline + " % "
                + "(percentage of correctly labelled datapoints)");
        report.say(options.engine());
        Trainer trainer = options.framework ? PlanarGraph::nnModel : PlanarClassifier::nnModelFused;

        Model model;
        try (Progress progress = report.progress("Training", options.iterations)) {
            // parameters = nn_model(X, Y, n_h = 4, num_iterations = 10000, print_cost=True)
            model = trainer.nnModel(X, Y, options.hidden, options.iterations, options.learningRate, options.seed,
                    options.printedCosts(report, progress));
        }
        // predictions = predict(parameters, X)
        double accuracy = accuracy(predict(model.parameters(), X), Y);
        // print ('Accuracy: %d' % float((np.dot(Y, predictions.T) + np.dot(1 - Y, 1 - predictions.T)) / float(Y.size) * 100) + '%')
        report.result("Accuracy: " + (long) accuracy + "%");
        TwoLayerParameters trained = model.parameters();
        plots.add(DecisionBoundaryPlot.save("Decision Boundary for hidden layer size " + options.hidden, X, Y,
                x -> predict(trained, x), dir.resolve("c1w3-decision-boundary-h" + options.hidden + ".png")));
        plots.add(LinePlot.titled("Learning rate =" + NumpyFormat.repr(options.learningRate))
                .axes("iterations (per " + options.printEvery + ")", "cost").line("cost", model.costs().costs())
                .save(dir.resolve("c1w3-cost.png")));

        Map<Integer, Double> sweep = options.sweep ? sweep(options, report, trainer, X, Y, plots) : Map.of();
        plots.forEach(p -> report.say("Wrote " + p));
        return new Result(model, accuracy, baseline, sweep, List.copyOf(plots));
    }

    /** Section 6: the hidden layer sizes 1, 2, 3, 4, 5, 20, 50, 5000 iterations each; adds their plots. */
    private static Map<Integer, Double> sweep(Options options, Report report, Trainer trainer, INDArray X, INDArray Y,
            List<Path> plots) {
        Map<Integer, Double> accuracies = new LinkedHashMap<>();
        try (Progress progress = report.progress("Hidden layer sizes", SWEEP_SIZES.length)) {
            // for i, n_h in enumerate(hidden_layer_sizes):
            for (int nH : SWEEP_SIZES) {
                // parameters = nn_model(X, Y, n_h, num_iterations = 5000)
                Model m = trainer.nnModel(X, Y, nH, SWEEP_ITERATIONS, options.learningRate, options.seed,
                        CostRecorder.every(options.printEvery));
                TwoLayerParameters p = m.parameters();
                // accuracy = float((np.dot(Y,predictions.T) + np.dot(1-Y,1-predictions.T))/float(Y.size)*100)
                double accuracy = accuracy(predict(p, X), Y);
                accuracies.put(nH, accuracy);
                // print ("Accuracy for {} hidden units: {} %".format(n_h, accuracy))
                report.result("Accuracy for " + nH + " hidden units: " + NumpyFormat.repr(accuracy) + " %");
                plots.add(DecisionBoundaryPlot.save("Hidden Layer of size " + nH, X, Y, x -> predict(p, x),
                        options.out.resolve("c1w3-hidden-" + nH + ".png")));
                progress.step();
            }
        }
        return Collections.unmodifiableMap(accuracies);
    }

    private static Path scatter(INDArray X, INDArray Y, Path png) {
        List<Double> x0 = new ArrayList<>();
        List<Double> y0 = new ArrayList<>();
        List<Double> x1 = new ArrayList<>();
        List<Double> y1 = new ArrayList<>();
        for (int i = 0; i < X.size(1); i++) {
            boolean one = Y.getDouble(0, i) > 0.5;
            (one ? x1 : x0).add(X.getDouble(0, i));
            (one ? y1 : y0).add(X.getDouble(1, i));
        }
        // plt.scatter(X[0, :], X[1, :], c=Y, s=40, cmap=plt.cm.Spectral)
        return LinePlot.titled("Planar data").axes("x1", "x2")
                .scatter("y = 0", x0.stream().mapToDouble(Double::doubleValue).toArray(),
                        y0.stream().mapToDouble(Double::doubleValue).toArray())
                .scatter("y = 1", x1.stream().mapToDouble(Double::doubleValue).toArray(),
                        y1.stream().mapToDouble(Double::doubleValue).toArray())
                .save(png);
    }
}
