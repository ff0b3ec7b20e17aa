package org.dls4j.course1.week2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

import org.dls4j.shared.Numerics;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.Workspaces;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.CommonOptions;
import org.dls4j.shared.data.images.CatsData;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.plot.LinePlot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Course 1, week 2: <b>Logistic Regression with a Neural Network mindset</b> (cat vs non-cat), from scratch in
 * ND4J, float64, laid out like the notebook: {@link #sigmoid}, {@link #initializeWithZeros}, {@link #propagate},
 * {@link #optimize}, {@link #predict}, {@link #model}.
 *
 * <p>What the learner sees ({@code ./dls run c1w2-logistic-regression}): the data-set shapes, then the notebook's
 * lines, digit for digit:
 * <pre>
 * Cost after iteration 0: 0.693147
 * Cost after iteration 100: 0.584508
 * ...
 * Cost after iteration 1900: 0.140872
 * train accuracy: 99.04306220095694 %
 * test accuracy: 70.0 %
 * </pre>
 * then the learning-rate comparison (0.01, 0.001, 0.0001; 1500 iterations each, train/test accuracy printed), and,
 * with {@code --image my.jpg}, the prediction for that picture ({@code y = 1.0, your algorithm predicts a "cat"
 * picture.}). Plots in {@code --out}: {@code c1w2-lr-cost.png} (the cost every 100 iterations) and
 * {@code c1w2-lr-learning-rates.png} (the three cost curves). {@code --framework} trains the same model as a DL4J
 * {@code ComputationGraph} ({@link LogisticRegressionGraph}) and prints the same lines.
 */
@Command(name = "c1w2-logistic-regression", mixinStandardHelpOptions = true,
        description = "Course 1 week 2: logistic regression as a neural network (cats).")
public final class LogisticRegression implements Callable<Integer> {

    @Mixin
    CommonOptions common = CommonOptions.defaults(Path.of("out"), false);

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "2000",
            description = "Gradient-descent steps (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--learning-rate", paramLabel = "RATE", defaultValue = "0.005",
            description = "Learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--print-every", paramLabel = "N", defaultValue = "100",
            description = "Record and print the cost every N iterations (default: ${DEFAULT-VALUE}).")
    int printEvery;

    @Option(names = "--framework",
            description = "Train the DL4J ComputationGraph version instead of the from-scratch one.")
    boolean framework;

    @Option(names = "--image", paramLabel = "FILE", description = "A picture of your own to classify (JPEG/PNG).")
    Path image;

    @Option(names = "--compare-learning-rates", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Also train with learning rates 0.01, 0.001, 0.0001 for 1500 iterations (default: on).")
    boolean compareLearningRates;

    /** The learning rates of the notebook's comparison section. */
    public static final double[] COMPARED_LEARNING_RATES = {0.01, 0.001, 0.0001};

    /** Iterations of the comparison section. */
    public static final int COMPARED_ITERATIONS = 1500;

    /** {@code w} (dim, 1) and the scalar {@code b}. */
    public record Parameters(INDArray w, double b) {
    }

    /** {@code dw} (dim, 1) and {@code db}. */
    public record Gradients(INDArray dw, double db) {
    }

    /** What {@code propagate} returns: {@code grads, cost}. */
    public record Propagation(Gradients grads, double cost) {
    }

    /** What {@code optimize} returns: {@code params, grads} (of the last iteration), {@code costs}. */
    public record Optimization(Parameters params, Gradients grads, double[] costs) {
    }

    /**
     * What {@code model} returns (the notebook's dictionary {@code d}), plus the wall time of the training loop.
     *
     * @param costs the cost every {@code printEvery} iterations (i = 0, 100, ...)
     * @param trainAccuracy {@code 100 - mean(|Y_prediction_train - Y_train|) * 100}
     */
    public record Result(double[] costs, double trainAccuracy, double testAccuracy, INDArray w, double b,
            INDArray yPredictionTrain, INDArray yPredictionTest, double learningRate, int iterations,
            long trainNanos) {
        /** Milliseconds per training iteration (the benchmark figure). */
        public double msPerIteration() {
            return trainNanos / 1e6 / iterations;
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4.1 Helper functions
    // ------------------------------------------------------------------------------------------------------------

    /** GRADED FUNCTION sigmoid: {@code 1 / (1 + exp(-z))}, element-wise; returns a new array. */
    public static INDArray sigmoid(INDArray z) {
        // s = 1 / (1 + np.exp(-z))
        return Transforms.exp(z.neg(), false).addi(1.0).rdivi(1.0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4.2 Initializing parameters
    // ------------------------------------------------------------------------------------------------------------

    /** GRADED FUNCTION initialize_with_zeros: {@code w} zeros (dim, 1), {@code b = 0.0}. */
    public static Parameters initializeWithZeros(int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dim must be positive but was " + dim);
        }
        // w = np.zeros((dim, 1))
        INDArray w = Nd4j.zeros(DataType.DOUBLE, dim, 1);
        // b = 0.
        return new Parameters(w, 0.0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4.3 Forward and backward propagation
    // ------------------------------------------------------------------------------------------------------------

    /**
     * GRADED FUNCTION propagate: the cost and its gradient for one pass over all examples.
     *
     * @param w weights (num_px * num_px * 3, 1)
     * @param b bias
     * @param X data (num_px * num_px * 3, m)
     * @param Y labels (1, m), 0 = non-cat, 1 = cat
     */
    public static Propagation propagate(INDArray w, double b, INDArray X, INDArray Y) {
        Shapes.require(w, "w", X.size(0), 1);
        Shapes.require(Y, "Y", 1, X.size(1));
        long m = X.size(1);
        // FORWARD PROPAGATION (FROM X TO COST)
        // A = sigmoid(np.dot(w.T, X) + b)                  (gemm with transA: no transposed copy of w)
        INDArray A = sigmoid(Nd4j.gemm(w, X, true, false).addi(b));
        // cost = -1/m * np.sum(Y * np.log(A) + (1 - Y) * np.log(1 - A))
        INDArray logA = Transforms.log(A, true);
        INDArray log1mA = Transforms.log(A.rsub(1.0), false);
        double cost = -1.0 / m * logA.muli(Y).addi(log1mA.muli(Y.rsub(1.0))).sumNumber().doubleValue();

        // BACKWARD PROPAGATION (TO FIND GRAD)
        // dZ = A - Y
        INDArray dZ = A.subi(Y);
        // dw = 1/m * np.dot(X, (A - Y).T)                   (gemm with transB)
        INDArray dw = Nd4j.gemm(X, dZ, false, true).muli(1.0 / m);
        // db = 1/m * np.sum(A - Y)
        double db = 1.0 / m * dZ.sumNumber().doubleValue();
        return new Propagation(new Gradients(dw, db), cost);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4.4 Optimization
    // ------------------------------------------------------------------------------------------------------------

    /** GRADED FUNCTION optimize, with the notebook's signature: prints every 100 iterations when asked. */
    public static Optimization optimize(INDArray w, double b, INDArray X, INDArray Y, int numIterations,
            double learningRate, boolean printCost) {
        return optimize(w, b, X, Y, numIterations, learningRate, 100, printCost ? System.out::println : null);
    }

    /**
     * GRADED FUNCTION optimize: {@code numIterations} steps of gradient descent. Does not change the caller's
     * {@code w} (the 2021 notebook's {@code copy.deepcopy}).
     *
     * @param printEvery record the cost every this many iterations (the notebook: 100)
     * @param printCost where to print {@code Cost after iteration %i: %f}, or {@code null} for silence
     */
    public static Optimization optimize(INDArray w, double b, INDArray X, INDArray Y, int numIterations,
            double learningRate, int printEvery, Consumer<String> printCost) {
        Shapes.require(w, "w", X.size(0), 1);
        // w = copy.deepcopy(w)       (the parameters live outside the per-iteration workspace, updated in place)
        INDArray wOut = w.dup();
        double[] bOut = {b};
        List<Double> costs = new ArrayList<>();
        Gradients[] last = new Gradients[1];
        for (int i = 0; i < numIterations; i++) {
            boolean lastIteration = i == numIterations - 1;
            double cost = Workspaces.iteration(() -> {
                // grads, cost = propagate(w, b, X, Y)
                Propagation p = propagate(wOut, bOut[0], X, Y);
                if (lastIteration) {
                    last[0] = new Gradients(p.grads().dw().detach(), p.grads().db());
                }
                // w = w - learning_rate * dw                 (in place)
                wOut.subi(p.grads().dw().muli(learningRate));
                // b = b - learning_rate * db
                bOut[0] = bOut[0] - learningRate * p.grads().db();
                return p.cost();
            });
            Numerics.requireFinite(cost, i, "Try a smaller --learning-rate, and check the input for NaN.");
            if (i % printEvery == 0) {
                costs.add(cost);
                if (printCost != null) {
                    printCost.accept(String.format(java.util.Locale.ROOT, "Cost after iteration %d: %s", i,
                            NumpyFormat.fixed6(cost)));
                }
            }
        }
        if (last[0] == null) {
            last[0] = new Gradients(Nd4j.zeros(DataType.DOUBLE, X.size(0), 1), 0.0);
        }
        return new Optimization(new Parameters(wOut, bOut[0]), last[0],
                costs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** GRADED FUNCTION predict: 1.0 where the probability is strictly greater than 0.5, else 0.0, shape (1, m). */
    public static INDArray predict(INDArray w, double b, INDArray X) {
        Shapes.require(w, "w", X.size(0), 1);
        // A = sigmoid(np.dot(w.T, X) + b)
        INDArray A = sigmoid(Nd4j.gemm(w, X, true, false).addi(b));
        // Y_prediction[0, i] = 1 if A[0, i] > 0.5 else 0   (vectorized)
        return A.gt(0.5).castTo(DataType.DOUBLE);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 5 - Merge all functions into a model
    // ------------------------------------------------------------------------------------------------------------

    /**
     * GRADED FUNCTION model: zero initialization, gradient descent, predictions, accuracies.
     *
     * @param printCost print the cost lines
     * @param out where the cost lines and the two accuracy lines go ({@code null}: nowhere)
     */
    public static Result model(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest, int numIterations,
            double learningRate, int printEvery, boolean printCost, Consumer<String> out) {
        Numerics.useFloat64();
        // w, b = initialize_with_zeros(X_train.shape[0])
        Parameters init = initializeWithZeros((int) xTrain.size(0));
        long start = System.nanoTime();
        // params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
        Optimization opt = optimize(init.w(), init.b(), xTrain, yTrain, numIterations, learningRate, printEvery,
                printCost ? out : null);
        long nanos = System.nanoTime() - start;
        INDArray w = opt.params().w();
        double b = opt.params().b();
        // Y_prediction_test = predict(w, b, X_test); Y_prediction_train = predict(w, b, X_train)
        INDArray predTest = predict(w, b, xTest);
        INDArray predTrain = predict(w, b, xTrain);
        double trainAccuracy = accuracy(predTrain, yTrain);
        double testAccuracy = accuracy(predTest, yTest);
        printAccuracies(out, trainAccuracy, testAccuracy);
        return new Result(opt.costs(), trainAccuracy, testAccuracy, w, b, predTrain, predTest, learningRate,
                numIterations, nanos);
    }

    /** The notebook's {@code 100 - np.mean(np.abs(Y_prediction - Y)) * 100}. */
    public static double accuracy(INDArray prediction, INDArray y) {
        Shapes.requireSameShape(y, "Y", prediction, "Y_prediction");
        // 100 - np.mean(np.abs(Y_prediction - Y)) * 100
        return 100 - Transforms.abs(prediction.sub(y), false).sumNumber().doubleValue() / y.length() * 100;
    }

    static void printAccuracies(Consumer<String> out, double trainAccuracy, double testAccuracy) {
        if (out != null) {
            // print("train accuracy: {} %".format(...))
            out.accept("train accuracy: " + NumpyFormat.repr(trainAccuracy) + " %");
            out.accept("test accuracy: " + NumpyFormat.repr(testAccuracy) + " %");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The whole notebook: data, model, learning rates, your own image
    // ------------------------------------------------------------------------------------------------------------

    /** Everything one run of the assignment produced. */
    public record Run(Result model, Map<Double, Result> learningRates, ImagePrediction image, List<Path> plots) {
    }

    /** The prediction for a user-supplied image. */
    public record ImagePrediction(Path file, double y, String className) {
    }

    /** The command's settings with the notebook's defaults; {@code out} for plots, {@code quiet} for tests. */
    public static LogisticRegression notebook(Path out, boolean quiet) {
        LogisticRegression c = new LogisticRegression();
        c.common = CommonOptions.defaults(out, quiet);
        c.iterations = 2000;
        c.learningRate = 0.005;
        c.printEvery = 100;
        c.compareLearningRates = true;
        return c;
    }

    /** The run {@code main} does; tests call it too. */
    public Run run() {
        Numerics.useFloat64();
        if (iterations <= 0 || printEvery <= 0 || !(learningRate > 0)) {
            throw new IllegalArgumentException("--iterations, --print-every and --learning-rate must be positive");
        }
        if (image != null && !Files.isRegularFile(image)) {
            throw new IllegalArgumentException("--image: no such file: " + image.toAbsolutePath());
        }
        boolean quiet = common.quiet();
        Consumer<String> out = quiet ? null : System.out::println;
        CatsData.Split train = CatsData.train();
        CatsData.Split test = CatsData.test();
        INDArray xTrain = train.flattenedScaled();
        INDArray xTest = test.flattenedScaled();
        INDArray yTrain = train.labels();
        INDArray yTest = test.labels();
        if (out != null) {
            printDataSet(out, train, test, xTrain, xTest);
            out.accept(framework ? "Training the DL4J ComputationGraph (--framework)" : "Training from scratch");
        }
        Result main = framework
                ? LogisticRegressionGraph.model(xTrain, yTrain, xTest, yTest, iterations, learningRate, printEvery,
                        true, out)
                : model(xTrain, yTrain, xTest, yTest, iterations, learningRate, printEvery, true, out);
        List<Path> plots = new ArrayList<>();
        plots.add(LinePlot.titled("Learning rate =" + NumpyFormat.repr(learningRate))
                .axes("iterations (per hundreds)", "cost").line("cost", main.costs())
                .save(common.out().resolve("c1w2-lr-cost.png")));

        Map<Double, Result> compared = new LinkedHashMap<>();
        if (compareLearningRates) {
            LinePlot plot = LinePlot.titled("Learning rates").axes("iterations (hundreds)", "cost");
            for (double lr : COMPARED_LEARNING_RATES) {
                if (out != null) {
                    out.accept("learning rate is: " + NumpyFormat.repr(lr));
                }
                Result r = framework
                        ? LogisticRegressionGraph.model(xTrain, yTrain, xTest, yTest, COMPARED_ITERATIONS, lr,
                                printEvery, false, out)
                        : model(xTrain, yTrain, xTest, yTest, COMPARED_ITERATIONS, lr, printEvery, false, out);
                compared.put(lr, r);
                plot.line(NumpyFormat.repr(lr), r.costs());
                if (out != null) {
                    out.accept("\n-------------------------------------------------------\n");
                }
            }
            plots.add(plot.save(common.out().resolve("c1w2-lr-learning-rates.png")));
        }

        ImagePrediction mine = null;
        if (image != null) {
            mine = classify(image, main.w(), main.b(), train.classes());
            if (out != null) {
                out.accept("y = " + NumpyFormat.repr(mine.y()) + ", your algorithm predicts a \"" + mine.className()
                        + "\" picture.");
            }
        }
        if (out != null) {
            plots.forEach(p -> out.accept("Wrote " + p));
        }
        return new Run(main, compared, mine, plots);
    }

    /** The notebook's "test with your own image" cell (2021 version: resize first, then divide by 255). */
    public static ImagePrediction classify(Path file, INDArray w, double b, List<String> classes) {
        int numPx = (int) Math.round(Math.sqrt(w.size(0) / 3.0));
        // image = np.array(Image.open(fname).resize((num_px, num_px)))
        INDArray picture = Images.resize(Images.read(file), numPx, numPx);
        // image = image / 255.
        // image = image.reshape((1, num_px * num_px * 3)).T
        INDArray x = picture.reshape('c', numPx * numPx * 3, 1).div(255.0);
        // my_predicted_image = predict(logistic_regression_model["w"], logistic_regression_model["b"], image)
        double y = predict(w, b, x).getDouble(0);
        return new ImagePrediction(file, y, classes.get((int) y));
    }

    private static void printDataSet(Consumer<String> out, CatsData.Split train, CatsData.Split test,
            INDArray xTrain, INDArray xTest) {
        long numPx = train.images().size(1);
        out.accept("Number of training examples: m_train = " + train.size());
        out.accept("Number of testing examples: m_test = " + test.size());
        out.accept("Height/Width of each image: num_px = " + numPx);
        out.accept("Each image is of size: (" + numPx + ", " + numPx + ", 3)");
        out.accept("train_set_x shape: " + Shapes.format(train.images().shape()));
        out.accept("train_set_y shape: " + Shapes.format(train.labels().shape()));
        out.accept("test_set_x shape: " + Shapes.format(test.images().shape()));
        out.accept("test_set_y shape: " + Shapes.format(test.labels().shape()));
        out.accept("train_set_x_flatten shape: " + Shapes.format(xTrain.shape()));
        out.accept("test_set_x_flatten shape: " + Shapes.format(xTest.shape()));
    }

    /**
     * The benchmark hook: the notebook's full run (2000 iterations, lr 0.005) from scratch, quietly; the result's
     * {@link Result#msPerIteration()} is the figure to print.
     */
    public static Result benchmarkRun() {
        Numerics.useFloat64();
        CatsData.Split train = CatsData.train();
        CatsData.Split test = CatsData.test();
        return model(train.flattenedScaled(), train.labels(), test.flattenedScaled(), test.labels(), 2000, 0.005, 100,
                false, null);
    }

    @Override
    public Integer call() {
        run();
        return 0;
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new LogisticRegression(), args));
    }
}
