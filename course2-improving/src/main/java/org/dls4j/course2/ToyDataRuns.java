package org.dls4j.course2;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.plot.DecisionBoundaryPlot;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The printing and plotting that Course 2's toy-data runs ({@code Initialization}, {@code Regularization},
 * {@code OptimizationMethods}) share around their graded functions: cost lines above the progress bar, the
 * train / test accuracies, the 3-layer network's decision boundary and the list of written plots.
 */
public final class ToyDataRuns {

    private ToyDataRuns() {
    }

    /** {@code line} unless {@code quiet}. */
    public static void print(boolean quiet, Consumer<String> out, String line) {
        if (!quiet) {
            out.accept(line);
        }
    }

    /** A cost line: above the progress bar when the CLI shows one, else to {@code out} unless {@code quiet}. */
    public static void printCostLine(Progress progress, boolean progressBar, boolean quiet, Consumer<String> out,
            String line) {
        if (progressBar) {
            progress.println(line);
        } else {
            print(quiet, out, line);
        }
    }

    /**
     * The notebooks' {@code print("On the train set:"); predict(...)} pair, always printed:
     * {@code On the <trainSetName> set:}, {@code Accuracy: ...}, {@code On the test set:}, {@code Accuracy: ...}.
     */
    public static void printTrainTestAccuracy(Consumer<String> out, String trainSetName, double trainAccuracy,
            double testAccuracy) {
        out.accept("On the " + trainSetName + " set:");
        out.accept("Accuracy: " + NumpyFormat.repr(trainAccuracy));
        out.accept("On the test set:");
        out.accept("Accuracy: " + NumpyFormat.repr(testAccuracy));
    }

    /** {@code plot_decision_boundary(lambda x: predict_dec(parameters, x.T), X, Y)} of the 3-layer network. */
    public static Path saveDecisionBoundary(String title, INDArray X, INDArray Y, Parameters parameters, Path file) {
        return DecisionBoundaryPlot.save(title, X, Y, grid -> ThreeLayerNetwork.predictDec(parameters, grid), file);
    }

    /**
     * The notebooks' {@code print("On the train set:"); predict(...)} pair, the answer of the run:
     * {@code On the <trainSetName> set:}, {@code Accuracy: ...}, {@code On the test set:}, {@code Accuracy: ...}.
     */
    public static void reportTrainTestAccuracy(Report report, String trainSetName, double trainAccuracy,
            double testAccuracy) {
        report.result("On the " + trainSetName + " set:");
        report.result("Accuracy: " + NumpyFormat.repr(trainAccuracy));
        report.result("On the test set:");
        report.result("Accuracy: " + NumpyFormat.repr(testAccuracy));
    }

    /** {@code Wrote <path>} for each plot. */
    public static void reportWrote(Report report, List<Path> plots) {
        plots.forEach(p -> report.say("Wrote " + p));
    }

    /** {@code Wrote <path>} for each plot, unless {@code quiet}. */
    public static void printWrote(boolean quiet, Consumer<String> out, List<Path> plots) {
        plots.forEach(p -> print(quiet, out, "Wrote " + p));
    }
}
