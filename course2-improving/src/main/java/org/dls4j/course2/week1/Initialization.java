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
import org.dls4j.shared.Workspaces;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.CommonOptions;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.data.points.ToyData;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork;
import org.dls4j.shared.scratch.dense.TrainingLoop;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostListener;
import org.dls4j.shared.train.TrainingDivergedException;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
 * ({@code np.nansum} keeps {@code 1 * -log(0)}), and the notebook goes on. Training therefore stops only on a NaN
 * cost, never on {@code inf}.
 */
@Command(name = "c2w1-initialization", mixinStandardHelpOptions = true,
        description = "Course 2 week 1: zeros, large random and He initialisation of a 3-layer network (circles).")
public final class Initialization implements Callable<Integer> {

    /** The notebook's {@code layers_dims = [X.shape[0], 10, 5, 1]}. */
    public static final int[] LAYERS_DIMS = {2, 10, 5, 1};
    /** {@code np.random.seed(3)} inside {@code initialize_parameters_random} and {@code _he}. */
    public static final long SEED = 3;

    /** The notebook's {@code initialization} strings. */
    public enum Init {
        ZEROS("zeros", "Model with Zeros initialization"),
        RANDOM("random", "Model with large random initialization"),
        HE("he", "Model with He initialization");

        final String notebookName;
        final String title;

        Init(String notebookName, String title) {
            this.notebookName = notebookName;
            this.title = title;
        }

        public String notebookName() {
            return notebookName;
        }
    }

    @Mixin
    CommonOptions common = CommonOptions.defaults(Path.of("out"), false);

    @Option(names = "--iterations", defaultValue = "15000", description = "Gradient-descent steps (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--learning-rate", defaultValue = "0.01", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--print-every", defaultValue = "1000", description = "Print the cost every N iterations (default: ${DEFAULT-VALUE}).")
    int printEvery;

    @Option(names = "--initialization", split = ",", defaultValue = "zeros,random,he",
            description = "zeros, random and/or he, comma-separated (default: ${DEFAULT-VALUE}, the notebook's three runs).",
            converter = InitConverter.class)
    List<Init> initializations;

    /** Everything a run needs. */
    public record Settings(int iterations, double learningRate, int printEvery, List<Init> initializations, long seed,
            Path out, boolean quiet) {

        /** The notebook: the three models, 15000 iterations, learning rate 0.01, seed 3, print every 1000. */
        public static Settings notebook(Path out) {
            return new Settings(15000, 0.01, 1000, List.of(Init.ZEROS, Init.RANDOM, Init.HE), SEED, out, false);
        }

        public Settings with(List<Init> inits, int newIterations) {
            return new Settings(newIterations, learningRate, printEvery, inits, seed, out, quiet);
        }
    }

    /** One trained model: the costs printed, the trained parameters, the accuracies, the training time. */
    public record TrainedModel(Init initialization, CostCurve costs, Parameters parameters, double trainAccuracy,
            double testAccuracy, long trainingNanos, int iterations) {

        public double msPerIteration() {
            return trainingNanos / 1e6 / iterations;
        }
    }

    /** What a run produced. */
    public record Result(List<TrainedModel> models, List<Path> plots) {
        public TrainedModel model(Init init) {
            return models.stream().filter(m -> m.initialization() == init).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(init + " was not trained"));
        }
    }

