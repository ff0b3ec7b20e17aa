package org.dls4j.course4.week3;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.objdetect.Yolo2OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.data.images.ShapeScenes;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.train.TrainingDivergedException;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * A small YOLO trained end to end, offline, on generated scenes ({@link ShapeScenes}: circles, squares and triangles
 * on textured backgrounds): what the notebook cannot show without its 194 MB of pretrained weights, a detector
 * learning its grid of anchor boxes and then going through the notebook's own {@code yolo_head} and
 * {@code yolo_eval}.
 * <pre>
 * 64x64x3 -> [conv 3x3 -> batch norm -> leaky ReLU 0.1 -> max-pool 2x2] x 3 (8, 16, 32 filters)  8x8x32
 *   -> conv 3x3 64 -> batch norm -> leaky ReLU -> conv 1x1 2 x (5 + 3)                            8x8x16
 *   -> DL4J's Yolo2OutputLayer (YOLOv2's loss: sigmoid x, y, sqrt of w, h, confidence against IoU, classes)
 * </pre>
 * Two anchors, 1.75 and 3 cells square (shapes are 10 to 26 pixels, 1.2 to 3.2 cells of 8 pixels). Decoding reads the
 * raw 1x1 convolution ({@code conv_out}) and runs {@link CarDetection#yoloHead} and {@link CarDetection#yoloEval}.
 */
public final class ShapeDetector {

    /** Picture side, grid side, pixels per cell. */
    public static final int SIDE = 64, GRID = 8, CELL = SIDE / GRID;
    /** Anchors (width, height) in cells. */
    public static final double[][] ANCHORS = {{1.75, 1.75}, {3.0, 3.0}};
    /** The shapes' class names, index = class id - 1 (ShapeScenes' 0 is the background). */
    public static final List<String> CLASS_NAMES = ShapeScenes.CLASS_NAMES.subList(1, ShapeScenes.CLASS_NAMES.size());
    /** At most this many shapes per scene. */
    public static final int MAX_SHAPES = 3;
    /** Detections down to this score enter the mAP (the precision-recall curve runs to low scores). */
    public static final double MAP_SCORE_THRESHOLD = 0.01;
    /** The convolutions' filters. */
    private static final int[] FILTERS = {8, 16, 32, 64};
    /** The raw features' vertex. */
    static final String RAW = "conv_out";

    private ShapeDetector() {
    }

    /** A trained detector, its loss per epoch, and the seconds training took. */
    public record Trained(ComputationGraph graph, double[] losses, double seconds) {
    }

    /** Detections on held-out scenes and their mAP@0.5. */
    public record Evaluation(List<List<BoxDrawing.Labelled>> detections, DetectionMap.Result map) {
    }

    /** The graph, DL4J initialisation from {@code seed}, Adam at {@code learningRate}. */
    public static ComputationGraph model(long seed, double learningRate) {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.RELU)
                .updater(new Adam(learningRate))
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("image")
                .setInputTypes(InputType.convolutional(SIDE, SIDE, 3));
        String previous = "image";
        int[] filters = FILTERS;
        for (int i = 0; i < filters.length; i++) {
            graph.addLayer("conv" + i, new ConvolutionLayer.Builder(3, 3).nOut(filters[i]).hasBias(false)
                    .activation(Activation.IDENTITY).build(), previous);
            graph.addLayer("bn" + i, new BatchNormalization.Builder().build(), "conv" + i);
            graph.addLayer("leaky" + i, new ActivationLayer.Builder().activation(new ActivationLReLU(0.1)).build(),
                    "bn" + i);
            previous = "leaky" + i;
            if (i < filters.length - 1) {
                graph.addLayer("pool" + i, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).build(), previous);
                previous = "pool" + i;
            }
        }
        graph.addLayer(RAW, new ConvolutionLayer.Builder(1, 1).nOut(ANCHORS.length * (5 + CLASS_NAMES.size()))
                .weightInit(WeightInit.XAVIER).activation(Activation.IDENTITY).build(), previous);
        graph.addLayer("yolo", new Yolo2OutputLayer.Builder().boundingBoxPriors(Nd4j.createFromArray(ANCHORS)
                .castTo(DataType.FLOAT)).build(), RAW);
        return Graphs.forTraining(graph.setOutputs("yolo").build());
    }

    /** Pictures {@code (m, 3, 64, 64)} and DL4J's YOLO labels {@code (m, 4 + C, 8, 8)}. */
    public static DataSet dataSet(List<ShapeScenes.Scene> scenes) {
        int m = scenes.size();
        INDArray features = Nd4j.create(DataType.FLOAT, m, 3, SIDE, SIDE);
        INDArray labels = Nd4j.create(DataType.FLOAT, m, 4 + CLASS_NAMES.size(), GRID, GRID);
        for (int i = 0; i < m; i++) {
            ShapeScenes.Scene scene = scenes.get(i);
            features.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                    .assign(scene.image());
            // the cell holding a shape's centre is responsible for it (one shape per cell: the one painted last)
            for (ShapeScenes.Shape shape : scene.shapes()) {
                int column = Math.min(GRID - 1, (int) ((shape.xMin() + shape.xMax()) / 2 / CELL));
                int row = Math.min(GRID - 1, (int) ((shape.yMin() + shape.yMax()) / 2 / CELL));
                double[] corners = {shape.xMin() / CELL, shape.yMin() / CELL, shape.xMax() / CELL,
                    shape.yMax() / CELL};
                for (int k = 0; k < 4; k++) {
                    labels.putScalar(new long[] {i, k, row, column}, corners[k]);
                }
                for (int c = 0; c < CLASS_NAMES.size(); c++) {
                    labels.putScalar(new long[] {i, 4 + c, row, column}, c == shape.classId() - 1 ? 1 : 0);
                }
            }
        }
        return new DataSet(features, labels);
    }

    /** Trains for {@code epochs} over the scenes in batches of {@code batchSize} (the order shuffled by seed). */
    public static Trained train(List<ShapeScenes.Scene> scenes, int epochs, int batchSize, double learningRate,
            long seed, Report report) {
        ComputationGraph graph = model(seed, learningRate);
        DataSet all = dataSet(scenes);
        double[] losses = new double[epochs];
        long start = System.nanoTime();
        Random order = new Random(seed);
        int batches = (scenes.size() + batchSize - 1) / batchSize;
        try (Progress progress = report.progress("Training the shape detector", (long) epochs * batches)) {
            for (int epoch = 0; epoch < epochs; epoch++) {
                all.shuffle(order.nextLong());
                double sum = 0;
                for (int b = 0; b < batches; b++) {
                    int from = b * batchSize;
                    int to = Math.min(scenes.size(), from + batchSize);
                    graph.fit(new DataSet(all.getFeatures().get(NDArrayIndex.interval(from, to)).dup(),
                            all.getLabels().get(NDArrayIndex.interval(from, to)).dup()));
                    double loss = graph.score();
                    if (!Double.isFinite(loss)) {
                        throw new TrainingDivergedException(loss, (long) epoch * batches + b,
                                "Try a smaller --learning-rate for the shape detector.");
                    }
                    sum += loss * (to - from);
                    progress.step();
                }
                losses[epoch] = sum / scenes.size();
                report.say(String.format(Locale.ROOT, "Epoch %d/%d - loss: %.4f", epoch + 1, epochs,
                        losses[epoch]));
            }
        }
        return new Trained(graph, losses, (System.nanoTime() - start) / 1e9);
    }

    /**
     * The raw features of {@code images (m, 3, 64, 64)} through {@code yolo_head}: channels first from DL4J, made
     * channels last {@code (m, 8, 8, 16)} as the notebook's {@code yolo_model} gives them.
     */
    public static CarDetection.YoloOutputs decode(ComputationGraph graph, INDArray images) {
        INDArray raw = graph.feedForward(images, false).get(RAW);
        return CarDetection.yoloHead(raw.permute(0, 2, 3, 1), ANCHORS, CLASS_NAMES.size());
    }

    /**
     * Detections on {@code scenes} with {@code yolo_eval} (picture shape 64x64, at most {@code maxBoxes}), and mAP@0.5
     * of the detections above {@code mapScoreThreshold} (a low threshold, so that the precision-recall curve is
     * complete); the returned detections are those above {@code scoreThreshold}, for drawing.
     */
    public static Evaluation evaluate(ComputationGraph graph, List<ShapeScenes.Scene> scenes, int maxBoxes,
            double scoreThreshold, double iouThreshold, double mapScoreThreshold) {
        INDArray images = dataSet(scenes).getFeatures();
        CarDetection.YoloOutputs outputs = decode(graph, images);
        List<DetectionMap.Box> found = new ArrayList<>();
        List<DetectionMap.Box> truth = new ArrayList<>();
        List<List<BoxDrawing.Labelled>> shown = new ArrayList<>();
        for (int i = 0; i < scenes.size(); i++) {
            CarDetection.Boxes boxes = CarDetection.yoloEval(one(outputs.boxXY(), i), one(outputs.boxWH(), i),
                    one(outputs.boxConfidence(), i), one(outputs.boxClassProbs(), i), new double[] {SIDE, SIDE},
                    maxBoxes, mapScoreThreshold, iouThreshold);
            List<BoxDrawing.Labelled> labelled = new ArrayList<>();
            for (int k = 0; k < boxes.count(); k++) {
                double[] yxyx = boxes.box(k);
                found.add(new DetectionMap.Box(i, boxes.classIndex(k), boxes.score(k),
                        new double[] {yxyx[1], yxyx[0], yxyx[3], yxyx[2]}));
                if (boxes.score(k) >= scoreThreshold) {
                    labelled.add(BoxDrawing.labelled(yxyx, boxes.score(k), boxes.classIndex(k), CLASS_NAMES, SIDE,
                            SIDE));
                }
            }
            shown.add(labelled);
            for (ShapeScenes.Shape shape : scenes.get(i).shapes()) {
                truth.add(new DetectionMap.Box(i, shape.classId() - 1, 1, new double[] {shape.xMin(), shape.yMin(),
                    shape.xMax(), shape.yMax()}));
            }
        }
        return new Evaluation(shown, DetectionMap.of(found, truth, CLASS_NAMES.size(), 0.5));
    }

    /** A scene's picture with its detections, enlarged twice. */
    public static BufferedImage drawn(ShapeScenes.Scene scene, List<BoxDrawing.Labelled> detections) {
        INDArray hwc = scene.image().permute(1, 2, 0).mul(255.0);
        return BoxDrawing.draw(Images.toImage(hwc), detections, CLASS_NAMES.size(), 2);
    }

    private static INDArray one(INDArray batch, int i) {
        return batch.get(NDArrayIndex.point(i)).dup();
    }
}
