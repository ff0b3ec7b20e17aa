package org.dls4j.course1;

import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.train.CostRecorder;
import picocli.CommandLine.Option;

/**
 * The options of the Course 1 assignments that train one model by full-batch gradient descent and also have a DL4J
 * face (logistic regression, the planar classifier, the deep network application): how long, how fast, how often
 * the cost is printed, and which engine. Each assignment passes its notebook's values to the constructor, so each
 * default is written once, in that assignment's {@code Options}.
 */
public abstract class GradientDescentOptions extends AssignmentOptions {

    @Option(names = "--iterations", paramLabel = "N", description = "Gradient-descent steps (default: ${DEFAULT-VALUE}).")
    public int iterations;

    @Option(names = "--learning-rate", paramLabel = "RATE", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    public double learningRate;

    @Option(names = "--print-every", paramLabel = "N",
            description = "Print (and record) the cost every N iterations (default: ${DEFAULT-VALUE}).")
    public int printEvery;

    @Option(names = "--framework",
            description = "Train the DL4J ComputationGraph version instead of the from-scratch one.")
    public boolean framework;

    /** The notebook's {@code num_iterations}, {@code learning_rate} and cost-printing interval. */
    protected GradientDescentOptions(int iterations, double learningRate, int printEvery) {
        this.iterations = iterations;
        this.learningRate = learningRate;
        this.printEvery = printEvery;
    }

    @Override
    public void validate() {
        OptionChecks.atLeast("--iterations", iterations, 1);
        OptionChecks.positive("--learning-rate", learningRate);
        OptionChecks.atLeast("--print-every", printEvery, 1);
    }

    /** The line that says which engine trains: {@code Training from scratch} or the DL4J graph. */
    public String engine() {
        return framework ? "Training the DL4J ComputationGraph (--framework)" : "Training from scratch";
    }

    /**
     * The costs of a printed run: every {@code --print-every} iterations, each said as the notebooks print it
     * ({@code "Cost after iteration %i: %f"}) and moving {@code progress} on.
     */
    public CostRecorder printedCosts(Report report, Progress progress) {
        return CostRecorder.every(printEvery).onRecord((i, cost) -> {
            report.say("Cost after iteration " + i + ": " + NumpyFormat.fixed6(cost));
            progress.stepTo(i + 1);
        });
    }
}
