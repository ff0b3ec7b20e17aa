package org.dls4j.course2.week1;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dls4j.course2.ToyDataRuns;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.NumpySum;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.EnumConverters;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.cli.TrainingOptions;
import org.dls4j.shared.data.points.FootballData;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.scratch.dense.Dropout;
import org.dls4j.shared.scratch.dense.FusedDenseNet;
import org.dls4j.shared.scratch.dense.GdRule;
import org.dls4j.shared.scratch.dense.Gradients;
import org.dls4j.shared.scratch.dense.Initializers;
import org.dls4j.shared.scratch.dense.L2Penalty;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork.ForwardCache;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork.Output;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork;
import org.dls4j.shared.scratch.dense.TrainingData;
import org.dls4j.shared.scratch.dense.TrainingLoop;
import org.dls4j.shared.train.CostListener;
import org.dls4j.shared.train.CostRecorder;
import org.dls4j.shared.train.TrainingDivergedException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 2, week 1: <b>Regularization</b> (where should the French goal-keeper kick the ball?). The 3-layer network
 * {@code [2, 20, 3, 1]} of {@code reg_utils} ({@code org.dls4j.shared.scratch.dense.ThreeLayerNetwork}, weights
 * {@code randn / sqrt(n_{l-1})} after {@code seed(3)}) is trained on the football data for 30000 iterations at
 * learning rate 0.3 three times: without regularisation, with L2 ({@code lambd = 0.7}) and with dropout
 * ({@code keep_prob = 0.86}). The graded functions are {@link #computeCostWithRegularization},
 * {@link #backwardPropagationWithRegularization}, {@link #forwardPropagationWithDropout} and
 * {@link #backwardPropagationWithDropout}; {@link #model} is the notebook's {@code model(X, Y, learning_rate=0.3,
 * num_iterations=30000, print_cost=True, lambd=0, keep_prob=1)}, run by the shared fused engine (L2 and dropout
 * included; a test proves it equal to the graded functions).
 *
 * <p>{@code ./dls run c2w1-regularization} prints, for each run, {@code Cost after iteration 0/10000/20000: ...}
 * (full precision), {@code On the training set:} / {@code Accuracy: ...} / {@code On the test set:} /
 * {@code Accuracy: ...} and {@code (... ms per iteration)}, and writes
 * {@code c2w1-regularization-<none|l2|dropout>-cost.png} (cost every 1000 iterations) and {@code ...-boundary.png}.
 * With {@code -q} only the accuracy lines are printed.
 *
 * <p>Divergence policy: the dropout run saturates some sigmoids ({@code a3} exactly 0 or 1, numpy warns); the
 * {@code np.nansum} cost stays finite. A NaN or infinite cost stops training with a message; so does a network whose
 * parameters have become NaN, which {@code np.nansum} would report as a cost of {@code 0.0}.
 */
public final class Regularization {

    /** The notebook's {@code layers_dims = [X.shape[0], 20, 3, 1]}. */
    public static final int[] LAYERS_DIMS = {2, 20, 3, 1};
    /** {@code forward_propagation_with_dropout}: {@code np.random.seed(1)} on every call. */
    public static final long DROPOUT_SEED = 1;
    /** {@code if print_cost and i % 1000 == 0: costs.append(cost)}. */
    public static final int RECORD_EVERY = 1000;

    /** The notebook's three runs, spelt none, l2, dropout on the command line. */
    public enum Run {
        NONE("Model without regularization"),
        L2("Model with L2-regularization"),
        DROPOUT("Model with dropout");

        private final String title;

        Run(String title) {
            this.title = title;
        }
    }

    /** The notebook's settings: the three runs, 30000 iterations at 0.3, L2 0.7, keep_prob 0.86, print every 10000. */
    @Command(name = "c2w1-regularization",
            description = "Course 2 week 1: no regularization, L2 and dropout on the football data. --seed is the "
                    + "np.random.seed of initialize_parameters.")
    public static final class Options extends TrainingOptions.FullBatch {

        @Option(names = "--lambda", description = "L2 strength lambd of the L2 run (default: ${DEFAULT-VALUE}).")
        public double lambd = 0.7;

        @Option(names = "--keep-prob", description = "keep_prob of the dropout run (default: ${DEFAULT-VALUE}).")
        public double keepProb = 0.86;

        @Option(names = "--runs", split = ",", paramLabel = "RUN",
                description = "none, l2 and/or dropout, comma-separated (default: the notebook's three runs).")
        public List<Run> runs = new ArrayList<>(List.of(Run.NONE, Run.L2, Run.DROPOUT));

        /** {@code num_iterations = 30000}, {@code learning_rate = 0.3}, a cost printed every 10000, {@code seed(3)}. */
        public Options() {
            super(30000, 0.3, 10000, 3);
        }

        @Override
        public void validate() {
            super.validate();
            requirePrintingRecordedCosts(RECORD_EVERY);
            OptionChecks.nonNegative("--lambda", lambd);
            if (!(keepProb > 0 && keepProb <= 1)) {
                throw new OptionException("--keep-prob must be greater than 0 and at most 1, not " + keepProb);
            }
            OptionChecks.notEmpty("--runs", runs, EnumConverters.choices(Run.class));
        }
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), Regularization::run, args));
    }

    // -------------------------------------------------------------------------------- graded functions

    /**
     * {@code compute_cost_with_regularization(A3, Y, parameters, lambd)}: the cross-entropy of {@code reg_utils}
     * plus {@code (1/m) * (lambd/2) * (sum W1^2 + sum W2^2 + sum W3^2)}.
     */
    @Graded("compute_cost_with_regularization")
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
    @Graded("backward_propagation_with_regularization")
    public static Gradients backwardPropagationWithRegularization(INDArray X, INDArray Y, ForwardCache cache,
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
    @Graded("forward_propagation_with_dropout")
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
        return new Output(A3, new ForwardCache(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3));
    }

    /** {@code backward_propagation_with_dropout(X, Y, cache, keep_prob)}: the same masks, the same scaling. */
    @Graded("backward_propagation_with_dropout")
    public static Gradients backwardPropagationWithDropout(INDArray X, INDArray Y, ForwardCache cache, double keepProb) {
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
     * cost recorded every 1000 iterations ({@code costs.append}) and passed to {@code onCost}. L2 and dropout are not
     * combined (the notebook asserts it).
     *
     * @throws TrainingDivergedException when the cost becomes NaN or infinite, or the parameters NaN
     */
    public static ToyDataRuns.Training model(INDArray X, INDArray Y, double learningRate, int numIterations,
            double lambd, double keepProb, long seed, CostListener onCost) {
        // assert(lambd == 0 or keep_prob == 1)
        if (lambd != 0 && keepProb < 1) {
            throw new IllegalArgumentException("use L2 (--lambda) or dropout (--keep-prob), not both, as the notebook");
        }
        // layers_dims = [X.shape[0], 20, 3, 1]; parameters = initialize_parameters(layers_dims)
        Parameters parameters = Initializers.initializeParametersDeepScaled(seed, (int) X.size(0), LAYERS_DIMS[1],
                LAYERS_DIMS[2], LAYERS_DIMS[3]);
        FusedDenseNet network = new FusedDenseNet(parameters, FusedDenseNet.Spec.regUtils()
                .with(new L2Penalty(lambd)).with(new Dropout(keepProb, DROPOUT_SEED)));
        TrainingLoop loop = new TrainingLoop(network, new GdRule());
        TrainingData data = TrainingData.of(X, Y, network);
        // if print_cost and i % 1000 == 0: costs.append(cost)
        CostRecorder recorder = CostRecorder.every(RECORD_EVERY).onRecord(onCost);
        long start = System.nanoTime();
        // for i in range(0, num_iterations):
        for (int i = 0; i < numIterations; i++) {
            // a3, cache = forward_propagation(X, parameters)  /  forward_propagation_with_dropout(X, parameters, keep_prob)
            // cost = compute_cost(a3, Y)  /  compute_cost_with_regularization(a3, Y, parameters, lambd)
            // grads = backward_propagation(...) / backward_propagation_with_regularization(...) / _with_dropout(...)
            // parameters = update_parameters(parameters, grads, learning_rate)
            recorder.record(i, loop.fullBatchStep(data, learningRate));
        }
        return new ToyDataRuns.Training(parameters, recorder.curve(), System.nanoTime() - start, numIterations);
    }

    // -------------------------------------------------------------------------------- the notebook, top to bottom

    /**
     * Loads the football data, trains each run, prints the notebook's lines and plots; the result holds a model per
     * run. The CLI and the tests run this.
     */
    public static ToyDataRuns.Result<Run> run(Options options, Report report) {
        // train_X, train_Y, test_X, test_Y = load_2D_dataset()
        FootballData data = FootballData.load();
        List<ToyDataRuns.TrainedModel<Run>> models = new ArrayList<>();
        List<Path> plots = new ArrayList<>();
        for (Run run : options.runs) {
            double lambd = run == Run.L2 ? options.lambd : 0;
            double keepProb = run == Run.DROPOUT ? options.keepProb : 1;
            String heading = run.title + ": " + options.iterations + " iterations, learning rate "
                    + NumpyFormat.repr(options.learningRate)
                    + (run == Run.L2 ? ", lambd = " + NumpyFormat.repr(lambd) : "")
                    + (run == Run.DROPOUT ? ", keep_prob = " + NumpyFormat.repr(keepProb) : "");
            // parameters = model(train_X, train_Y [, lambd = 0.7] [, keep_prob = 0.86, learning_rate = 0.3])
            // if print_cost and i % 10000 == 0: print("Cost after iteration {}: {}".format(i, cost))
            String name = EnumConverters.spelling(run);
            ToyDataRuns.Training training = ToyDataRuns.train(report, heading, name, options.iterations,
                    progress -> model(data.x(), data.y(), options.learningRate, options.iterations, lambd, keepProb,
                            options.seed, ToyDataRuns.costLines(report, progress, "iteration", options.printEvery,
                                    NumpyFormat::repr)));
            // print ("On the training set:"); predictions_train = predict(train_X, train_Y, parameters); test set
            models.add(ToyDataRuns.evaluate(report, run, training, "training", data.x(), data.y(), data.xVal(),
                    data.yVal()));
            // plt.plot(costs); plt.xlabel('iterations (x1,000)'); plot_decision_boundary(...)
            plots.addAll(ToyDataRuns.plots(options.out, "c2w1-regularization-" + name, run.title,
                    run.title + ", learning rate =" + NumpyFormat.repr(options.learningRate), "iterations (x1,000)",
                    training.costs(), data.x(), data.y(), training.parameters()));
        }
        ToyDataRuns.reportWrote(report, plots);
        return new ToyDataRuns.Result<>(List.copyOf(models), List.copyOf(plots));
    }
}
