package org.dls4j.course2.week2;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.dls4j.course2.ToyDataRuns;
import org.dls4j.course2.week1.Initialization;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.EnumConverters;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.cli.TrainingOptions;
import org.dls4j.shared.data.points.ToyData;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.scratch.dense.AdamRule;
import org.dls4j.shared.scratch.dense.FusedDenseNet;
import org.dls4j.shared.scratch.dense.GdRule;
import org.dls4j.shared.scratch.dense.Gradients;
import org.dls4j.shared.scratch.dense.MiniBatches;
import org.dls4j.shared.scratch.dense.MomentumRule;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.TrainingData;
import org.dls4j.shared.scratch.dense.TrainingLoop;
import org.dls4j.shared.scratch.dense.UpdateRule;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostListener;
import org.dls4j.shared.train.CostRecorder;
import org.dls4j.shared.train.TrainingDivergedException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 2, week 2: <b>Optimization Methods</b> (moons). The 3-layer network {@code [2, 5, 2, 1]} of
 * {@code opt_utils_v1a} (He-scaled weights after {@code seed(3)}) is trained with mini-batch gradient descent,
 * momentum and Adam, then (2021 notebook) with learning-rate decay. The graded functions, top to bottom:
 * {@link #updateParametersWithGd}, {@link #randomMiniBatches}, {@link #initializeVelocity},
 * {@link #updateParametersWithMomentum}, {@link #initializeAdam}, {@link #updateParametersWithAdam},
 * {@link #updateLr}, {@link #scheduleLrDecay}; {@link #model} is the notebook's {@code model(X, Y, layers_dims,
 * optimizer, learning_rate=0.0007, mini_batch_size=64, beta=0.9, beta1=0.9, beta2=0.999, epsilon=1e-8,
 * num_epochs=5000, print_cost=True, decay=None, decay_rate=1)} (2019-20: 10000 epochs, same trajectory), run by the
 * shared fused engine ({@link TrainingLoop} with {@link GdRule}, {@link MomentumRule} or {@link AdamRule}; tests
 * prove them equal to the graded functions).
 *
 * <p>{@code ./dls run c2w2-optimization-methods} prints the notebook's lines ({@code Cost after epoch 0: 0.702405},
 * every 1000 epochs, {@code Accuracy: 0.7166666666666667} for GD, ..., {@code (... ms per epoch)}), then the four
 * decay runs with their {@code learning rate after epoch ...} lines, and writes
 * {@code c2w2-<n>-<optimizer>[-<decay>]-cost.png} (cost every 100 epochs) and {@code ...-boundary.png} for each
 * run. With {@code -q} only the accuracies are printed. {@code --framework} trains the same network as a DL4J
 * {@code ComputationGraph} ({@link OptimizationGraph}) with DL4J's {@code Sgd}, {@code Nesterovs} and {@code Adam}
 * updaters and an epoch schedule, from the same weights and mini-batches, and prints both columns side by side.
 *
 * <p>The mini-batch seed starts at 10 and is incremented before each epoch: epoch e shuffles with
 * {@code np.random.seed(11 + e)} ({@code --seed} sets the start; the largest seed used, {@code --seed} +
 * {@code --epochs}, must still be a numpy seed). A NaN or infinite cost stops training with a message.
 */
public final class OptimizationMethods {

    /** The notebook's {@code layers_dims = [train_X.shape[0], 5, 2, 1]}. */
    public static final int[] LAYERS_DIMS = {2, 5, 2, 1};
    /** {@code opt_utils_v1a.initialize_parameters}: {@code np.random.seed(3)}. */
    public static final long INIT_SEED = 3;
    /** {@code if print_cost and i % 100 == 0: costs.append(cost_avg)}. */
    public static final int RECORD_EVERY = 100;

    /** The notebook's {@code optimizer} strings, spelt the same on the command line: gd, momentum, adam. */
    public enum Optimizer {
        GD("Gradient Descent"), MOMENTUM("Momentum"), ADAM("Adam");

        private final String title;

        Optimizer(String title) {
            this.title = title;
        }
    }

    /** {@code decay=None}, {@code decay=update_lr}, {@code decay=schedule_lr_decay}: none, update-lr, schedule. */
    public enum Decay {
        NONE, UPDATE_LR, SCHEDULE;

        /** {@code decay(learning_rate0, epoch_num, decay_rate)}; {@code learning_rate0} itself for {@code NONE}. */
        public double apply(double learningRate0, int epochNum, double decayRate, int timeInterval) {
            return switch (this) {
                case NONE -> learningRate0;
                case UPDATE_LR -> updateLr(learningRate0, epochNum, decayRate);
                case SCHEDULE -> scheduleLrDecay(learningRate0, epochNum, decayRate, timeInterval);
            };
        }
    }

