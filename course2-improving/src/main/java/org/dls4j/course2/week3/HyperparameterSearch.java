package org.dls4j.course2.week3;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.deeplearning4j.arbiter.ComputationGraphSpace;
import org.deeplearning4j.arbiter.GraphConfiguration;
import org.deeplearning4j.arbiter.conf.updater.AdamSpace;
import org.deeplearning4j.arbiter.layers.ActivationLayerSpace;
import org.deeplearning4j.arbiter.layers.BatchNormalizationSpace;
import org.deeplearning4j.arbiter.layers.DenseLayerSpace;
import org.deeplearning4j.arbiter.layers.OutputLayerSpace;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.integer.IntegerParameterSpace;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.BaseStatusListener;
import org.deeplearning4j.arbiter.scoring.impl.EvaluationScoreFunction;
import org.deeplearning4j.arbiter.task.ComputationGraphTaskCreator;
import org.deeplearning4j.arbiter.task.TaskListener;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.SignsData;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 2, week 3, "Hyperparameter tuning" and "Batch normalization", made runnable with DL4J's Arbiter: a random
 * search (not a grid) over the SIGNS network of {@link SignsClassifier}, sampling the learning rate on a log scale
 * ("0.0001 ... 1: sample r uniformly in [-4, 0], α = 10^r"), the first hidden layer's size and the mini-batch size,
 * once without and once with batch normalization (Dense → BatchNorm → ReLU, normalising Z before the activation as
 * the lectures do). Each candidate trains on the CS230 {@code train_signs} folder (864 images) and is scored by its
 * accuracy on the {@code val_signs} folder (216 images), the dev set; the test set is never looked at.
 *
 * <p>Both searches draw their candidates from the same seed, so candidate k has the same learning rate, hidden size
 * and mini-batch size with and without batch norm: a paired comparison. {@code --seed} (default 8, the
 * {@link SignsClassifier}'s {@code --init-seed}) seeds Arbiter's draws, every candidate's initialisation and the
 * shuffles ({@link NotebookMiniBatches}: epoch e with {@code seed + 1 + e}); all candidates of a run start from the
 * same initialisation seed.
 *
 * <p>What the learner sees: one line per finished candidate; a table of every trial sorted by dev accuracy; a
 * summary that says how batch norm changed the result (best and median dev accuracy, how many candidates learned at
 * all, paired wins, the learning rates that worked, how many first-layer ReLUs were still alive); and
 * {@code c2w3-search-dev-accuracy-vs-lr.png} (dev accuracy against the learning rate, log axis, both settings). The
 * table and the summary are the results ({@code -q} keeps them).
 *
 * <p>Arbiter is 1.0.0-beta7 (its last release) running on DL4J M2.1: the space needs {@code setInputTypes} or every
 * candidate fails with nIn = 0. Arbiter pauses 2 s after each candidate (a {@code System.gc()} and sleep in its
 * task runner). Run: {@code ./dls run c2w3-hyperparameter-search [--candidates 12] [--epochs 30]}.
 */
public final class HyperparameterSearch {

    /** The data parameter our generator adds to each candidate. */
    static final String MINI_BATCH_SIZE = "miniBatchSize";

    /** Which searches to run. */
    public enum BatchNorm {
        OFF, ON, BOTH;

        /** The settings searched, without batch norm first. */
        boolean[] settings() {
            return switch (this) {
                case OFF -> new boolean[] {false};
                case ON -> new boolean[] {true};
                case BOTH -> new boolean[] {false, true};
            };
        }
    }

    /** What to search: 12 candidates per setting, 30 epochs each, the ranges below. */
    @Command(name = "c2w3-hyperparameter-search",
            description = "Course 2 week 3: random hyperparameter search with Arbiter on the SIGNS network (learning "
                    + "rate log-uniform, hidden size, mini-batch size), with and without batch normalization.")
    public static final class Options extends AssignmentOptions {

        @Option(names = "--candidates", description = "Candidates per setting (without and with batch norm) "
                + "(default: ${DEFAULT-VALUE}).")
        public int candidates = 12;

        @Option(names = "--epochs", description = "Epochs per candidate (default: ${DEFAULT-VALUE}).")
        public int epochs = 30;

        @Option(names = "--lr-min", description = "Smallest learning rate (default: ${DEFAULT-VALUE}).")
        public double lrMin = 1e-5;

        @Option(names = "--lr-max", description = "Largest learning rate (default: ${DEFAULT-VALUE}).")
        public double lrMax = 0.1;

        @Option(names = "--hidden-min", description = "Smallest first hidden layer (notebook: 25) "
                + "(default: ${DEFAULT-VALUE}).")
        public int hiddenMin = 8;

        @Option(names = "--hidden-max", description = "Largest first hidden layer (default: ${DEFAULT-VALUE}).")
        public int hiddenMax = 64;

        @Option(names = "--mini-batch-sizes", split = ",", paramLabel = "SIZE",
                description = "Mini-batch sizes to draw from, comma-separated (default: ${DEFAULT-VALUE}).")
        public List<Integer> miniBatchSizes = new ArrayList<>(List.of(16, 32, 64, 128));

        @Option(names = "--batch-norm", description = "Search without batch norm (off), with it (on), or both "
                + "(default: ${DEFAULT-VALUE}).")
        public BatchNorm batchNorm = BatchNorm.BOTH;

        @Option(names = "--parallel", description = "Candidates trained at the same time (default: ${DEFAULT-VALUE}).")
        public int parallel = 1;

        @Option(names = "--seed", description = "Seeds Arbiter's draws, every candidate's initialisation and the "
                + "numpy shuffles (default: ${DEFAULT-VALUE}, SignsClassifier's --init-seed).")
        public long seed = new SignsClassifier.Options().initSeed;

        @Override
        public void validate() {
            OptionChecks.atLeast("--candidates", candidates, 1);
            OptionChecks.atLeast("--epochs", epochs, 1);
            OptionChecks.atLeast("--parallel", parallel, 1);
            OptionChecks.positive("--lr-min", lrMin);
            OptionChecks.positive("--lr-max", lrMax);
            if (!(lrMax > lrMin)) {
                throw new OptionException("--lr-max must be greater than --lr-min, but they are " + lrMax + " and "
                        + lrMin);
            }
            OptionChecks.atLeast("--hidden-min", hiddenMin, 1);
            OptionChecks.atLeast("--hidden-max", hiddenMax, hiddenMin);
            OptionChecks.notEmpty("--mini-batch-sizes", miniBatchSizes, "the sizes, e.g. 16,32,64");
            for (int size : miniBatchSizes) {
                OptionChecks.atLeast("--mini-batch-sizes", size, 1);
            }
            // the shuffles of epoch e use seed + 1 + e
            OptionChecks.numpySeed("--seed", seed, epochs);
        }
    }

    /** A data set in DL4J's layout: one example per row, one-hot labels. */
    public record Split(INDArray x, INDArray y) {
    }

    /** One trained candidate. {@code devAccuracy} is NaN and {@code failure} set when it failed. */
    public record Trial(int candidate, boolean batchNorm, double learningRate, int hiddenUnits, int miniBatchSize,
            double devAccuracy, double seconds, double aliveFirstLayer, String failure) {
    }

    /** Per-setting figures for the summary. */
    public record Summary(boolean batchNorm, int trials, Trial best, double medianDevAccuracy, int learned,
            double medianAliveFirstLayer) {
    }

    /** Every trial, best first, and the summaries (without, with batch norm; either may be null). */
    public record Result(List<Trial> trials, Summary withoutBatchNorm, Summary withBatchNorm, int pairedBatchNormWins,
            int paired, Path plot) {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), HyperparameterSearch::run, args));
    }

    /** SIGNS from the CS230 export folder, as DL4J rows. */
    static Split signs(String folder) {
        var split = SignsData.cs230(folder);
        return new Split(SignsClassifier.rows(split), split.oneHotRows());
    }

    // ------------------------------------------------------------------------------------------ the search space

    /**
     * The SIGNS network family as an Arbiter space: {@code nIn} → hidden (searched) → 12 → classes, Adam with a
     * log-uniform learning rate; with batch norm each hidden layer is Dense (no bias: BN's β replaces it) → BatchNorm
     * → ReLU.
     */
    public static ComputationGraphSpace space(int nIn, int classes, Options s, boolean batchNorm) {
        // a fresh leaf per space: Arbiter numbers the leaves of the space it is in
        ParameterSpace<Double> learningRate = new ContinuousParameterSpace(new LogUniformDistribution(s.lrMin,
                s.lrMax));
        ParameterSpace<Integer> hidden = new IntegerParameterSpace(s.hiddenMin, s.hiddenMax);
        ComputationGraphSpace.Builder b = new ComputationGraphSpace.Builder()
                .seed(s.seed)                               // same initialisation seed for every candidate
                .weightInit(WeightInit.XAVIER_UNIFORM)        // the notebook's Xavier initialiser
                .updater(new AdamSpace(learningRate))         // Adam; only its learning rate is searched
                .addInputs("X")
                .setInputTypes(InputType.feedForward(nIn))    // without this every candidate fails with nIn = 0
                .numEpochs(s.epochs);                       // each candidate trains this many epochs
        if (batchNorm) {
            b.addLayer("Z1", new DenseLayerSpace.Builder().nOut(hidden).activation(Activation.IDENTITY)
                            .hasBias(false).build(), "X")                             // Z1 = W1 X (no b1)
                    .addLayer("BN1", new BatchNormalizationSpace.Builder().build(), "Z1")  // γ·norm(Z1) + β
                    .addLayer("A1", new ActivationLayerSpace.Builder().activation(Activation.RELU).build(), "BN1")
                    .addLayer("Z2", new DenseLayerSpace.Builder().nOut(12).activation(Activation.IDENTITY)
                            .hasBias(false).build(), "A1")
                    .addLayer("BN2", new BatchNormalizationSpace.Builder().build(), "Z2")
                    .addLayer("A2", new ActivationLayerSpace.Builder().activation(Activation.RELU).build(), "BN2");
        } else {
            b.addLayer("A1", new DenseLayerSpace.Builder().nOut(hidden).activation(Activation.RELU).build(), "X")
                    .addLayer("A2", new DenseLayerSpace.Builder().nOut(12).activation(Activation.RELU).build(), "A1");
        }
        return b.addLayer("Z3", new OutputLayerSpace.Builder().nOut(classes).activation(Activation.SOFTMAX)
                        .lossFunction(LossFunctions.LossFunction.MCXENT).build(), "A2")   // softmax cross-entropy
                .setOutputs("Z3")
                .build();
    }

    /**
     * Arbiter's random search, plus a mini-batch size per candidate: Arbiter samples what is in the network space,
     * and a mini-batch size is a property of the data, which its generator keeps fixed; this one draws it from the
     * list with numpy's {@code choice} (seeded, so both searches get the same sizes).
     */
    static final class RandomSearchWithMiniBatch extends RandomSearchGenerator {
        private final int[] sizes;
        private final transient NumpyRandom rng;

        RandomSearchWithMiniBatch(ParameterSpace<?> space, List<Integer> sizes, long seed) {
            super(space, new HashMap<>());
            this.sizes = sizes.stream().mapToInt(Integer::intValue).toArray();
            this.rng = new NumpyRandom(seed);
            setRngSeed(seed);
        }

        @Override
        @SuppressWarnings({"rawtypes", "unchecked"})
        public Candidate getCandidate() {
            Candidate c = super.getCandidate();
            Map<String, Object> data = new HashMap<>();
            data.put(MINI_BATCH_SIZE, sizes[rng.choice(sizes.length)]);
            return new Candidate(c.getValue(), c.getIndex(), c.getFlatParameters(), data, c.getException());
        }
    }

    /** Hands Arbiter the training data shuffled in the candidate's mini-batch size, and the dev set for scoring. */
    static final class InMemoryData implements DataProvider {
        private static final long serialVersionUID = 1L;
        private final transient Split train;
        private final transient Split dev;
        private final long shuffleSeed;

        InMemoryData(Split train, Split dev, long shuffleSeed) {
            this.train = train;
            this.dev = dev;
            this.shuffleSeed = shuffleSeed;
        }

        @Override
        public Object trainData(Map<String, Object> dataParameters) {
            int size = (Integer) dataParameters.get(MINI_BATCH_SIZE);
            return new NotebookMiniBatches(train.x(), train.y(), size, shuffleSeed, DataType.FLOAT);
        }

        @Override
        public Object testData(Map<String, Object> dataParameters) {
            return new NotebookMiniBatches(dev.x(), dev.y(), 256, shuffleSeed, DataType.FLOAT);
        }

        @Override
        public Class<?> getDataType() {
            return DataSetIterator.class;
        }
    }

    /** After each candidate trains: how many first-layer ReLUs still fire for at least one dev example. */
    static final class AliveReluCounter implements TaskListener {
        private static final long serialVersionUID = 1L;
        private final transient INDArray devX;
        final transient Map<Integer, Double> aliveFraction = new ConcurrentHashMap<>();

        AliveReluCounter(INDArray devX) {
            this.devX = devX;
        }

        @Override
        public <T extends Model> T preProcess(T model, Candidate candidate) {
            return model;
        }

        @Override
        public void postProcess(Model model, Candidate candidate) {
            if (model instanceof ComputationGraph graph) {
                INDArray a1 = graph.feedForward(devX, false).get("A1");
                double alive = a1.max(0).gt(0.0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
                aliveFraction.put(candidate.getIndex(), alive);
            }
        }
    }

    /**
     * Runs one Arbiter search (one setting) and returns its trials in candidate order; says a line per finished
     * candidate.
     */
    public static List<Trial> search(Split train, Split dev, Options s, boolean batchNorm, Report report) {
        int nIn = (int) train.x().size(1);
        int classes = (int) train.y().size(1);
        ComputationGraphSpace space = space(nIn, classes, s, batchNorm);
        RandomSearchWithMiniBatch generator = new RandomSearchWithMiniBatch(space, s.miniBatchSizes, s.seed);
        OptimizationConfiguration configuration = new OptimizationConfiguration.Builder()
                .candidateGenerator(generator)
                .dataProvider(new InMemoryData(train, dev, s.seed))
                .scoreFunction(new EvaluationScoreFunction(Evaluation.Metric.ACCURACY))  // dev accuracy, maximised
                .terminationConditions(new MaxCandidatesCondition(s.candidates))
                .rngSeed(s.seed)
                .build();
        AliveReluCounter alive = new AliveReluCounter(dev.x());
        Map<Integer, Trial> trials = new ConcurrentHashMap<>();
        IOptimizationRunner runner = new LocalOptimizationRunner(s.parallel, configuration,
                new ComputationGraphTaskCreator(null, alive));   // no extra evaluator: the score function suffices
        try (Progress progress = report.progress(batchNorm ? "With batch norm" : "Without batch norm", s.candidates)) {
            runner.addListeners(new BaseStatusListener() {
                @Override
                public void onCandidateStatusChange(CandidateInfo info, IOptimizationRunner r,
                        OptimizationResult result) {
                    CandidateStatus status = info.getCandidateStatus();
                    if ((status != CandidateStatus.Complete && status != CandidateStatus.Failed) || result == null) {
                        return;
                    }
                    Trial t = trial(result.getCandidate(), batchNorm, status == CandidateStatus.Complete
                            ? result.getScore() : null, info,
                            alive.aliveFraction.getOrDefault(info.getIndex(), Double.NaN));
                    if (trials.putIfAbsent(t.candidate(), t) == null) {
                        report.say(describe(t));
                        progress.step();
                    }
                }
            });
            runner.execute();
        }
        // candidates that failed before training (e.g. an invalid configuration) have no result: report them too
        for (CandidateInfo info : runner.getCandidateStatus()) {
            if (!trials.containsKey(info.getIndex())) {
                Trial t = new Trial(info.getIndex(), batchNorm, Double.NaN, 0, 0, Double.NaN, 0, Double.NaN,
                        firstLine(info.getExceptionStackTrace()));
                trials.put(t.candidate(), t);
                report.say(describe(t));
            }
        }
        // with --parallel > 1 Arbiter may start a candidate or two beyond the limit: keep exactly the first ones
        List<Trial> list = new ArrayList<>(trials.values().stream().filter(t -> t.candidate() < s.candidates).toList());
        list.sort(Comparator.comparingInt(Trial::candidate));
        return list;
    }

    /** Reads the sampled hyperparameters back out of a candidate's DL4J configuration. */
    static Trial trial(Candidate<?> candidate, boolean batchNorm, Double score, CandidateInfo info, double alive) {
        ComputationGraphConfiguration conf = ((GraphConfiguration) candidate.getValue()).getConfiguration();
        FeedForwardLayer first = (FeedForwardLayer) ((LayerVertex) conf.getVertices().get(batchNorm ? "Z1" : "A1"))
                .getLayerConf().getLayer();
        double lr = ((Adam) ((BaseLayer) first).getIUpdater()).getLearningRate();
        int batch = (Integer) candidate.getDataParameters().get(MINI_BATCH_SIZE);
        double seconds = info.getStartTime() != null && info.getEndTime() != null
                ? (info.getEndTime() - info.getStartTime()) / 1000.0 : Double.NaN;
        String failure = score == null ? firstLine(info.getExceptionStackTrace()) : null;
        double accuracy = score == null ? Double.NaN : score;
        return new Trial(candidate.getIndex(), batchNorm, lr, (int) first.getNOut(), batch, accuracy, seconds, alive,
                failure);
    }

    private static String firstLine(String text) {
        if (text == null || text.isBlank()) {
            return "failed (no message)";
        }
        return text.lines().findFirst().orElse(text).trim();
    }

    static String describe(Trial t) {
        String setting = t.batchNorm() ? "with batch norm   " : "without batch norm";
        if (t.failure() != null) {
            return String.format(Locale.ROOT, "candidate %2d %s: FAILED: %s", t.candidate(), setting, t.failure());
        }
        return String.format(Locale.ROOT, "candidate %2d %s: learning rate %.3e, hidden %3d, mini-batch %3d -> "
                + "dev accuracy %.4f (%.1f s)", t.candidate(), setting, t.learningRate(), t.hiddenUnits(),
                t.miniBatchSize(), t.devAccuracy(), t.seconds());
    }

    // ------------------------------------------------------------------------------------------ the whole lesson

    /** Loads SIGNS (CS230 train and dev folders), runs the searches, prints and plots. The CLI runs this. */
    public static Result run(Options options, Report report) {
        Split train = signs("train_signs");
        Split dev = signs("val_signs");
        report.say("Random search with Arbiter: " + options.candidates + " candidates per setting, " + options.epochs
                + " epochs each; train " + train.x().size(0) + " (CS230 train_signs), dev " + dev.x().size(0)
                + " (CS230 val_signs)");
        return run(train, dev, options, report);
    }

    /** Runs the searches, prints the table and the batch-norm summary, and plots dev accuracy against the rate. */
    public static Result run(Split train, Split dev, Options options, Report report) {
        boolean[] batchNormSettings = options.batchNorm.settings();
        List<Trial> all = new ArrayList<>();
        Summary without = null;
        Summary with = null;
        for (boolean bn : batchNormSettings) {
            List<Trial> trials = search(train, dev, options, bn, report);
            all.addAll(trials);
            if (bn) {
                with = summarise(true, trials);
            } else {
                without = summarise(false, trials);
            }
        }
        all.sort(Comparator.comparingDouble((Trial t) -> Double.isNaN(t.devAccuracy()) ? -1 : t.devAccuracy())
                .reversed().thenComparingInt(Trial::candidate));
        reportTable(all, report);

        int paired = 0;
        int wins = 0;
        for (Trial a : all) {
            if (!a.batchNorm() || Double.isNaN(a.devAccuracy())) {
                continue;
            }
            for (Trial b : all) {
                if (!b.batchNorm() && b.candidate() == a.candidate() && !Double.isNaN(b.devAccuracy())) {
                    paired++;
                    wins += a.devAccuracy() > b.devAccuracy() ? 1 : 0;
                }
            }
        }
        reportSummary(without, with, paired, wins, report);

        LinePlot plot = LinePlot.titled("SIGNS dev accuracy vs learning rate (" + options.epochs + " epochs)")
                .axes("learning rate", "dev accuracy").logX();
        for (boolean bn : batchNormSettings) {
            double[] lr = all.stream().filter(t -> t.batchNorm() == bn && !Double.isNaN(t.devAccuracy()))
                    .mapToDouble(Trial::learningRate).toArray();
            double[] acc = all.stream().filter(t -> t.batchNorm() == bn && !Double.isNaN(t.devAccuracy()))
                    .mapToDouble(Trial::devAccuracy).toArray();
            if (lr.length > 0) {
                plot.scatter(bn ? "with batch norm" : "without batch norm", lr, acc);
            }
        }
        Path png = plot.save(options.out.resolve("c2w3-search-dev-accuracy-vs-lr.png"));
        report.say("Wrote " + png);
        return new Result(List.copyOf(all), without, with, wins, paired, png);
    }

    static Summary summarise(boolean batchNorm, List<Trial> trials) {
        double[] acc = trials.stream().filter(t -> !Double.isNaN(t.devAccuracy())).mapToDouble(Trial::devAccuracy)
                .sorted().toArray();
        Trial best = trials.stream().filter(t -> !Double.isNaN(t.devAccuracy()))
                .max(Comparator.comparingDouble(Trial::devAccuracy)).orElse(null);
        double median = median(acc);
        // "learned": clearly above the 1/6 of guessing a class
        int learned = (int) Arrays.stream(acc).filter(a -> a >= 0.5).count();
        return new Summary(batchNorm, trials.size(), best, median, learned, median(trials.stream()
                .filter(t -> !Double.isNaN(t.aliveFirstLayer())).mapToDouble(Trial::aliveFirstLayer).toArray()));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v.length == 0 ? Double.NaN : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    static void reportTable(List<Trial> sorted, Report report) {
        report.say("");
        report.result("rank  batch norm  learning rate  hidden  mini-batch  dev accuracy  alive ReLUs (layer 1)  seconds");
        int rank = 1;
        for (Trial t : sorted) {
            if (t.failure() != null) {
                report.result(String.format(Locale.ROOT, "%4d  %-10s  FAILED: %s", rank++, t.batchNorm() ? "yes" : "no",
                        t.failure()));
                continue;
            }
            report.result(String.format(Locale.ROOT, "%4d  %-10s  %13.3e  %6d  %10d  %12.4f  %21s  %7.1f", rank++,
                    t.batchNorm() ? "yes" : "no", t.learningRate(), t.hiddenUnits(), t.miniBatchSize(),
                    t.devAccuracy(), Double.isNaN(t.aliveFirstLayer()) ? "?" : String.format(Locale.ROOT, "%.0f %%",
                            100 * t.aliveFirstLayer()), t.seconds()));
        }
    }

    static void reportSummary(Summary without, Summary with, int paired, int wins, Report report) {
        report.say("");
        for (Summary s : new Summary[] {without, with}) {
            if (s == null) {
                continue;
            }
            report.result(String.format(Locale.ROOT, "%-19s best dev accuracy %s, median %.4f, %d of %d candidates "
                    + "above 0.5, median %.0f %% of first-layer ReLUs alive", s.batchNorm() ? "With batch norm:"
                    : "Without batch norm:", s.best() == null ? "n/a" : String.format(Locale.ROOT, "%.4f (learning "
                    + "rate %.2e, hidden %d, mini-batch %d)", s.best().devAccuracy(), s.best().learningRate(),
                    s.best().hiddenUnits(), s.best().miniBatchSize()), s.medianDevAccuracy(), s.learned(), s.trials(),
                    100 * s.medianAliveFirstLayer()));
        }
        if (without != null && with != null && without.best() != null && with.best() != null) {
            report.result(String.format(Locale.ROOT, "Batch norm won %d of %d paired candidates (same learning rate, "
                    + "hidden size and mini-batch size).", wins, paired));
            double delta = with.medianDevAccuracy() - without.medianDevAccuracy();
            report.result(String.format(Locale.ROOT, "How batch norm changed the result: the median dev accuracy went "
                    + "%s by %.4f and the best changed by %+.4f.", delta >= 0 ? "up" : "down", Math.abs(delta),
                    with.best().devAccuracy() - without.best().devAccuracy()));
            if (without.medianAliveFirstLayer() < with.medianAliveFirstLayer()) {
                report.say(String.format(Locale.ROOT, "Why: without it only %.0f %% of the first-layer ReLUs still "
                        + "fire for some dev image (median), with it %.0f %%. Z1 sums 12288 non-negative pixels times "
                        + "weights that Adam moves by about the learning rate each, mostly in the same direction, so a "
                        + "few steps push a unit below zero for every image and it never learns again; batch norm "
                        + "re-centres and re-scales Z1 on every mini-batch, which keeps the units alive and makes "
                        + "larger learning rates usable.", 100 * without.medianAliveFirstLayer(),
                        100 * with.medianAliveFirstLayer()));
            }
        }
    }
}
