package org.dls4j.course3.week2;

import static org.dls4j.course3.ErrorLadder.percent;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.course3.ConvNetTraining;
import org.dls4j.course3.SignsPictures;
import org.dls4j.course3.TextTable;
import org.dls4j.course4.week1.SignsConvNet;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.KerasFitOptions;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.graph.GraphSummary;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.plot.LinePlot;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 3, week 2, "Transfer learning", with DL4J's {@code TransferLearning} API: Course 4's SIGNS ConvNet
 * ({@link SignsConvNet}, here with 16 and 32 filters) is pre-trained on the hand signs 0, 1 and 2 (task A: all 540
 * of their CS230 train and val pictures), then its convolutions are frozen ({@code setFeatureExtractor("P2")}), its
 * softmax is replaced by a new head for the signs 3, 4 and 5 (task B), and only the head is trained, on a few
 * pictures of task B. The same network trained from scratch on the same pictures is the comparison, at several
 * training-set sizes (5 to 140 pictures per sign); every task B model gets at least {@code --steps} Adam steps and
 * {@code --min-epochs} epochs.
 * Both are measured on the 165 held-out pictures of signs 3-5 (the CS230 val and test folders).
 *
 * <p>What the learner sees: task A's training and its accuracy on the held-out signs 0-2, the transferred network's
 * summary (frozen and trainable parameters), one line per size, the table (pictures per sign, from scratch,
 * transferred, the difference) and {@code c3w2-transfer-learning.png} in {@code --out}: accuracy against the
 * training-set size, both lines. Whether the frozen features pay is the lecture's question: transfer helps when A
 * has a lot more data than B and A's low-level features help B; the table says whether they did here.
 * {@code --source-digits} and {@code --target-digits} choose other tasks. Run: {@code ./dls run
 * c3w2-transfer-learning [--per-digit 5,20,140] [--steps 300] [--filters 16]}.
 */
public final class TransferLearning {

    /** The last frozen layer of the transferred network: both convolutions and their pooling. */
    public static final String FROZEN_UNTIL = "P2";
    /** The new head's name. */
    public static final String HEAD = "head";

    /** The two tasks and how every model is trained. */
    @Command(name = "c3w2-transfer-learning", description = "Course 3 week 2: DL4J's TransferLearning API: pre-train "
            + "the SIGNS ConvNet on signs 0-2, freeze its convolutions, train a new head on signs 3-5; against "
            + "training from scratch at several training-set sizes.")
    public static final class Options extends KerasFitOptions {

        @Option(names = "--source-digits", split = ",", paramLabel = "D",
                description = "Task A, the pre-training signs (default: ${DEFAULT-VALUE}).")
        public int[] sourceDigits = {0, 1, 2};

        @Option(names = "--target-digits", split = ",", paramLabel = "D",
                description = "Task B, the new head's signs (default: ${DEFAULT-VALUE}).")
        public int[] targetDigits = {3, 4, 5};

        @Option(names = "--per-digit", split = ",", paramLabel = "N", description = "Task B training pictures per "
                + "sign, one comparison each (train_signs has 141-149 per sign; default: ${DEFAULT-VALUE}).")
        public List<Integer> perDigit = new ArrayList<>(List.of(5, 20, 140));

        @Option(names = "--filters", paramLabel = "F", description = "Filters of the first convolution, twice as "
                + "many in the second (default: ${DEFAULT-VALUE}; Course 4's network: 8).")
        public int filters = 16;

        @Option(names = "--steps", description = "At least this many Adam steps for every task B model, whatever its "
                + "training-set size (default: ${DEFAULT-VALUE}).")
        public int steps = 300;

        @Option(names = "--min-epochs", description = "And at least this many epochs (default: ${DEFAULT-VALUE}).")
        public int minEpochs = 40;

        /** Task A: 30 epochs of mini-batches of 32; both tasks: Adam at 0.005; numpy and DL4J seeds 1. */
        public Options() {
            super(30, 32, 0.005, 1, 1);
        }

        @Override
        public void validate() {
            super.validate();
            checkDigits("--source-digits", sourceDigits);
            checkDigits("--target-digits", targetDigits);
            for (int d : sourceDigits) {
                if (Arrays.stream(targetDigits).anyMatch(t -> t == d)) {
                    throw new OptionException("--source-digits and --target-digits must not share a sign, but both "
                            + "have " + d);
                }
            }
            OptionChecks.notEmpty("--per-digit", perDigit, "the pictures per sign, e.g. 5,10,20");
            for (int n : perDigit) {
                OptionChecks.between("--per-digit", n, 1, 140);
            }
            OptionChecks.atLeast("--filters", filters, 1);
            OptionChecks.atLeast("--steps", steps, 1);
            OptionChecks.atLeast("--min-epochs", minEpochs, 1);
            // a task B model of one mini-batch per epoch trains --steps epochs
            OptionChecks.numpySeed("--seed", seed, Math.max(Math.max(epochs, steps), minEpochs));
        }

