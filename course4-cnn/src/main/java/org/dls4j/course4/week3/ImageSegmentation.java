package org.dls4j.course4.week3;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.KerasFitOptions;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.data.images.ShapeScenes;
import org.dls4j.shared.data.images.ShapeScenes.Scene;
import org.dls4j.shared.graph.GraphFit;
import org.dls4j.shared.graph.GraphSummary;
import org.dls4j.shared.plot.ClassMaskImage;
import org.dls4j.shared.plot.ImageGrid;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 4, week 3, "Image Segmentation with U-Net" (2021): a U-Net labels every pixel of a picture with its class.
 * The network is the notebook's ({@link UNetGraph}): four conv blocks down, a bottleneck, four upsampling blocks
 * with skip connections back up, a per-pixel softmax.
 *
 * <p>The notebook trains on 1,060 frames of the CARLA driving simulator (480x640, resized to 96x128, 23 classes),
 * which are in no public copy here. This run trains on generated scenes instead ({@link ShapeScenes}): circles,
 * squares and triangles of random bright colour, size and position on a darker striped, noisy background, 4 classes
 * with background. The class is in the outline, not the colour, so the network has to use its receptive field.
 *
 * <p>What the learner sees: the notebook's {@code unet_model((96, 128, 3), n_filters=32, n_classes=23)} parameter
 * count (8,640,471, as in the notebook), the summary of the U-Net this run trains, one Keras line per epoch of
 * {@code unet.fit(train_dataset, epochs=EPOCHS)} (loss averaged over the pixels, pixel accuracy, and the same on the
 * validation scenes), then the mean intersection over union of each class on the validation scenes ("IoU circle =
 * 0.8123") and their mean beside what predicting "background" everywhere would get, and in {@code --out}:
 * {@code c4w3-unet-accuracy.png} (pixel accuracy per epoch, the notebook's {@code plt.plot(history["accuracy"])})
 * and {@code c4w3-unet-predictions.png} (input | true mask | predicted mask for a few validation scenes, the
 * notebook's {@code show_predictions}). The mean IoU is the result ({@code -q} keeps it).
 *
 * <p>The pictures and the network are smaller than the notebook's (32x32 scenes, 8 filters in the first block
 * instead of 32), and the run takes 8 epochs of batches of 8 (600 steps) instead of 40 of 32, so that it takes a
 * couple of minutes on two cores: within a few dozen steps the network tells the shapes from the background, then it
 * learns their outlines. {@code --size 96 --filters 32} is the notebook's scale (about 40 times the work). Run:
 * {@code ./dls run c4w3-image-segmentation [--epochs 8] [--batch-size 8] [--filters 8] [--size 32]}.
 */
public final class ImageSegmentation {

    /** The notebook's input, filters and classes: {@code unet_model((96, 128, 3), n_filters=32, n_classes=23)}. */
    public static final int NOTEBOOK_HEIGHT = 96, NOTEBOOK_WIDTH = 128, NOTEBOOK_FILTERS = 32, NOTEBOOK_CLASSES = 23;
    /** The notebook's {@code unet.summary()}: Total params. */
    public static final long NOTEBOOK_PARAMS = 8_640_471L;
    /** The notebook's {@code EPOCHS = 40}. */
    public static final int NOTEBOOK_EPOCHS = 40;
    /** The executed notebook's first and fourth epochs (CARLA, 40 planned; no later value was recorded). */
    public static final double NOTEBOOK_EPOCH1_ACCURACY = 0.3369, NOTEBOOK_EPOCH4_ACCURACY = 0.7610;
    /** Picture channels (RGB). */
    public static final int CHANNELS = 3;

    /** The notebook's settings, at a scale two cores train in minutes. */
    @Command(name = "c4w3-image-segmentation",
            description = "Course 4 week 3: the notebook's U-Net as a DL4J graph, trained on generated scenes of "
                    + "circles, squares and triangles (the CARLA frames are not available); --seed also seeds the "
                    + "scenes.")
    public static final class Options extends KerasFitOptions {

        @Option(names = "--size", description = "Side of the square scenes in pixels, a multiple of 16 (the "
                + "notebook's frames: 96x128) (default: ${DEFAULT-VALUE}).")
        public int size = 32;

        @Option(names = "--filters", description = "n_filters, the first block's filters, doubled in each block "
                + "down (the notebook: 32) (default: ${DEFAULT-VALUE}).")
        public int filters = 8;

        @Option(names = "--train-scenes", description = "Generated training scenes (the notebook: 1060 CARLA "
                + "frames) (default: ${DEFAULT-VALUE}).")
        public int trainScenes = 600;

        @Option(names = "--validation-scenes", description = "Generated validation scenes, for the val_ numbers "
                + "and the IoU (default: ${DEFAULT-VALUE}).")
        public int validationScenes = 100;

        @Option(names = "--max-shapes", description = "At most this many shapes in a scene (at least one) "
                + "(default: ${DEFAULT-VALUE}).")
        public int maxShapes = 4;

        @Option(names = "--examples", description = "Validation scenes drawn in the predictions picture "
                + "(default: ${DEFAULT-VALUE}).")
        public int examples = 4;

        /**
         * Adam at Keras' 0.001 as the notebook; 8 epochs of batches of 8 (the notebook: {@code EPOCHS = 40},
         * {@code BATCH_SIZE = 32}): more, cheaper steps on the small scenes.
         */
        public Options() {
            super(8, 8, 0.001, 1, 1);
        }

        @Override
        public void validate() {
            super.validate();
            OptionChecks.atLeast("--size", size, UNetGraph.DOWNSAMPLING);
            if (size % UNetGraph.DOWNSAMPLING != 0) {
                throw new OptionException("--size must be a multiple of " + UNetGraph.DOWNSAMPLING + " (the U-Net "
                        + "halves it four times), not " + size + "; try " + Math.max(UNetGraph.DOWNSAMPLING,
                        size / UNetGraph.DOWNSAMPLING * UNetGraph.DOWNSAMPLING) + ".");
            }
            OptionChecks.atLeast("--filters", filters, 1);
            OptionChecks.atLeast("--train-scenes", trainScenes, 1);
            OptionChecks.atLeast("--validation-scenes", validationScenes, 1);
            OptionChecks.atLeast("--max-shapes", maxShapes, 1);
            OptionChecks.atLeast("--examples", examples, 0);
        }
    }

    /**
     * Each class's intersection over union on the validation scenes (NaN for a class neither present nor
     * predicted), their mean over the classes that have one, and the mean a constant "background" answer gets.
     */
    public record IoU(double[] perClass, double mean, double pixelAccuracy, double backgroundBaseline) {
    }

    /**
     * Everything a run produced; {@code constantLoss} is the lowest validation loss an answer that ignores the picture
     * can get (every pixel given the classes' shares: their entropy).
     */
    public record Result(long notebookParams, long params, GraphFit.History history, double constantLoss, IoU iou,
            Path accuracyPlot, Path predictionsPlot) {
    }

    private ImageSegmentation() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), ImageSegmentation::run, args));
    }

    /** Generates the scenes, builds and trains the U-Net, measures the IoU, draws the predictions. */
    public static Result run(Options options, Report report) {
        int classes = ShapeScenes.CLASS_NAMES.size();
        // unet = unet_model((img_height, img_width, num_channels)); unet.summary() at the notebook's scale
        long notebookParams = UNetGraph.unetModel(NOTEBOOK_HEIGHT, NOTEBOOK_WIDTH, CHANNELS, NOTEBOOK_FILTERS,
                NOTEBOOK_CLASSES, options.initSeed, options.learningRate).numParams();
        report.say(String.format(Locale.ROOT, "unet_model((%d, %d, %d), n_filters=%d, n_classes=%d): Total params: "
                + "%,d (the notebook: %,d)", NOTEBOOK_HEIGHT, NOTEBOOK_WIDTH, CHANNELS, NOTEBOOK_FILTERS,
                NOTEBOOK_CLASSES, notebookParams, NOTEBOOK_PARAMS));
        report.say("Note: the CARLA frames the notebook trains on are not available; this run trains on generated "
                + "scenes of circles, squares and triangles (" + String.join(", ", ShapeScenes.CLASS_NAMES) + ").");

        List<Scene> scenes = ShapeScenes.generate(options.trainScenes + options.validationScenes, options.size,
                options.maxShapes, options.seed);
        List<Scene> trainScenes = scenes.subList(0, options.trainScenes);
        List<Scene> validationScenes = scenes.subList(options.trainScenes, scenes.size());
        DataSet train = dataSet(trainScenes, classes);
        DataSet validation = dataSet(validationScenes, classes);
        report.say(String.format(Locale.ROOT, "%d training and %d validation scenes: images (m, %d, %d, %d), masks "
                + "one-hot (m, %d, %d, %d)", trainScenes.size(), validationScenes.size(), CHANNELS, options.size,
                options.size, classes, options.size, options.size));

        ComputationGraph unet = UNetGraph.unetModel(options.size, options.size, CHANNELS, options.filters, classes,
                options.initSeed, options.learningRate);
        GraphSummary summary = GraphSummary.of(unet, CHANNELS, options.size, options.size);
        report.say(summary.table());

        // model_history = unet.fit(train_dataset, epochs=EPOCHS), batches of BATCH_SIZE shuffled every epoch
        NotebookMiniBatches batches = new NotebookMiniBatches(train.getFeatures(), train.getLabels(),
                options.batchSize, options.seed, DataType.FLOAT);
        GraphFit.History history = GraphFit.fit(unet, batches, options.epochs, validation, report);
        report.say(String.format(Locale.ROOT, "Trained in %.1f s. The notebook on CARLA (23 classes): accuracy %.4f "
                + "after epoch 1, %.4f after epoch 4, of %d.", history.seconds(), NOTEBOOK_EPOCH1_ACCURACY,
                NOTEBOOK_EPOCH4_ACCURACY, NOTEBOOK_EPOCHS));

        double constantLoss = classEntropy(validation.getLabels());
        report.say(String.format(Locale.ROOT, "val_loss of the best constant answer (each class's share of the "
                + "validation pixels, at every pixel): %.4f", constantLoss));
        int[][][] predicted = predictMasks(unet, validation.getFeatures());
        IoU iou = intersectionOverUnion(validationScenes, predicted, classes);
        for (int c = 0; c < classes; c++) {
            report.say(String.format(Locale.ROOT, "IoU %s = %.4f", ShapeScenes.CLASS_NAMES.get(c), iou.perClass()[c]));
        }
        report.result(String.format(Locale.ROOT, "Mean IoU = %.4f (pixel accuracy %.4f; \"background\" everywhere: "
                + "mean IoU %.4f)", iou.mean(), iou.pixelAccuracy(), iou.backgroundBaseline()));

        Path accuracyPlot = LinePlot.titled("U-Net pixel accuracy").axes("epoch", "accuracy")
                .line("accuracy", epochs(history), history.accuracy())
                .line("val_accuracy", epochs(history), history.valAccuracy())
                .save(options.out.resolve("c4w3-unet-accuracy.png"));
        report.say("Wrote " + accuracyPlot);
        Path predictionsPlot = null;
        if (options.examples > 0) {
            predictionsPlot = showPredictions(validationScenes, predicted, Math.min(options.examples,
                    validationScenes.size()), options.out.resolve("c4w3-unet-predictions.png"));
            report.say("Wrote " + predictionsPlot);
        }
        return new Result(notebookParams, summary.totalParams(), history, constantLoss, iou, accuracyPlot, predictionsPlot);
    }

    /** Images {@code (m, 3, size, size)} and one-hot masks {@code (m, classes, size, size)}, float32. */
    static DataSet dataSet(List<Scene> scenes, int classes) {
        int size = scenes.get(0).size();
        INDArray images = Nd4j.create(DataType.FLOAT, scenes.size(), CHANNELS, size, size);
        float[] oneHot = new float[scenes.size() * classes * size * size];
        for (int i = 0; i < scenes.size(); i++) {
            Scene scene = scenes.get(i);
            images.putSlice(i, scene.image());
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    oneHot[((i * classes + scene.mask()[y][x]) * size + y) * size + x] = 1f;
                }
            }
        }
        INDArray masks = Nd4j.createFromArray(oneHot).reshape('c', scenes.size(), classes, size, size);
        return new DataSet(images, masks);
    }

    /** The entropy of the classes' shares of the pixels of one-hot masks {@code (m, classes, h, w)}, in nats. */
    static double classEntropy(INDArray oneHotMasks) {
        double[] counts = oneHotMasks.sum(0, 2, 3).castTo(DataType.DOUBLE).toDoubleVector();
        double total = Arrays.stream(counts).sum();
        double entropy = 0;
        for (double count : counts) {
            entropy -= count > 0 ? count / total * Math.log(count / total) : 0;
        }
        return entropy;
    }

    /** {@code create_mask(unet.predict(images))}: the class with the largest output at each pixel, [m][y][x]. */
    static int[][][] predictMasks(ComputationGraph unet, INDArray images) {
        int m = (int) images.size(0);
        int height = (int) images.size(2);
        int width = (int) images.size(3);
        int[][][] masks = new int[m][height][width];
        int batch = 64;
        for (int start = 0; start < m; start += batch) {
            int end = Math.min(m, start + batch);
            INDArray part = images.get(NDArrayIndex.interval(start, end));
            int[] labels = unet.outputSingle(false, part).argMax(1).castTo(DataType.INT32).dup('c').data().asInt();
            for (int i = 0; i < end - start; i++) {
                for (int y = 0; y < height; y++) {
                    System.arraycopy(labels, (i * height + y) * width, masks[start + i][y], 0, width);
                }
            }
        }
        return masks;
    }

    /**
     * Per class: pixels labelled and predicted that class over pixels labelled or predicted it, over all the
     * scenes; the mean over the classes with any such pixel; the baseline predicts class 0 everywhere.
     */
    static IoU intersectionOverUnion(List<Scene> scenes, int[][][] predicted, int classes) {
        long[] intersection = new long[classes];
        long[] labelled = new long[classes];
        long[] predictedCount = new long[classes];
        long pixels = 0;
        long correct = 0;
        for (int i = 0; i < scenes.size(); i++) {
            int[][] truth = scenes.get(i).mask();
            for (int y = 0; y < truth.length; y++) {
                for (int x = 0; x < truth[y].length; x++) {
                    int t = truth[y][x];
                    int p = predicted[i][y][x];
                    labelled[t]++;
                    predictedCount[p]++;
                    pixels++;
                    if (t == p) {
                        intersection[t]++;
                        correct++;
                    }
                }
            }
        }
        double[] perClass = new double[classes];
        int present = 0;
        double sum = 0;
        int labelledClasses = 0;
        for (int c = 0; c < classes; c++) {
            long union = labelled[c] + predictedCount[c] - intersection[c];
            perClass[c] = union == 0 ? Double.NaN : intersection[c] / (double) union;
            if (union > 0) {
                sum += perClass[c];
                present++;
            }
            labelledClasses += labelled[c] > 0 || c == 0 ? 1 : 0;
        }
        // "background" everywhere: background's IoU is its share of the pixels, every other labelled class gets 0
        double baseline = labelled[0] / (double) pixels / labelledClasses;
        return new IoU(perClass, sum / present, correct / (double) pixels, baseline);
    }

    /** {@code show_predictions}: input | true mask | predicted mask, one row per scene. */
    static Path showPredictions(List<Scene> scenes, int[][][] predicted, int count, Path png) {
        List<BufferedImage> tiles = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Scene scene = scenes.get(i);
            tiles.add(Images.toImage(scene.image().permute(1, 2, 0).mul(255)));
            tiles.add(ClassMaskImage.of(scene.mask()));
            tiles.add(ClassMaskImage.of(predicted[i]));
            captions.add("Input Image");
            captions.add("True Mask");
            captions.add("Predicted Mask");
        }
        return ImageGrid.save(tiles, captions, 3, png);
    }

    private static double[] epochs(GraphFit.History history) {
        return history.epochs().stream().mapToDouble(GraphFit.Epoch::epoch).toArray();
    }
}
