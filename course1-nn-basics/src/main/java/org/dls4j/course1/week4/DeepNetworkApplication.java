package org.dls4j.course1.week4;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.dls4j.course1.CatsClassifierOptions;
import org.dls4j.course1.OwnImage;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.CatsData;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.plot.ImageGrid;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.scratch.dense.DeepNetwork;
import org.dls4j.shared.scratch.dense.GradientDescent;
import org.dls4j.shared.scratch.dense.Initializers;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostRecorder;
import org.dls4j.shared.train.TrainingDivergedException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 1, week 4: <b>Deep Neural Network for Image Classification: Application</b> (cat vs non-cat), from
 * scratch in ND4J float64 with the shared L-layer engine ({@code org.dls4j.shared.scratch.dense}), laid out like the
 * notebook: {@link #twoLayerModel} and {@link #lLayerModel} (the graded functions), {@link #predict},
 * {@link #mislabeledIndices}.
 *
 * <p>What the learner sees ({@code ./dls run c1w4-deep-network-application}): the data-set shapes, then for the
 * two-layer model {@code (12288, 7, 1)} and the L-layer model {@code [12288, 20, 7, 5, 1]} (2500 iterations,
 * learning rate 0.0075 each) the notebook's lines, digit for digit:
 * <pre>
 * Cost after iteration 0: 0.693050
 * ...
 * Cost after iteration 2499: 0.044215
 * Accuracy: 0.9999999999999998
 * Accuracy: 0.72
 * ...
 * Cost after iteration 2499: 0.088440
 * Accuracy: 0.9856459330143539
 * Accuracy: 0.8
 * </pre>
 * then the number of mislabeled test pictures, and with {@code --image my.jpg} the line {@code y = 1.0, your L-layer
 * model predicts a "cat" picture.} With {@code -q} only the accuracies and that line. Plots in {@code --out}:
 * {@code c1w4-two-layer-cost.png}, {@code c1w4-l-layer-cost.png} (the cost every 100 iterations) and
 * {@code c1w4-mislabeled.png} (the test pictures the L-layer model gets wrong, with prediction and true class).
 * {@code --framework} trains the same models as DL4J {@code ComputationGraph}s ({@link DeepNetworkGraph}) from the
 * same initial weights and prints the same lines. A cost that becomes NaN or infinite stops the run with a message.
 */
public final class DeepNetworkApplication {

    /** The notebook's {@code n_x, n_h, n_y} for the two-layer model. */
    public static final int[] TWO_LAYER_DIMS = {12288, 7, 1};
    /** The notebook's {@code layers_dims} for the L-layer model. */
    public static final int[] L_LAYER_DIMS = {12288, 20, 7, 5, 1};

    /** Which models to train: {@code both}, {@code two-layer} or {@code l-layer} on the command line. */
    public enum Models {
        BOTH, TWO_LAYER, L_LAYER;

        /** The command line's word (also in {@code --help}): {@code both}, {@code two-layer}, {@code l-layer}. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * The notebook's runs: both models, {@code num_iterations = 2500}, {@code learning_rate = 0.0075}, seed 1, the
     * cost printed every 100 iterations and at the last one.
     */
    @Command(name = "c1w4-deep-network-application",
            description = "Course 1 week 4: a 2-layer and an L-layer network classify cat pictures.")
    public static final class Options extends CatsClassifierOptions {

        @Option(names = "--layers", split = ",", paramLabel = "N",
                description = "layers_dims of the L-layer model, input first, comma-separated (default: ${DEFAULT-VALUE}).")
        public int[] layers = L_LAYER_DIMS.clone();

        @Option(names = "--n-h", description = "Hidden units of the two-layer model (default: ${DEFAULT-VALUE}).")
        public int nH = TWO_LAYER_DIMS[1];

        @Option(names = "--model", paramLabel = "MODEL",
                description = "Which model to train: both, two-layer or l-layer (default: ${DEFAULT-VALUE}).")
        public Models models = Models.BOTH;

        @Option(names = "--seed", description = "The notebook's np.random.seed, also inside the initialisers"
                + " (default: ${DEFAULT-VALUE}).")
        public long seed = 1;

        public Options() {
            super(2500, 0.0075, 100);
        }

        @Override
        public void validate() {
            super.validate();
            int[] l = layers;
            if (l.length < 2 || l[0] != L_LAYER_DIMS[0] || l[l.length - 1] != 1) {
                throw new OptionException("--layers must start with 12288 (64*64*3 pixels) and end with 1 (one"
                        + " sigmoid unit), e.g. 12288,20,7,5,1, but was " + Arrays.toString(l));
            }
            for (int d : l) {
                OptionChecks.atLeast("--layers sizes", d, 1);
            }
            OptionChecks.atLeast("--n-h", nH, 1);
            OptionChecks.numpySeed("--seed", seed, 0);
        }
    }

    /**
     * What the graded functions return: the notebook's {@code parameters, costs} (the costs the recorder kept: every
     * {@code print_every} iterations and the last one), plus the training time.
     */
    public record Fit(Parameters parameters, CostCurve costs, long trainingNanos) {

        /** Milliseconds per gradient-descent iteration. */
        public double msPerIteration() {
            int[] at = costs.iterations();
            return trainingNanos / 1e6 / (at[at.length - 1] + 1);
        }
    }

    private static final String TWO_LAYER_NAME = "Two-layer model";

    /** One model of a run: its fit, predictions and accuracies. */
    public record TrainedModel(String name, int[] layerDims, Fit fit, INDArray trainPredictions,
            INDArray testPredictions, double trainAccuracy, double testAccuracy) {

        public CostCurve costs() {
            return fit.costs();
        }

        public Parameters parameters() {
            return fit.parameters();
        }

        boolean twoLayer() {
            return name.equals(TWO_LAYER_NAME);
        }
    }

    /** What a run produced; a model that was not trained is null, and so is the image without {@code --image}. */
    public record Result(TrainedModel twoLayer, TrainedModel lLayer, List<Integer> mislabeled, OwnImage image,
            List<Path> plots) {
    }

    private DeepNetworkApplication() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), DeepNetworkApplication::run, args));
    }

    // -------------------------------------------------------------------------------- graded functions

    /**
     * {@code two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False)}:
     * LINEAR -> RELU -> LINEAR -> SIGMOID, full-batch gradient descent.
     *
     * @param layersDims {@code (n_x, n_h, n_y)}
     * @param seed the notebook's {@code np.random.seed(1)} (also the seed inside {@code initialize_parameters})
     * @param costs keeps (and prints) the costs: the notebook's {@code CostRecorder.every(100).andLast(num_iterations)}
     * @throws TrainingDivergedException when the cost becomes NaN or infinite
     */
    @Graded("two_layer_model")
    public static Fit twoLayerModel(INDArray X, INDArray Y, int[] layersDims, double learningRate,
            int numIterations, long seed, CostRecorder costs) {
        if (layersDims.length != 3) {
            throw new IllegalArgumentException("layers_dims of the two-layer model is (n_x, n_h, n_y) but was "
                    + Arrays.toString(layersDims));
        }
        // np.random.seed(1); (n_x, n_h, n_y) = layers_dims
        // parameters = initialize_parameters(n_x, n_h, n_y)        (seeds 1 again, weights * 0.01)
        Parameters parameters = Initializers.initializeParameters(layersDims[0], layersDims[1], layersDims[2], seed);
        // for i in range(0, num_iterations):
        //     A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        //     A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
        //     cost = compute_cost(A2, Y)
        //     dA2 = - (np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
        //     dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        //     dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        //     parameters = update_parameters(parameters, grads, learning_rate)
        // -- the same arithmetic as the L-layer loop with L = 2, run by the shared engine:
        return train(X, Y, parameters, learningRate, numIterations, costs);
    }

    /**
     * {@code L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False)}:
     * [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID, full-batch gradient descent, weights initialised by
     * {@code dnn_app_utils_v3.initialize_parameters_deep} (seed 1, divided by {@code sqrt(n_{l-1})}).
     *
     * @param costs keeps (and prints) the costs, as for {@link #twoLayerModel}
     * @throws TrainingDivergedException when the cost becomes NaN or infinite
     */
    @Graded("L_layer_model")
    public static Fit lLayerModel(INDArray X, INDArray Y, int[] layersDims, double learningRate,
            int numIterations, long seed, CostRecorder costs) {
        // np.random.seed(1)
        // parameters = initialize_parameters_deep(layers_dims)
        Parameters parameters = Initializers.initializeParametersDeepScaled(seed, layersDims);
        // for i in range(0, num_iterations):
        //     AL, caches = L_model_forward(X, parameters)
        //     cost = compute_cost(AL, Y)
        //     grads = L_model_backward(AL, Y, caches)
        //     parameters = update_parameters(parameters, grads, learning_rate)
        return train(X, Y, parameters, learningRate, numIterations, costs);
    }

    /** {@code predict(X, y, parameters)}: 0/1 predictions (1, m), probability strictly above 0.5 means cat. */
    public static INDArray predict(INDArray X, Parameters parameters) {
        return DeepNetwork.predict(X, parameters);
    }

    /** {@code print_mislabeled_images}' selection: the indices where {@code p + y == 1} (prediction wrong). */
    public static List<Integer> mislabeledIndices(INDArray p, INDArray y) {
        Shapes.requireSameShape(y, "y", p, "p");
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < p.size(1); i++) {
            // a = p + y; np.where(a == 1)
            if (p.getDouble(0, i) + y.getDouble(0, i) == 1) {
                wrong.add(i);
            }
        }
        return wrong;
    }

    /**
     * The loop, run by the shared engine's {@link GradientDescent}, which gives each iteration's cost to
     * {@code costs}: it keeps and prints the ones the notebook does
     * ({@code if print_cost and i % 100 == 0 or i == num_iterations - 1}) and stops on a NaN.
     */
    private static Fit train(INDArray X, INDArray Y, Parameters parameters, double learningRate, int numIterations,
            CostRecorder costs) {
        long start = System.nanoTime();
        new GradientDescent(X, Y, parameters).run(learningRate, numIterations, 1, costs::record);
        return new Fit(parameters, costs.curve(), System.nanoTime() - start);
    }

    // -------------------------------------------------------------------------------- the notebook, top to bottom

    /** The whole notebook: load, train, print, plot. The command line and the tests both run this. */
    public static Result run(Options options, Report report) {
        // train_x_orig, train_y, test_x_orig, test_y, classes = load_data()
        CatsData.Split train = CatsData.train();
        CatsData.Split test = CatsData.test();
        INDArray trainY = train.labels();
        INDArray testY = test.labels();
        DeepNetwork.requireBinaryLabels(trainY, "train_y");
        DeepNetwork.requireBinaryLabels(testY, "test_y");
        // train_x = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 255.
        INDArray trainX = train.flattenedScaled();
        INDArray testX = test.flattenedScaled();
        report.say("train_x's shape: " + Shapes.format(trainX.shape()));
        report.say("test_x's shape: " + Shapes.format(testX.shape()));

        List<Path> plots = new ArrayList<>();
        TrainedModel two = null;
        TrainedModel deep = null;
        if (options.models != Models.L_LAYER) {
            int[] dims = {options.layers[0], options.nH, 1};
            two = runOne(options, report, true, dims, trainX, trainY, testX, testY);
            plots.add(plotCosts(options, two, "c1w4-two-layer-cost.png"));
        }
        if (options.models != Models.TWO_LAYER) {
            deep = runOne(options, report, false, options.layers, trainX, trainY, testX, testY);
            plots.add(plotCosts(options, deep, "c1w4-l-layer-cost.png"));
        }
        TrainedModel last = deep != null ? deep : two;

        // print_mislabeled_images(classes, test_x, test_y, pred_test)
        List<Integer> wrong = mislabeledIndices(last.testPredictions(), testY);
        plots.add(plotMislabeled(options, test, last, wrong));
        report.say(wrong.size() + " of " + test.size() + " test pictures mislabeled by the " + last.name()
                + ": " + options.out.resolve("c1w4-mislabeled.png"));

        OwnImage mine = options.image == null ? null : classify(options.image, last, test.classes());
        if (mine != null) {
            report.result(mine.line(last.twoLayer() ? "2-layer model" : "L-layer model"));
        }
        plots.forEach(p -> report.say("Wrote " + p));
        return new Result(two, deep, List.copyOf(wrong), mine, List.copyOf(plots));
    }

    private static TrainedModel runOne(Options options, Report report, boolean twoLayer, int[] dims, INDArray trainX,
            INDArray trainY, INDArray testX, INDArray testY) {
        String name = twoLayer ? TWO_LAYER_NAME : "L-layer model";
        report.say("");
        report.say(name + " " + Arrays.toString(dims) + (options.framework ? ", DL4J ComputationGraph" : "")
                + ": " + options.iterations + " iterations, learning rate " + NumpyFormat.repr(options.learningRate));
        Fit trained;
        try (Progress progress = report.progress(name, options.iterations)) {
            // if print_cost and i % 100 == 0 or i == num_iterations - 1: print("Cost after iteration {}: {}" ...)
            CostRecorder costs = options.printedCosts(report, progress).andLast(options.iterations);
            if (options.framework) {
                Parameters initial = twoLayer
                        ? Initializers.initializeParameters(dims[0], dims[1], dims[2], options.seed)
                        : Initializers.initializeParametersDeepScaled(options.seed, dims);
                trained = DeepNetworkGraph.train(trainX, trainY, dims, initial, options.learningRate,
                        options.iterations, costs);
            } else if (twoLayer) {
                trained = twoLayerModel(trainX, trainY, dims, options.learningRate, options.iterations, options.seed,
                        costs);
            } else {
                trained = lLayerModel(trainX, trainY, dims, options.learningRate, options.iterations, options.seed,
                        costs);
            }
        }
        // predictions_train = predict(train_x, train_y, parameters); predictions_test = predict(test_x, ...)
        INDArray predTrain = predict(trainX, trained.parameters());
        INDArray predTest = predict(testX, trained.parameters());
        double trainAccuracy = DeepNetwork.accuracy(predTrain, trainY);
        double testAccuracy = DeepNetwork.accuracy(predTest, testY);
        // print("Accuracy: " + str(np.sum((p == y)/m)))
        report.result("Accuracy: " + NumpyFormat.repr(trainAccuracy));
        report.result("Accuracy: " + NumpyFormat.repr(testAccuracy));
        report.say(String.format(Locale.ROOT, "(%.2f ms per iteration)", trained.msPerIteration()));
        return new TrainedModel(name, dims.clone(), trained, predTrain, predTest, trainAccuracy, testAccuracy);
    }

    /** The notebook's custom-image cell: resize to 64x64, /255, flatten, predict. */
    static OwnImage classify(Path picture, TrainedModel model, List<String> classes) {
        // image = np.array(Image.open(fname).resize((num_px, num_px))) / 255.; image.reshape((1, -1)).T
        INDArray x = OwnImage.column(picture, 64);
        Shapes.requireDim(x, "image", 0, model.layerDims()[0]);
        // my_predicted_image = predict(image, my_label_y, parameters)
        double y = predict(x, model.parameters()).getDouble(0, 0);
        double probability = DeepNetwork.predictProbabilities(x, model.parameters()).getDouble(0, 0);
        return new OwnImage(picture, probability, y, classes.get((int) y));
    }

    private static Path plotCosts(Options options, TrainedModel model, String file) {
        // plt.plot(np.squeeze(costs)); plt.ylabel('cost'); plt.xlabel('iterations (per hundreds)')
        return LinePlot.titled(model.name() + ", learning rate = " + NumpyFormat.repr(options.learningRate))
                .axes("iterations (per " + options.printEvery + ")", "cost")
                .line("cost", model.costs().every(options.printEvery))
                .save(options.out.resolve(file));
    }

    private static Path plotMislabeled(Options options, CatsData.Split test, TrainedModel model, List<Integer> wrong) {
        List<BufferedImage> pictures = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int index : wrong) {
            // plt.imshow(X[:, index].reshape(64, 64, 3))
            INDArray picture = test.images().get(NDArrayIndex.point(index), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()).castTo(DataType.DOUBLE);
            pictures.add(Images.toImage(picture));
            // "Prediction: " + classes[int(p[0,index])] + " \n Class: " + classes[y[0,index]]
            captions.add("Prediction: " + test.classes().get((int) model.testPredictions().getDouble(0, index))
                    + "\nClass: " + test.classes().get(test.label(index)));
        }
        return ImageGrid.save(pictures, captions, 6, options.out.resolve("c1w4-mislabeled.png"));
    }
}
