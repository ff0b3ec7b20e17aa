package org.dls4j.course3.week2;

import static org.dls4j.course3.ErrorLadder.percent;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.course3.ConvNetTraining;
import org.dls4j.course3.Degradation;
import org.dls4j.course3.ErrorLadder;
import org.dls4j.course3.PictureStatistics;
import org.dls4j.course3.Problem;
import org.dls4j.course3.SignsPictures;
import org.dls4j.course3.TextTable;
import org.dls4j.course4.week1.SignsConvNet;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.KerasFitOptions;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.plot.ImageGrid;
import org.dls4j.shared.plot.LinePlot;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 3, week 2, "Bias and variance with mismatched data distributions" and "Addressing data mismatch": Course
 * 4's SIGNS ConvNet ({@link SignsConvNet}) is trained on clean pictures (the CS230 {@code train_signs} folder, less
 * {@code --train-dev} pictures kept out as the train-dev set), while the pictures it is meant for, the dev and test
 * sets, come from another distribution: the {@code val_signs} and {@code test_signs} pictures as a phone in a dim
 * room would take them ({@link Degradation}: blurred, darker, noisy). The four errors are measured and read as the
 * lecture does: avoidable bias = train - human-level, variance = train-dev - train, data mismatch = dev - train-dev,
 * overfitting to dev = test - dev.
 *
 * <p>Then the lecture's remedy: error analysis of train against dev (their pictures' mean brightness, contrast and
 * sharpness, printed), and artificial data synthesis: the same network trained again with {@code --synthesize} of
 * the training pictures (and the same share of train-dev, which must stay the training distribution) replaced by
 * degraded versions, drawn independently of the dev and test pictures. The table has one row per training set;
 * {@code c3w2-data-mismatch.png} plots the error levels of both, and {@code c3w2-data-mismatch-pictures.png} shows
 * clean training pictures above their degraded versions. Run: {@code ./dls run c3w2-data-mismatch [--synthesize
 * 0.5] [--epochs 20]}.
 */
public final class DataMismatch {

    /** The data, the degradation and the training. */
    @Command(name = "c3w2-data-mismatch", description = "Course 3 week 2: a SIGNS ConvNet trained on clean pictures,"
            + " dev/test from degraded ones: train / train-dev / dev / test errors, bias, variance and data mismatch;"
            + " then artificial data synthesis.")
    public static final class Options extends KerasFitOptions {

        @Option(names = "--train-dev", paramLabel = "N", description = "train_signs pictures kept out of training "
                + "as the train-dev set (default: ${DEFAULT-VALUE}).")
        public int trainDev = 100;

        @Option(names = "--human-level", paramLabel = "ERROR", description = "Human-level error on the signs, as a "
                + "fraction (default: ${DEFAULT-VALUE}, assumed: a person misreads about one sign in a hundred).")
        public double humanLevel = 0.01;

        @Option(names = "--max-blur", description = "Largest box-blur radius of the dev/test pictures, in pixels "
                + "(default: ${DEFAULT-VALUE}).")
        public int maxBlur = 3;

        @Option(names = "--brightness", split = ",", paramLabel = "LOW,HIGH", description = "Range of the dev/test "
                + "pictures' brightness factor (default: ${DEFAULT-VALUE}).")
        public double[] brightness = {0.3, 0.6};

        @Option(names = "--noise", description = "Standard deviation of the dev/test pictures' noise "
                + "(default: ${DEFAULT-VALUE}).")
        public double noise = 0.0;

        @Option(names = "--synthesize", paramLabel = "FRACTION", description = "Degraded copies of this share of "
                + "the training pictures are added in the second run; 0 skips it (default: ${DEFAULT-VALUE}).")
        public double synthesize = 0.5;

        @Option(names = "--filters", paramLabel = "F", description = "Filters of the first convolution, twice as "
                + "many in the second (default: ${DEFAULT-VALUE}; Course 4's network: 8).")
        public int filters = 16;

        /** 20 epochs of mini-batches of 32, Adam at 0.005, numpy and DL4J seeds 1. */
        public Options() {
            super(20, 32, 0.005, 1, 1);
        }

