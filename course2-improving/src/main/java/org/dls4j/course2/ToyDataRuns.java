package org.dls4j.course2;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import java.util.function.Function;

import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.cli.TrainingOptions;
import org.dls4j.shared.plot.DecisionBoundaryPlot;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What Course 2's three toy-data runs ({@code Initialization}, {@code Regularization}, {@code OptimizationMethods})
 * share around their graded functions (their options are {@link TrainingOptions}): training one model under a
 * progress bar with its {@code Cost after ...} lines, the accuracy and timing lines, the two plots of each model
 * (cost curve, decision boundary of the 3-layer network), and the results of the full-batch runs.
 */
public final class ToyDataRuns {

    private ToyDataRuns() {
    }

    /**
     * What a model function returns: the notebook's trained {@code parameters}, the costs it recorded and how long
     * the {@code iterations} took.
     */
    public record Training(Parameters parameters, CostCurve costs, long nanos, int iterations) {

        public double msPerIteration() {
            return nanos / 1e6 / iterations;
        }
    }

    /** One model of a full-batch run: its setting (initialisation, regularisation), training and accuracies. */
    public record TrainedModel<K>(K setting, Training training, double trainAccuracy, double testAccuracy) {

        public CostCurve costs() {
            return training.costs();
        }

        public Parameters parameters() {
            return training.parameters();
        }
    }

    /** What a full-batch run produced: a model per setting, in order, and the plots. */
    public record Result<K>(List<TrainedModel<K>> models, List<Path> plots) {

        public TrainedModel<K> model(K setting) {
            return models.stream().filter(m -> m.setting().equals(setting)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(setting + " was not trained"));
        }
    }

    /**
     * Says an empty line and {@code heading}, then runs {@code training} with a progress bar over {@code steps}
     * (closed when it returns or throws) and returns what it returns.
     */
    public static <T> T train(Report report, String heading, String task, long steps, Function<Progress, T> training) {
        report.say("");
        report.say(heading);
        try (Progress progress = report.progress(task, steps)) {
            return training.apply(progress);
        }
    }

    /**
     * The listener of a training loop's recorded costs: moves {@code progress} and says
     * {@code Cost after <unit> i: <cost>} for the costs at multiples of {@code printEvery}, the cost written by
     * {@code format} ({@link NumpyFormat#repr} for {@code "{}".format(cost)}, {@link NumpyFormat#fixed6} for
     * {@code %f}).
     */
    public static CostListener costLines(Report report, Progress progress, String unit, int printEvery,
            DoubleFunction<String> format) {
        return (i, cost) -> {
            progress.stepTo(i + 1L);
            if (i % printEvery == 0) {
                report.say("Cost after " + unit + " " + i + ": " + format.apply(cost));
            }
        };
    }

    /** {@code np.mean(predict(X, parameters) == Y)} of the 3-layer network, as the notebooks' {@code predict} prints. */
    public static double accuracy(INDArray X, INDArray Y, Parameters parameters) {
        return ThreeLayerNetwork.accuracy(ThreeLayerNetwork.predict(X, parameters), Y);
    }

    /**
     * The notebooks' {@code print("On the train set:"); predictions_train = predict(train_X, train_Y, parameters)}
     * and the same for the test set, the answer of the run: {@code On the <trainSetName> set:}, {@code Accuracy:
     * ...}, {@code On the test set:}, {@code Accuracy: ...}; then the time per iteration.
     */
    public static <K> TrainedModel<K> evaluate(Report report, K setting, Training training, String trainSetName,
            INDArray trainX, INDArray trainY, INDArray testX, INDArray testY) {
        TrainedModel<K> model = new TrainedModel<>(setting, training,
                accuracy(trainX, trainY, training.parameters()), accuracy(testX, testY, training.parameters()));
        report.result("On the " + trainSetName + " set:");
        report.result("Accuracy: " + NumpyFormat.repr(model.trainAccuracy()));
        report.result("On the test set:");
        report.result("Accuracy: " + NumpyFormat.repr(model.testAccuracy()));
        reportTiming(report, training.msPerIteration(), "iteration");
        return model;
    }

    /** {@code (0.085 ms per iteration)}. */
    public static void reportTiming(Report report, double milliseconds, String unit) {
        report.say(String.format(Locale.ROOT, "(%.3f ms per %s)", milliseconds, unit));
    }

    /**
     * A model's two plots in {@code out}: {@code <name>-cost.png}, the recorded costs ({@code plt.plot(costs)};
     * infinite ones are left out, they cannot be drawn) titled {@code costTitle} over {@code xLabel}, and
     * {@code <name>-boundary.png}, {@code plot_decision_boundary(lambda x: predict_dec(parameters, x.T), X, Y)}
     * titled {@code title}.
     */
    public static List<Path> plots(Path out, String name, String title, String costTitle, String xLabel,
            CostCurve costs, INDArray X, INDArray Y, Parameters parameters) {
        double[] drawable = costs.costs().clone();
        for (int i = 0; i < drawable.length; i++) {
            if (!Double.isFinite(drawable[i])) {
                drawable[i] = Double.NaN;
            }
        }
        // plt.plot(costs); plt.ylabel('cost'); plt.xlabel(...); plt.title(...)
        Path costPlot = LinePlot.titled(costTitle).axes(xLabel, "cost").line("cost", drawable)
                .save(out.resolve(name + "-cost.png"));
        // plt.title(title); plot_decision_boundary(lambda x: predict_dec(parameters, x.T), X, Y)
        Path boundary = DecisionBoundaryPlot.save(title, X, Y, grid -> ThreeLayerNetwork.predictDec(parameters, grid),
                out.resolve(name + "-boundary.png"));
        return List.of(costPlot, boundary);
    }

    /** {@code Wrote <path>} for each plot. */
    public static void reportWrote(Report report, List<Path> plots) {
        plots.forEach(p -> report.say("Wrote " + p));
    }
}