    /** The model's hyperparameters (the notebook's keyword arguments) and the mini-batch seed's start. */
    public record Hyperparameters(Optimizer optimizer, double learningRate, int miniBatchSize, double beta,
            double beta1, double beta2, double epsilon, int numEpochs, Decay decay, double decayRate,
            int timeInterval, long seed) {

        /** {@code model(train_X, train_Y, layers_dims, optimizer)} with the 2021 defaults (5000 epochs). */
        public static Hyperparameters notebook(Optimizer optimizer) {
            return new Options().hyperparameters(optimizer, null, Decay.NONE);
        }

        public Hyperparameters withEpochs(int n) {
            return new Hyperparameters(optimizer, learningRate, miniBatchSize, beta, beta1, beta2, epsilon, n, decay,
                    decayRate, timeInterval, seed);
        }

        /** The label the CLI prints, e.g. {@code adam, learning rate 0.01, 5000 epochs, decay schedule_lr_decay ...}. */
        public String describe() {
            return EnumConverters.spelling(optimizer) + ", learning rate " + NumpyFormat.repr(learningRate) + ", "
                    + numEpochs + " epochs" + (decay == Decay.NONE ? "" : ", decay "
                    + (decay == Decay.UPDATE_LR ? "update_lr" : "schedule_lr_decay") + " (decay_rate "
                    + NumpyFormat.repr(decayRate) + ")");
        }

        /** {@code gd}, {@code adam-schedule}, ...: the optimizer and the decay, for file names and labels. */
        String label(String separator) {
            return EnumConverters.spelling(optimizer) + (decay == Decay.NONE ? ""
                    : separator + EnumConverters.spelling(decay));
        }
    }

    /**
     * The notebook's settings: GD, momentum and Adam for 5000 epochs at 0.0007, mini-batches of 64, then the four
     * decay runs; a cost printed every 1000 epochs.
     */
    @Command(name = "c2w2-optimization-methods",
            description = "Course 2 week 2: mini-batch GD, momentum, Adam and learning-rate decay (moons). --seed is "
                    + "the mini-batch seed's start: epoch e shuffles with np.random.seed(seed + 1 + e).")
    public static final class Options extends TrainingOptions.MiniBatch {

        @Option(names = "--optimizer", split = ",", paramLabel = "OPTIMIZER",
                description = "gd, momentum and/or adam, comma-separated (default: the notebook's three runs).")
        public List<Optimizer> optimizers = new ArrayList<>(List.of(Optimizer.GD, Optimizer.MOMENTUM, Optimizer.ADAM));

        @Option(names = "--beta", description = "Momentum's beta (default: ${DEFAULT-VALUE}).")
        public double beta = 0.9;

        @Option(names = "--beta1", description = "Adam's first-moment decay (default: ${DEFAULT-VALUE}).")
        public double beta1 = 0.9;

        @Option(names = "--beta2", description = "Adam's second-moment decay (default: ${DEFAULT-VALUE}).")
        public double beta2 = 0.999;

        @Option(names = "--epsilon", description = "Adam's epsilon (default: ${DEFAULT-VALUE}).")
        public double epsilon = 1e-8;

        @Option(names = "--decay", description = "Learning-rate decay of the runs above: none, update-lr or schedule "
                + "(default: ${DEFAULT-VALUE}).")
        public Decay decay = Decay.NONE;

        @Option(names = "--decay-rate", description = "decay_rate (default: ${DEFAULT-VALUE}).")
        public double decayRate = 1;

        @Option(names = "--time-interval", description = "schedule_lr_decay's time_interval (default: "
                + "${DEFAULT-VALUE}).")
        public int timeInterval = 1000;

        @Option(names = "--decay-runs", negatable = true, fallbackValue = "true",
                description = "Also run the 2021 notebook's four decay runs (GD 0.1 update_lr, GD/momentum 0.1 and Adam"
                        + " 0.01 with schedule_lr_decay). Default: on; --no-decay-runs skips them.")
        public boolean decayRuns = true;

        @Option(names = "--framework", description = "Also train each model as a DL4J ComputationGraph and compare.")
        public boolean framework;

        /**
         * {@code num_epochs = 5000} (10000 in the 2019-20 notebook), {@code mini_batch_size = 64},
         * {@code learning_rate = 0.0007}, a cost printed every 1000 epochs, {@code seed = 10}.
         */
        public Options() {
            super(5000, 64, 0.0007, 1000, 10);
        }

