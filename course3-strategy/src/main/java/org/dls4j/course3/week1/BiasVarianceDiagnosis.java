package org.dls4j.course3.week1;

import static org.dls4j.course3.ErrorLadder.percent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dls4j.course1.week4.DeepNetworkApplication;
import org.dls4j.course3.CatModelOptions;
import org.dls4j.course3.CatModels;
import org.dls4j.course3.CatPictures;
import org.dls4j.course3.ErrorLadder;
import org.dls4j.course3.Problem;
import org.dls4j.course3.TextTable;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.plot.LinePlot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 3, week 1, "Avoidable bias" and "Improving your model performance", run on Course 1's cat classifier: the
 * two-layer model {@code [12288, 7, 1]} (Course 1's gradient descent, 2500 iterations at 0.0075) trained on random
 * subsets of the 209 training pictures (26, 52, 104 and all 209) without and with L2 regularisation (Course 2's
 * penalty, {@code lambd} 100, strong enough to make the model underfit), each measured on the 50 held-out pictures
 * (the course's test file, the dev set here).
 *
 * <p>For every model the learner sees the lectures' arithmetic, from measured errors: avoidable bias = train error -
 * human-level error ({@code --human-level}, default 1 %, the lectures' cat example), variance = dev error - train
 * error, the one to work on first (the larger), and what the lectures say to try for it (bigger model / train
 * longer for bias; more data / regularise for variance). Then two lines read the experiment: how the dev error moved
 * as the training set grew (more data), and what each {@code lambd} did to train and dev error on all the pictures
 * (regularisation). {@code c3w1-learning-curves.png} in {@code --out} plots train and dev error against the
 * training-set size, one pair of lines per {@code lambd}, with the human level. The table and the two readings are
 * the results ({@code -q} keeps them). Run: {@code ./dls run c3w1-bias-variance [--sizes 26,52,104,209]
 * [--lambd 0,100] [--human-level 0.01] [--layers 12288,20,7,5,1]}.
 */
public final class BiasVarianceDiagnosis {

    /** What to train: Course 1's two-layer model on four training-set sizes, two L2 strengths. */
    @Command(name = "c3w1-bias-variance", description = "Course 3 week 1: avoidable bias and variance of the cat "
            + "classifier at several training-set sizes and L2 strengths, what to do next, learning curves.")
    public static final class Options extends CatModelOptions {

        @Option(names = "--sizes", split = ",", paramLabel = "M",
                description = "Training-set sizes, random subsets of the 209 pictures (default: ${DEFAULT-VALUE}).")
        public List<Integer> sizes = new ArrayList<>(List.of(26, 52, 104, 209));

        @Option(names = "--lambd", split = ",", paramLabel = "LAMBD",
                description = "L2 strengths, 0 for none (default: ${DEFAULT-VALUE}).")
        public List<Double> lambds = new ArrayList<>(List.of(0.0, 100.0));

        @Option(names = "--human-level", paramLabel = "ERROR", description = "Human-level error, the proxy for Bayes "
                + "error, as a fraction (default: ${DEFAULT-VALUE}, the lectures' cat example: 1 %).")
        public double humanLevel = 0.01;

        public Options() {
            super(DeepNetworkApplication.TWO_LAYER_DIMS);
        }

        @Override
        public void validate() {
            super.validate();
            OptionChecks.notEmpty("--sizes", sizes, "the training-set sizes, e.g. 26,52,104,209");
            for (int m : sizes) {
                OptionChecks.between("--sizes", m, 1, 209);
            }
            OptionChecks.notEmpty("--lambd", lambds, "the L2 strengths, e.g. 0,30");
            for (double lambd : lambds) {
                OptionChecks.nonNegative("--lambd", lambd);
            }
            OptionChecks.between("--human-level", humanLevel, 0, 1);
        }
    }

    /** One trained model: its training-set size, L2 strength, errors and their reading. */
    public record Row(int size, double lambd, double trainError, double devError, ErrorLadder ladder) {
    }

    /** Every model in training order (by {@code lambd}, then size), the readings and the plot. */
    public record Result(List<Row> rows, List<String> readings, Path plot) {

        /** The row of size {@code m} and strength {@code lambd}. */
        public Row row(int m, double lambd) {
            return rows.stream().filter(r -> r.size() == m && r.lambd() == lambd).findFirst().orElseThrow();
        }
    }

    private BiasVarianceDiagnosis() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), BiasVarianceDiagnosis::run, args));
    }

    /** The lesson, top to bottom. The command line and the tests both run this. */
    public static Result run(Options options, Report report) {
        CatPictures train = CatPictures.train();
        CatPictures dev = CatPictures.dev();
        report.say("Cat classifier " + options.model() + ", " + options.iterations + " iterations at learning rate "
                + NumpyFormat.repr(options.learningRate) + "; training sets drawn from the " + train.size()
                + " training pictures (numpy seed " + options.seed + "), dev set: the " + dev.size()
                + " pictures of the course's test file");
        List<Integer> sizes = options.sizes.stream().distinct().sorted().toList();
        List<Double> lambds = options.lambds.stream().distinct().toList();
        List<Row> rows = new ArrayList<>();
        long steps = (long) sizes.size() * lambds.size() * options.iterations;
        try (Progress progress = report.progress("Training", steps)) {
            for (double lambd : lambds) {
                for (int m : sizes) {
                    CatPictures subset = train.first(m, options.seed);
                    long done = (long) rows.size() * options.iterations;
                    CatModels.Trained model = CatModels.train(options.layers, subset, options.learningRate,
                            options.iterations, lambd, options.seed, 100, (i, cost) -> progress.stepTo(done + i + 1));
                    Row row = diagnose(m, lambd, model.errorRate(subset), model.errorRate(dev), options.humanLevel);
                    rows.add(row);
                    report.say(String.format(Locale.ROOT, "m = %3d, lambd = %s: cost %.6f, train error %s, dev error %s"
                            + " (%.1f s)", m, NumpyFormat.repr(lambd), model.costs().last(), percent(row.trainError()),
                            percent(row.devError()), model.trainingNanos() / 1e9));
                }
            }
        }
        report.say("");
        table(rows, options.humanLevel).forEach(report::result);
        report.say("");
        Map<Problem, ErrorLadder.Gap> seen = new LinkedHashMap<>();
        rows.forEach(r -> seen.putIfAbsent(r.ladder().focus().problem(), r.ladder().focus()));
        seen.forEach((problem, gap) -> report.say(problem.label() + " (" + gap.measuredAs() + "): "
                + problem.remedy()));
        List<String> readings = readings(rows, sizes, lambds);
        readings.forEach(report::result);
        Path plot = plot(rows, sizes, lambds, options);
        report.say("Wrote " + plot);
        return new Result(List.copyOf(rows), readings, plot);
    }

    /** The lectures' arithmetic for one model: the ladder human-level, train, dev and its gaps. */
    public static Row diagnose(int size, double lambd, double trainError, double devError, double humanLevel) {
        return new Row(size, lambd, trainError, devError, ErrorLadder.of(humanLevel, trainError, devError));
    }

    /** The "what to do next" table: one row per model. */
    static List<String> table(List<Row> rows, double humanLevel) {
        TextTable table = TextTable.of("m", "lambd", "human-level", "train error", "dev error", "avoidable bias",
                "variance", "focus on", "what to try");
        for (Row r : rows) {
            ErrorLadder.Gap focus = r.ladder().focus();
            table.row(Integer.toString(r.size()), NumpyFormat.repr(r.lambd()), percent(humanLevel),
                    percent(r.trainError()), percent(r.devError()),
                    percent(r.ladder().gap(Problem.AVOIDABLE_BIAS)), percent(r.ladder().gap(Problem.VARIANCE)),
                    focus.problem().label(), focus.problem().shortRemedy());
        }
        return table.lines();
    }

    /** What the learning curves and the L2 strengths showed, in numbers. */
    static List<String> readings(List<Row> rows, List<Integer> sizes, List<Double> lambds) {
        List<String> lines = new ArrayList<>();
        int smallest = sizes.get(0);
        int largest = sizes.get(sizes.size() - 1);
        double first = lambds.get(0);
        if (sizes.size() > 1) {
            Row small = find(rows, smallest, first);
            Row large = find(rows, largest, first);
            lines.add(String.format(Locale.ROOT, "More data (lambd %s): dev error %s at m = %d, %s at m = %d; train "
                    + "error %s and %s.", NumpyFormat.repr(first), percent(small.devError()), smallest,
                    percent(large.devError()), largest, percent(small.trainError()), percent(large.trainError())));
        }
        for (double lambd : lambds.subList(1, lambds.size())) {
            Row without = find(rows, largest, first);
            Row with = find(rows, largest, lambd);
            lines.add(String.format(Locale.ROOT, "Regularisation (m = %d): lambd %s moved train error from %s to %s "
                    + "and dev error from %s to %s.", largest, NumpyFormat.repr(lambd), percent(without.trainError()),
                    percent(with.trainError()), percent(without.devError()), percent(with.devError())));
        }
        return lines;
    }

    private static Row find(List<Row> rows, int m, double lambd) {
        return rows.stream().filter(r -> r.size() == m && r.lambd() == lambd).findFirst().orElseThrow();
    }

    private static Path plot(List<Row> rows, List<Integer> sizes, List<Double> lambds, Options options) {
        double[] m = sizes.stream().mapToDouble(Integer::doubleValue).toArray();
        LinePlot plot = LinePlot.titled("Learning curves: cat classifier " + options.model())
                .axes("training-set size m", "error");
        for (double lambd : lambds) {
            List<Row> curve = sizes.stream().map(size -> find(rows, size, lambd)).toList();
            String suffix = " (lambd " + NumpyFormat.repr(lambd) + ")";
            plot.line("train error" + suffix, m, curve.stream().mapToDouble(Row::trainError).toArray());
            plot.line("dev error" + suffix, m, curve.stream().mapToDouble(Row::devError).toArray());
        }
        double[] human = new double[m.length];
        Arrays.fill(human, options.humanLevel);
        plot.line("human-level error", m, human);
        return plot.save(options.out.resolve("c3w1-learning-curves.png"));
    }
}