        private static void checkDigits(String option, int[] digits) {
            if (digits.length < 2 || Arrays.stream(digits).distinct().count() != digits.length) {
                throw new OptionException(option + " needs at least two different signs, e.g. 0,1,2, not "
                        + Arrays.toString(digits));
            }
            for (int d : digits) {
                OptionChecks.between(option, d, 0, 5);
            }
        }
    }

    /** One training-set size: held-out accuracy from scratch and transferred. */
    public record SizePoint(int perDigit, int pictures, double scratchAccuracy, double transferAccuracy) {
    }

    /** Task A's held-out accuracy, the transferred network's parameter counts, the comparison and the plot. */
    public record Result(double sourceAccuracy, long frozenParameters, long trainableParameters, List<SizePoint> sizes,
            Path plot) {
    }

    private TransferLearning() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), TransferLearning::run, args));
    }

    /**
     * {@code pretrained} with its layers up to {@link #FROZEN_UNTIL} frozen (or none, for {@code freeze} false), its
     * softmax removed and a new softmax head of {@code classes} units on the flattened {@code P2} maps, all
     * trainable layers trained by Adam at {@code learningRate}.
     */
    public static ComputationGraph withNewHead(ComputationGraph pretrained, boolean freeze, int classes,
            double learningRate, long seed) {
        return withNewHead(pretrained, freeze ? FROZEN_UNTIL : null, classes, learningRate, seed);
    }

    /** The same, frozen up to {@code frozenUntil} ({@code P1} or {@code P2}; null: nothing frozen). */
    public static ComputationGraph withNewHead(ComputationGraph pretrained, String frozenUntil, int classes,
            double learningRate, long seed) {
        FineTuneConfiguration training = new FineTuneConfiguration.Builder()
                .updater(new Adam(learningRate))
                .seed(seed)
                .build();
        // DL4J's TransferLearning API (its class shares this lesson's name, hence the full name)
        org.deeplearning4j.nn.transferlearning.TransferLearning.GraphBuilder builder =
                new org.deeplearning4j.nn.transferlearning.TransferLearning.GraphBuilder(pretrained)
                        .fineTuneConfiguration(training);
        if (frozenUntil != null) {
            builder.setFeatureExtractor(frozenUntil);      // e.g. P2: A1, P1, A2, P2 keep their weights
        }
        int features = (int) pretrained.getLayer("outputs").getParam("W").size(0);
        // the old head's flattening of the (filters, 2, 2) maps, for the new head
        InputPreProcessor flatten = ((LayerVertex) pretrained.getConfiguration().getVertices().get("outputs"))
                .getPreProcessor();
        builder.removeVertexAndConnections("outputs")
                .addLayer(HEAD, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(features)
                        .nOut(classes).weightInit(WeightInit.XAVIER_UNIFORM).activation(Activation.SOFTMAX).build(),
                        flatten, FROZEN_UNTIL)
                .setOutputs(HEAD);
        return Graphs.transferred(pretrained, builder);
    }

    /** The lesson, top to bottom. The command line and the tests both run this. */
    public static Result run(Options options, Report report) {
        SignsPictures trainFolder = SignsPictures.folder("train_signs");
        SignsPictures heldOut = SignsPictures.folder("val_signs").and(SignsPictures.folder("test_signs"));
        SignsPictures taskA = trainFolder.and(SignsPictures.folder("val_signs")).only(options.sourceDigits);
        SignsPictures taskATest = SignsPictures.folder("test_signs").only(options.sourceDigits);
        SignsPictures taskBPool = trainFolder.only(options.targetDigits);
        DataSet taskBTest = heldOut.only(options.targetDigits).dataSet(options.targetDigits);
        report.say("Task A: signs " + Arrays.toString(options.sourceDigits) + ", " + taskA.size() + " pictures (CS230 "
                + "train and val); task B: signs " + Arrays.toString(options.targetDigits) + ", up to "
                + taskBPool.size() + " train_signs pictures, measured on " + taskBTest.numExamples()
                + " held-out ones (val and test)");

        // task A: the whole network, six-way softmax (the signs of B never appear), then measured on its test signs
        ComputationGraph pretrained = network(options, options.initSeed);
        try (Progress progress = report.progress("Task A", options.epochs)) {
            ConvNetTraining.train(pretrained, taskA.dataSet(SignsPictures.ALL_DIGITS), options.epochs,
                    options.batchSize, options.seed, progress);
        }
        double sourceAccuracy = 1 - ConvNetTraining.errorRate(pretrained,
                taskATest.dataSet(SignsPictures.ALL_DIGITS));
        report.result(String.format(Locale.ROOT, "Task A (signs %s) after %d epochs: held-out accuracy %s",
                Arrays.toString(options.sourceDigits), options.epochs, percent(sourceAccuracy)));

        int classes = options.targetDigits.length;
        GraphSummary summary = GraphSummary.of(withNewHead(pretrained, true, classes, options.learningRate,
                options.initSeed), 3, SignsConvNet.SIDE, SignsConvNet.SIDE);
        report.say("The transferred network (convolutions frozen up to " + FROZEN_UNTIL + ", new head '" + HEAD
                + "'):");
        report.say(summary.table());

        List<SizePoint> points = new ArrayList<>();
        try (Progress progress = report.progress("Task B", 2L * options.perDigit.size())) {
            for (int n : options.perDigit) {
                SignsPictures picked = taskBPool.perDigit(n, options.seed);
                DataSet train = picked.dataSet(options.targetDigits);
                int epochs = epochsFor(options.steps, options.minEpochs, picked.size(), options.batchSize);
                ComputationGraph scratch = withNewHead(network(options, options.initSeed + 1), false, classes,
                        options.learningRate, options.initSeed);
                ConvNetTraining.train(scratch, train, epochs, options.batchSize, options.seed, Progress.NONE);
                progress.step();
                ComputationGraph transferred = withNewHead(pretrained, true, classes, options.learningRate,
                        options.initSeed);
                ConvNetTraining.train(transferred, train, epochs, options.batchSize, options.seed, Progress.NONE);
                progress.step();
                SizePoint point = new SizePoint(n, picked.size(), 1 - ConvNetTraining.errorRate(scratch, taskBTest),
                        1 - ConvNetTraining.errorRate(transferred, taskBTest));
                points.add(point);
                report.say(String.format(Locale.ROOT, "%d pictures per sign (%d, %d epochs): from scratch %s, "
                        + "transferred %s", n, picked.size(), epochs, percent(point.scratchAccuracy()),
                        percent(point.transferAccuracy())));
            }
        }
        report.say("");
        table(points).forEach(report::result);
        Path plot = plot(points, options.out.resolve("c3w2-transfer-learning.png"));
        report.say("Wrote " + plot);
        return new Result(sourceAccuracy, summary.nonTrainableParams(), summary.trainableParams(), List.copyOf(points),
                plot);
    }

    /** Course 4's SIGNS ConvNet (Keras version) with {@code --filters}, initialised from {@code seed}. */
    static ComputationGraph network(Options options, long seed) {
        return SignsConvNet.graph(SignsConvNet.Version.KERAS, seed, options.learningRate, options.filters,
                2 * options.filters);
    }

    /**
     * Epochs of {@code pictures} in batches of {@code miniBatchSize} that make at least {@code steps} steps, and at
     * least {@code minEpochs}.
     */
    static int epochsFor(int steps, int minEpochs, int pictures, int miniBatchSize) {
        int batchesPerEpoch = (pictures + miniBatchSize - 1) / miniBatchSize;
        return Math.max(minEpochs, (steps + batchesPerEpoch - 1) / batchesPerEpoch);
    }

    static List<String> table(List<SizePoint> points) {
        TextTable table = TextTable.of("pictures per sign", "training pictures", "from scratch", "transferred",
                "transferred - scratch");
        for (SizePoint p : points) {
            table.row(Integer.toString(p.perDigit()), Integer.toString(p.pictures()), percent(p.scratchAccuracy()),
                    percent(p.transferAccuracy()), String.format(Locale.ROOT, "%+.1f %%",
                            100 * (p.transferAccuracy() - p.scratchAccuracy())));
        }
        return table.lines();
    }

    private static Path plot(List<SizePoint> points, Path png) {
        double[] n = points.stream().mapToDouble(SizePoint::pictures).toArray();
        return LinePlot.titled("Task B (new signs): transfer learning vs from scratch")
                .axes("training pictures of task B", "held-out accuracy").logX()
                .line("from scratch", n, points.stream().mapToDouble(SizePoint::scratchAccuracy).toArray())
                .line("transferred (convolutions frozen)", n,
                        points.stream().mapToDouble(SizePoint::transferAccuracy).toArray())
                .save(png);
    }
}
