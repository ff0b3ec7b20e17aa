package org.dls4j.course2.week1;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.dls4j.course2.ToyDataRuns;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Workspaces;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.EnumConverters;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.points.ToyData;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork;
import org.dls4j.shared.scratch.dense.TrainingLoop;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostListener;
import org.dls4j.shared.train.CostRecorder;
import org.dls4j.shared.train.TrainingDivergedException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 2, week 1: <b>Initialization</b>. The same 3-layer network ({@code [2, 10, 5, 1]}, LINEAR -> RELU -> LINEAR
 * -> RELU -> LINEAR -> SIGMOID, {@code init_utils}' helpers from {@code org.dls4j.shared.scratch.dense.ThreeLayerNetwork})
 * is trained on the circles for 15000 iterations at learning rate 0.01 from three initialisations, the graded
 * functions {@link #initializeParametersZeros}, {@link #initializeParametersRandom} (x10) and
 * {@link #initializeParametersHe}; {@link #model} is the notebook's {@code model(X, Y, learning_rate=0.01,
 * num_iterations=15000, print_cost=True, initialization="he")}.
 *
 * <p>{@code ./dls run c2w1-initialization} prints for each initialisation the notebook's lines
 * ({@code Cost after iteration 0: 0.8830537463419761}, ... every 1000, then {@code On the train set:},
 * {@code Accuracy: 0.9933333333333333}, {@code On the test set:}, {@code Accuracy: 0.96}) and writes the cost curve
 * and the decision boundary to {@code --out}.
 *
 * <p>Divergence policy: the x10 random initialisation saturates the sigmoid, so its first cost is {@code inf}
 * ({@code np.nansum} keeps {@code 1 * -log(0)}), and the notebook goes on; so does this run, for that initialisation
 * only. A NaN cost, or an infinite one from the zeros or He initialisation (a learning rate far too large), stops
 * training with a message.
 */
public final class Initialization {

    /** The notebook's {@code layers_dims = [X.shape[0], 10, 5, 1]}. */
    public static final int[] LAYERS_DIMS = {2, 10, 5, 1};

    /** The notebook's {@code initialization} strings. */
    public enum Init {
        ZEROS("zeros", "Model with Zeros initialization"),
        RANDOM("random", "Model with large random initialization"),
        HE("he", "Model with He initialization");

        private final String notebookName;
        private final String title;

        Init(String notebookName, String title) {
            this.notebookName = notebookName;
            this.title = title;
        }

        /** The notebook's word, which is also the command line's: {@code zeros}, {@code random}, {@code he}. */
        @Override
        public String toString() {
            return notebookName;
        }
    }

    /** The notebook's settings: the three models, 15000 iterations at learning rate 0.01, seed 3, a cost every 1000. */
    @Command(name = "c2w1-initialization",
            description = "Course 2 week 1: zeros, large random and He initialisation of a 3-layer network (circles).")
    public static final class Options extends AssignmentOptions {

        @Option(names = "--iterations", description = "Gradient-descent steps (default: ${DEFAULT-VALUE}).")
        public int iterations = 15000;

        @Option(names = "--learning-rate", description = "Learning rate (default: ${DEFAULT-VALUE}).")
        public double learningRate = 0.01;

        @Option(names = "--print-every", description = "Print the cost every N iterations (default: ${DEFAULT-VALUE}).")
        public int printEvery = 1000;

        @Option(names = "--initialization", split = ",", paramLabel = "INIT",
                description = "zeros, random and/or he, comma-separated (default: the notebook's three runs).")
        public List<Init> initializations = new ArrayList<>(List.of(Init.ZEROS, Init.RANDOM, Init.HE));

        @Option(names = "--seed", description = "np.random.seed inside the random and He initialisations "
                + "(default: ${DEFAULT-VALUE}).")
        public long seed = 3;

        @Override
        public void validate() {
            OptionChecks.atLeast("--iterations", iterations, 1);
            OptionChecks.positive("--learning-rate", learningRate);
            OptionChecks.atLeast("--print-every", printEvery, 1);
            OptionChecks.notEmpty("--initialization", initializations, EnumConverters.choices(Init.class));
            OptionChecks.numpySeed("--seed", seed, 0);
        }
    }

    /** What {@link #model} returns: the notebook's {@code parameters}, the costs it printed, the training time. */
    public record Training(Parameters parameters, CostCurve costs, long nanos, int iterations) {

        public double msPerIteration() {
            return nanos / 1e6 / iterations;
        }
    }

    /** One model of the notebook: how it was initialised, trained, and how well it predicts. */
    public record TrainedModel(Init initialization, Training training, double trainAccuracy, double testAccuracy) {

        public CostCurve costs() {
            return training.costs();
        }

        public Parameters parameters() {
            return training.parameters();
        }
    }

    /** What a run produced. */
    public record Result(List<TrainedModel> models, List<Path> plots) {

        public TrainedModel model(Init init) {
            return models.stream().filter(m -> m.initialization() == init).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(init + " was not trained"));
        }
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), Initialization::run, args));
    }

    // -------------------------------------------------------------------------------- graded functions

    /** {@code initialize_parameters_zeros(layers_dims)}: every W and b zeros. */
    public static Parameters initializeParametersZeros(int... layersDims) {
        Parameters parameters = new Parameters();
        // L = len(layers_dims); for l in range(1, L):
        for (int l = 1; l < layersDims.length; l++) {
            // parameters['W' + str(l)] = np.zeros((layers_dims[l], layers_dims[l-1]))
            parameters.put("W" + l, Nd4j.zeros(layersDims[l], layersDims[l - 1]));
            // parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
            parameters.put("b" + l, Nd4j.zeros(layersDims[l], 1));
        }
        return parameters;
    }

    /** {@code initialize_parameters_random(layers_dims)}: {@code np.random.seed(3)}, {@code randn(...) * 10}. */
    public static Parameters initializeParametersRandom(long seed, int... layersDims) {
        // np.random.seed(3)
        NumpyRandom random = new NumpyRandom(seed);
        Parameters parameters = new Parameters();
        for (int l = 1; l < layersDims.length; l++) {
            // parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l-1]) * 10
            parameters.put("W" + l, random.randn(layersDims[l], layersDims[l - 1]).muli(10));
            // parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
            parameters.put("b" + l, Nd4j.zeros(layersDims[l], 1));
        }
        return parameters;
    }

    /**
     * {@code initialize_parameters_he(layers_dims)}: {@code np.random.seed(3)},
     * {@code randn(...) * np.sqrt(2./layers_dims[l-1])}.
     */
    public static Parameters initializeParametersHe(long seed, int... layersDims) {
        // np.random.seed(3)
        NumpyRandom random = new NumpyRandom(seed);
        Parameters parameters = new Parameters();
        for (int l = 1; l < layersDims.length; l++) {
            // parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l-1]) * np.sqrt(2./layers_dims[l-1])
            parameters.put("W" + l, random.randn(layersDims[l], layersDims[l - 1])
                    .muli(Math.sqrt(2. / layersDims[l - 1])));
            // parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
            parameters.put("b" + l, Nd4j.zeros(layersDims[l], 1));
        }
        return parameters;
    }

    /** The initial parameters for {@code initialization}. */
    public static Parameters initialize(Init initialization, long seed, int... layersDims) {
        return switch (initialization) {
            case ZEROS -> initializeParametersZeros(layersDims);
            case RANDOM -> initializeParametersRandom(seed, layersDims);
            case HE -> initializeParametersHe(seed, layersDims);
        };
    }

    // -------------------------------------------------------------------------------- the given model

    /**
     * {@code model(X, Y, learning_rate, num_iterations, print_cost, initialization)}: full-batch gradient descent
     * with {@code init_utils}' forward, {@code compute_loss} (nansum), backward and update, run by the fused
     * {@link TrainingLoop} (a test proves it equal to {@link ThreeLayerNetwork}'s readable helpers), the cost recorded
     * every {@code printEvery} iterations ({@code i % 1000 == 0}) and passed to {@code onCost}.
     *
     * @throws TrainingDivergedException when the cost becomes NaN, or infinite for the zeros and He initialisations;
     *     the x10 random initialisation's {@code inf} is the notebook's own (see the class comment) and goes on
     */
    public static Training model(INDArray X, INDArray Y, double learningRate, int numIterations, int printEvery,
            Init initialization, long seed, CostListener onCost) {
        // layers_dims = [X.shape[0], 10, 5, 1]
        int[] layersDims = {(int) X.size(0), LAYERS_DIMS[1], LAYERS_DIMS[2], LAYERS_DIMS[3]};
        // parameters = initialize_parameters_zeros / _random / _he(layers_dims)
        Parameters parameters = initialize(initialization, seed, layersDims);
        TrainingLoop loop = new TrainingLoop(parameters, TrainingLoop.Settings.initUtils());
        TrainingLoop.Data data = TrainingLoop.Data.of(X, Y);
        // if print_cost and i % 1000 == 0: print("Cost after iteration {}: {}".format(i, cost)); costs.append(cost)
        CostRecorder recorder = CostRecorder.every(printEvery).onRecord(onCost);
        if (initialization == Init.RANDOM) {
            recorder.allowInfinite();
        }
        long start = System.nanoTime();
        // for i in range(0, num_iterations):
        for (int i = 0; i < numIterations; i++) {
            // a3, cache = forward_propagation(X, parameters); cost = compute_loss(a3, Y)
            // grads = backward_propagation(X, Y, cache); parameters = update_parameters(parameters, grads, learning_rate)
            double cost = Workspaces.iteration(() -> loop.fullBatchStep(data, learningRate));
            recorder.record(i, cost);
        }
        return new Training(parameters, recorder.curve(), System.nanoTime() - start, numIterations);
    }

    /** {@code predict(X, y, parameters)}: 0/1 predictions, {@code a3 > 0.5}. */
    public static INDArray predict(INDArray X, Parameters parameters) {
        return ThreeLayerNetwork.predict(X, parameters);
    }

    // -------------------------------------------------------------------------------- the notebook, top to bottom

    /** Loads the circles, trains each model, prints the notebook's lines and plots. The CLI and the tests run this. */
    public static Result run(Options options, Report report) {
        // train_X, train_Y, test_X, test_Y = load_dataset()
        ToyData.Xy train = ToyData.circlesTrain();
        ToyData.Xy test = ToyData.circlesTest();
        List<TrainedModel> models = new ArrayList<>();
        List<Path> plots = new ArrayList<>();
        for (Init init : options.initializations) {
            report.say("");
            report.say(init.title + " (initialization = \"" + init + "\"): " + options.iterations
                    + " iterations, learning rate " + NumpyFormat.repr(options.learningRate));
            Training training;
            try (Progress progress = report.progress(init.toString(), options.iterations)) {
                // parameters = model(train_X, train_Y, initialization = "he")
                training = model(train.x(), train.y(), options.learningRate, options.iterations, options.printEvery,
                        init, options.seed, (i, cost) -> {
                            report.say("Cost after iteration " + i + ": " + NumpyFormat.repr(cost));
                            progress.stepTo(i + 1);
                        });
            }
            // print ("On the train set:"); predictions_train = predict(train_X, train_Y, parameters)
            double trainAccuracy = ThreeLayerNetwork.accuracy(predict(train.x(), training.parameters()), train.y());
            double testAccuracy = ThreeLayerNetwork.accuracy(predict(test.x(), training.parameters()), test.y());
            ToyDataRuns.reportTrainTestAccuracy(report, "train", trainAccuracy, testAccuracy);
            report.say(String.format(Locale.ROOT, "(%.3f ms per iteration)", training.msPerIteration()));
            TrainedModel trained = new TrainedModel(init, training, trainAccuracy, testAccuracy);
            models.add(trained);
            plots.add(plotCosts(options, trained));
            plots.add(plotBoundary(options, trained, train));
        }
        ToyDataRuns.reportWrote(report, plots);
        return new Result(List.copyOf(models), List.copyOf(plots));
    }

    private static Path plotCosts(Options options, TrainedModel model) {
        // plt.plot(costs); plt.ylabel('cost'); plt.xlabel('iterations (per hundreds)'); plt.title("Learning rate =" + ...)
        double[] costs = model.costs().costs().clone();
        for (int i = 0; i < costs.length; i++) {
            if (!Double.isFinite(costs[i])) {
                costs[i] = Double.NaN; // the inf of the x10 run is not drawable
            }
        }
        return LinePlot.titled(model.initialization().title + ", learning rate ="
                        + NumpyFormat.repr(options.learningRate))
                .axes("iterations (per " + options.printEvery + ")", "cost")
                .line("cost", costs)
                .save(options.out.resolve("c2w1-initialization-" + model.initialization() + "-cost.png"));
    }

    private static Path plotBoundary(Options options, TrainedModel model, ToyData.Xy train) {
        // plot_decision_boundary(lambda x: predict_dec(parameters, x.T), train_X, train_Y); axes.set_xlim([-1.5,1.5])
        return ToyDataRuns.saveDecisionBoundary(model.initialization().title, train.x(), train.y(), model.parameters(),
                options.out.resolve("c2w1-initialization-" + model.initialization() + "-boundary.png"));
    }
}
