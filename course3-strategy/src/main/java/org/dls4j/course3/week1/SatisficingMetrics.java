package org.dls4j.course3.week1;

import static org.dls4j.course3.ErrorLadder.percent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.course3.ConvNetTraining;
import org.dls4j.course3.SignsPictures;
import org.dls4j.course3.TextTable;
import org.dls4j.course4.week1.SignsConvNet;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.KerasFitOptions;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.plot.LinePlot;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 3, week 1, "Satisficing and optimizing metrics": a family of SIGNS ConvNets (Course 4's network,
 * {@link SignsConvNet}, with 2, 4, 8 and 16 filters in the first convolution and twice as many in the second), each
 * trained the same way on the CS230 {@code train_signs} pictures (864) and measured on the {@code val_signs} pictures
 * (216, the dev set): accuracy, the optimizing metric, and running time, the satisficing one (milliseconds per
 * picture to classify the dev set, the fastest of {@code --timing-repeats} passes after a warm-up). The classifier
 * chosen is the most accurate of those that run within {@code --max-ms} per picture, as in the lecture's "maximize
 * accuracy subject to running time &le; 100 ms".
 *
 * <p>What the learner sees: a line per trained classifier, the lecture's table (classifier, accuracy, running time,
 * whether it meets the constraint, which one is chosen) and the choice, and {@code c3w1-satisficing.png} in
 * {@code --out} (accuracy against running time, the constraint as a vertical line). Running times depend on the
 * machine and on what else runs on it, so the choice can differ from machine to machine; the accuracies do not.
 * Run: {@code ./dls run c3w1-satisficing-metrics [--filters 2,4,8,16] [--max-ms 0.5] [--epochs 15]}.
 */
public final class SatisficingMetrics {

    /** The family and how it is trained and timed. */
    @Command(name = "c3w1-satisficing-metrics", description = "Course 3 week 1: accuracy (optimizing) against running"
            + " time (satisficing) over a family of SIGNS ConvNets; the most accurate one within the time limit.")
    public static final class Options extends KerasFitOptions {

        @Option(names = "--filters", split = ",", paramLabel = "F", description = "Filters of the first convolution, "
                + "one classifier each; the second has twice as many (default: ${DEFAULT-VALUE}; Course 4's: 8).")
        public List<Integer> filters = new ArrayList<>(List.of(4, 8, 32));

        @Option(names = "--max-ms", paramLabel = "MS", description = "The satisficing metric: running time at most "
                + "this many milliseconds per picture (default: ${DEFAULT-VALUE}).")
        public double maxMs = 0.3;

        @Option(names = "--timing-repeats", paramLabel = "N",
                description = "Timed passes over the dev set per classifier; the fastest counts (default: "
                        + "${DEFAULT-VALUE}).")
        public int timingRepeats = 10;

        /** Every classifier: 15 epochs of mini-batches of 32, Adam at 0.005, numpy and DL4J seeds 1. */
        public Options() {
            super(15, 32, 0.005, 1, 1);
        }

        @Override
        public void validate() {
            super.validate();
            OptionChecks.notEmpty("--filters", filters, "the first convolution's filters, e.g. 2,4,8,16");
            for (int f : filters) {
                OptionChecks.atLeast("--filters", f, 1);
            }
            OptionChecks.positive("--max-ms", maxMs);
            OptionChecks.atLeast("--timing-repeats", timingRepeats, 1);
        }
    }

    /** One classifier: its name (A, B, ...), size, measured accuracy and running time. */
    public record Candidate(String name, int filters1, int filters2, long parameters, double accuracy,
            double msPerPicture) {
    }

    /** The classifiers in the order trained, the one chosen (null when none meets the constraint), the plot. */
    public record Result(List<Candidate> candidates, Candidate chosen, double maxMs, Path plot) {
    }

