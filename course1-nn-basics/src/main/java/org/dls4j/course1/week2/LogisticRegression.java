package org.dls4j.course1.week2;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dls4j.course1.CatsClassifierOptions;
import org.dls4j.course1.OwnImage;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.Workspaces;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.CatsData;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.scratch.dense.GradientDescent;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.train.CostRecorder;
import org.dls4j.shared.train.TrainingDivergedException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
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
 * picture.}). With {@code -q} only the accuracies and that prediction are printed. Plots in {@code --out}:
 * {@code c1w2-lr-cost.png} (the cost every 100 iterations) and {@code c1w2-lr-learning-rates.png} (the three cost
 * curves). {@code --framework} trains the same model as a DL4J {@code ComputationGraph}
 * ({@link LogisticRegressionGraph}) and prints the same lines. A cost that becomes NaN or infinite (a learning rate
 * far too large) stops the run with a message.
 */
public final class LogisticRegression {

    /** The learning rates of the notebook's comparison section. */
    public static final double[] COMPARED_LEARNING_RATES = {0.01, 0.001, 0.0001};

    /** Iterations of the comparison section. */
    public static final int COMPARED_ITERATIONS = 1500;

    /** The notebook's run: {@code model(..., num_iterations=2000, learning_rate=0.005)}, a cost every 100. */
    @Command(name = "c1w2-logistic-regression",
            description = "Course 1 week 2: logistic regression as a neural network (cats).")
    public static final class Options extends CatsClassifierOptions {

        @Option(names = "--compare-learning-rates", negatable = true, fallbackValue = "true",
                description = "Also train with learning rates 0.01, 0.001, 0.0001 for 1500 iterations each"
                        + " (default: ${DEFAULT-VALUE}).")
        public boolean compareLearningRates = true;

        public Options() {
            super(2000, 0.005, 100);
        }
    }

    /** {@code w} (dim, 1) and the scalar {@code b}, the notebook's {@code params}. */
    public record WeightsAndBias(INDArray w, double b) {
    }

    /** {@code dw} (dim, 1) and {@code db}, the notebook's {@code grads}. */
    public record WeightsAndBiasGradients(INDArray dw, double db) {
    }

    /** What {@code propagate} returns: {@code grads, cost}. */
    public record Propagation(WeightsAndBiasGradients grads, double cost) {
    }

    /** What {@code optimize} returns: {@code params, grads} (of the last iteration), {@code costs}. */
    public record Optimization(WeightsAndBias params, WeightsAndBiasGradients grads, double[] costs) {
    }

    /**
     * What {@code model} returns (the notebook's dictionary {@code d}), plus the wall time of the training loop.
     *
     * @param costs the costs the recorder kept (the notebook's: every 100 iterations, i = 0, 100, ...)
     * @param trainAccuracy {@code 100 - mean(|Y_prediction_train - Y_train|) * 100}
     */
    public record Model(double[] costs, double trainAccuracy, double testAccuracy, INDArray w, double b,
            INDArray yPredictionTrain, INDArray yPredictionTest, double learningRate, int iterations,
            long trainNanos) {

        /** The dictionary for trained {@code w, b} and their predictions, the accuracies computed from them. */
        static Model of(double[] costs, WeightsAndBias params, INDArray yPredictionTrain, INDArray yTrain,
                INDArray yPredictionTest, INDArray yTest, double learningRate, int iterations, long trainNanos) {
            // print("train accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100))
            return new Model(costs, accuracy(yPredictionTrain, yTrain), accuracy(yPredictionTest, yTest), params.w(),
                    params.b(), yPredictionTrain, yPredictionTest, learningRate, iterations, trainNanos);
        }

        /** Milliseconds per training iteration. */
        public double msPerIteration() {
            return trainNanos / 1e6 / iterations;
        }
    }

    /** One way to run {@code model}: from scratch ({@link LogisticRegression#model}) or as a DL4J graph. */
    @FunctionalInterface
    public interface Trainer {
        Model model(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest, int numIterations,
                double learningRate, CostRecorder costs);
    }

