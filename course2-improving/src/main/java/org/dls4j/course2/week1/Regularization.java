package org.dls4j.course2.week1;

import static org.dls4j.course2.ToyDataRuns.print;
import static org.dls4j.course2.ToyDataRuns.printCostLine;
import static org.dls4j.course2.ToyDataRuns.printTrainTestAccuracy;
import static org.dls4j.course2.ToyDataRuns.printWrote;
import static org.dls4j.course2.ToyDataRuns.saveDecisionBoundary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.dls4j.shared.Numerics;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.NumpySum;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.Workspaces;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.CommonOptions;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.data.points.FootballData;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.scratch.dense.Gradients;
import org.dls4j.shared.scratch.dense.Initializers;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork.Cache;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork.Output;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork;
import org.dls4j.shared.scratch.dense.TrainingLoop;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostListener;
import org.dls4j.shared.train.TrainingDivergedException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Course 2, week 1: <b>Regularization</b> (where should the French goal-keeper kick the ball?). The 3-layer network
 * {@code [2, 20, 3, 1]} of {@code reg_utils} ({@code org.dls4j.shared.scratch.dense.ThreeLayerNetwork}, weights
 * {@code randn / sqrt(n_{l-1})} after {@code seed(3)}) is trained on the football data for 30000 iterations at
 * learning rate 0.3 three times: without regularisation, with L2 ({@code lambd = 0.7}) and with dropout
 * ({@code keep_prob = 0.86}). The graded functions are {@link #computeCostWithRegularization},
 * {@link #backwardPropagationWithRegularization}, {@link #forwardPropagationWithDropout} and
 * {@link #backwardPropagationWithDropout}; {@link #model} is the notebook's {@code model(X, Y, learning_rate=0.3,
 * num_iterations=30000, print_cost=True, lambd=0, keep_prob=1)}.
 *
 * <p>{@code ./dls run c2w1-regularization} prints, for each run, {@code Cost after iteration 0/10000/20000: ...}
 * (full precision), {@code On the training set:} / {@code Accuracy: ...} / {@code On the test set:} /
 * {@code Accuracy: ...}, and writes the cost curve (every 1000 iterations) and the decision boundary.
 *
 * <p>Divergence policy: the dropout run saturates some sigmoids ({@code a3} exactly 0 or 1, numpy warns); the
 * {@code np.nansum} cost stays finite. Training stops only on a NaN cost.
 */
@Command(name = "c2w1-regularization", mixinStandardHelpOptions = true,
        description = "Course 2 week 1: no regularization, L2 and dropout on the football data.")
public final class Regularization implements Callable<Integer> {

    /** The notebook's {@code layers_dims = [X.shape[0], 20, 3, 1]}. */
    public static final int[] LAYERS_DIMS = {2, 20, 3, 1};
    /** {@code reg_utils.initialize_parameters}: {@code np.random.seed(3)}. */
    public static final long SEED = 3;
    /** {@code forward_propagation_with_dropout}: {@code np.random.seed(1)} on every call. */
    public static final long DROPOUT_SEED = 1;

    /** The notebook's three runs. */
    public enum Run {
        NONE("none", "Model without regularization"),
        L2("l2", "Model with L2-regularization"),
        DROPOUT("dropout", "Model with dropout");

        final String id;
        final String title;

        Run(String id, String title) {
            this.id = id;
            this.title = title;
        }
    }

    @Mixin
    CommonOptions common = CommonOptions.defaults(Path.of("out"), false);

    @Option(names = "--iterations", defaultValue = "30000", description = "Gradient-descent steps (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--learning-rate", defaultValue = "0.3", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--lambda", defaultValue = "0.7", description = "L2 strength of the L2 run (default: ${DEFAULT-VALUE}).")
    double lambd;

    @Option(names = "--keep-prob", defaultValue = "0.86", description = "Dropout keep probability of the dropout run (default: ${DEFAULT-VALUE}).")
    double keepProb;

    @Option(names = "--print-every", defaultValue = "10000", description = "Print the cost every N iterations (default: ${DEFAULT-VALUE}; recorded every 1000).")
    int printEvery;

    @Option(names = "--runs", split = ",", defaultValue = "none,l2,dropout", converter = RunConverter.class,
            description = "Which runs: none, l2, dropout, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Run> runs;

    /** Everything a run needs. */
    public record Settings(int iterations, double learningRate, double lambd, double keepProb, int printEvery,
            List<Run> runs, long seed, Path out, boolean quiet) {

        /** The notebook: 30000 iterations at 0.3; L2 0.7; keep_prob 0.86; print every 10000. */
        public static Settings notebook(Path out) {
            return new Settings(30000, 0.3, 0.7, 0.86, 10000, List.of(Run.NONE, Run.L2, Run.DROPOUT), SEED, out, false);
        }

        public Settings with(List<Run> newRuns, int newIterations) {
            return new Settings(newIterations, learningRate, lambd, keepProb, printEvery, newRuns, seed, out, quiet);
        }
    }

    /** One trained model. Costs are recorded every 1000 iterations (the notebook's {@code costs} list). */
    public record TrainedModel(Run run, CostCurve costs, Parameters parameters, double trainAccuracy,
            double testAccuracy, long trainingNanos, int iterations) {

        public double msPerIteration() {
            return trainingNanos / 1e6 / iterations;
        }
    }

    /** What a run produced. */
    public record Result(List<TrainedModel> models, List<Path> plots) {
        public TrainedModel model(Run run) {
            return models.stream().filter(m -> m.run() == run).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(run + " was not trained"));
        }
    }

    static {
        Numerics.useFloat64();
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Regularization(), args));
    }

    @Override
    public Integer call() {
        run(new Settings(iterations, learningRate, lambd, keepProb, printEvery, runs, common.seedOr(SEED),
                common.out(), common.quiet()), System.out::println, true);
        return 0;
    }

    // -------------------------------------------------------------------------------- graded functions

    /**
     * {@code compute_cost_with_regularization(A3, Y, parameters, lambd)}: the cross-entropy of {@code reg_utils}
     * plus {@code (1/m) * (lambd/2) * (sum W1^2 + sum W2^2 + sum W3^2)}.
     */
    public static double computeCostWithRegularization(INDArray A3, INDArray Y, Parameters parameters,
            double lambd) {
        long m = Y.size(1);
        INDArray W1 = parameters.W(1);
        INDArray W2 = parameters.W(2);
        INDArray W3 = parameters.W(3);
        // cross_entropy_cost = compute_cost(A3, Y)
        double crossEntropyCost = ThreeLayerNetwork.computeLoss(A3, Y);
        // L2_regularization_cost = (1/m)*(lambd/2)*(np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
        double l2RegularizationCost = (1.0 / m) * (lambd / 2)
                * (NumpySum.sum(W1.mul(W1)) + NumpySum.sum(W2.mul(W2)) + NumpySum.sum(W3.mul(W3)));
        // cost = cross_entropy_cost + L2_regularization_cost
        return crossEntropyCost + l2RegularizationCost;
    }

    /** {@code backward_propagation_with_regularization(X, Y, cache, lambd)}: each dW gains {@code (lambd/m) * W}. */
    public static Gradients backwardPropagationWithRegularization(INDArray X, INDArray Y, Cache cache,
            double lambd) {
        long m = X.size(1);
        Shapes.require(Y, "Y", 1, m);
        // dZ3 = A3 - Y
        INDArray dZ3 = cache.A3().sub(Y);
        // dW3 = 1./m * np.dot(dZ3, A2.T) + (lambd / m) * W3
        INDArray dW3 = Nd4j.gemm(dZ3, cache.A2(), false, true).muli(1. / m).addi(cache.W3().mul(lambd / m));
        // db3 = 1. / m * np.sum(dZ3, axis=1, keepdims=True)
        INDArray db3 = NumpySum.rows(dZ3).muli(1. / m);
        // dA2 = np.dot(W3.T, dZ3)
        INDArray dA2 = Nd4j.gemm(cache.W3(), dZ3, true, false);
        // dZ2 = np.multiply(dA2, np.int64(A2 > 0))
        INDArray dZ2 = dA2.mul(cache.A2().gt(0).castTo(DataType.DOUBLE));
        // dW2 = 1./m * np.dot(dZ2, A1.T) + (lambd / m) * W2
        INDArray dW2 = Nd4j.gemm(dZ2, cache.A1(), false, true).muli(1. / m).addi(cache.W2().mul(lambd / m));
        // db2 = 1. / m * np.sum(dZ2, axis=1, keepdims=True)
        INDArray db2 = NumpySum.rows(dZ2).muli(1. / m);
        // dA1 = np.dot(W2.T, dZ2)
        INDArray dA1 = Nd4j.gemm(cache.W2(), dZ2, true, false);
        // dZ1 = np.multiply(dA1, np.int64(A1 > 0))
        INDArray dZ1 = dA1.mul(cache.A1().gt(0).castTo(DataType.DOUBLE));
        // dW1 = 1./m * np.dot(dZ1, X.T) + (lambd / m) * W1
        INDArray dW1 = Nd4j.gemm(dZ1, X, false, true).muli(1. / m).addi(cache.W1().mul(lambd / m));
        // db1 = 1. / m * np.sum(dZ1, axis=1, keepdims=True)
        INDArray db1 = NumpySum.rows(dZ1).muli(1. / m);
        return Gradients.of("dZ3", dZ3, "dW3", dW3, "db3", db3, "dA2", dA2, "dZ2", dZ2, "dW2", dW2, "db2", db2,
                "dA1", dA1, "dZ1", dZ1, "dW1", dW1, "db1", db1);
    }

    /**
     * {@code forward_propagation_with_dropout(X, parameters, keep_prob=0.5)}: {@code np.random.seed(1)} first,
     * then inverted dropout on the two hidden layers, the masks drawn right after each activation.
     */
    public static Output forwardPropagationWithDropout(INDArray X, Parameters parameters, double keepProb) {
        // np.random.seed(1)
        NumpyRandom random = new NumpyRandom(DROPOUT_SEED);
        INDArray W1 = parameters.W(1);
        INDArray b1 = parameters.b(1);
        INDArray W2 = parameters.W(2);
        INDArray b2 = parameters.b(2);
        INDArray W3 = parameters.W(3);
        INDArray b3 = parameters.b(3);
        // Z1 = np.dot(W1, X) + b1
        INDArray Z1 = W1.mmul(X).addiColumnVector(b1);
        // A1 = relu(Z1)
        INDArray A1 = Transforms.relu(Z1, true);
        // D1 = np.random.rand(A1.shape[0], A1.shape[1])
        INDArray D1 = random.rand((int) A1.size(0), (int) A1.size(1));
        // D1 = (D1 < keep_prob).astype(int)
        D1 = D1.lt(keepProb).castTo(DataType.DOUBLE);
        // A1 = A1 * D1
        A1 = A1.mul(D1);
        // A1 = A1 / keep_prob
        A1 = A1.div(keepProb);
        // Z2 = np.dot(W2, A1) + b2
        INDArray Z2 = W2.mmul(A1).addiColumnVector(b2);
        // A2 = relu(Z2)
        INDArray A2 = Transforms.relu(Z2, true);
        // D2 = np.random.rand(A2.shape[0], A2.shape[1])
        INDArray D2 = random.rand((int) A2.size(0), (int) A2.size(1));
        // D2 = (D2 < keep_prob).astype(int)
        D2 = D2.lt(keepProb).castTo(DataType.DOUBLE);
        // A2 = A2 * D2
        A2 = A2.mul(D2);
        // A2 = A2 / keep_prob
        A2 = A2.div(keepProb);
        // Z3 = np.dot(W3, A2) + b3
        INDArray Z3 = W3.mmul(A2).addiColumnVector(b3);
        // A3 = sigmoid(Z3)
        INDArray A3 = ThreeLayerNetwork.sigmoid(Z3);
        return new Output(A3, new Cache(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3));
    }

    /** {@code backward_propagation_with_dropout(X, Y, cache, keep_prob)}: the same masks, the same scaling. */
    public static Gradients backwardPropagationWithDropout(INDArray X, INDArray Y, Cache cache, double keepProb) {
        long m = X.size(1);
        Shapes.require(Y, "Y", 1, m);
        // dZ3 = A3 - Y
        INDArray dZ3 = cache.A3().sub(Y);
        // dW3 = 1./m * np.dot(dZ3, A2.T)
        INDArray dW3 = Nd4j.gemm(dZ3, cache.A2(), false, true).muli(1. / m);
        // db3 = 1./m * np.sum(dZ3, axis=1, keepdims=True)
        INDArray db3 = NumpySum.rows(dZ3).muli(1. / m);
        // dA2 = np.dot(W3.T, dZ3)
        INDArray dA2 = Nd4j.gemm(cache.W3(), dZ3, true, false);
        // dA2 = dA2 * D2
        dA2 = dA2.mul(cache.D2());
        // dA2 = dA2 / keep_prob
        dA2 = dA2.div(keepProb);
        // dZ2 = np.multiply(dA2, np.int64(A2 > 0))
        INDArray dZ2 = dA2.mul(cache.A2().gt(0).castTo(DataType.DOUBLE));
        // dW2 = 1./m * np.dot(dZ2, A1.T)
        INDArray dW2 = Nd4j.gemm(dZ2, cache.A1(), false, true).muli(1. / m);
        // db2 = 1./m * np.sum(dZ2, axis=1, keepdims=True)
        INDArray db2 = NumpySum.rows(dZ2).muli(1. / m);
        // dA1 = np.dot(W2.T, dZ2)
        INDArray dA1 = Nd4j.gemm(cache.W2(), dZ2, true, false);
        // dA1 = dA1 * D1
        dA1 = dA1.mul(cache.D1());
        // dA1 = dA1 / keep_prob
        dA1 = dA1.div(keepProb);
        // dZ1 = np.multiply(dA1, np.int64(A1 > 0))
        INDArray dZ1 = dA1.mul(cache.A1().gt(0).castTo(DataType.DOUBLE));
        // dW1 = 1./m * np.dot(dZ1, X.T)
        INDArray dW1 = Nd4j.gemm(dZ1, X, false, true).muli(1. / m);
        // db1 = 1./m * np.sum(dZ1, axis=1, keepdims=True)
        INDArray db1 = NumpySum.rows(dZ1).muli(1. / m);
        return Gradients.of("dZ3", dZ3, "dW3", dW3, "db3", db3, "dA2", dA2, "dZ2", dZ2, "dW2", dW2, "db2", db2,
                "dA1", dA1, "dZ1", dZ1, "dW1", dW1, "db1", db1);
    }

    // -------------------------------------------------------------------------------- the given model

    /**
     * {@code model(X, Y, learning_rate=0.3, num_iterations=30000, print_cost=True, lambd=0, keep_prob=1)}: the
     * cost recorded every 1000 iterations ({@code costs.append}) and passed to {@code onCost}; the CLI prints the
     * multiples of {@code --print-every}. L2 and dropout are not combined (the notebook asserts it).
     *
     * @throws TrainingDivergedException when the cost becomes NaN
     */
    public static TrainedModel model(INDArray X, INDArray Y, double learningRate, int numIterations, double lambd,
            double keepProb, long seed, CostListener onCost) {
        Numerics.useFloat64();
        if (numIterations < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1 but was " + numIterations);
        }
        if (!(keepProb > 0 && keepProb <= 1)) {
            throw new IllegalArgumentException("--keep-prob must be in (0, 1] but was " + keepProb);
        }
        if (lambd < 0) {
            throw new IllegalArgumentException("--lambda must not be negative but was " + lambd);
        }
        // assert(lambd == 0 or keep_prob == 1)
        if (lambd != 0 && keepProb < 1) {
            throw new IllegalArgumentException("use L2 (--lambda) or dropout (--keep-prob), not both, as the notebook");
        }
        // layers_dims = [X.shape[0], 20, 3, 1]; parameters = initialize_parameters(layers_dims)
        Parameters parameters = Initializers.initializeParametersDeepScaled(seed, (int) X.size(0), LAYERS_DIMS[1],
                LAYERS_DIMS[2], LAYERS_DIMS[3]);
        TrainingLoop.Settings settings = TrainingLoop.Settings.regUtils().withL2(lambd);
        if (keepProb < 1) {
            settings = settings.withDropout(keepProb, DROPOUT_SEED);
        }
        TrainingLoop loop = new TrainingLoop(parameters, settings);
        TrainingLoop.Data data = TrainingLoop.Data.of(X, Y);
        int recordEvery = 1000;
        int records = (numIterations - 1) / recordEvery + 1;
        int[] at = new int[records];
        double[] costs = new double[records];
        int r = 0;
        long start = System.nanoTime();
        // for i in range(0, num_iterations):
        for (int i = 0; i < numIterations; i++) {
            // a3, cache = forward_propagation(X, parameters)  /  forward_propagation_with_dropout(X, parameters, keep_prob)
            // cost = compute_cost(a3, Y)  /  compute_cost_with_regularization(a3, Y, parameters, lambd)
            // grads = backward_propagation(...) / backward_propagation_with_regularization(...) / _with_dropout(...)
            // parameters = update_parameters(parameters, grads, learning_rate)
            double cost = Workspaces.iteration(() -> loop.fullBatchStep(data, learningRate));
            if (Double.isNaN(cost)) {
                throw new TrainingDivergedException(cost, i, "Try a smaller --learning-rate.");
            }
            // if print_cost and i % 1000 == 0: costs.append(cost)
            if (i % recordEvery == 0) {
                at[r] = i;
                costs[r++] = cost;
                if (onCost != null) {
                    onCost.onCost(i, cost);
                }
            }
        }
        long nanos = System.nanoTime() - start;
        return new TrainedModel(null, new CostCurve(at, costs), parameters, Double.NaN, Double.NaN, nanos,
                numIterations);
    }

    // -------------------------------------------------------------------------------- the notebook, top to bottom

    /** Load the football data, train the runs, print, plot. The CLI and the tests run this. */
    public static Result run(Settings s, Consumer<String> out) {
        return run(s, out, false);
    }

    static Result run(Settings s, Consumer<String> out, boolean progressBar) {
        Numerics.useFloat64();
        if (s.runs() == null || s.runs().isEmpty()) {
            throw new IllegalArgumentException("--runs needs at least one of none, l2, dropout");
        }
        if (s.printEvery() < 1000 || s.printEvery() % 1000 != 0) {
            throw new IllegalArgumentException("--print-every must be a multiple of 1000 (the costs are recorded every"
                    + " 1000 iterations) but was " + s.printEvery());
        }
        // train_X, train_Y, test_X, test_Y = load_2D_dataset()
        FootballData data = FootballData.load();
        List<TrainedModel> models = new ArrayList<>();
        List<Path> plots = new ArrayList<>();
        for (Run run : s.runs()) {
            double lambd = run == Run.L2 ? s.lambd() : 0;
            double keepProb = run == Run.DROPOUT ? s.keepProb() : 1;
            print(s.quiet(), out, "");
            print(s.quiet(), out, run.title + ": " + s.iterations() + " iterations, learning rate "
                    + NumpyFormat.repr(s.learningRate())
                    + (run == Run.L2 ? ", lambd = " + NumpyFormat.repr(lambd) : "")
                    + (run == Run.DROPOUT ? ", keep_prob = " + NumpyFormat.repr(keepProb) : ""));
            TrainedModel trained;
            try (Progress progress = Progress.start(run.id, s.iterations(), s.quiet() || !progressBar)) {
                // parameters = model(train_X, train_Y [, lambd = 0.7] [, keep_prob = 0.86, learning_rate = 0.3])
                trained = model(data.x(), data.y(), s.learningRate(), s.iterations(), lambd, keepProb, s.seed(),
                        (i, cost) -> {
                            progress.stepTo(i + 1);
                            // if print_cost and i % 10000 == 0: print("Cost after iteration {}: {}".format(i, cost))
                            if (i % s.printEvery() == 0) {
                                printCostLine(progress, progressBar, s.quiet(), out,
                                        "Cost after iteration " + i + ": " + NumpyFormat.repr(cost));
                            }
                        });
            }
            // print ("On the training set:"); predictions_train = predict(train_X, train_Y, parameters)
            double trainAccuracy = ThreeLayerNetwork.accuracy(ThreeLayerNetwork.predict(data.x(), trained.parameters()),
                    data.y());
            double testAccuracy = ThreeLayerNetwork.accuracy(
                    ThreeLayerNetwork.predict(data.xVal(), trained.parameters()), data.yVal());
            printTrainTestAccuracy(out, "training", trainAccuracy, testAccuracy);
            print(s.quiet(), out, String.format(Locale.ROOT, "(%.3f ms per iteration)", trained.msPerIteration()));
            trained = new TrainedModel(run, trained.costs(), trained.parameters(), trainAccuracy, testAccuracy,
                    trained.trainingNanos(), trained.iterations());
            models.add(trained);
            // plt.plot(costs); plt.ylabel('cost'); plt.xlabel('iterations (x1,000)')
            plots.add(LinePlot.titled(run.title + ", learning rate =" + NumpyFormat.repr(s.learningRate()))
                    .axes("iterations (x1,000)", "cost")
                    .line("cost", trained.costs().costs())
                    .save(s.out().resolve("c2w1-regularization-" + run.id + "-cost.png")));
            // plot_decision_boundary(lambda x: predict_dec(parameters, x.T), train_X, train_Y)
            plots.add(saveDecisionBoundary(run.title, data.x(), data.y(), trained.parameters(),
                    s.out().resolve("c2w1-regularization-" + run.id + "-boundary.png")));
        }
        printWrote(s.quiet(), out, plots);
        return new Result(List.copyOf(models), List.copyOf(plots));
    }

    /** {@code none}, {@code l2}, {@code dropout}. */
    static final class RunConverter implements picocli.CommandLine.ITypeConverter<Run> {
        @Override
        public Run convert(String value) {
            for (Run run : Run.values()) {
                if (run.id.equalsIgnoreCase(value.trim())) {
                    return run;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "expected none, l2 or dropout but was '" + value + "'");
        }
    }
}
