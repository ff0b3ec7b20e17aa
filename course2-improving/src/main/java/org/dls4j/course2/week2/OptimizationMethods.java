package org.dls4j.course2.week2;

import static org.dls4j.course2.ToyDataRuns.print;
import static org.dls4j.course2.ToyDataRuns.printCostLine;
import static org.dls4j.course2.ToyDataRuns.printWrote;
import static org.dls4j.course2.ToyDataRuns.saveDecisionBoundary;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.dls4j.shared.Numerics;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.Workspaces;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.CommonOptions;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.data.points.ToyData;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.scratch.dense.Gradients;
import org.dls4j.shared.scratch.dense.MiniBatches.MiniBatch;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork;
import org.dls4j.shared.scratch.dense.TrainingLoop;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.TrainingDivergedException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Course 2, week 2: <b>Optimization Methods</b> (moons). The 3-layer network {@code [2, 5, 2, 1]} of
 * {@code opt_utils_v1a} (He-scaled weights after {@code seed(3)}) is trained with mini-batch gradient descent,
 * momentum and Adam, then (2021 notebook) with learning-rate decay. The graded functions, top to bottom:
 * {@link #updateParametersWithGd}, {@link #randomMiniBatches}, {@link #initializeVelocity},
 * {@link #updateParametersWithMomentum}, {@link #initializeAdam}, {@link #updateParametersWithAdam},
 * {@link #updateLr}, {@link #scheduleLrDecay}; {@link #model} is the notebook's {@code model(X, Y, layers_dims,
 * optimizer, learning_rate=0.0007, mini_batch_size=64, beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8,
 * num_epochs=5000, print_cost=True, decay=None, decay_rate=1)} (2019-20: 10000 epochs, same trajectory).
 *
 * <p>{@code ./dls run c2w2-optimization-methods} prints the notebook's lines ({@code Cost after epoch 0: 0.702405},
 * every 1000 epochs, {@code Accuracy: 0.7166666666666667} for GD, ...), then the four decay runs with their
 * {@code learning rate after epoch ...} lines, and writes cost curves and decision boundaries. {@code --framework}
 * trains the same network as a DL4J {@code ComputationGraph} ({@link OptimizationGraph}) with DL4J's {@code Sgd},
 * {@code Nesterovs} and {@code Adam} updaters and an epoch schedule, from the same weights and mini-batches, and
 * prints both columns side by side.
 *
 * <p>The mini-batch seed starts at 10 and is incremented before each epoch: epoch e shuffles with
 * {@code np.random.seed(11 + e)} ({@code --seed} sets the start). Training stops only on a NaN cost.
 */
@Command(name = "c2w2-optimization-methods", mixinStandardHelpOptions = true,
        description = "Course 2 week 2: mini-batch GD, momentum, Adam and learning-rate decay (moons).")
public final class OptimizationMethods implements Callable<Integer> {

    /** The notebook's {@code layers_dims = [train_X.shape[0], 5, 2, 1]}. */
    public static final int[] LAYERS_DIMS = {2, 5, 2, 1};
    /** {@code opt_utils_v1a.initialize_parameters}: {@code np.random.seed(3)}. */
    public static final long INIT_SEED = 3;
    /** {@code seed = 10} in the model, incremented before every epoch. */
    public static final long MINI_BATCH_SEED = 10;

    /** The notebook's {@code optimizer} strings. */
    public enum Optimizer {
        GD("gd", "Gradient Descent"), MOMENTUM("momentum", "Momentum"), ADAM("adam", "Adam");

        final String id;
        final String title;

        Optimizer(String id, String title) {
            this.id = id;
            this.title = title;
        }

        public String id() {
            return id;
        }

        TrainingLoop.Optimizer loop() {
            return switch (this) {
                case GD -> TrainingLoop.Optimizer.GD;
                case MOMENTUM -> TrainingLoop.Optimizer.MOMENTUM;
                case ADAM -> TrainingLoop.Optimizer.ADAM;
            };
        }
    }

