package org.dls4j.course1.week4;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.dls4j.shared.Numerics;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.CommonOptions;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.data.images.CatsData;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.plot.ImageGrid;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.scratch.dense.DeepNetwork;
import org.dls4j.shared.scratch.dense.GradientDescent;
import org.dls4j.shared.scratch.dense.Initializers;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Course 1, week 4: <b>Deep Neural Network for Image Classification: Application</b> (cat vs non-cat), from
 * scratch in ND4J float64 with the shared L-layer engine ({@code org.dls4j.shared.scratch}), laid out like the
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
 * model predicts a "cat" picture.} Plots in {@code --out}: {@code c1w4-two-layer-cost.png},
 * {@code c1w4-l-layer-cost.png} (the cost every 100 iterations) and {@code c1w4-mislabeled.png} (the test pictures
 * the L-layer model gets wrong, with prediction and true class). {@code --framework} trains the same models as DL4J
 * {@code ComputationGraph}s ({@link DeepNetworkGraph}) from the same initial weights and prints the same lines.
 */
@Command(name = "c1w4-deep-network-application", mixinStandardHelpOptions = true,
        description = "Course 1 week 4: a 2-layer and an L-layer network classify cat pictures.")
public final class DeepNetworkApplication implements Callable<Integer> {

    /** The notebook's {@code n_x, n_h, n_y} for the two-layer model. */
    public static final int[] TWO_LAYER_DIMS = {12288, 7, 1};
    /** The notebook's {@code layers_dims} for the L-layer model. */
    public static final int[] L_LAYER_DIMS = {12288, 20, 7, 5, 1};

    /** Which models to train. */
    public enum Models {
        BOTH, TWO_LAYER, L_LAYER
    }

    @Mixin
    CommonOptions common = CommonOptions.defaults(Path.of("out"), false);

    @Option(names = "--iterations", defaultValue = "2500", description = "Gradient-descent steps (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--learning-rate", defaultValue = "0.0075", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--print-every", defaultValue = "100",
            description = "Record and print the cost every N iterations (default: ${DEFAULT-VALUE}).")
    int printEvery;

    @Option(names = "--layers", defaultValue = "12288,20,7,5,1", split = ",",
            description = "layers_dims of the L-layer model, input first (default: ${DEFAULT-VALUE}).")
    int[] layers;

    @Option(names = "--n-h", defaultValue = "7", description = "Hidden units of the two-layer model (default: ${DEFAULT-VALUE}).")
    int nH;

    @Option(names = "--model", defaultValue = "both",
            description = "Which model to train: both, two-layer or l-layer (default: ${DEFAULT-VALUE}).",
            converter = ModelsConverter.class)
    Models models;

    @Option(names = "--framework", description = "Train the DL4J ComputationGraph versions instead of the from-scratch ones.")
    boolean framework;

    @Option(names = "--image", paramLabel = "FILE", description = "A picture of your own to classify (JPEG/PNG).")
    Path image;

    /** Everything a run needs: the options, without picocli. */
    public record Settings(int iterations, double learningRate, int printEvery, int[] layers, int nH, Models models,
            long seed, boolean framework, Path image, Path out, boolean quiet) {

        /** The notebook's run: both models, 2500 iterations, learning rate 0.0075, seed 1, costs every 100. */
        public static Settings notebook(Path out) {
            return new Settings(2500, 0.0075, 100, L_LAYER_DIMS.clone(), 7, Models.BOTH, 1, false, null, out, false);
        }

        public Settings withModels(Models m) {
            return new Settings(iterations, learningRate, printEvery, layers, nH, m, seed, framework, image, out, quiet);
        }

        public Settings withIterations(int n) {
            return new Settings(n, learningRate, printEvery, layers, nH, models, seed, framework, image, out, quiet);
        }

        public Settings withFramework(boolean f) {
            return new Settings(iterations, learningRate, printEvery, layers, nH, models, seed, f, image, out, quiet);
        }

        public Settings withImage(Path picture) {
            return new Settings(iterations, learningRate, printEvery, layers, nH, models, seed, framework, picture, out,
                    quiet);
        }

        public Settings withQuiet(boolean q) {
            return new Settings(iterations, learningRate, printEvery, layers, nH, models, seed, framework, image, out, q);
        }
    }