        @Override
        public void validate() {
            super.validate();
            OptionChecks.between("--train-dev", trainDev, 10, 432);
            OptionChecks.between("--human-level", humanLevel, 0, 1);
            OptionChecks.between("--max-blur", maxBlur, 0, 16);
            if (brightness.length != 2) {
                throw new OptionException("--brightness needs two numbers LOW,HIGH, e.g. 0.3,0.6,"
                        + " not " + brightness.length);
            }
            OptionChecks.between("--brightness", brightness[0], 0.01, 1);
            OptionChecks.between("--brightness", brightness[1], brightness[0], 1);
            OptionChecks.between("--noise", noise, 0, 1);
            OptionChecks.between("--synthesize", synthesize, 0, 1);
            OptionChecks.atLeast("--filters", filters, 1);
            // the synthesized copies are drawn with seed + 3 and seed + 4
            OptionChecks.numpySeed("--seed", seed, Math.max(epochs, 4));
        }

        Degradation degradation() {
            return new Degradation(maxBlur, brightness[0], brightness[1], noise);
        }
    }

    /** One training set's errors and their reading. */
    public record Run(String trainedOn, ErrorLadder ladder) {
    }

    /** The runs (clean first), the pictures' statistics (train, dev) and the plots. */
    public record Result(List<Run> runs, PictureStatistics trainPictures, PictureStatistics devPictures,
            List<Path> plots) {
    }