    /** {@code decay=None}, {@code decay=update_lr}, {@code decay=schedule_lr_decay}. */
    public enum Decay {
        NONE("none"), UPDATE_LR("update-lr"), SCHEDULE("schedule");

        final String id;

        Decay(String id) {
            this.id = id;
        }

        /** {@code decay(learning_rate0, epoch_num, decay_rate)}. */
        public double apply(double learningRate0, int epochNum, double decayRate, int timeInterval) {
            return switch (this) {
                case NONE -> learningRate0;
                case UPDATE_LR -> updateLr(learningRate0, epochNum, decayRate);
                case SCHEDULE -> scheduleLrDecay(learningRate0, epochNum, decayRate, timeInterval);
            };
        }
    }

    /** The model's hyperparameters (the notebook's keyword arguments). */
    public record Hyperparameters(Optimizer optimizer, double learningRate, int miniBatchSize, double beta,
            double beta1, double beta2, double epsilon, int numEpochs, Decay decay, double decayRate,
            int timeInterval, long seed) {

        /** {@code model(train_X, train_Y, layers_dims, optimizer)} with the 2021 defaults (5000 epochs). */
        public static Hyperparameters notebook(Optimizer optimizer) {
            return new Hyperparameters(optimizer, 0.0007, 64, 0.9, 0.9, 0.999, 1e-8, 5000, Decay.NONE, 1, 1000,
                    MINI_BATCH_SEED);
        }

        public Hyperparameters withEpochs(int n) {
            return new Hyperparameters(optimizer, learningRate, miniBatchSize, beta, beta1, beta2, epsilon, n, decay,
                    decayRate, timeInterval, seed);
        }

        public Hyperparameters withDecay(double lr, Decay newDecay) {
            return new Hyperparameters(optimizer, lr, miniBatchSize, beta, beta1, beta2, epsilon, numEpochs, newDecay,
                    decayRate, timeInterval, seed);
        }

        /** The label the CLI prints, e.g. {@code adam, learning rate 0.01, schedule_lr_decay}. */
        public String describe() {
            return optimizer.id + ", learning rate " + NumpyFormat.repr(learningRate) + ", " + numEpochs + " epochs"
                    + (decay == Decay.NONE ? "" : ", decay " + (decay == Decay.UPDATE_LR ? "update_lr"
                    : "schedule_lr_decay") + " (decay_rate " + NumpyFormat.repr(decayRate) + ")");
        }
    }

    /** One trained model. Costs every 100 epochs; {@code learningRates[i]} is the rate printed at epoch i*1000. */
    public record TrainedModel(Hyperparameters hyperparameters, CostCurve costs, double[] learningRates,
            Parameters parameters, double accuracy, long trainingNanos) {

        public double msPerEpoch() {
            return trainingNanos / 1e6 / hyperparameters.numEpochs();
        }

        TrainedModel withAccuracy(double a) {
            return new TrainedModel(hyperparameters, costs, learningRates, parameters, a, trainingNanos);
        }
    }

    /** What a run produced: the from-scratch models and, with {@code --framework}, the DL4J ones. */
    public record Result(List<TrainedModel> models, List<TrainedModel> framework, List<Path> plots) {
    }

    /** {@code update_parameters_with_adam}'s 2021 return value. */
    public record AdamStep(Parameters parameters, Gradients v, Gradients s, Gradients vCorrected,
            Gradients sCorrected) {
    }

    /** {@code update_parameters_with_momentum}'s return value. */
    public record MomentumStep(Parameters parameters, Gradients v) {
    }

    /** {@code initialize_adam}'s return value. */
    public record AdamState(Gradients v, Gradients s) {
    }

    @Mixin
    CommonOptions common = CommonOptions.defaults(Path.of("out"), false);

    @Option(names = "--optimizer", split = ",", defaultValue = "gd,momentum,adam", converter = OptimizerConverter.class,
            description = "gd, momentum and/or adam, comma-separated (default: ${DEFAULT-VALUE}).")
    List<Optimizer> optimizers;