    /**
     * What the graded functions return: the notebook's {@code parameters, costs} (the costs recorded every
     * {@code print_every} iterations and at the last one), plus the training time.
     */
    public record Fit(Parameters parameters, CostCurve costs, long trainingNanos) {

        /** Milliseconds per gradient-descent iteration. */
        public double msPerIteration() {
            int[] at = costs.iterations();
            return trainingNanos / 1e6 / (at[at.length - 1] + 1);
        }
    }

    /** One model of a run: its fit, predictions and accuracies. */
    public record TrainedModel(String name, int[] layerDims, Fit fit, INDArray trainPredictions,
            INDArray testPredictions, double trainAccuracy, double testAccuracy) {

        public CostCurve costs() {
            return fit.costs();
        }

        public Parameters parameters() {
            return fit.parameters();
        }
    }

    /** What a run produced; a model that was not trained is null. */
    public record Result(TrainedModel twoLayer, TrainedModel lLayer, List<Integer> mislabeled, String imageVerdict,
            List<Path> plots) {
    }

    static {
        // float64 before anything else, so the backend banner and every array are DOUBLE
        Numerics.useFloat64();
    }

    /** Standard output: runs printing here also get a progress bar (on a terminal, and unless --quiet). */
    static final Consumer<String> CONSOLE = line -> System.out.println(line);

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new DeepNetworkApplication(), args));
    }

    @Override
    public Integer call() {
        Settings s = new Settings(iterations, learningRate, printEvery, layers, nH, models, common.seedOr(1), framework,
                image, common.out(), common.quiet());
        run(s, CONSOLE);
        return 0;
    }

    // -------------------------------------------------------------------------------- graded functions

    /**
     * {@code two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False)}:
     * LINEAR -> RELU -> LINEAR -> SIGMOID, full-batch gradient descent.
     *
     * @param layersDims {@code (n_x, n_h, n_y)}
     * @param seed the notebook's {@code np.random.seed(1)} (also the seed inside {@code initialize_parameters})
     * @param onCost receives the cost every {@code printEvery} iterations and at the last one
     */
    public static Fit twoLayerModel(INDArray X, INDArray Y, int[] layersDims, double learningRate,
            int numIterations, int printEvery, long seed, CostListener onCost) {
        if (layersDims.length != 3) {
            throw new IllegalArgumentException("layers_dims of the two-layer model is (n_x, n_h, n_y) but was "
                    + Arrays.toString(layersDims));
        }
        Numerics.useFloat64();
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
        return train(X, Y, parameters, learningRate, numIterations, printEvery, onCost);
    }

    /**
     * {@code L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False)}:
     * [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID, full-batch gradient descent, weights initialised by
     * {@code dnn_app_utils_v3.initialize_parameters_deep} (seed 1, divided by {@code sqrt(n_{l-1})}).
     */
    public static Fit lLayerModel(INDArray X, INDArray Y, int[] layersDims, double learningRate,
            int numIterations, int printEvery, long seed, CostListener onCost) {
        Numerics.useFloat64();
        // np.random.seed(1)
        // parameters = initialize_parameters_deep(layers_dims)
        Parameters parameters = Initializers.initializeParametersDeepScaled(seed, layersDims);
        // for i in range(0, num_iterations):
        //     AL, caches = L_model_forward(X, parameters)
        //     cost = compute_cost(AL, Y)
        //     grads = L_model_backward(AL, Y, caches)
        //     parameters = update_parameters(parameters, grads, learning_rate)
        return train(X, Y, parameters, learningRate, numIterations, printEvery, onCost);
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

    private static Fit train(INDArray X, INDArray Y, Parameters parameters, double learningRate, int numIterations,
            int printEvery, CostListener onCost) {
        long start = System.nanoTime();
        CostCurve costs = GradientDescent.train(X, Y, parameters, learningRate, numIterations, printEvery, onCost);
        return new Fit(parameters, costs, System.nanoTime() - start);
    }

    // -------------------------------------------------------------------------------- the notebook, top to bottom

    /** The whole notebook: load, train, print, plot. The CLI and the tests both run this. */
    public static Result run(Settings s, Consumer<String> out) {
        Numerics.useFloat64();
        validate(s);
        // train_x_orig, train_y, test_x_orig, test_y, classes = load_data()
        CatsData.Split train = CatsData.train();
        CatsData.Split test = CatsData.test();
        // train_x = train_x_orig.reshape(train_x_orig.shape[0], -1).T / 255.
        INDArray trainX = train.flattenedScaled();
        INDArray testX = test.flattenedScaled();
        INDArray trainY = train.labels();
        INDArray testY = test.labels();
        Shapes.requireDim(trainX, "train_x", 0, s.layers()[0]);
        print(s, out, "train_x's shape: " + Shapes.format(trainX.shape()));
        print(s, out, "test_x's shape: " + Shapes.format(testX.shape()));

        List<Path> plots = new ArrayList<>();
        TrainedModel two = null;
        TrainedModel deep = null;
        if (s.models() != Models.L_LAYER) {
            int[] dims = {s.layers()[0], s.nH(), 1};
            two = runOne(s, out, "Two-layer model", dims, trainX, trainY, testX, testY);
            plots.add(plotCosts(s, two, "c1w4-two-layer-cost.png"));
        }
        if (s.models() != Models.TWO_LAYER) {
            deep = runOne(s, out, "L-layer model", s.layers(), trainX, trainY, testX, testY);
            plots.add(plotCosts(s, deep, "c1w4-l-layer-cost.png"));
        }
        TrainedModel last = deep != null ? deep : two;

        // print_mislabeled_images(classes, test_x, test_y, pred_test)
        List<Integer> wrong = mislabeledIndices(last.testPredictions(), testY);
        plots.add(plotMislabeled(s, test, last, wrong));
        print(s, out, wrong.size() + " of " + test.size() + " test pictures mislabeled by the " + last.name()
                + ": " + s.out().resolve("c1w4-mislabeled.png"));

        String verdict = null;
        if (s.image() != null) {
            verdict = classify(s.image(), last, test.classes());
            out.accept(verdict);
        }
        if (!s.quiet()) {
            plots.forEach(p -> out.accept("Wrote " + p));
        }
        return new Result(two, deep, wrong, verdict, plots);
    }

    private static TrainedModel runOne(Settings s, Consumer<String> out, String name, int[] dims, INDArray trainX,
            INDArray trainY, INDArray testX, INDArray testY) {
        print(s, out, "");
        print(s, out, name + " " + Arrays.toString(dims) + (s.framework() ? ", DL4J ComputationGraph" : "")
                + ": " + s.iterations() + " iterations, learning rate " + NumpyFormat.repr(s.learningRate()));
        Fit trained;
        boolean console = out == CONSOLE;
        try (Progress progress = Progress.start(name, s.iterations(), s.quiet() || !console)) {
            CostListener printer = (i, cost) -> {
                // if print_cost and i % 100 == 0 or i == num_iterations - 1: print("Cost after iteration ...")
                String line = String.format(Locale.ROOT, "Cost after iteration %d: %s", i, NumpyFormat.fixed6(cost));
                if (console) {
                    progress.println(line);
                    progress.stepTo(i + 1);
                } else if (!s.quiet()) {
                    out.accept(line);
                }
            };
            boolean twoLayer = dims.length == 3 && name.startsWith("Two");
            if (s.framework()) {
                Parameters initial = twoLayer
                        ? Initializers.initializeParameters(dims[0], dims[1], dims[2], s.seed())
                        : Initializers.initializeParametersDeepScaled(s.seed(), dims);
                trained = DeepNetworkGraph.train(trainX, trainY, dims, initial, s.learningRate(),
                        s.iterations(), s.printEvery(), printer);
            } else if (twoLayer) {
                trained = twoLayerModel(trainX, trainY, dims, s.learningRate(), s.iterations(), s.printEvery(),
                        s.seed(), printer);
            } else {
                trained = lLayerModel(trainX, trainY, dims, s.learningRate(), s.iterations(), s.printEvery(),
                        s.seed(), printer);
            }
        }
        // predictions_train = predict(train_x, train_y, parameters); predictions_test = predict(test_x, ...)
        INDArray predTrain = predict(trainX, trained.parameters());
        INDArray predTest = predict(testX, trained.parameters());
        double trainAccuracy = DeepNetwork.accuracy(predTrain, trainY);
        double testAccuracy = DeepNetwork.accuracy(predTest, testY);
        // print("Accuracy: " + str(np.sum((p == y)/m)))
        out.accept("Accuracy: " + NumpyFormat.repr(trainAccuracy));
        out.accept("Accuracy: " + NumpyFormat.repr(testAccuracy));
        print(s, out, String.format(Locale.ROOT, "(%.2f ms per iteration)", trained.msPerIteration()));
        return new TrainedModel(name, dims.clone(), trained, predTrain, predTest, trainAccuracy, testAccuracy);
    }

    /** The notebook's custom-image cell: resize to 64x64, /255, flatten, predict. */
    static String classify(Path picture, TrainedModel model, List<String> classes) {
        int numPx = 64;
        // image = np.array(Image.open(fname).resize((num_px, num_px))) / 255.
        INDArray pixels = Images.resize(Images.read(picture), numPx, numPx).divi(255.0);
        // image = image.reshape((1, num_px * num_px * 3)).T
        INDArray x = pixels.reshape('c', 1, (long) numPx * numPx * 3).transpose().dup('c');
        Shapes.requireDim(x, "image", 0, model.layerDims()[0]);
        // my_predicted_image = predict(image, my_label_y, parameters)
        double p = predict(x, model.parameters()).getDouble(0, 0);
        String label = model.name().startsWith("Two") ? "2-layer" : "L-layer";
        // print("y = " + str(np.squeeze(my_predicted_image)) + ", your L-layer model predicts a \"" + classes[...] + "\" picture.")
        return "y = " + NumpyFormat.repr(p) + ", your " + label + " model predicts a \"" + classes.get((int) p)
                + "\" picture.";
    }

    private static Path plotCosts(Settings s, TrainedModel model, String file) {
        // plt.plot(np.squeeze(costs)); plt.ylabel('cost'); plt.xlabel('iterations (per hundreds)')
        return LinePlot.titled(model.name() + ", learning rate = " + NumpyFormat.repr(s.learningRate()))
                .axes("iterations (per " + s.printEvery() + ")", "cost")
                .line("cost", model.costs().every(s.printEvery()))
                .save(s.out().resolve(file));
    }

    private static Path plotMislabeled(Settings s, CatsData.Split test, TrainedModel model, List<Integer> wrong) {
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
        return ImageGrid.save(pictures, captions, 6, s.out().resolve("c1w4-mislabeled.png"));
    }

    private static void validate(Settings s) {
        if (s.iterations() < 1) {
            throw new IllegalArgumentException("--iterations must be at least 1 but was " + s.iterations());
        }
        if (s.printEvery() < 1) {
            throw new IllegalArgumentException("--print-every must be at least 1 but was " + s.printEvery());
        }
        if (!(s.learningRate() > 0) || !Double.isFinite(s.learningRate())) {
            throw new IllegalArgumentException("--learning-rate must be a positive number but was " + s.learningRate());
        }
        int[] l = s.layers();
        if (l.length < 2 || l[0] != 12288 || l[l.length - 1] != 1) {
            throw new IllegalArgumentException("--layers must start with 12288 (64*64*3 pixels) and end with 1 (one"
                    + " sigmoid unit), e.g. 12288,20,7,5,1, but was " + Arrays.toString(l));
        }
        for (int d : l) {
            if (d < 1) {
                throw new IllegalArgumentException("--layers sizes must be positive but were " + Arrays.toString(l));
            }
        }
        if (s.nH() < 1) {
            throw new IllegalArgumentException("--n-h must be at least 1 but was " + s.nH());
        }
        if (s.image() != null && !java.nio.file.Files.isRegularFile(s.image())) {
            throw new IllegalArgumentException("--image " + s.image() + " is not a file");
        }
    }

    private static void print(Settings s, Consumer<String> out, String line) {
        if (!s.quiet()) {
            out.accept(line);
        }
    }

    /** {@code both}, {@code two-layer}, {@code l-layer}. */
    static final class ModelsConverter implements picocli.CommandLine.ITypeConverter<Models> {
        @Override
        public Models convert(String value) {
            return switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "both" -> Models.BOTH;
                case "two-layer", "2-layer", "two" -> Models.TWO_LAYER;
                case "l-layer", "deep" -> Models.L_LAYER;
                default -> throw new picocli.CommandLine.TypeConversionException(
                        "expected both, two-layer or l-layer but was '" + value + "'");
            };
        }
    }
}