    private SatisficingMetrics() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), SatisficingMetrics::run, args));
    }

    /**
     * The lecture's rule: among the candidates whose running time is at most {@code maxMs}, the most accurate (of
     * equally accurate ones, the faster, then the first); null when none is fast enough.
     */
    public static Candidate choose(List<Candidate> candidates, double maxMs) {
        Candidate best = null;
        for (Candidate c : candidates) {
            if (c.msPerPicture() <= maxMs && (best == null || c.accuracy() > best.accuracy()
                    || (c.accuracy() == best.accuracy() && c.msPerPicture() < best.msPerPicture()))) {
                best = c;
            }
        }
        return best;
    }

    /** The lesson, top to bottom. The command line and the tests both run this. */
    public static Result run(Options options, Report report) {
        SignsPictures train = SignsPictures.folder("train_signs");
        SignsPictures dev = SignsPictures.folder("val_signs");
        report.say("SIGNS ConvNets (Course 4's network, filters varied): " + options.epochs + " epochs of "
                + options.batchSize + " on " + train.size() + " train_signs pictures, Adam at "
                + options.learningRate + "; dev set: " + dev.size() + " val_signs pictures");
        DataSet trainSet = train.dataSet(SignsPictures.ALL_DIGITS);
        DataSet devSet = dev.dataSet(SignsPictures.ALL_DIGITS);
        List<Candidate> candidates = new ArrayList<>();
        try (Progress progress = report.progress("Training", (long) options.filters.size() * options.epochs)) {
            for (int f : options.filters) {
                String name = String.valueOf((char) ('A' + candidates.size()));
                ComputationGraph graph = SignsConvNet.graph(SignsConvNet.Version.KERAS, options.initSeed,
                        options.learningRate, f, 2 * f);
                long start = System.nanoTime();
                ConvNetTraining.train(graph, trainSet, options.epochs, options.batchSize, options.seed, progress);
                double seconds = (System.nanoTime() - start) / 1e9;
                double accuracy = 1 - ConvNetTraining.errorRate(graph, devSet);
                double ms = msPerPicture(graph, devSet, options.timingRepeats);
                Candidate c = new Candidate(name, f, 2 * f, graph.numParams(), accuracy, ms);
                candidates.add(c);
                report.say(String.format(Locale.ROOT, "Classifier %s (filters %d, %d; %d parameters): dev accuracy %s, "
                        + "%.4f ms per picture (trained in %.1f s)", name, f, 2 * f, c.parameters(),
                        percent(accuracy), ms, seconds));
            }
        }
        Candidate chosen = choose(candidates, options.maxMs);
        report.say("");
        table(candidates, chosen, options.maxMs).forEach(report::result);
        report.result(chosen == null
                ? String.format(Locale.ROOT, "No classifier runs within %s ms per picture: relax the satisficing "
                        + "metric or make a faster model.", num(options.maxMs))
                : String.format(Locale.ROOT, "Chosen: classifier %s, the most accurate (%s) of those that run within "
                        + "%s ms per picture.", chosen.name(), percent(chosen.accuracy()), num(options.maxMs)));
        Candidate mostAccurate = candidates.stream().max((a, b) -> Double.compare(a.accuracy(), b.accuracy()))
                .orElseThrow();
        if (chosen != null && mostAccurate.accuracy() > chosen.accuracy()) {
            report.say(String.format(Locale.ROOT, "Classifier %s is more accurate (%s) but takes %.4f ms per picture: "
                    + "beyond the limit, accuracy does not count.", mostAccurate.name(),
                    percent(mostAccurate.accuracy()), mostAccurate.msPerPicture()));
        }
        Path plot = plot(candidates, chosen, options.maxMs, options.out.resolve("c3w1-satisficing.png"));
        report.say("Wrote " + plot);
        return new Result(List.copyOf(candidates), chosen, options.maxMs, plot);
    }

    /**
     * Milliseconds per picture to classify {@code data}: the fastest of {@code repeats} timed passes after a warm-up
     * pass (on a shared machine the slower passes measure the other programs).
     */
    static double msPerPicture(ComputationGraph graph, DataSet data, int repeats) {
        ConvNetTraining.predict(graph, data.getFeatures());
        long fastest = Long.MAX_VALUE;
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            ConvNetTraining.predict(graph, data.getFeatures());
            fastest = Math.min(fastest, System.nanoTime() - start);
        }
        return fastest / 1e6 / data.numExamples();
    }

    /** The lecture's table. */
    static List<String> table(List<Candidate> candidates, Candidate chosen, double maxMs) {
        TextTable table = TextTable.of("classifier", "filters", "parameters", "accuracy", "running time",
                "meets running time <= " + num(maxMs) + " ms", "chosen");
        for (Candidate c : candidates) {
            table.row(c.name(), c.filters1() + ", " + c.filters2(), Long.toString(c.parameters()),
                    percent(c.accuracy()), String.format(Locale.ROOT, "%.4f ms", c.msPerPicture()),
                    c.msPerPicture() <= maxMs ? "yes" : "no", c == chosen ? "<- chosen" : "");
        }
        return table.lines();
    }

    private static Path plot(List<Candidate> candidates, Candidate chosen, double maxMs, Path png) {
        LinePlot plot = LinePlot.titled("SIGNS ConvNets: accuracy (optimizing) vs running time (satisficing)")
                .axes("running time (ms per picture)", "dev accuracy");
        for (Candidate c : candidates) {
            plot.scatter(c.name() + " (filters " + c.filters1() + ", " + c.filters2() + ")" + (c == chosen ? ", chosen"
                    : ""), new double[] {c.msPerPicture()}, new double[] {c.accuracy()});
        }
        return plot.line("running time limit " + num(maxMs) + " ms", new double[] {maxMs, maxMs}, new double[] {0, 1})
                .save(png);
    }

    private static String num(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