        @Override
        public void validate() {
            super.validate();
            requirePrintingRecordedCosts(RECORD_EVERY);
            requireFraction("--beta", beta);
            requireFraction("--beta1", beta1);
            requireFraction("--beta2", beta2);
            OptionChecks.positive("--epsilon", epsilon);
            OptionChecks.nonNegative("--decay-rate", decayRate);
            OptionChecks.atLeast("--time-interval", timeInterval, 1);
            if (optimizers.isEmpty() && !decayRuns) {
                throw new OptionException("nothing to run: give --optimizer or leave out --no-decay-runs");
            }
        }

        private static void requireFraction(String option, double value) {
            if (!(value >= 0 && value < 1)) {
                throw new OptionException(option + " must be at least 0 and less than 1, not " + value);
            }
        }

        /** The model calls these options ask for, in order: {@code --optimizer}'s runs, then the decay runs. */
        public List<Hyperparameters> runs() {
            List<Hyperparameters> runs = new ArrayList<>();
            for (Optimizer o : optimizers) {
                runs.add(hyperparameters(o, null, decay));
            }
            if (decayRuns) {
                // model(train_X, train_Y, layers_dims, optimizer = "gd", learning_rate = 0.1, num_epochs=5000, decay=update_lr)
                runs.add(hyperparameters(Optimizer.GD, 0.1, Decay.UPDATE_LR));
                // the same with decay=schedule_lr_decay, then momentum at 0.1 and Adam at 0.01
                runs.add(hyperparameters(Optimizer.GD, 0.1, Decay.SCHEDULE));
                runs.add(hyperparameters(Optimizer.MOMENTUM, 0.1, Decay.SCHEDULE));
                runs.add(hyperparameters(Optimizer.ADAM, 0.01, Decay.SCHEDULE));
            }
            return runs;
        }

        /** One model call: {@code optimizer}, the learning rate (this one's when null), {@code newDecay}. */
        Hyperparameters hyperparameters(Optimizer optimizer, Double rate, Decay newDecay) {
            return new Hyperparameters(optimizer, rate == null ? learningRate : rate, miniBatchSize, beta, beta1,
                    beta2, epsilon, epochs, newDecay, decayRate, timeInterval, seed);
        }
    }

    /** What {@link #model} returns: the trained parameters, the costs every 100 epochs, the training time. */
    public record TrainedModel(Hyperparameters hyperparameters, CostCurve costs, Parameters parameters,
            long trainingNanos) {

        public double msPerEpoch() {
            return trainingNanos / 1e6 / hyperparameters.numEpochs();
        }
    }

    /** A trained model and its {@code predict(train_X, train_Y, parameters)} accuracy. */
    public record Outcome(TrainedModel trained, double accuracy) {

        public CostCurve costs() {
            return trained.costs();
        }

        public Hyperparameters hyperparameters() {
            return trained.hyperparameters();
        }
    }

    /** What a run produced: the from-scratch models and, with {@code --framework}, the DL4J ones. */
    public record Result(List<Outcome> models, List<Outcome> framework, List<Path> plots) {
    }

    /** One {@code (mini_batch_X, mini_batch_Y)}: X {@code (n_x, size)}, Y {@code (1, size)}. */
    public record MiniBatch(INDArray x, INDArray y) {