    static {
        Numerics.useFloat64();
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Initialization(), args));
    }

    @Override
    public Integer call() {
        run(new Settings(iterations, learningRate, printEvery, initializations, common.seedOr(SEED), common.out(),
                common.quiet()), System.out::println, true);
        return 0;
    }

    // -------------------------------------------------------------------------------- graded functions

    /** {@code initialize_parameters_zeros(layers_dims)}: every W and b zeros. */
    public static Parameters initializeParametersZeros(int... layersDims) {
        Numerics.useFloat64();
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
        Numerics.useFloat64();
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
        Numerics.useFloat64();
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
     * with {@code init_utils}' forward, {@code compute_loss} (nansum), backward and update, the cost recorded every
     * {@code printEvery} iterations ({@code i % 1000 == 0}) and passed to {@code onCost}.
     *
     * @throws TrainingDivergedException when the cost becomes NaN ({@code inf} is allowed, see the class comment)
     */
    public static TrainedModel model(INDArray X, INDArray Y, double learningRate, int numIterations, int printEvery,
            Init initialization, long seed, CostListener onCost) {
        Numerics.useFloat64();
        if (numIterations < 1 || printEvery < 1) {
            throw new IllegalArgumentException("--iterations and --print-every must be at least 1");
        }
        // layers_dims = [X.shape[0], 10, 5, 1]
        int[] layersDims = {(int) X.size(0), LAYERS_DIMS[1], LAYERS_DIMS[2], LAYERS_DIMS[3]};
        // parameters = initialize_parameters_zeros / _random / _he(layers_dims)
        Parameters parameters = initialize(initialization, seed, layersDims);
        TrainingLoop loop = new TrainingLoop(parameters, TrainingLoop.Settings.initUtils());
        TrainingLoop.Data data = TrainingLoop.Data.of(X, Y);
        int records = (numIterations - 1) / printEvery + 1;
        int[] at = new int[records];
        double[] costs = new double[records];
        int r = 0;
        long start = System.nanoTime();
        // for i in range(0, num_iterations):
        for (int i = 0; i < numIterations; i++) {
            // a3, cache = forward_propagation(X, parameters); cost = compute_loss(a3, Y)
            // grads = backward_propagation(X, Y, cache); parameters = update_parameters(parameters, grads, learning_rate)
            double cost = Workspaces.iteration(() -> loop.fullBatchStep(data, learningRate));
            if (Double.isNaN(cost)) {
                throw new TrainingDivergedException(cost, i, "Try a smaller --learning-rate.");
            }
            // if print_cost and i % 1000 == 0: print("Cost after iteration {}: {}".format(i, cost)); costs.append(cost)
            if (i % printEvery == 0) {
                at[r] = i;
                costs[r++] = cost;
                if (onCost != null) {
                    onCost.onCost(i, cost);
                }
            }
        }
        long nanos = System.nanoTime() - start;
        return new TrainedModel(initialization, new CostCurve(at, costs), parameters, Double.NaN, Double.NaN, nanos,
                numIterations);
    }

    /** {@code predict(X, y, parameters)}: 0/1 predictions, {@code a3 > 0.5}. */
    public static INDArray predict(INDArray X, Parameters parameters) {
        return ThreeLayerNetwork.predict(X, parameters);
    }

    // -------------------------------------------------------------------------------- the notebook, top to bottom

    /** Load the circles, train each model, print, plot. The CLI and the tests run this. */
    public static Result run(Settings s, Consumer<String> out) {
        return run(s, out, false);
    }

    /** With {@code progressBar}, the cost lines go through the terminal's progress bar (the CLI). */
    static Result run(Settings s, Consumer<String> out, boolean progressBar) {
        Numerics.useFloat64();
        if (s.initializations() == null || s.initializations().isEmpty()) {
            throw new IllegalArgumentException("--initialization needs at least one of zeros, random, he");
        }
        // train_X, train_Y, test_X, test_Y = load_dataset()
        ToyData.Xy train = ToyData.circlesTrain();
        ToyData.Xy test = ToyData.circlesTest();
        List<TrainedModel> models = new ArrayList<>();
        List<Path> plots = new ArrayList<>();
        for (Init init : s.initializations()) {
            print(s.quiet(), out, "");
            print(s.quiet(), out, init.title + " (initialization = \"" + init.notebookName + "\"): " + s.iterations()
                    + " iterations, learning rate " + NumpyFormat.repr(s.learningRate()));
            TrainedModel trained;
            try (Progress progress = Progress.start(init.notebookName, s.iterations(), s.quiet() || !progressBar)) {
                // parameters = model(train_X, train_Y, initialization = "he")
                trained = model(train.x(), train.y(), s.learningRate(), s.iterations(), s.printEvery(), init,
                        s.seed(), (i, cost) -> {
                            printCostLine(progress, progressBar, s.quiet(), out,
                                    "Cost after iteration " + i + ": " + NumpyFormat.repr(cost));
                            progress.stepTo(i + 1);
                        });
            }
            // print ("On the train set:"); predictions_train = predict(train_X, train_Y, parameters)
            double trainAccuracy = ThreeLayerNetwork.accuracy(predict(train.x(), trained.parameters()), train.y());
            double testAccuracy = ThreeLayerNetwork.accuracy(predict(test.x(), trained.parameters()), test.y());
            printTrainTestAccuracy(out, "train", trainAccuracy, testAccuracy);
            print(s.quiet(), out, String.format(Locale.ROOT, "(%.3f ms per iteration)", trained.msPerIteration()));
            trained = new TrainedModel(init, trained.costs(), trained.parameters(), trainAccuracy, testAccuracy,
                    trained.trainingNanos(), trained.iterations());
            models.add(trained);
            plots.add(plotCosts(s, trained));
            plots.add(plotBoundary(s, trained, train));
        }
        printWrote(s.quiet(), out, plots);
        return new Result(List.copyOf(models), List.copyOf(plots));
    }

    private static Path plotCosts(Settings s, TrainedModel model) {
        // plt.plot(costs); plt.ylabel('cost'); plt.xlabel('iterations (per hundreds)'); plt.title("Learning rate =" + ...)
        double[] costs = model.costs().costs().clone();
        for (int i = 0; i < costs.length; i++) {
            if (!Double.isFinite(costs[i])) {
                costs[i] = Double.NaN; // the inf of the x10 run is not drawable
            }
        }
        return LinePlot.titled(model.initialization().title + ", learning rate =" + NumpyFormat.repr(s.learningRate()))
                .axes("iterations (per " + s.printEvery() + ")", "cost")
                .line("cost", costs)
                .save(s.out().resolve("c2w1-initialization-" + model.initialization().notebookName + "-cost.png"));
    }

    private static Path plotBoundary(Settings s, TrainedModel model, ToyData.Xy train) {
        // plot_decision_boundary(lambda x: predict_dec(parameters, x.T), train_X, train_Y); axes.set_xlim([-1.5,1.5])
        return saveDecisionBoundary(model.initialization().title, train.x(), train.y(), model.parameters(),
                s.out().resolve("c2w1-initialization-" + model.initialization().notebookName + "-boundary.png"));
    }

    /** {@code zeros}, {@code random}, {@code he}. */
    static final class InitConverter implements picocli.CommandLine.ITypeConverter<Init> {
        @Override
        public Init convert(String value) {
            for (Init init : Init.values()) {
                if (init.notebookName.equalsIgnoreCase(value.trim())) {
                    return init;
                }
            }
            throw new picocli.CommandLine.TypeConversionException(
                    "expected zeros, random or he but was '" + value + "'");
        }
    }
}