    @Option(names = "--epochs", defaultValue = "5000", description = "Epochs (default: ${DEFAULT-VALUE}; 10000 in the 2019-20 notebook).")
    int epochs;

    @Option(names = "--learning-rate", defaultValue = "0.0007", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--mini-batch-size", defaultValue = "64", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int miniBatchSize;

    @Option(names = "--beta", defaultValue = "0.9", description = "Momentum (default: ${DEFAULT-VALUE}).")
    double beta;

    @Option(names = "--beta1", defaultValue = "0.9", description = "Adam's first-moment decay (default: ${DEFAULT-VALUE}).")
    double beta1;

    @Option(names = "--beta2", defaultValue = "0.999", description = "Adam's second-moment decay (default: ${DEFAULT-VALUE}).")
    double beta2;

    @Option(names = "--epsilon", defaultValue = "1e-8", description = "Adam's epsilon (default: ${DEFAULT-VALUE}).")
    double epsilon;

    @Option(names = "--decay", defaultValue = "none", converter = DecayConverter.class,
            description = "Learning-rate decay of the runs above: none, update-lr or schedule (default: ${DEFAULT-VALUE}).")
    Decay decay;

    @Option(names = "--decay-rate", defaultValue = "1", description = "decay_rate (default: ${DEFAULT-VALUE}).")
    double decayRate;

    @Option(names = "--time-interval", defaultValue = "1000", description = "schedule_lr_decay's time_interval (default: ${DEFAULT-VALUE}).")
    int timeInterval;

    @Option(names = "--decay-runs", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also run the 2021 notebook's four decay runs (GD 0.1 update_lr, GD/momentum 0.1 and Adam 0.01"
                    + " with schedule_lr_decay). Default: on; --no-decay-runs skips them.")
    boolean decayRuns;

    @Option(names = "--framework", description = "Also train each model as a DL4J ComputationGraph and compare.")
    boolean framework;

    /** Everything a run needs. */
    public record Settings(List<Hyperparameters> runs, boolean framework, Path out, boolean quiet) {

        /** The 2021 notebook: GD, momentum, Adam (5000 epochs, 0.0007), then the four decay runs. */
        public static Settings notebook(Path out) {
            return new Settings(notebookRuns(5000, true), false, out, false);
        }
    }

    /** The notebook's model calls, in order. */
    public static List<Hyperparameters> notebookRuns(int epochs, boolean withDecayRuns) {
        List<Hyperparameters> runs = new ArrayList<>();
        for (Optimizer o : Optimizer.values()) {
            runs.add(Hyperparameters.notebook(o).withEpochs(epochs));
        }
        if (withDecayRuns) {
            runs.addAll(decayRuns());
        }
        return runs;
    }

    /** 2021: {@code model(..., "gd", learning_rate=0.1, num_epochs=5000, decay=update_lr)} and the three schedules. */
    public static List<Hyperparameters> decayRuns() {
        return List.of(Hyperparameters.notebook(Optimizer.GD).withDecay(0.1, Decay.UPDATE_LR),
                Hyperparameters.notebook(Optimizer.GD).withDecay(0.1, Decay.SCHEDULE),
                Hyperparameters.notebook(Optimizer.MOMENTUM).withDecay(0.1, Decay.SCHEDULE),
                Hyperparameters.notebook(Optimizer.ADAM).withDecay(0.01, Decay.SCHEDULE));
    }

    static {
        Numerics.useFloat64();
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new OptimizationMethods(), args));
    }

    @Override
    public Integer call() {
        List<Hyperparameters> runs = new ArrayList<>();
        long seed = common.seedOr(MINI_BATCH_SEED);
        for (Optimizer o : optimizers) {
            runs.add(new Hyperparameters(o, learningRate, miniBatchSize, beta, beta1, beta2, epsilon, epochs, decay,
                    decayRate, timeInterval, seed));
        }
        if (decayRuns) {
            for (Hyperparameters h : decayRuns()) {
                runs.add(new Hyperparameters(h.optimizer(), h.learningRate(), miniBatchSize, beta, beta1, beta2,
                        epsilon, epochs, h.decay(), decayRate, timeInterval, seed));
            }
        }
        run(new Settings(runs, framework, common.out(), common.quiet()), System.out::println, true);
        return 0;
    }

    // -------------------------------------------------------------------------------- graded functions

    /** {@code update_parameters_with_gd(parameters, grads, learning_rate)}: {@code W = W - learning_rate * dW}. */
    public static Parameters updateParametersWithGd(Parameters parameters, Gradients grads, double learningRate) {
        Parameters updated = new Parameters();
        // L = len(parameters) // 2; for l in range(1, L + 1):
        for (int l = 1; l <= parameters.layers(); l++) {
            // parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads['dW' + str(l)]
            updated.put("W" + l, parameters.W(l).sub(grads.dW(l).mul(learningRate)));
            // parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads['db' + str(l)]
            updated.put("b" + l, parameters.b(l).sub(grads.db(l).mul(learningRate)));
        }
        return updated;
    }

    /**
     * {@code random_mini_batches(X, Y, mini_batch_size=64, seed=0)}: shuffle the columns with
     * {@code np.random.seed(seed); np.random.permutation(m)}, then cut {@code floor(m / mini_batch_size)} full
     * batches and the remainder.
     */
    public static List<MiniBatch> randomMiniBatches(INDArray X, INDArray Y, int miniBatchSize, long seed) {
        int m = (int) X.size(1);
        Shapes.require(Y, "Y", 1, m);
        // np.random.seed(seed)
        NumpyRandom random = new NumpyRandom(seed);
        List<MiniBatch> miniBatches = new ArrayList<>();
        // permutation = list(np.random.permutation(m))
        int[] permutation = random.permutation(m);
        // shuffled_X = X[:, permutation]
        INDArray shuffledX = X.getColumns(permutation);
        // shuffled_Y = Y[:, permutation].reshape((1, m))
        INDArray shuffledY = Y.getColumns(permutation).reshape(1, m);
        // num_complete_minibatches = math.floor(m / mini_batch_size)
        int numCompleteMinibatches = m / miniBatchSize;
        for (int k = 0; k < numCompleteMinibatches; k++) {
            // mini_batch_X = shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size]
            INDArray miniBatchX = shuffledX.get(NDArrayIndex.all(),
                    NDArrayIndex.interval(k * miniBatchSize, (k + 1) * miniBatchSize)).dup('c');
            // mini_batch_Y = shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]
            INDArray miniBatchY = shuffledY.get(NDArrayIndex.all(),
                    NDArrayIndex.interval(k * miniBatchSize, (k + 1) * miniBatchSize)).dup('c');
            miniBatches.add(new MiniBatch(miniBatchX, miniBatchY));
        }
        // if m % mini_batch_size != 0:
        if (m % miniBatchSize != 0) {
            // mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size : m]
            INDArray miniBatchX = shuffledX.get(NDArrayIndex.all(),
                    NDArrayIndex.interval(numCompleteMinibatches * miniBatchSize, m)).dup('c');
            INDArray miniBatchY = shuffledY.get(NDArrayIndex.all(),
                    NDArrayIndex.interval(numCompleteMinibatches * miniBatchSize, m)).dup('c');
            miniBatches.add(new MiniBatch(miniBatchX, miniBatchY));
        }
        return miniBatches;
    }

    /** {@code initialize_velocity(parameters)}: {@code v["dW" + str(l)] = np.zeros(W.shape)}, same for b. */
    public static Gradients initializeVelocity(Parameters parameters) {
        Gradients v = new Gradients();
        for (int l = 1; l <= parameters.layers(); l++) {
            // v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
            v.put("dW" + l, Nd4j.zeros(parameters.W(l).shape()));
            // v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
            v.put("db" + l, Nd4j.zeros(parameters.b(l).shape()));
        }
        return v;
    }

    /**
     * {@code update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)}: {@code v = beta v + (1 -
     * beta) dW}, {@code W = W - learning_rate v}. New dictionaries; the inputs are not changed.
     */
    public static MomentumStep updateParametersWithMomentum(Parameters parameters, Gradients grads, Gradients v,
            double beta, double learningRate) {
        Parameters updated = new Parameters();
        Gradients velocity = new Gradients();
        for (int l = 1; l <= parameters.layers(); l++) {
            for (String p : new String[] {"W", "b"}) {
                String d = "d" + p + l;
                // v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads['dW' + str(l)]
                INDArray vl = v.get(d).mul(beta).addi(grads.get(d).mul(1 - beta));
                velocity.put(d, vl);
                // parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
                updated.put(p + l, parameters.get(p + l).sub(vl.mul(learningRate)));
            }
        }
        return new MomentumStep(updated, velocity);
    }

    /** {@code initialize_adam(parameters)}: {@code v} and {@code s}, zeros like every W and b. */
    public static AdamState initializeAdam(Parameters parameters) {
        // v["dW" + str(l)] = np.zeros(...); s["dW" + str(l)] = np.zeros(...)
        return new AdamState(initializeVelocity(parameters), initializeVelocity(parameters));
    }

    /**
     * {@code update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
     * epsilon=1e-8)}, the 2021 signature (also returning the bias-corrected averages). New dictionaries.
     */
    public static AdamStep updateParametersWithAdam(Parameters parameters, Gradients grads, Gradients v, Gradients s,
            int t, double learningRate, double beta1, double beta2, double epsilon) {
        Parameters updated = new Parameters();
        Gradients vOut = new Gradients();
        Gradients sOut = new Gradients();
        Gradients vCorrected = new Gradients();
        Gradients sCorrected = new Gradients();
        for (int l = 1; l <= parameters.layers(); l++) {
            for (String p : new String[] {"W", "b"}) {
                String d = "d" + p + l;
                INDArray g = grads.get(d);
                // v["dW" + str(l)] = beta1 * v["dW" + str(l)] + (1 - beta1) * grads['dW' + str(l)]
                INDArray vl = v.get(d).mul(beta1).addi(g.mul(1 - beta1));
                // v_corrected["dW" + str(l)] = v["dW" + str(l)] / (1 - beta1 ** t)
                INDArray vc = vl.div(1 - Math.pow(beta1, t));
                // s["dW" + str(l)] = beta2 * s["dW" + str(l)] + (1 - beta2) * np.square(grads['dW' + str(l)])
                INDArray sl = s.get(d).mul(beta2).addi(g.mul(g).muli(1 - beta2));
                // s_corrected["dW" + str(l)] = s["dW" + str(l)] / (1 - beta2 ** t)
                INDArray sc = sl.div(1 - Math.pow(beta2, t));
                // parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v_corrected["dW" + str(l)]
                //                            / (np.sqrt(s_corrected["dW" + str(l)]) + epsilon)
                INDArray step = vc.mul(learningRate).divi(Transforms.sqrt(sc, true).addi(epsilon));
                updated.put(p + l, parameters.get(p + l).sub(step));
                vOut.put(d, vl);
                sOut.put(d, sl);
                vCorrected.put(d, vc);
                sCorrected.put(d, sc);
            }
        }
        return new AdamStep(updated, vOut, sOut, vCorrected, sCorrected);
    }

    /** {@code update_lr(learning_rate0, epoch_num, decay_rate)}: {@code learning_rate0 / (1 + decay_rate * epoch_num)}. */
    public static double updateLr(double learningRate0, int epochNum, double decayRate) {
        // learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
        return learningRate0 / (1 + decayRate * epochNum);
    }

    /**
     * {@code schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000)}:
     * {@code learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))}.
     */
    public static double scheduleLrDecay(double learningRate0, int epochNum, double decayRate, int timeInterval) {
        // learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))
        return learningRate0 / (1 + decayRate * Math.floor((double) epochNum / timeInterval));
    }

    // -------------------------------------------------------------------------------- the given model

    /** Receives every epoch's {@code cost_avg} and the learning rate after it. */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(int epoch, double cost, double learningRate);
    }

    /**
     * {@code model(X, Y, layers_dims, optimizer, ...)}: {@code initialize_parameters} (seed 3, He), then per epoch
     * {@code seed = seed + 1}, {@code random_mini_batches(X, Y, mini_batch_size, seed)}, one forward / cost
     * ({@code np.sum} of the batch) / backward / update per mini-batch (Adam's {@code t} counts them),
     * {@code cost_avg = cost_total / m}, then the decayed rate {@code decay(learning_rate0, i, decay_rate)}.
     * Records every 100th epoch's cost (the notebook's {@code costs}) and the rate at every 1000th.
     */
    public static TrainedModel model(INDArray X, INDArray Y, int[] layersDims, Hyperparameters h,
            EpochListener onEpoch) {
        Numerics.useFloat64();
        validate(h);
        int m = (int) X.size(1);
        // parameters = initialize_parameters(layers_dims)
        Parameters parameters = initialParameters(layersDims);
        // v = initialize_velocity(parameters) / v, s = initialize_adam(parameters): zeros, inside the loop object
        TrainingLoop.Settings settings = switch (h.optimizer()) {
            case GD -> TrainingLoop.Settings.optUtils();
            case MOMENTUM -> TrainingLoop.Settings.optUtils().withMomentum(h.beta());
            case ADAM -> TrainingLoop.Settings.optUtils().withAdam(h.beta1(), h.beta2(), h.epsilon());
        };
        TrainingLoop loop = new TrainingLoop(parameters, settings);
        TrainingLoop.Data data = TrainingLoop.Data.of(X, Y);
        int[] at = new int[(h.numEpochs() - 1) / 100 + 1];
        double[] costs = new double[at.length];
        double[] rates = new double[(h.numEpochs() - 1) / 1000 + 1];
        // seed = 10; learning_rate0 = learning_rate
        long seed = h.seed();
        double learningRate0 = h.learningRate();
        double[] learningRate = {h.learningRate()};
        long start = System.nanoTime();
        // for i in range(num_epochs):
        for (int i = 0; i < h.numEpochs(); i++) {
            // seed = seed + 1; minibatches = random_mini_batches(X, Y, mini_batch_size, seed)
            seed = seed + 1;
            long epochSeed = seed;
            // for minibatch in minibatches: a3, caches = forward_propagation(...); cost_total += compute_cost(...)
            //     grads = backward_propagation(...); parameters = update_parameters_with_gd/_momentum/_adam(...)
            double costTotal = Workspaces.iteration(() -> loop.epoch(data, h.miniBatchSize(), epochSeed,
                    learningRate[0]));
            // cost_avg = cost_total / m
            double costAvg = costTotal / m;
            if (Double.isNaN(costAvg)) {
                throw new TrainingDivergedException(costAvg, i, "Try a smaller --learning-rate.");
            }
            // if decay: learning_rate = decay(learning_rate0, i, decay_rate)
            if (h.decay() != Decay.NONE) {
                learningRate[0] = h.decay().apply(learningRate0, i, h.decayRate(), h.timeInterval());
            }
            // if print_cost and i % 100 == 0: costs.append(cost_avg)
            if (i % 100 == 0) {
                at[i / 100] = i;
                costs[i / 100] = costAvg;
            }
            if (i % 1000 == 0) {
                rates[i / 1000] = learningRate[0];
            }
            if (onEpoch != null) {
                onEpoch.onEpoch(i, costAvg, learningRate[0]);
            }
        }
        long nanos = System.nanoTime() - start;
        return new TrainedModel(h, new CostCurve(at, costs), rates, parameters, Double.NaN, nanos);
    }

    /** {@code opt_utils_v1a.initialize_parameters(layers_dims)}: seed 3, {@code randn * np.sqrt(2 / n_{l-1})}. */
    public static Parameters initialParameters(int[] layersDims) {
        // np.random.seed(3)
        NumpyRandom random = new NumpyRandom(INIT_SEED);
        Parameters parameters = new Parameters();
        for (int l = 1; l < layersDims.length; l++) {
            // parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l-1]) * np.sqrt(2 / layer_dims[l-1])
            parameters.put("W" + l, random.randn(layersDims[l], layersDims[l - 1])
                    .muli(Math.sqrt(2.0 / layersDims[l - 1])));
            // parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
            parameters.put("b" + l, Nd4j.zeros(layersDims[l], 1));
        }
        return parameters;
    }

    /** {@code predict(train_X, train_Y, parameters)}'s accuracy, {@code np.mean(p == y)}. */
    public static double accuracy(INDArray X, INDArray Y, Parameters parameters) {
        return ThreeLayerNetwork.accuracy(ThreeLayerNetwork.predict(X, parameters), Y);
    }

    // -------------------------------------------------------------------------------- the notebook, top to bottom

    /** Load the moons, train every run, print, plot. The CLI and the tests run this. */
    public static Result run(Settings s, Consumer<String> out) {
        return run(s, out, false);
    }

    static Result run(Settings s, Consumer<String> out, boolean progressBar) {
        Numerics.useFloat64();
        if (s.runs().isEmpty()) {
            throw new IllegalArgumentException("nothing to run: give --optimizer or --decay-runs");
        }
        // train_X, train_Y = load_dataset()
        ToyData.Xy moons = ToyData.moons();
        List<TrainedModel> models = new ArrayList<>();
        List<TrainedModel> framework = new ArrayList<>();
        List<Path> plots = new ArrayList<>();
        int index = 0;
        for (Hyperparameters h : s.runs()) {
            index++;
            print(s.quiet(), out, "");
            print(s.quiet(), out, "Model " + index + ": " + h.describe());
            TrainedModel trained;
            try (Progress progress = Progress.start(h.optimizer().id, h.numEpochs(), s.quiet() || !progressBar)) {
                Consumer<String> lines = line -> printCostLine(progress, progressBar, s.quiet(), out, line);
                // parameters = model(train_X, train_Y, layers_dims, optimizer = "gd" [, learning_rate, decay])
                trained = model(moons.x(), moons.y(), LAYERS_DIMS, h, (i, cost, lr) -> {
                    progress.stepTo(i + 1);
                    // if print_cost and i % 1000 == 0: print("Cost after epoch %i: %f" % (i, cost_avg))
                    if (i % 1000 == 0) {
                        lines.accept(String.format(Locale.ROOT, "Cost after epoch %d: %s", i, NumpyFormat.fixed6(cost)));
                        if (h.decay() != Decay.NONE) {
                            // print("learning rate after epoch %i: %f" % (i, learning_rate))
                            lines.accept(String.format(Locale.ROOT, "learning rate after epoch %d: %s", i,
                                    NumpyFormat.fixed6(lr)));
                        }
                    }
                });
            }
            // predictions = predict(train_X, train_Y, parameters)
            trained = trained.withAccuracy(accuracy(moons.x(), moons.y(), trained.parameters()));
            out.accept("Accuracy: " + NumpyFormat.repr(trained.accuracy()));
            print(s.quiet(), out, String.format(Locale.ROOT, "(%.3f ms per epoch)", trained.msPerEpoch()));
            models.add(trained);
            if (s.framework()) {
                TrainedModel graph = OptimizationGraph.train(moons.x(), moons.y(), LAYERS_DIMS, h, null);
                graph = graph.withAccuracy(accuracy(moons.x(), moons.y(), graph.parameters()));
                framework.add(graph);
                print(s.quiet(), out, "DL4J ComputationGraph (" + OptimizationGraph.updaterName(h) + "), same weights and"
                        + " mini-batches:");
                print(s.quiet(), out, "  epoch   from scratch   DL4J");
                for (int k = 0; k < trained.costs().iterations().length; k += 10) {
                    print(s.quiet(), out, String.format(Locale.ROOT, "  %5d   %s       %s", trained.costs().iterations()[k],
                            NumpyFormat.fixed6(trained.costs().costs()[k]), NumpyFormat.fixed6(graph.costs().costs()[k])));
                }
                print(s.quiet(), out, "  DL4J accuracy: " + NumpyFormat.repr(graph.accuracy())
                        + String.format(Locale.ROOT, " (%.3f ms per epoch)", graph.msPerEpoch()));
            }
            String name = "c2w2-" + index + "-" + h.optimizer().id + (h.decay() == Decay.NONE ? "" : "-" + h.decay().id);
            // plt.plot(costs); plt.ylabel('cost'); plt.xlabel('epochs (per 100)'); plt.title("Learning rate = ...")
            plots.add(LinePlot.titled("Learning rate = " + NumpyFormat.repr(h.learningRate()) + " (" + h.optimizer().id
                    + (h.decay() == Decay.NONE ? "" : ", " + h.decay().id) + ")")
                    .axes("epochs (per 100)", "cost")
                    .line("cost", trained.costs().costs())
                    .save(s.out().resolve(name + "-cost.png")));
            // plt.title("Model with Gradient Descent optimization"); plot_decision_boundary(...)
            plots.add(saveDecisionBoundary("Model with " + h.optimizer().title + " optimization"
                    + (h.decay() == Decay.NONE ? "" : " and learning rate decay"), moons.x(), moons.y(),
                    trained.parameters(), s.out().resolve(name + "-boundary.png")));
        }
        printWrote(s.quiet(), out, plots);
        return new Result(List.copyOf(models), List.copyOf(framework), List.copyOf(plots));
    }

    private static void validate(Hyperparameters h) {
        if (h.numEpochs() < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1 but was " + h.numEpochs());
        }
        if (h.miniBatchSize() < 1) {
            throw new IllegalArgumentException("--mini-batch-size must be at least 1 but was " + h.miniBatchSize());
        }
        if (!(h.learningRate() > 0) || !Double.isFinite(h.learningRate())) {
            throw new IllegalArgumentException("--learning-rate must be a positive number but was " + h.learningRate());
        }
        for (double b : new double[] {h.beta(), h.beta1(), h.beta2()}) {
            if (!(b >= 0 && b < 1)) {
                throw new IllegalArgumentException("--beta, --beta1 and --beta2 must be in [0, 1) but were "
                        + Arrays.toString(new double[] {h.beta(), h.beta1(), h.beta2()}));
            }
        }
        if (!(h.epsilon() > 0)) {
            throw new IllegalArgumentException("--epsilon must be positive but was " + h.epsilon());
        }
        if (h.timeInterval() < 1) {
            throw new IllegalArgumentException("--time-interval must be at least 1 but was " + h.timeInterval());
        }
    }

    static final class OptimizerConverter implements picocli.CommandLine.ITypeConverter<Optimizer> {
        @Override
        public Optimizer convert(String value) {
            for (Optimizer o : Optimizer.values()) {
                if (o.id.equalsIgnoreCase(value.trim())) {
                    return o;
                }
            }
            throw new picocli.CommandLine.TypeConversionException("expected gd, momentum or adam but was '" + value + "'");
        }
    }

    static final class DecayConverter implements picocli.CommandLine.ITypeConverter<Decay> {
        @Override
        public Decay convert(String value) {
            for (Decay d : Decay.values()) {
                if (d.id.equalsIgnoreCase(value.trim()) || d.name().equalsIgnoreCase(value.trim())) {
                    return d;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "expected none, update-lr or schedule but was '" + value + "'");
        }
    }
}
