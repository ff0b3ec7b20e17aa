package org.dls4j.course2.week1;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.dls4j.course2.ToyDataRuns;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.EnumConverters;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.cli.TrainingOptions;
import org.dls4j.shared.data.points.ToyData;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.scratch.dense.FusedDenseNet;
import org.dls4j.shared.scratch.dense.GdRule;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork;
import org.dls4j.shared.scratch.dense.TrainingData;
import org.dls4j.shared.scratch.dense.TrainingLoop;
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
 * {@code Accuracy: 0.9933333333333333}, {@code On the test set:}, {@code Accuracy: 0.96}, {@code (... ms per
 * iteration)}) and writes {@code c2w1-initialization-<zeros|random|he>-cost.png} and {@code ...-boundary.png} to
 * {@code --out}. With {@code -q} only the accuracy lines are printed.
 *
 * <p>Divergence policy: the x10 random initialisation saturates the sigmoid, so its first cost is {@code inf}
 * ({@code np.nansum} keeps {@code 1 * -log(0)}), and the notebook goes on; so does this run, for that initialisation
 * only. A NaN cost, or an infinite one from the zeros or He initialisation (a learning rate far too large), stops
 * training with a message.
 */
public final class Initialization {

    /** The notebook's {@code layers_dims = [X.shape[0], 10, 5, 1]}. */
    public static final int[] LAYERS_DIMS = {2, 10, 5, 1};

    /** The notebook's {@code initialization} strings, spelt the same on the command line: zeros, random, he. */
    public enum Init {
        ZEROS("Model with Zeros initialization"),
        RANDOM("Model with large random initialization"),
        HE("Model with He initialization");

        private final String title;

        Init(String title) {
            this.title = title;
        }
    }

    /** The notebook's settings: the three models, 15000 iterations at learning rate 0.01, seed 3, a cost every 1000. */
    @Command(name = "c2w1-initialization",
            description = "Course 2 week 1: zeros, large random and He initialisation of a 3-layer network (circles)."
                    + " --seed is the np.random.seed inside the random and He initialisations.")
    public static final class Options extends TrainingOptions.FullBatch {

        @Option(names = "--initialization", split = ",", paramLabel = "INIT",
                description = "zeros, random and/or he, comma-separated (default: the notebook's three runs).")
        public List<Init> initializations = new ArrayList<>(List.of(Init.ZEROS, Init.RANDOM, Init.HE));

        /** {@code num_iterations = 15000}, {@code learning_rate = 0.01}, a cost every 1000, {@code seed(3)}. */
        public Options() {
            super(15000, 0.01, 1000, 3);
        }

        @Override
        public void validate() {
            super.validate();
            OptionChecks.notEmpty("--initialization", initializations, EnumConverters.choices(Init.class));
        }
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), Initialization::run, args));
    }

    // -------------------------------------------------------------------------------- graded functions

    /** {@code initialize_parameters_zeros(layers_dims)}: every W and b zeros. */
    @Graded("initialize_parameters_zeros")
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
    @Graded("initialize_parameters_random")
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
    @Graded("initialize_parameters_he")
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
    public static ToyDataRuns.Training model(INDArray X, INDArray Y, double learningRate, int numIterations, int printEvery,
            Init initialization, long seed, CostListener onCost) {
        // layers_dims = [X.shape[0], 10, 5, 1]
        int[] layersDims = {(int) X.size(0), LAYERS_DIMS[1], LAYERS_DIMS[2], LAYERS_DIMS[3]};
        // parameters = initialize_parameters_zeros / _random / _he(layers_dims)
        Parameters parameters = initialize(initialization, seed, layersDims);
        FusedDenseNet network = new FusedDenseNet(parameters, FusedDenseNet.Spec.initUtils());
        TrainingLoop loop = new TrainingLoop(network, new GdRule());
        TrainingData data = TrainingData.of(X, Y, network);
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
            recorder.record(i, loop.fullBatchStep(data, learningRate));
        }
        return new ToyDataRuns.Training(parameters, recorder.curve(), System.nanoTime() - start, numIterations);
    }

    /** {@code predict(X, y, parameters)}: 0/1 predictions, {@code a3 > 0.5}. */
    public static INDArray predict(INDArray X, Parameters parameters) {
        return ThreeLayerNetwork.predict(X, parameters);
    }

    // -------------------------------------------------------------------------------- the notebook, top to bottom

    /**
     * Loads the circles, trains each model, prints the notebook's lines and plots; the result holds a model per
     * initialisation. The CLI and the tests run this.
     */
    public static ToyDataRuns.Result<Init> run(Options options, Report report) {
        // train_X, train_Y, test_X, test_Y = load_dataset()
        ToyData.Xy train = ToyData.circlesTrain();
        ToyData.Xy test = ToyData.circlesTest();
        List<ToyDataRuns.TrainedModel<Init>> models = new ArrayList<>();
        List<Path> plots = new ArrayList<>();
        for (Init init : options.initializations) {
            // parameters = model(train_X, train_Y, initialization = "he")
            String name = EnumConverters.spelling(init);
            ToyDataRuns.Training training = ToyDataRuns.train(report, init.title + " (initialization = \"" + name
                    + "\"): " + options.iterations + " iterations, learning rate "
                    + NumpyFormat.repr(options.learningRate), name, options.iterations,
                    progress -> model(train.x(), train.y(), options.learningRate, options.iterations,
                            options.printEvery, init, options.seed, ToyDataRuns.costLines(report, progress,
                                    "iteration", options.printEvery, NumpyFormat::repr)));
            // print ("On the train set:"); predictions_train = predict(train_X, train_Y, parameters); the test set
            models.add(ToyDataRuns.evaluate(report, init, training, "train", train.x(), train.y(), test.x(),
                    test.y()));
            // plt.title("Model with He initialization"); plot_decision_boundary(...)
            plots.addAll(ToyDataRuns.plots(options.out, "c2w1-initialization-" + name, init.title,
                    init.title + ", learning rate =" + NumpyFormat.repr(options.learningRate),
                    "iterations (per " + options.printEvery + ")", training.costs(), train.x(), train.y(),
                    training.parameters()));
        }
        ToyDataRuns.reportWrote(report, plots);
        return new ToyDataRuns.Result<>(List.copyOf(models), List.copyOf(plots));
    }
}