        public int size() {
            return (int) x.size(1);
        }
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

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), OptimizationMethods::run, args));
    }

    // -------------------------------------------------------------------------------- graded functions

    /** {@code update_parameters_with_gd(parameters, grads, learning_rate)}: {@code W = W - learning_rate * dW}. */
    @Graded("update_parameters_with_gd")
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
    @Graded("random_mini_batches")
    public static List<MiniBatch> randomMiniBatches(INDArray X, INDArray Y, int miniBatchSize, long seed) {
        int m = (int) X.size(1);
        Shapes.require(Y, "Y", 1, m);
        // np.random.seed(seed)
        NumpyRandom random = new NumpyRandom(seed);
        List<MiniBatch> miniBatches = new ArrayList<>();
        // permutation = list(np.random.permutation(m))
        int[] permutation = random.permutation(m);
        // shuffled_X = X[:, permutation]
        INDArray shuffledX = Nd4j.pullRows(X, 0, permutation);
        // shuffled_Y = Y[:, permutation].reshape((1, m))
        INDArray shuffledY = Nd4j.pullRows(Y, 0, permutation).reshape(1, m);
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
    @Graded("initialize_velocity")
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
    @Graded("update_parameters_with_momentum")
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
    @Graded("initialize_adam")
    public static AdamState initializeAdam(Parameters parameters) {
        // v["dW" + str(l)] = np.zeros(...); s["dW" + str(l)] = np.zeros(...)
        return new AdamState(initializeVelocity(parameters), initializeVelocity(parameters));
    }

    /**
     * {@code update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999,
     * epsilon=1e-8)}, the 2021 signature (also returning the bias-corrected averages). New dictionaries.
     */
    @Graded("update_parameters_with_adam")
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
    @Graded("update_lr")
    public static double updateLr(double learningRate0, int epochNum, double decayRate) {
        // learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
        return learningRate0 / (1 + decayRate * epochNum);
    }

    /**
     * {@code schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000)}:
     * {@code learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))}.
     */
    @Graded("schedule_lr_decay")
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

    /** One epoch on the shuffle of {@code seed} at {@code learningRate}; returns {@code cost_total}. */
    @FunctionalInterface
    interface Epoch {
        double costTotal(long seed, double learningRate);
    }

    /**
     * {@code model(X, Y, layers_dims, optimizer, ...)}: {@code initialize_parameters} (seed 3, He), then per epoch
     * {@code seed = seed + 1}, {@code random_mini_batches(X, Y, mini_batch_size, seed)}, one forward / cost
     * ({@code np.sum} of the batch) / backward / update per mini-batch (Adam's {@code t} counts them),
     * {@code cost_avg = cost_total / m}, then the decayed rate {@code decay(learning_rate0, i, decay_rate)}.
     * Records every 100th epoch's cost (the notebook's {@code costs}); {@code onEpoch} (may be null) sees every one.
     *
     * @throws TrainingDivergedException when the cost becomes NaN or infinite
     */
    public static TrainedModel model(INDArray X, INDArray Y, int[] layersDims, Hyperparameters h,
            EpochListener onEpoch) {
        // parameters = initialize_parameters(layers_dims)
        Parameters parameters = initialParameters(layersDims);
        // v = initialize_velocity(parameters) / v, s = initialize_adam(parameters): zeros, inside the rule
        UpdateRule rule = switch (h.optimizer()) {
            case GD -> new GdRule();
            case MOMENTUM -> new MomentumRule(h.beta());
            case ADAM -> new AdamRule(h.beta1(), h.beta2(), h.epsilon());
        };
        FusedDenseNet network = new FusedDenseNet(parameters, FusedDenseNet.Spec.optUtils());
        TrainingLoop loop = new TrainingLoop(network, rule);
        MiniBatches batches = new MiniBatches(TrainingData.of(X, Y, network), h.miniBatchSize());
        // for minibatch in minibatches: a3, caches = forward_propagation(...); cost_total += compute_cost(...)
        //     grads = backward_propagation(...); parameters = update_parameters_with_gd/_momentum/_adam(...)
        return epochs(h, (int) X.size(1), (seed, learningRate) -> loop.epoch(batches, seed, learningRate),
                () -> parameters, onEpoch);
    }

    /**
     * The model's loop around one epoch, shared with {@link OptimizationGraph}: {@code seed = seed + 1},
     * {@code cost_avg = cost_total / m}, the decayed rate, the costs every 100 epochs.
     */
    static TrainedModel epochs(Hyperparameters h, int m, Epoch epoch, Supplier<Parameters> trained,
            EpochListener onEpoch) {
        // if print_cost and i % 100 == 0: costs.append(cost_avg)
        CostRecorder recorder = CostRecorder.every(RECORD_EVERY);
        // seed = 10; learning_rate0 = learning_rate
        long seed = h.seed();
        double learningRate = h.learningRate();
        long start = System.nanoTime();
        // for i in range(num_epochs):
        for (int i = 0; i < h.numEpochs(); i++) {
            // seed = seed + 1; minibatches = random_mini_batches(X, Y, mini_batch_size, seed)
            seed = seed + 1;
            // cost_avg = cost_total / m
            double costAvg = epoch.costTotal(seed, learningRate) / m;
            recorder.record(i, costAvg);
            // if decay: learning_rate = decay(learning_rate0, i, decay_rate)
            learningRate = h.decay().apply(h.learningRate(), i, h.decayRate(), h.timeInterval());
            if (onEpoch != null) {
                onEpoch.onEpoch(i, costAvg, learningRate);
            }
        }
        return new TrainedModel(h, recorder.curve(), trained.get(), System.nanoTime() - start);
    }

    /**
     * {@code opt_utils_v1a.initialize_parameters(layers_dims)}: {@code np.random.seed(3)},
     * {@code randn * np.sqrt(2 / n_{l-1})}, which is week 1's He initialisation.
     */
    public static Parameters initialParameters(int[] layersDims) {
        return Initialization.initializeParametersHe(INIT_SEED, layersDims);
    }

    // -------------------------------------------------------------------------------- the notebook, top to bottom

    /** Loads the moons, trains every run, prints, plots. The CLI and the tests run this. */
    public static Result run(Options options, Report report) {
        // train_X, train_Y = load_dataset()
        ToyData.Xy moons = ToyData.moons();
        List<Outcome> models = new ArrayList<>();
        List<Outcome> framework = new ArrayList<>();
        List<Path> plots = new ArrayList<>();
        int index = 0;
        for (Hyperparameters h : options.runs()) {
            index++;
            // parameters = model(train_X, train_Y, layers_dims, optimizer = "gd" [, learning_rate, decay])
            TrainedModel trained = ToyDataRuns.train(report, "Model " + index + ": " + h.describe(), h.label(" "),
                    h.numEpochs(), progress -> {
                        // if print_cost and i % 1000 == 0: print("Cost after epoch %i: %f" % (i, cost_avg))
                        CostListener costLines = ToyDataRuns.costLines(report, progress, "epoch", options.printEvery,
                                NumpyFormat::fixed6);
                        return model(moons.x(), moons.y(), LAYERS_DIMS, h, (i, cost, learningRate) -> {
                            costLines.onCost(i, cost);
                            if (h.decay() != Decay.NONE && i % options.printEvery == 0) {
                                // print("learning rate after epoch %i: %f" % (i, learning_rate))
                                report.say(String.format(Locale.ROOT, "learning rate after epoch %d: %s", i,
                                        NumpyFormat.fixed6(learningRate)));
                            }
                        });
                    });
            // predictions = predict(train_X, train_Y, parameters)
            Outcome outcome = new Outcome(trained, ToyDataRuns.accuracy(moons.x(), moons.y(), trained.parameters()));
            report.result("Accuracy: " + NumpyFormat.repr(outcome.accuracy()));
            ToyDataRuns.reportTiming(report, trained.msPerEpoch(), "epoch");
            models.add(outcome);
            if (options.framework) {
                framework.add(compareWithGraph(report, moons, outcome));
            }
            // plt.title("Model with Gradient Descent optimization"); plot_decision_boundary(...)
            // plt.plot(costs); plt.ylabel('cost'); plt.xlabel('epochs (per 100)'); plt.title("Learning rate = " + ...)
            plots.addAll(ToyDataRuns.plots(options.out, "c2w2-" + index + "-" + h.label("-"),
                    "Model with " + h.optimizer().title + " optimization"
                            + (h.decay() == Decay.NONE ? "" : " and learning rate decay"),
                    "Learning rate = " + NumpyFormat.repr(h.learningRate()) + " (" + h.label(", ") + ")",
                    "epochs (per 100)", trained.costs(), moons.x(), moons.y(), trained.parameters()));
        }
        ToyDataRuns.reportWrote(report, plots);
        return new Result(List.copyOf(models), List.copyOf(framework), List.copyOf(plots));
    }

    /** Trains the DL4J graph like {@code scratch} and prints the two cost columns every 1000 epochs. */
    private static Outcome compareWithGraph(Report report, ToyData.Xy moons, Outcome scratch) {
        Hyperparameters h = scratch.hyperparameters();
        TrainedModel graph = OptimizationGraph.train(moons.x(), moons.y(), LAYERS_DIMS, h, null);
        Outcome outcome = new Outcome(graph, ToyDataRuns.accuracy(moons.x(), moons.y(), graph.parameters()));
        report.say("DL4J ComputationGraph (" + OptimizationGraph.updaterName(h) + "), same weights and mini-batches:");
        report.say("  epoch   from scratch   DL4J");
        CostCurve ours = scratch.costs();
        for (int k = 0; k < ours.size(); k += 10) {
            report.say(String.format(Locale.ROOT, "  %5d   %s       %s", ours.iterations()[k],
                    NumpyFormat.fixed6(ours.costs()[k]), NumpyFormat.fixed6(graph.costs().costs()[k])));
        }
        report.result("DL4J accuracy: " + NumpyFormat.repr(outcome.accuracy())
                + String.format(Locale.ROOT, " (%.3f ms per epoch)", graph.msPerEpoch()));
        return outcome;
    }
}
