package org.dls4j.course4.week2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.KerasFitOptions;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.ImageAugmentation;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.graph.FeatureStandardization;
import org.dls4j.shared.graph.GraphFit;
import org.dls4j.shared.graph.GraphSummary;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.MobileNetV2;
import org.dls4j.shared.graph.SigmoidCrossEntropy;
import org.dls4j.shared.graph.faceapi.MobileNetV1Backbone;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * Course 4 week 2, "Transfer Learning with MobileNet" (2021): reuse a network pretrained on a large data set, freeze
 * it, train a new head on a small one, then fine-tune its top layers. The notebook takes Keras' MobileNetV2 with
 * ImageNet weights and 327 alpaca pictures, neither of which is here; this run takes a real pretrained MobileNetV1
 * (the backbone of face-api's SSD face detector, {@link MobileNetV1Backbone}) and the Happy House pictures (is the
 * person smiling?), through DL4J's {@code TransferLearning} API:
 * <pre>
 * pictures (64 x 64, resized to --size) -> augmentation (training only) -> x / 127.5 - 1
 *   -> MobileNetV1 conv_0 .. conv_13, frozen -> GlobalAveragePooling2D -> Dropout(0.2) -> Dense(1) (logit)
 * </pre>
 * trained with Adam (0.01) and binary cross-entropy from the logit for {@code --epochs}; then fine-tuned: the blocks
 * from {@code --fine-tune-at} up are unfrozen and trained {@code --fine-tune-epochs} more with Adam at
 * {@code --fine-tune-learning-rate}, 1e-5. The notebook fine-tunes at a tenth of its base rate; a tenth of this head's
 * (0.001) sent the held-out loss from 0.49 to 5.1 in the first epoch and left the model at chance: the head divides
 * each pooled feature by its spread over the pictures, about a tenth of its mean, so a small change in the
 * unfrozen blocks moves the head's inputs ten times as much.
 *
 * <p>What the learner sees: the augmentation, the model summary (trainable against non-trainable parameters), one
 * Keras line per epoch with {@code val_loss}/{@code val_accuracy} on the held-out pictures, the accuracy before and
 * after fine-tuning beside the notebook's (0.9846 / 0.9692 on the alpacas), and the lesson of the assignment as a
 * table and a plot ({@code c4w2-transfer-learning-sizes.png}): test accuracy against the number of training
 * pictures, for the pretrained backbone and for the same network trained from scratch.
 * Run: {@code ./dls run c4w2-transfer-learning [--size 96] [--sizes 8,16,32,64,121]} ({@code --sizes 0} skips the
 * comparison, most of the run's time). With Keras' MobileNetV2 weights file, {@code --mobilenet-v2 FILE} runs the
 * notebook's own network and settings ({@link MobileNetV2Transfer}).
 */
public final class TransferLearning {

    /** The notebook's validation accuracy after 5 epochs of the new head, and after 5 more of fine-tuning. */
    public static final double NOTEBOOK_HEAD_ACCURACY = 0.9846, NOTEBOOK_FINE_TUNED_ACCURACY = 0.9692;

    /** The new head's layers with weights. */
    private static final List<String> HEAD = List.of("dense");
    private static final String NORMALIZATION = "normalization";

    /** The notebook's settings, on the Happy House pictures. */
    @Command(name = "c4w2-transfer-learning",
            description = "Course 4: transfer learning with a pretrained MobileNet (face-api's MobileNetV1) on the "
                    + "Happy House pictures: frozen backbone, new head, fine-tuning, and pretrained vs from scratch "
                    + "at several training-set sizes.")
    public static final class Options extends KerasFitOptions {

        @Option(names = "--size", description = "Side the 64x64 pictures are resized to before MobileNet (the "
                + "notebook's IMG_SIZE is 160; default: ${DEFAULT-VALUE}).")
        public int size = 128;

        @Option(names = "--features", description = "The MobileNet block the new head reads (conv_1 to conv_13; "
                + "the notebook reads the whole base; default: ${DEFAULT-VALUE}).")
        public String features = "conv_13";

        @Option(names = "--rotation", description = "RandomRotation factor, a fraction of a full turn "
                + "(default: ${DEFAULT-VALUE}).")
        public double rotation = 0.2;

        @Option(names = "--fine-tune-at", description = "First MobileNet block (1-13) unfrozen for fine-tuning; the "
                + "notebook unfreezes MobileNetV2's layers from 120 of 155 (default: ${DEFAULT-VALUE}).")
        public int fineTuneAt = 11;

        @Option(names = "--fine-tune-epochs", description = "Epochs of fine-tuning (default: ${DEFAULT-VALUE}).")
        public int fineTuneEpochs = 5;

        @Option(names = "--fine-tune-learning-rate", description = "Adam's learning rate while fine-tuning (the "
                + "notebook's is a tenth of its base rate; here a thousandth: see the class comment; default: "
                + "${DEFAULT-VALUE}).")
        public double fineTuneLearningRate = 1e-5;

        @Option(names = "--sizes", split = ",", description = "Training-set sizes of the pretrained-vs-scratch "
                + "comparison; 0 skips it (default: ${DEFAULT-VALUE}).")
        public List<Integer> sizes = new ArrayList<>(List.of(8, 32, 121));

        @Option(names = "--image", paramLabel = "FILE", description = "A picture of a face to classify at the end.")
        public Path image;

        @Option(names = "--mobilenet-v2", paramLabel = "FILE", description = "Keras' MobileNetV2 ImageNet weights "
                + "(mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_160_no_top.h5): the notebook's own network "
                + "and settings (--size 160, --epochs 5, --learning-rate 0.001, --fine-tune-at 120 of its 155 "
                + "layers, fine-tuning at a tenth of the learning rate, no standardization) in place of face-api's "
                + "MobileNetV1; options given on the command line still apply, --features and --sizes do not.")
        public Path mobileNetV2;

        /** The notebook's settings with its MobileNetV2: IMG_SIZE, epochs, base_learning_rate, fine_tune_at. */
        static final int NOTEBOOK_SIZE = 160, NOTEBOOK_EPOCHS = 5, NOTEBOOK_FINE_TUNE_AT = 120;
        static final double NOTEBOOK_LEARNING_RATE = 0.001, NOTEBOOK_FINE_TUNE_FRACTION = 0.1;

        @Spec
        CommandSpec spec;                           // null when the options are made in code

        /**
         * Batches of 32, Adam at 0.01 (base_learning_rate), shuffle seed 1, DL4J init seed 1; 20 epochs where the
         * notebook fits 5: its 5 epochs of 262 pictures are 45 steps, 5 epochs of 121 only 20, and the face
         * detector's features need more steps than ImageNet's (after 5 epochs the head is still near chance here).
         */
        public Options() {
            super(20, 32, 0.01, 1, 1);
        }

        @Override
        public void validate() {
            if (mobileNetV2 != null) {
                useNotebookSettings();
            }
            super.validate();
            OptionChecks.atLeast("--size", size, 32);
            OptionChecks.between("--rotation", rotation, 0, 1);
            if (mobileNetV2 != null) {
                if (!Files.isRegularFile(mobileNetV2)) {
                    throw new OptionException("--mobilenet-v2 " + mobileNetV2 + ": no such file. "
                            + MobileNetV2.WEIGHTS_ADVICE);
                }
                OptionChecks.between("--fine-tune-at", fineTuneAt, 0, MobileNetV2Transfer.LAYERS);
            } else {
                if (!MobileNetV1Backbone.BLOCKS.contains(features)) {
                    throw new OptionException("--features must be one of "
                            + String.join(", ", MobileNetV1Backbone.BLOCKS) + ", not '" + features + "'");
                }
                OptionChecks.between("--fine-tune-at", fineTuneAt, 1, MobileNetV1Backbone.BLOCKS.indexOf(features));
            }
            OptionChecks.atLeast("--fine-tune-epochs", fineTuneEpochs, 0);
            OptionChecks.positive("--fine-tune-learning-rate", fineTuneLearningRate);
            sizes.removeIf(n -> n == 0);
            for (int n : sizes) {
                OptionChecks.atLeast("--sizes", n, 2);
            }
            OptionChecks.numpySeed("--seed", seed, epochs + fineTuneEpochs);
            OptionChecks.readableImage("--image", image);
        }

        /** The notebook's settings for its MobileNetV2, each one not given on the command line. */
        void useNotebookSettings() {
            size = given("--size") ? size : NOTEBOOK_SIZE;
            epochs = given("--epochs") ? epochs : NOTEBOOK_EPOCHS;
            learningRate = given("--learning-rate") ? learningRate : NOTEBOOK_LEARNING_RATE;
            fineTuneAt = given("--fine-tune-at") ? fineTuneAt : NOTEBOOK_FINE_TUNE_AT;
            fineTuneLearningRate = given("--fine-tune-learning-rate") ? fineTuneLearningRate
                    : NOTEBOOK_FINE_TUNE_FRACTION * learningRate;
        }

        private boolean given(String option) {
            ParseResult parsed = spec == null ? null : spec.commandLine().getParseResult();
            return parsed != null && parsed.hasMatchedOption(option);
        }
    }

    /** One training-set size of the comparison: test accuracy with the pretrained backbone and from scratch. */
    public record SizePoint(int trainingPictures, double pretrainedAccuracy, double scratchAccuracy) {
    }

    /** What a run produced. */
    public record Result(GraphFit.History head, double headAccuracy, GraphFit.History fineTuning,
            double fineTunedAccuracy, List<SizePoint> sizes, Double smilingProbability, List<Path> plots) {
    }

    private TransferLearning() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), TransferLearning::run, args));
    }

    /**
     * {@code data_augmenter()}: Keras' {@code Sequential([RandomFlip('horizontal'), RandomRotation(rotation)])} as
     * one preprocessor of the training batches: each picture mirrored left-right with probability 1/2, then turned by
     * up to {@code rotation} of a full turn either way (the notebook's 0.2: 72 degrees), with draws from {@code seed}.
     */
    @Graded(value = "data_augmenter", instructions = "shared's ImageAugmentation (org.dls4j.shared.data.images) is"
            + " the two Keras layers in one: RandomFlip('horizontal'), then RandomRotation(factor).")
    public static ImageAugmentation dataAugmenter(double rotation, long seed) {
        // data_augmentation = tf.keras.Sequential()
        // data_augmentation.add(RandomFlip('horizontal'))
        // data_augmentation.add(RandomRotation(0.2))
        return new ImageAugmentation(rotation, seed);
    }

    /**
     * The notebook's {@code alpaca_model} on this run's backbone (the notebook's own, on MobileNetV2, is
     * {@link MobileNetV2Transfer#alpacaModel}): the backbone up to block {@code features}, frozen up to
     * {@code frozenUntil} (that block and the ones below it keep their weights; {@code null} for none frozen), and a
     * new head: global average pooling, a fixed normalization of the pooled features, dropout 0.2, one logit with
     * binary cross-entropy; Adam at {@code learningRate}.
     *
     * <p>The normalization is not in the notebook. The face detector's pooled features differ little from face to
     * face (their spread over the pictures is about a tenth of their mean), and on them the notebook's plain dense
     * layer stays at chance. Like Keras' {@code Normalization} layer after {@code adapt}, it subtracts each
     * feature's mean over {@code pictures} and divides by its standard deviation, with those statistics fixed
     * ({@link FeatureStandardization}; a trainable batch norm there failed in fine-tuning: its moving averages
     * trailed the changing features and the held-out loss jumped to 7 in the first epoch).
     *
     * @param backbone {@link MobileNetV1Backbone#load} or, for training from scratch, its untrained architecture
     * @param pictures the training pictures the normalization's statistics come from
     */
    public static ComputationGraph withNewHead(ComputationGraph backbone, String features, String frozenUntil,
            double learningRate, long seed, INDArray pictures) {
        int maps = MobileNetV1Backbone.maps(features);
        // the pooled features of the training pictures, before the rebuild (it re-initialises the layers)
        INDArray pooled = backbone.feedForward(pictures, false).get(features).mean(2, 3);
        FineTuneConfiguration training = new FineTuneConfiguration.Builder()
                .updater(new Adam(learningRate))            // tf.keras.optimizers.Adam(learning_rate)
                .seed(seed)
                .build();
        // DL4J's TransferLearning API (its class shares this assignment's name, hence the full name)
        org.deeplearning4j.nn.transferlearning.TransferLearning.GraphBuilder builder =
                new org.deeplearning4j.nn.transferlearning.TransferLearning.GraphBuilder(backbone)
                        .fineTuneConfiguration(training);
        if (frozenUntil != null) {
            builder.setFeatureExtractor(frozenUntil);       // base_model.trainable = False (up to this block)
        }
        // the blocks above the one the head reads are dropped
        List<String> blocks = MobileNetV1Backbone.BLOCKS;
        for (int i = blocks.size() - 1; i > blocks.indexOf(features); i--) {
            builder.removeVertexAndConnections(blocks.get(i));
            builder.removeVertexAndConnections(blocks.get(i) + "_depthwise");
        }
        builder
                // tfl.GlobalAveragePooling2D(): (m, 1024)
                .addLayer("global_average_pooling2d", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),
                        features)
                // (x - mean) / std with the training pictures' statistics, fixed (see the method's comment)
                .addVertex(NORMALIZATION, FeatureStandardization.adaptedTo(pooled, 1e-3).asVertex(),
                        "global_average_pooling2d")
                // tfl.Dropout(0.2)
                .addLayer("dropout", new DropoutLayer.Builder(0.8).build(), NORMALIZATION)
                // tfl.Dense(1) and BinaryCrossentropy(from_logits=True): the loss reads the logit
                .addLayer("dense", new OutputLayer.Builder(new SigmoidCrossEntropy()).nIn(maps).nOut(1)
                        .weightInit(WeightInit.XAVIER_UNIFORM).activation(Activation.SIGMOID).build(), "dropout")
                .setOutputs("dense");
        return Graphs.transferred(backbone, builder);
    }

    /** Loads and prepares the pictures, trains the head, fine-tunes, compares sizes, plots. */
    public static Result run(Options options, Report report) {
        return run(options, report, HappyHouse.Data.load());
    }

    /** {@link #run(Options, Report)} on data already loaded (the tests load it once). */
    static Result run(Options options, Report report, HappyHouse.Data happy) {
        report.say("Pictures: " + happy.source() + ", " + happy.train().numExamples() + " to train on, "
                + happy.test().numExamples() + " held out (the notebook: 262 alpaca pictures and 65 for validation)");
        if (options.mobileNetV2 != null) {
            return MobileNetV2Transfer.run(options, report, happy);
        }
        report.say("Pretrained backbone: MobileNetV1 from face-api's SSD face detector (the notebook's MobileNetV2 "
                + "ImageNet weights are not here)");
        DataSet train = scaled(happy.train(), options.size);
        DataSet test = scaled(happy.test(), options.size);
        ImageAugmentation augmentation = dataAugmenter(options.rotation, options.seed);
        report.say("data_augmenter(): " + augmentation.describe());

        ComputationGraph pretrained = MobileNetV1Backbone.load(options.size, options.size);
        ComputationGraph model = withNewHead(pretrained, options.features, options.features, options.learningRate,
                options.initSeed, train.getFeatures());
        report.say(GraphSummary.of(model, 3, options.size, options.size).table());
        GraphFit.History head = GraphFit.fit(model, batches(train, options.batchSize, options.seed, augmentation),
                options.epochs, test, report);
        double headAccuracy = GraphFit.accuracy(model, test);
        report.result(String.format(Locale.ROOT, "Frozen backbone, new head: val_accuracy = %.4f (notebook: %.4f)",
                headAccuracy, NOTEBOOK_HEAD_ACCURACY));

        GraphFit.History fineTuning = null;
        double fineTunedAccuracy = headAccuracy;
        if (options.fineTuneEpochs > 0) {
            // base_model.trainable = True; layers below fine_tune_at stay frozen; a tenth of the learning rate
            String frozen = MobileNetV1Backbone.BLOCKS.get(options.fineTuneAt - 1);
            ComputationGraph tuned = withNewHead(MobileNetV1Backbone.load(options.size, options.size),
                    options.features, frozen, options.fineTuneLearningRate, options.initSeed, train.getFeatures());
            for (String layer : HEAD) {                     // the trained head carries over
                model.getLayer(layer).paramTable().forEach((key, value) -> tuned.getLayer(layer).getParam(key)
                        .assign(value));
            }
            report.say("Fine-tuning: blocks conv_" + options.fineTuneAt + " to " + options.features + " unfrozen, Adam at "
                    + options.fineTuneLearningRate + "; trainable parameters: "
                    + GraphSummary.of(tuned, 3, options.size, options.size).trainableParams());
            // model.fit(..., initial_epoch=history.epoch[-1]): the shuffles go on where the first fit stopped
            NotebookMiniBatches more = batches(train, options.batchSize, options.seed + options.epochs, augmentation);
            fineTuning = GraphFit.fit(tuned, more, options.fineTuneEpochs, test, report);
            fineTunedAccuracy = GraphFit.accuracy(tuned, test);
            report.result(String.format(Locale.ROOT, "Fine-tuned from conv_%d: val_accuracy = %.4f (notebook: "
                    + "%.4f)", options.fineTuneAt, fineTunedAccuracy, NOTEBOOK_FINE_TUNED_ACCURACY));
            model = tuned;
        }
        List<SizePoint> sizes = compareSizes(options, train, test, report);

        Double smiling = classify(model, options, report);
        List<Path> plots = new ArrayList<>();
        plots.add(historyPlot(head, fineTuning, options.out.resolve("c4w2-transfer-learning.png")));
        if (!sizes.isEmpty()) {
            double[] n = sizes.stream().mapToDouble(SizePoint::trainingPictures).toArray();
            plots.add(LinePlot.titled("Pretrained vs from scratch").axes("training pictures", "test accuracy")
                    .line("pretrained MobileNetV1, frozen", n,
                            sizes.stream().mapToDouble(SizePoint::pretrainedAccuracy).toArray())
                    .line("same network from scratch", n,
                            sizes.stream().mapToDouble(SizePoint::scratchAccuracy).toArray())
                    .save(options.out.resolve("c4w2-transfer-learning-sizes.png")));
        }
        plots.forEach(plot -> report.say("Wrote " + plot));
        return new Result(head, headAccuracy, fineTuning, fineTunedAccuracy, sizes, smiling, List.copyOf(plots));
    }

    /**
     * The lesson as an experiment: for each size, the first n pictures of a seeded shuffle, trained for
     * {@code --epochs} with the frozen pretrained backbone, and the same network, untrained and all of it trainable
     * (Adam at 0.001, Keras' default; 0.01 makes it diverge), for the same epochs.
     */
    private static List<SizePoint> compareSizes(Options options, DataSet train, DataSet test, Report report) {
        List<SizePoint> points = new ArrayList<>();
        if (options.sizes.isEmpty()) {
            return points;
        }
        int m = train.numExamples();
        int[] order = new NumpyRandom(options.seed).permutation(m);
        report.say("");
        report.say("Training pictures | pretrained, frozen | from scratch   (test accuracy after " + options.epochs
                + " epochs)");
        Report quiet = Report.silent();
        for (int n : options.sizes) {
            int used = Math.min(n, m);
            int[] rows = Arrays.copyOf(order, used);
            INDArray pictures = train.getFeatures().reshape('c', m, -1).getRows(rows)
                    .reshape('c', used, 3, options.size, options.size);
            DataSet subset = new DataSet(pictures, train.getLabels().getRows(rows));
            ComputationGraph transfer = withNewHead(MobileNetV1Backbone.load(options.size, options.size),
                    options.features, options.features, options.learningRate, options.initSeed, pictures);
            GraphFit.fit(transfer, batches(subset, options.batchSize, options.seed,
                    dataAugmenter(options.rotation, options.seed)),
                    options.epochs, null, quiet);
            ComputationGraph scratch = withNewHead(MobileNetV1Backbone.architecture(options.size, options.size),
                    options.features, null, 0.001, options.initSeed, pictures);
            GraphFit.fit(scratch, batches(subset, options.batchSize, options.seed,
                    dataAugmenter(options.rotation, options.seed)),
                    options.epochs, null, quiet);
            SizePoint point = new SizePoint(used, GraphFit.accuracy(transfer, test), GraphFit.accuracy(scratch, test));
            points.add(point);
            report.result(String.format(Locale.ROOT, "%17d | %18.4f | %12.4f", used, point.pretrainedAccuracy(),
                    point.scratchAccuracy()));
        }
        return points;
    }

    /** The probability that {@code --image} shows a smile, printed; null without {@code --image}. */
    static Double classify(ComputationGraph model, Options options, Report report) {
        if (options.image == null) {
            return null;
        }
        INDArray picture = Images.resizeBilinear(Images.read(options.image), options.size, options.size);
        double smiling = model.outputSingle(MobileNetV1Backbone.pixels(picture)).getDouble(0);
        report.result(String.format(Locale.ROOT, "Prediction for %s: %s (p = %.3f)", options.image.getFileName(),
                smiling >= 0.5 ? "smiling" : "not smiling", smiling));
        return smiling;
    }

    /** Keras' shuffled batches (epoch e shuffles with seed + 1 + e), each augmented as it is made. */
    static NotebookMiniBatches batches(DataSet data, int batchSize, long seed,
            ImageAugmentation augmentation) {
        NotebookMiniBatches batches = new NotebookMiniBatches(data.getFeatures(), data.getLabels(), batchSize, seed,
                DataType.FLOAT);
        batches.setPreProcessor(augmentation);
        return batches;
    }

    /**
     * Pictures in [0, 1] {@code (m, 3, 64, 64)} as MobileNet's input: resized to {@code size} (TensorFlow's
     * bilinear resize, as {@code image_dataset_from_directory} does) and {@code preprocess_input}'s
     * {@code x / 127.5 - 1}.
     */
    static DataSet scaled(DataSet pictures, int size) {
        INDArray features = pictures.getFeatures();
        int m = (int) features.size(0);
        INDArray out = Nd4j.create(DataType.FLOAT, m, 3, size, size);
        for (int i = 0; i < m; i++) {
            INDArray channelsLast = features.get(NDArrayIndex.point(i)).permute(1, 2, 0)
                    .mul(255.0);
            INDArray resized = features.size(2) == size ? channelsLast
                    : Images.resizeBilinear(channelsLast, size, size);
            out.putSlice(i, MobileNetV1Backbone.pixels(resized).reshape(3, size, size));
        }
        return new DataSet(out, pictures.getLabels());
    }

    static Path historyPlot(GraphFit.History head, GraphFit.History fineTuning, Path file) {
        List<GraphFit.Epoch> epochs = new ArrayList<>(head.epochs());
        if (fineTuning != null) {
            epochs.addAll(fineTuning.epochs());
        }
        double[] x = new double[epochs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + 1;
        }
        return LinePlot.titled("Transfer learning: new head, then fine-tuning").axes("epoch", "accuracy / loss")
                .line("accuracy", x, epochs.stream().mapToDouble(GraphFit.Epoch::accuracy).toArray())
                .line("val_accuracy", x, epochs.stream().mapToDouble(GraphFit.Epoch::valAccuracy).toArray())
                .line("loss", x, epochs.stream().mapToDouble(GraphFit.Epoch::loss).toArray())
                .save(file);
    }
}