    private DataMismatch() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), DataMismatch::run, args));
    }

    /** The lesson, top to bottom. The command line and the tests both run this. */
    public static Result run(Options options, Report report) {
        Degradation degradation = options.degradation();
        SignsPictures[] split = SignsPictures.folder("train_signs").split(options.trainDev, options.seed);
        SignsPictures trainDev = split[0];
        SignsPictures train = split[1];
        SignsPictures devClean = SignsPictures.folder("val_signs");
        SignsPictures testClean = SignsPictures.folder("test_signs");
        SignsPictures dev = devClean.withPictures(degradation.apply(devClean.pictures(), options.seed + 1));
        SignsPictures test = testClean.withPictures(degradation.apply(testClean.pictures(), options.seed + 2));
        report.say("Training distribution: clean SIGNS pictures, train " + train.size() + " and train-dev "
                + trainDev.size() + " (CS230 train_signs); dev " + dev.size() + " (val_signs) and test " + test.size()
                + " (test_signs) degraded: " + describe(degradation));

        PictureStatistics trainStats = PictureStatistics.meanChannelsFirst(train.pictures());
        PictureStatistics devStats = PictureStatistics.meanChannelsFirst(dev.pictures());
        report.say("Error analysis, train vs dev pictures (means): brightness " + fixed(trainStats.brightness())
                + " vs " + fixed(devStats.brightness()) + ", contrast " + fixed(trainStats.contrast()) + " vs "
                + fixed(devStats.contrast()) + ", sharpness " + fixed(trainStats.sharpness()) + " vs "
                + fixed(devStats.sharpness()));

        List<Run> runs = new ArrayList<>();
        int trainings = options.synthesize > 0 ? 2 : 1;
        try (Progress progress = report.progress("Training", (long) trainings * options.epochs)) {
            runs.add(train("clean pictures", train, trainDev, dev, test, options, progress, report));
            if (options.synthesize > 0) {
                SignsPictures mixedTrain = synthesized(train, options.synthesize, degradation, options.seed + 3);
                SignsPictures mixedTrainDev = synthesized(trainDev, options.synthesize, degradation,
                        options.seed + 4);
                String name = String.format(Locale.ROOT, "clean + %.0f %% synthesized", 100 * options.synthesize);
                runs.add(train(name, mixedTrain, mixedTrainDev, dev, test, options, progress, report));
            }
        }
        report.say("");
        table(runs).forEach(report::result);
        for (Run run : runs) {
            ErrorLadder.Gap focus = run.ladder().focus();
            report.result(String.format(Locale.ROOT, "Trained on %s: the largest gap is %s (%s = %s): %s.",
                    run.trainedOn(), focus.problem().label(), focus.measuredAs(), percent(focus.size()),
                    focus.problem().remedy()));
        }
        List<Path> plots = List.of(plot(runs, options.out.resolve("c3w2-data-mismatch.png")),
                pictures(train, degradation, options.seed, options.out.resolve("c3w2-data-mismatch-pictures.png")));
        plots.forEach(p -> report.say("Wrote " + p));
        return new Result(List.copyOf(runs), trainStats, devStats, plots);
    }

    /** Trains the ConvNet on {@code train} and measures the four errors. */
    private static Run train(String trainedOn, SignsPictures train, SignsPictures trainDev, SignsPictures dev,
            SignsPictures test, Options options, Progress progress, Report report) {
        ComputationGraph graph = SignsConvNet.graph(SignsConvNet.Version.KERAS, options.initSeed, options.learningRate,
                options.filters, 2 * options.filters);
        long start = System.nanoTime();
        ConvNetTraining.train(graph, train.dataSet(SignsPictures.ALL_DIGITS), options.epochs, options.batchSize,
                options.seed, progress);
        ErrorLadder ladder = ErrorLadder.of(options.humanLevel, error(graph, train), error(graph, trainDev),
                error(graph, dev), error(graph, test));
        report.say(String.format(Locale.ROOT, "Trained on %s (%.1f s): train %s, train-dev %s, dev %s, test %s",
                trainedOn, (System.nanoTime() - start) / 1e9, percent(ladder.error("train")),
                percent(ladder.error("train-dev")), percent(ladder.error("dev")), percent(ladder.error("test"))));
        return new Run(trainedOn, ladder);
    }

    private static double error(ComputationGraph graph, SignsPictures pictures) {
        return ConvNetTraining.errorRate(graph, pictures.dataSet(SignsPictures.ALL_DIGITS));
    }

    /**
     * {@code pictures} followed by degraded copies of the share {@code fraction} of them (the first of a numpy
     * permutation, in that order): artificial data synthesis, the clean pictures kept.
     */
    static SignsPictures synthesized(SignsPictures pictures, double fraction, Degradation degradation, long seed) {
        int count = (int) Math.round(fraction * pictures.size());
        if (count == 0) {
            return pictures;
        }
        SignsPictures chosen = pictures.select(Arrays.copyOf(new NumpyRandom(seed).permutation(pictures.size()),
                count));
        return pictures.and(chosen.withPictures(degradation.apply(chosen.pictures(), seed)));
    }

    /** The lecture's table: one row per training set. */
    static List<String> table(List<Run> runs) {
        TextTable table = TextTable.of("trained on", "human-level", "train", "train-dev", "dev", "test",
                "avoidable bias", "variance", "data mismatch", "overfitting to dev", "focus on");
        for (Run run : runs) {
            ErrorLadder l = run.ladder();
            table.row(run.trainedOn(), percent(l.error("human-level")), percent(l.error("train")),
                    percent(l.error("train-dev")), percent(l.error("dev")), percent(l.error("test")),
                    percent(l.gap(Problem.AVOIDABLE_BIAS)), percent(l.gap(Problem.VARIANCE)),
                    percent(l.gap(Problem.DATA_MISMATCH)), percent(l.gap(Problem.DEV_OVERFITTING)),
                    l.focus().problem().label());
        }
        return table.lines();
    }

    private static Path plot(List<Run> runs, Path png) {
        LinePlot plot = LinePlot.titled("Error levels: 0 human-level, 1 train, 2 train-dev, 3 dev, 4 test")
                .axes("level", "error");
        for (Run run : runs) {
            double[] levels = new double[run.ladder().levels().size()];
            double[] errors = new double[levels.length];
            for (int i = 0; i < levels.length; i++) {
                levels[i] = i;
                errors[i] = run.ladder().levels().get(i).error();
            }
            plot.line("trained on " + run.trainedOn(), levels, errors);
        }
        return plot.save(png);
    }

    /** Eight training pictures, clean above and degraded below. */
    private static Path pictures(SignsPictures train, Degradation degradation, long seed, Path png) {
        SignsPictures eight = train.select(new int[] {0, 1, 2, 3, 4, 5, 6, 7});
        INDArray degraded = degradation.apply(eight.pictures(), seed);
        List<BufferedImage> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int row = 0; row < 2; row++) {
            INDArray source = row == 0 ? eight.pictures() : degraded;
            for (int i = 0; i < eight.size(); i++) {
                images.add(Images.toImage(source.slice(i).permute(1, 2, 0).mul(255.0)));
                captions.add((row == 0 ? "train: " : "dev-like: ") + eight.digit(i));
            }
        }
        return ImageGrid.save(images, captions, 8, png);
    }

    private static String describe(Degradation d) {
        return String.format(Locale.ROOT, "box blur up to %d px, brightness x%.2f-%.2f, noise %.2f", d.maxBlur(),
                d.minBrightness(), d.maxBrightness(), d.noise());
    }

    private static String fixed(double value) {
        return String.format(Locale.ROOT, "%.4f", value);
    }
}