    /**
     * Everything one run produced.
     *
     * @param learningRates the comparison's models by learning rate (empty with {@code --no-compare-learning-rates})
     * @param image the {@code --image} prediction, or null
     */
    public record Result(Model model, Map<Double, Model> learningRates, OwnImage image, List<Path> plots) {
    }

    private LogisticRegression() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), LogisticRegression::run, args));
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4.1 Helper functions
    // ------------------------------------------------------------------------------------------------------------

    /** GRADED FUNCTION sigmoid: {@code 1 / (1 + exp(-z))}, element-wise; returns a new array. */
    @Graded("sigmoid")
    public static INDArray sigmoid(INDArray z) {
        // s = 1 / (1 + np.exp(-z))
        return Transforms.exp(z.neg(), false).addi(1.0).rdivi(1.0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4.2 Initializing parameters
    // ------------------------------------------------------------------------------------------------------------

    /** GRADED FUNCTION initialize_with_zeros: {@code w} zeros (dim, 1), {@code b = 0.0}. */
    @Graded("initialize_with_zeros")
    public static WeightsAndBias initializeWithZeros(int dim) {
        if (dim <= 0) {
            throw new IllegalArgumentException("dim must be positive but was " + dim);
        }
        // w = np.zeros((dim, 1))
        INDArray w = Nd4j.zeros(DataType.DOUBLE, dim, 1);
        // b = 0.
        return new WeightsAndBias(w, 0.0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4.3 Forward and backward propagation
    // ------------------------------------------------------------------------------------------------------------

    /** The forward step {@code propagate} and {@code predict} share: {@code A = sigmoid(np.dot(w.T, X) + b)}, (1, m). */
    static INDArray activation(INDArray w, double b, INDArray X) {
        Shapes.require(w, "w", X.size(0), 1);
        // A = sigmoid(np.dot(w.T, X) + b)                  (gemm with transA: no transposed copy of w)
        return sigmoid(Nd4j.gemm(w, X, true, false).addi(b));
    }

    /**
     * GRADED FUNCTION propagate: the cost and its gradient for one pass over all examples.
     *
     * @param w weights (num_px * num_px * 3, 1)
     * @param b bias
     * @param X data (num_px * num_px * 3, m)
     * @param Y labels (1, m), 0 = non-cat, 1 = cat
     */
    @Graded("propagate")
    public static Propagation propagate(INDArray w, double b, INDArray X, INDArray Y) {
        Shapes.require(w, "w", X.size(0), 1);
        Shapes.require(Y, "Y", 1, X.size(1));
        long m = X.size(1);
        // FORWARD PROPAGATION (FROM X TO COST)
        // A = sigmoid(np.dot(w.T, X) + b)
        INDArray A = activation(w, b, X);
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
        return new Propagation(new WeightsAndBiasGradients(dw, db), cost);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 4.4 Optimization
    // ------------------------------------------------------------------------------------------------------------

    /**
     * GRADED FUNCTION optimize: {@code numIterations} steps of gradient descent. Does not change the caller's
     * {@code w} (the 2021 notebook's {@code copy.deepcopy}).
     *
     * @param costs keeps the notebook's {@code costs} ({@code CostRecorder.every(100)}: {@code if i % 100 == 0}) and
     *     prints them when the notebook's {@code print_cost} would
     * @throws TrainingDivergedException when the cost becomes NaN or infinite
     */
    @Graded("optimize")
    public static Optimization optimize(INDArray w, double b, INDArray X, INDArray Y, int numIterations,
            double learningRate, CostRecorder costs) {
        Shapes.require(w, "w", X.size(0), 1);
        // w = copy.deepcopy(w)       (the parameters live outside the per-iteration workspace, updated in place)
        INDArray wOut = w.dup();
        double[] bOut = {b};
        WeightsAndBiasGradients[] last = {new WeightsAndBiasGradients(Nd4j.zeros(DataType.DOUBLE, X.size(0), 1), 0)};
        for (int i = 0; i < numIterations; i++) {
            boolean lastIteration = i == numIterations - 1;
            double cost = Workspaces.iteration(() -> {
                // grads, cost = propagate(w, b, X, Y)
                Propagation p = propagate(wOut, bOut[0], X, Y);
                if (lastIteration) {
                    last[0] = new WeightsAndBiasGradients(p.grads().dw().detach(), p.grads().db());
                }
                // w = w - learning_rate * dw                 (in place)
                wOut.subi(p.grads().dw().muli(learningRate));
                // b = b - learning_rate * db
                bOut[0] = bOut[0] - learningRate * p.grads().db();
                return p.cost();
            });
            // if i % 100 == 0: costs.append(cost)
            // if print_cost and i % 100 == 0: print ("Cost after iteration %i: %f" %(i, cost))
            costs.record(i, cost);
        }
        return new Optimization(new WeightsAndBias(wOut, bOut[0]), last[0], costs.curve().costs());
    }

    /**
     * {@code optimize} run by the shared engine, {@link GradientDescent} with one sigmoid layer ({@code W1 = w.T},
     * {@code b1 = [[b]]}) and {@link GradientDescent.OutputArithmetic#PROPAGATE}: {@link #propagate}'s arithmetic
     * line for line, its two products over X ({@code np.dot(w.T, X)}, {@code np.dot(X, (A - Y).T)}) in one pass
     * over the 12288 x 209 inputs per iteration, in blocks that stay in the cores' caches, where {@link #optimize}
     * reads X twice. The run (and {@code ./dls bench logistic-regression}) trains with this; the graded
     * {@link #optimize} stays the readable one, and a test proves the two equal. Does not change the caller's
     * {@code w}.
     *
     * @return the trained {@code w, b}
     * @throws TrainingDivergedException when the cost becomes NaN or infinite
     */
    public static WeightsAndBias optimizeFused(INDArray w, double b, INDArray X, INDArray Y, int numIterations,
            double learningRate, CostRecorder costs) {
        Shapes.require(w, "w", X.size(0), 1);
        // w = copy.deepcopy(w), held as W1 = w.T (the same numbers in the same order)
        Parameters parameters = Parameters.of("W1", w.castTo(DataType.DOUBLE).transpose().dup('c'), "b1",
                Nd4j.valueArrayOf(new long[] {1, 1}, b, DataType.DOUBLE));
        // for i in range(num_iterations): grads, cost = propagate(w, b, X, Y); w = w - learning_rate * dw; ...
        new GradientDescent(X.castTo(DataType.DOUBLE), Y, parameters)
                .withOutput(GradientDescent.OutputArithmetic.PROPAGATE)
                .run(learningRate, numIterations, 1, costs::record);
        return new WeightsAndBias(parameters.W(1).reshape(X.size(0), 1), parameters.b(1).getDouble(0));
    }

    /** GRADED FUNCTION predict: 1.0 where the probability is strictly greater than 0.5, else 0.0, shape (1, m). */
    @Graded("predict")
    public static INDArray predict(INDArray w, double b, INDArray X) {
        // A = sigmoid(np.dot(w.T, X) + b)
        INDArray A = activation(w, b, X);
        // Y_prediction[0, i] = 1 if A[0, i] > 0.5 else 0   (vectorized)
        return A.gt(0.5).castTo(DataType.DOUBLE);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 5 - Merge all functions into a model
    // ------------------------------------------------------------------------------------------------------------

    /**
     * GRADED FUNCTION model: zero initialization, gradient descent, predictions, accuracies.
     *
     * @param costs which costs to keep and print ({@link #optimize})
     */
    @Graded("model")
    public static Model model(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest, int numIterations,
            double learningRate, CostRecorder costs) {
        // w, b = initialize_with_zeros(X_train.shape[0])
        WeightsAndBias init = initializeWithZeros((int) xTrain.size(0));
        long start = System.nanoTime();
        // params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
        Optimization opt = optimize(init.w(), init.b(), xTrain, yTrain, numIterations, learningRate, costs);
        long nanos = System.nanoTime() - start;
        INDArray w = opt.params().w();
        double b = opt.params().b();
        // Y_prediction_test = predict(w, b, X_test); Y_prediction_train = predict(w, b, X_train)
        return Model.of(opt.costs(), opt.params(), predict(w, b, xTrain), yTrain, predict(w, b, xTest), yTest,
                learningRate, numIterations, nanos);
    }

    /**
     * {@link #model} with {@link #optimizeFused} for {@link #optimize}: what the run trains with (a test proves the
     * two equal).
     */
    public static Model modelFused(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest,
            int numIterations, double learningRate, CostRecorder costs) {
        // w, b = initialize_with_zeros(X_train.shape[0])
        WeightsAndBias init = initializeWithZeros((int) xTrain.size(0));
        long start = System.nanoTime();
        // params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
        WeightsAndBias params = optimizeFused(init.w(), init.b(), xTrain, yTrain, numIterations, learningRate, costs);
        long nanos = System.nanoTime() - start;
        // Y_prediction_test = predict(w, b, X_test); Y_prediction_train = predict(w, b, X_train)
        return Model.of(costs.curve().costs(), params, predict(params.w(), params.b(), xTrain), yTrain,
                predict(params.w(), params.b(), xTest), yTest, learningRate, numIterations, nanos);
    }

    /** The notebook's {@code 100 - np.mean(np.abs(Y_prediction - Y)) * 100}. */
    public static double accuracy(INDArray prediction, INDArray y) {
        Shapes.requireSameShape(y, "Y", prediction, "Y_prediction");
        // 100 - np.mean(np.abs(Y_prediction - Y)) * 100
        return 100 - Transforms.abs(prediction.sub(y), false).sumNumber().doubleValue() / y.length() * 100;
    }

    // ------------------------------------------------------------------------------------------------------------
    // The whole notebook: data, model, learning rates, your own image
    // ------------------------------------------------------------------------------------------------------------

    /** The notebook top to bottom: load, train, print, plot. The command line and the tests both run this. */
    public static Result run(Options options, Report report) {
        // train_set_x_orig, train_set_y, test_set_x_orig, test_set_y, classes = load_dataset()
        CatsData.Split train = CatsData.train();
        CatsData.Split test = CatsData.test();
        // train_set_x = train_set_x_orig.reshape(train_set_x_orig.shape[0], -1).T / 255.
        INDArray xTrain = train.flattenedScaled();
        INDArray xTest = test.flattenedScaled();
        INDArray yTrain = train.labels();
        INDArray yTest = test.labels();
        reportDataSet(report, train, test, xTrain, xTest);
        report.say(options.engine());
        Trainer trainer = options.framework ? LogisticRegressionGraph::model : LogisticRegression::modelFused;

        Model main;
        try (Progress progress = report.progress("Training", options.iterations)) {
            // logistic_regression_model = model(train_set_x, train_set_y, test_set_x, test_set_y,
            //                                   num_iterations=2000, learning_rate=0.005, print_cost=True)
            main = trainer.model(xTrain, yTrain, xTest, yTest, options.iterations, options.learningRate,
                    options.printedCosts(report, progress));
        }
        reportAccuracies(report, main);
        List<Path> plots = new ArrayList<>();
        // plt.plot(costs); plt.ylabel('cost'); plt.xlabel('iterations (per hundreds)')
        plots.add(LinePlot.titled("Learning rate =" + NumpyFormat.repr(options.learningRate))
                .axes("iterations (per " + options.printEvery + ")", "cost").line("cost", main.costs())
                .save(options.out.resolve("c1w2-lr-cost.png")));

        Map<Double, Model> compared = options.compareLearningRates
                ? compareLearningRates(options, report, trainer, xTrain, yTrain, xTest, yTest) : Map.of();
        if (!compared.isEmpty()) {
            LinePlot plot = LinePlot.titled("Learning rates").axes("iterations (per " + options.printEvery + ")",
                    "cost");
            compared.forEach((lr, model) -> plot.line(NumpyFormat.repr(lr), model.costs()));
            plots.add(plot.save(options.out.resolve("c1w2-lr-learning-rates.png")));
        }

        OwnImage mine = options.image == null ? null : classify(options.image, main, train.classes());
        if (mine != null) {
            report.result(mine.line("algorithm"));
        }
        plots.forEach(p -> report.say("Wrote " + p));
        return new Result(main, compared, mine, List.copyOf(plots));
    }

    /** Section 6: the same model with learning rates 0.01, 0.001 and 0.0001, 1500 iterations each. */
    private static Map<Double, Model> compareLearningRates(Options options, Report report, Trainer trainer,
            INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest) {
        Map<Double, Model> compared = new LinkedHashMap<>();
        try (Progress progress = report.progress("Learning rates", COMPARED_LEARNING_RATES.length)) {
            for (double lr : COMPARED_LEARNING_RATES) {
                // print ("learning rate is: " + str(lr))
                report.say("learning rate is: " + NumpyFormat.repr(lr));
                // models[str(lr)] = model(train_set_x, train_set_y, test_set_x, test_set_y, num_iterations=1500,
                //                         learning_rate=lr, print_cost=False)
                Model model = trainer.model(xTrain, yTrain, xTest, yTest, COMPARED_ITERATIONS, lr,
                        CostRecorder.every(options.printEvery));
                reportAccuracies(report, model);
                compared.put(lr, model);
                report.say("\n" + "-------------------------------------------------------" + "\n");
                progress.step();
            }
        }
        return Collections.unmodifiableMap(compared);
    }

    /** The notebook's "test with your own image" cell (2021 version: resize first, then divide by 255). */
    static OwnImage classify(Path file, Model model, List<String> classes) {
        int numPx = (int) Math.round(Math.sqrt(model.w().size(0) / 3.0));
        // image = np.array(Image.open(fname).resize((num_px, num_px))) / 255.; image.reshape((1, -1)).T
        INDArray image = OwnImage.column(file, numPx);
        // my_predicted_image = predict(logistic_regression_model["w"], logistic_regression_model["b"], image)
        double y = predict(model.w(), model.b(), image).getDouble(0);
        double probability = activation(model.w(), model.b(), image).getDouble(0);
        return new OwnImage(file, probability, y, classes.get((int) y));
    }

    private static void reportAccuracies(Report report, Model model) {
        // print("train accuracy: {} %".format(...)); print("test accuracy: {} %".format(...))
        report.result("train accuracy: " + NumpyFormat.repr(model.trainAccuracy()) + " %");
        report.result("test accuracy: " + NumpyFormat.repr(model.testAccuracy()) + " %");
    }

    private static void reportDataSet(Report report, CatsData.Split train, CatsData.Split test, INDArray xTrain,
            INDArray xTest) {
        long numPx = train.images().size(1);
        report.say("Number of training examples: m_train = " + train.size());
        report.say("Number of testing examples: m_test = " + test.size());
        report.say("Height/Width of each image: num_px = " + numPx);
        report.say("Each image is of size: (" + numPx + ", " + numPx + ", 3)");
        report.say("train_set_x shape: " + Shapes.format(train.images().shape()));
        report.say("train_set_y shape: " + Shapes.format(train.labels().shape()));
        report.say("test_set_x shape: " + Shapes.format(test.images().shape()));
        report.say("test_set_y shape: " + Shapes.format(test.labels().shape()));
        report.say("train_set_x_flatten shape: " + Shapes.format(xTrain.shape()));
        report.say("test_set_x_flatten shape: " + Shapes.format(xTest.shape()));
    }
}
