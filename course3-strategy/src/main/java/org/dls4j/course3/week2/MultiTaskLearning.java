package org.dls4j.course3.week2;

import static org.dls4j.course3.ErrorLadder.percent;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.course3.TextTable;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.KerasFitOptions;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.data.images.ShapeScenes;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.SigmoidCrossEntropy;
import org.dls4j.shared.plot.ImageGrid;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostRecorder;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 3, week 2, "Multi-task learning": one network answers several yes/no questions about a picture at once,
 * one sigmoid output per question, as the lecture's self-driving car detects pedestrians, cars, stop signs and
 * traffic lights in one image. The pictures are generated scenes ({@link ShapeScenes}: circles, squares and
 * triangles of random colour, size and place on a textured background); the tasks are "is there a circle / a
 * square / a triangle" (at least {@value #MIN_VISIBLE_PIXELS} pixels of it visible). As in the lecture's label
 * matrix with its "?" entries, part of the training labels are unknown: a share {@code --missing} of them, drawn at
 * random, plus every shape that shows only 1 to {@value #MIN_VISIBLE_PIXELS}-1 pixels (a labeller could not tell).
 * Unknown labels are left out of the loss with a DL4J label mask of the same shape as the labels: the loss is
 * {@code (1/m) sum_i sum_j over known labels of L(y_hat_j(i), y_j(i))}, the lecture's formula.
 *
 * <p>What the learner sees: how many labels are known per task; the masked loss of the untrained network beside the
 * same sum computed by hand over the known labels only (they agree to float32 rounding, and differ from the loss
 * over every entry); the training loss per epoch; and per task the share of scenes that have the shape and the
 * dev accuracy (all dev labels known). {@code c3w2-multi-task-scenes.png} shows training scenes with their labels
 * (1, 0, ?), {@code c3w2-multi-task-loss.png} the loss per epoch. Run: {@code ./dls run c3w2-multi-task-learning
 * [--missing 0.3] [--epochs 12]}.
 */
public final class MultiTaskLearning {

    /** A shape counts as present when at least this many of its pixels are visible. */
    public static final int MIN_VISIBLE_PIXELS = 10;
    /** The tasks: the shape classes of {@link ShapeScenes}, background excluded. */
    public static final List<String> TASKS = ShapeScenes.CLASS_NAMES.subList(1, ShapeScenes.CLASS_NAMES.size());

    /** The scenes, the unknown labels and the training. */
    @Command(name = "c3w2-multi-task-learning", description = "Course 3 week 2: one network, one sigmoid output per "
            + "task (circle, square, triangle present?), unknown labels masked out of the loss; per-task accuracy.")
    public static final class Options extends KerasFitOptions {

        @Option(names = "--train", paramLabel = "N", description = "Training scenes (default: ${DEFAULT-VALUE}).")
        public int train = 3000;

        @Option(names = "--dev", paramLabel = "N", description = "Dev scenes, all labels known (default: "
                + "${DEFAULT-VALUE}).")
        public int dev = 500;

        @Option(names = "--size", description = "Side of the scenes in pixels (default: ${DEFAULT-VALUE}).")
        public int size = 32;

        @Option(names = "--max-shapes", description = "At most this many shapes per scene (default: "
                + "${DEFAULT-VALUE}).")
        public int maxShapes = 3;

        @Option(names = "--missing", paramLabel = "FRACTION", description = "Share of the training labels made "
                + "unknown at random (default: ${DEFAULT-VALUE}).")
        public double missing = 0.3;

        /** 12 epochs of mini-batches of 32, Adam at 0.003, seeds 1. */
        public Options() {
            super(12, 32, 0.003, 1, 1);
        }

        @Override
        public void validate() {
            super.validate();
            OptionChecks.atLeast("--train", train, 10);
            OptionChecks.atLeast("--dev", dev, 10);
            OptionChecks.between("--size", size, 16, 128);
            OptionChecks.between("--max-shapes", maxShapes, 1, 8);
            OptionChecks.between("--missing", missing, 0, 0.9);
        }
    }

    /**
     * Scenes with their labels: {@code labels (m, tasks)} 1 present / 0 absent, and {@code mask (m, tasks)} 1 where
     * the label is known, 0 where it is unknown ("?").
     */
    public record LabelledScenes(INDArray pictures, INDArray labels, INDArray mask) {

        /** How many scenes. */
        public int size() {
            return (int) labels.size(0);
        }

        /** The DL4J data set: pictures, labels and the label mask. */
        public DataSet dataSet() {
            return new DataSet(pictures, labels, null, mask);
        }

        /** The scenes at these positions, in this order. */
        LabelledScenes rows(int[] positions) {
            long[] rows = Arrays.stream(positions).asLongStream().toArray();
            return new LabelledScenes(pictures.get(NDArrayIndex.indices(rows), NDArrayIndex.all(), NDArrayIndex.all(),
                    NDArrayIndex.all()).dup('c'), labels.get(NDArrayIndex.indices(rows), NDArrayIndex.all()).dup('c'),
                    mask.get(NDArrayIndex.indices(rows), NDArrayIndex.all()).dup('c'));
        }
    }

    /** One task's numbers. */
    public record TaskResult(String task, int knownTrainingLabels, double presentShare, double devAccuracy) {
    }

    /**
     * The masked loss of the untrained network on the training set beside the hand computation over the known labels,
     * and over every label; the loss per epoch; each task's results; the plots.
     */
    public record Result(double maskedLoss, double handLossKnownLabels, double lossAllLabels, CostCurve losses,
            List<TaskResult> tasks, List<Path> plots) {
    }

    private MultiTaskLearning() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), MultiTaskLearning::run, args));
    }

    /**
     * {@code count} generated scenes with their labels; with {@code missing} > 0 that share of the labels is unknown
     * (drawn from {@code seed}); slivers (1 to {@value #MIN_VISIBLE_PIXELS}-1 visible pixels) are unknown unless
     * {@code allKnown}.
     */
    public static LabelledScenes scenes(int count, int size, int maxShapes, long seed, double missing,
            boolean allKnown) {
        List<ShapeScenes.Scene> scenes = ShapeScenes.generate(count, size, maxShapes, seed);
        int tasks = TASKS.size();
        INDArray pictures = Nd4j.create(DataType.FLOAT, count, 3, size, size);
        float[] labels = new float[count * tasks];
        float[] mask = new float[count * tasks];
        SplittableRandom unknown = new SplittableRandom(seed + 1);
        for (int i = 0; i < count; i++) {
            ShapeScenes.Scene scene = scenes.get(i);
            pictures.putSlice(i, scene.image());
            int[] visible = new int[tasks + 1];
            for (int[] row : scene.mask()) {
                for (int c : row) {
                    visible[c]++;
                }
            }
            for (int t = 0; t < tasks; t++) {
                int pixels = visible[t + 1];
                labels[i * tasks + t] = pixels >= MIN_VISIBLE_PIXELS ? 1f : 0f;
                boolean sliver = pixels > 0 && pixels < MIN_VISIBLE_PIXELS;
                boolean dropped = unknown.nextDouble() < missing;
                mask[i * tasks + t] = allKnown || !(sliver || dropped) ? 1f : 0f;
            }
        }
        return new LabelledScenes(pictures, Nd4j.create(labels, new long[] {count, tasks}, 'c'),
                Nd4j.create(mask, new long[] {count, tasks}, 'c'));
    }

    /**
     * The network: three 3x3 convolutions (16, 32, 32 filters, ReLU, 2x2 max pooling after the first two), a global
     * max pooling (is the shape anywhere?) and one sigmoid unit per task, with the binary cross-entropy of each
     * output ({@link SigmoidCrossEntropy}, which multiplies each entry's loss by the label mask), Adam.
     */
    public static ComputationGraph network(int size, int tasks, double learningRate, long seed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(learningRate))
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("scene")
                .setInputTypes(InputType.convolutional(size, size, 3, CNN2DFormat.NCHW))
                .addLayer("conv1", conv(16), "scene")
                .addLayer("pool1", maxPool(), "conv1")
                .addLayer("conv2", conv(32), "pool1")
                .addLayer("pool2", maxPool(), "conv2")
                .addLayer("conv3", conv(32), "pool2")
                .addLayer("anywhere", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "conv3")
                // one sigmoid per task; the loss of each entry is multiplied by the label mask, summed over the
                // entries and divided by the number of examples m
                .addLayer("tasks", new OutputLayer.Builder(new SigmoidCrossEntropy()).nOut(tasks)
                        .activation(Activation.SIGMOID).build(), "anywhere")
                .setOutputs("tasks")
                .build();
        return Graphs.forTraining(conf);
    }

    private static ConvolutionLayer conv(int filters) {
        return new ConvolutionLayer.Builder(3, 3).nOut(filters).activation(Activation.RELU).build();
    }

    private static SubsamplingLayer maxPool() {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build();
    }

    /**
     * The lecture's loss by hand, in float64 from the network's outputs: {@code (1/m) sum over the entries with
     * mask 1 of -(y log(y_hat) + (1 - y) log(1 - y_hat))}; with {@code mask} null, over every entry.
     */
    public static double handLoss(INDArray probabilities, INDArray labels, INDArray mask) {
        double[] p = probabilities.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] y = labels.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] known = mask == null ? null : mask.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double sum = 0;
        for (int k = 0; k < p.length; k++) {
            if (known == null || known[k] != 0) {
                sum += -(y[k] * Math.log(p[k]) + (1 - y[k]) * Math.log(1 - p[k]));
            }
        }
        return sum / labels.size(0);
    }

    /** The lesson, top to bottom. The command line and the tests both run this. */
    public static Result run(Options options, Report report) {
        LabelledScenes train = scenes(options.train, options.size, options.maxShapes, options.seed, options.missing,
                false);
        LabelledScenes dev = scenes(options.dev, options.size, options.maxShapes, options.seed + 100, 0, true);
        int tasks = TASKS.size();
        report.say(String.format(Locale.ROOT, "%d training scenes and %d dev scenes of %dx%d pixels, up to %d shapes; "
                + "tasks: %s present (at least %d pixels visible)", train.size(), dev.size(), options.size,
                options.size, options.maxShapes, String.join(", ", TASKS), MIN_VISIBLE_PIXELS));
        int[] known = new int[tasks];
        for (int t = 0; t < tasks; t++) {
            known[t] = train.mask().getColumn(t).sumNumber().intValue();
        }
        report.say(String.format(Locale.ROOT, "Known training labels per task: %s of %d (the rest are '?': %.0f %% "
                + "dropped at random, and the slivers)", Arrays.toString(known), train.size(), 100 * options.missing));

        ComputationGraph graph = network(options.size, tasks, options.learningRate, options.initSeed);
        DataSet all = train.dataSet();
        double masked = graph.score(all, false);
        INDArray untrained = graph.outputSingle(false, train.pictures());
        double byHand = handLoss(untrained, train.labels(), train.mask());
        double everyLabel = handLoss(untrained, train.labels(), null);
        report.result(String.format(Locale.ROOT, "Untrained network: masked loss (DL4J) %.6f, by hand over the known "
                + "labels %.6f, over every label %.6f", masked, byHand, everyLabel));

        CostCurve losses;
        try (Progress progress = report.progress("Training", options.epochs)) {
            losses = train(graph, train, options, progress, report);
        }
        INDArray devOut = graph.outputSingle(false, dev.pictures());
        List<TaskResult> results = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            INDArray predicted = devOut.getColumn(t).gt(0.5).castTo(DataType.FLOAT);
            INDArray actual = dev.labels().getColumn(t);
            double accuracy = predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
            results.add(new TaskResult(TASKS.get(t), known[t], actual.meanNumber().doubleValue(), accuracy));
        }
        report.say("");
        table(results, train.size()).forEach(report::result);
        List<Path> plots = List.of(
                LinePlot.titled("Multi-task loss over the known labels").axes("epoch", "loss")
                        .line("training loss", losses.costs()).save(options.out.resolve("c3w2-multi-task-loss.png")),
                sceneSheet(train, options.out.resolve("c3w2-multi-task-scenes.png")));
        plots.forEach(p -> report.say("Wrote " + p));
        return new Result(masked, byHand, everyLabel, losses, List.copyOf(results), plots);
    }

    /** Epochs of numpy-shuffled mini-batches (epoch e: seed + 1 + e), each batch with its rows of the label mask. */
    private static CostCurve train(ComputationGraph graph, LabelledScenes train, Options options, Progress progress,
            Report report) {
        CostRecorder losses = CostRecorder.every(1).hint("Try a smaller --learning-rate.")
                .onRecord((e, loss) -> report.say(String.format(Locale.ROOT, "Epoch %d/%d - loss: %.4f", e + 1,
                        options.epochs, loss)));
        int m = train.size();
        for (int e = 0; e < options.epochs; e++) {
            int[] order = new NumpyRandom(options.seed + 1 + e).permutation(m);
            double sum = 0;
            for (int start = 0; start < m; start += options.batchSize) {
                LabelledScenes batch = train.rows(Arrays.copyOfRange(order, start,
                        Math.min(m, start + options.batchSize)));
                graph.fit(batch.dataSet());
                sum += graph.score() * batch.size();
            }
            losses.record(e, sum / m);
            progress.step();
        }
        return losses.curve();
    }

    static List<String> table(List<TaskResult> results, int trainingScenes) {
        TextTable table = TextTable.of("task", "known training labels", "scenes with it (dev)", "dev accuracy");
        for (TaskResult r : results) {
            table.row(r.task() + " present", r.knownTrainingLabels() + " of " + trainingScenes,
                    percent(r.presentShare()), percent(r.devAccuracy()));
        }
        return table.lines();
    }

    /** Twelve training scenes with their labels: 1 present, 0 absent, ? unknown. */
    private static Path sceneSheet(LabelledScenes train, Path png) {
        List<BufferedImage> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < Math.min(12, train.size()); i++) {
            images.add(Images.toImage(train.pictures().slice(i).permute(1, 2, 0).mul(255.0)));
            StringBuilder caption = new StringBuilder();
            for (int t = 0; t < TASKS.size(); t++) {
                String value = train.mask().getDouble(i, t) == 0 ? "?"
                        : Integer.toString((int) train.labels().getDouble(i, t));
                caption.append(t == 0 ? "" : " ").append(TASKS.get(t).charAt(0)).append('=').append(value);
            }
            captions.add(caption.toString());
        }
        return ImageGrid.save(images, captions, 6, png);
    }
}
