package org.dls4j.course4.week3;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.data.images.ShapeScenes;
import org.dls4j.shared.graph.faceapi.TinyFaceDetectorNet;
import org.dls4j.shared.plot.ImageGrid;
import org.dls4j.shared.plot.Png;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 4 week 3, "Autonomous driving - Car detection" (the 2021 TF2 notebook, with the 2018 one's differences
 * noted): YOLOv2's post-processing written from scratch, the notebook's 608x608 YOLOv2 as a DL4J graph, and, since
 * the course's 194 MB {@code yolo.h5} is in no public copy, a small YOLO trained here end to end on generated shapes.
 *
 * <p>The graded functions, in ND4J float64 with each TensorFlow call as a {@code // tf.} comment above its twin:
 * {@link #yoloFilterBoxes}, {@link #iou}, {@link #yoloNonMaxSuppression}, {@link #yoloEval} (with
 * {@link #yoloBoxesToCorners} and {@link #scaleBoxes}) and yad2k's {@link #yoloHead}, which the notebook imports.
 * Why float64 where the 2021 notebook is float32: these are a few thousand numbers, not a network; in float64 the
 * thresholds compare exactly ({@code score >= 0.6}, {@code iou > 0.5}) and {@code iou} prints
 * {@code 0.14285714285714285} as the notebook does. Arrays of any type come in and are read as float64. Layout:
 * channels last, as the notebook's tensors, {@code (..., 19, 19, 5, k)} with any leading dimensions.
 *
 * <p>What the learner sees:
 * <ol>
 *   <li>each graded function's check: the notebook feeds TensorFlow-seeded tensors ({@code tf.random.normal(mean=1,
 *       stddev=4, seed=1)}), which Java cannot reproduce, so the same shapes and distribution come from numpy's
 *       seed; the lines print the notebook's format ({@code scores[2] = ...}, {@code boxes.shape = (10, 4)}) with
 *       the notebook's values beside them, and the four {@code iou} checks exactly ({@code 0.14285714285714285});</li>
 *   <li>{@code yolo_model.summary()}'s totals for the YOLOv2 graph ({@link YoloV2Graph}: Total params 50,983,561,
 *       output (19, 19, 425));</li>
 *   <li>with the course's {@code yolo/model_data/yolo.h5} supplied: {@code predict("test.jpg")}, i.e. "Found 10 boxes
 *       for images/test.jpg" and lines such as {@code car 0.89 (367, 300) (745, 648)}, and the picture with its boxes
 *       in {@code --out}; without it, a paragraph saying which file is missing and what to do;</li>
 *   <li>the shape detector ({@link ShapeDetector}): one line per epoch, mAP@0.5 on held-out scenes, the first scene's
 *       "Found n boxes" lines, and {@code c4w3-shape-detections.png} (held-out scenes with their boxes);</li>
 *   <li>face-api's pretrained Tiny Face Detector decoded with the same functions ({@link FaceDetection}): "Found n
 *       boxes" and {@code face 0.86 (34, 39) (90, 84)} lines for real photos, and each photo with its boxes.</li>
 * </ol>
 * Run: {@code ./dls run c4w3-car-detection [--image my_photo.jpg] [--weights yolo.h5]}.
 */
public final class CarDetection {

    /** The notebook's values of its TensorFlow-seeded checks (2021). */
    static final String NOTEBOOK_FILTER = "scores[2] = 9.270486, boxes[2] = [4.6399336 3.2303846 4.431282 -2.202031],"
            + " classes[2] = 8, shapes (1789,) (1789, 4) (1789,)";
    static final String NOTEBOOK_NMS = "scores[2] = 8.147684, boxes[2] = [6.0797963 3.743308 1.3914018 -0.34089637],"
            + " classes[2] = 1.7079165, shapes (10,) (10, 4) (10,)";
    static final String NOTEBOOK_EVAL = "scores[2] = 171.60194, boxes[2] = [-1240.3483 -3212.5881 -645.78 2024.3052],"
            + " classes[2] = 16, shapes (10,) (10, 4) (10,)";

    /** The notebook's settings. */
    @Command(name = "c4w3-car-detection",
            description = "Course 4 week 3: YOLO's box filtering, IoU, non-max suppression and yolo_eval from scratch; "
                    + "the YOLOv2 graph (pretrained with the course's yolo.h5); a small YOLO trained on shapes.")
    public static final class Options extends AssignmentOptions {

        @Option(names = "--max-boxes", description = "yolo_eval's max_boxes (default: ${DEFAULT-VALUE}).")
        public int maxBoxes = 10;

        @Option(names = "--score-threshold", description = "yolo_eval's score_threshold, for its check (default:"
                + " ${DEFAULT-VALUE}).")
        public double scoreThreshold = 0.6;

        @Option(names = "--predict-score-threshold", description = "The score_threshold predict passes to yolo_eval"
                + " (the pretrained model's boxes, the boxes drawn on the shapes; default: ${DEFAULT-VALUE}).")
        public double predictScoreThreshold = 0.3;

        @Option(names = "--iou-threshold", description = "yolo_eval's iou_threshold (default: ${DEFAULT-VALUE}).")
        public double iouThreshold = 0.5;

        @Option(names = "--image-shape", split = ",", paramLabel = "H,W", description = "yolo_eval's image_shape"
                + " for its check on random outputs (default: 720,1280).")
        public double[] imageShape = {720, 1280};

        @Option(names = "--image", paramLabel = "FILE", description = "A picture for the pretrained YOLOv2 (default:"
                + " the notebook's images/test.jpg).")
        public Path image;

        @Option(names = "--weights", paramLabel = "FILE", description = "The course's yolo.h5 (default: "
                + YoloV2Graph.WEIGHTS_FILE + " in a data folder).")
        public Path weights;

        @Option(names = "--faces", split = ",", paramLabel = "FILE", description = "Pictures for the pretrained"
                + " face detector (default: the course's happy/images/my_image.jpg and three FaceNet pictures).")
        public List<Path> faces;

        @Option(names = "--scenes", description = "Generated training scenes for the shape detector (default:"
                + " ${DEFAULT-VALUE}).")
        public int scenes = 1000;

        @Option(names = "--test-scenes", description = "Held-out scenes for its mAP (default: ${DEFAULT-VALUE}).")
        public int testScenes = 200;

        @Option(names = "--epochs", description = "Its training epochs (default: ${DEFAULT-VALUE}).")
        public int epochs = 12;

        @Option(names = "--batch-size", description = "Its batch size (default: ${DEFAULT-VALUE}).")
        public int batchSize = 32;

        @Option(names = "--learning-rate", description = "Its Adam learning rate (default: ${DEFAULT-VALUE}).")
        public double learningRate = 0.003;

        @Option(names = "--seed", description = "Seed of the scenes (test scenes: seed + 1), the initial weights"
                + " and the shuffles; numpy seed of the random check tensors (default: ${DEFAULT-VALUE}).")
        public long seed = 1;

        @Override
        public void validate() {
            OptionChecks.atLeast("--max-boxes", maxBoxes, 1);
            OptionChecks.between("--score-threshold", scoreThreshold, 0, 1);
            OptionChecks.between("--predict-score-threshold", predictScoreThreshold, 0, 1);
            OptionChecks.between("--iou-threshold", iouThreshold, 0, 1);
            if (imageShape.length != 2) {
                throw new OptionException("--image-shape must be two numbers H,W, not "
                        + imageShape.length);
            }
            OptionChecks.positive("--image-shape", Math.min(imageShape[0], imageShape[1]));
            OptionChecks.readableImage("--image", image);
            if (faces != null) {
                faces.forEach(face -> OptionChecks.readableImage("--faces", face));
            }
            OptionChecks.atLeast("--scenes", scenes, 1);
            OptionChecks.atLeast("--test-scenes", testScenes, 1);
            OptionChecks.atLeast("--epochs", epochs, 1);
            OptionChecks.atLeast("--batch-size", batchSize, 1);
            OptionChecks.positive("--learning-rate", learningRate);
            OptionChecks.numpySeed("--seed", seed, 10);
        }
    }

    /**
     * Everything a run produced: the three seeded checks, the YOLOv2 graph's parameter count, the pretrained
     * detections (null without yolo.h5), the shape detector, its evaluation, the faces found in each face picture
     * (empty when face-api's weights are missing) and the pictures written.
     */
    public record Result(Boxes filterCheck, Boxes nmsCheck, Boxes evalCheck, long yoloParams,
            List<BoxDrawing.Labelled> carDetections, ShapeDetector.Trained shapes, ShapeDetector.Evaluation shapeMap,
            List<List<BoxDrawing.Labelled>> faces, List<Path> pictures) {
    }

    private CarDetection() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), CarDetection::run, args));
    }

    /** The notebook top to bottom: the graded checks, the pretrained model if supplied, then the shape detector. */
    public static Result run(Options options, Report report) {
        List<Path> pictures = new ArrayList<>();
        Boxes[] checks = gradedChecks(options, report);
        report.say("");
        report.say("yolo_model = load_model(\"model_data/\"): the YOLOv2 graph");
        var conf = YoloV2Graph.configuration(options.seed);
        long[] output = YoloV2Graph.outputShape(conf);
        List<BoxDrawing.Labelled> cars = null;
        Optional<Path> weights = YoloV2Graph.locateWeights(options.weights);
        ComputationGraph yolo = YoloV2Graph.build(options.seed);
        long params = yolo.numParams();
        report.say(String.format(Locale.ROOT, "Total params: %,d (the notebook: %,d); output (None, %d, %d, %d)",
                params, YoloV2Graph.NOTEBOOK_TOTAL_PARAMS, output[1], output[2], output[0]));
        if (weights.isPresent()) {
            YoloV2Graph.loadKerasWeights(yolo, weights.get());
            report.say("Loaded " + weights.get());
            Path picture = options.image != null ? options.image
                    : DataFiles.standard().require("yolo/images/test.jpg");
            cars = predict(yolo, picture, options, report, pictures);
        } else {
            report.say(YoloV2Graph.missingWeightsMessage());
            if (options.image != null) {
                report.say("--image " + options.image + " is not used: it is the pretrained model's picture.");
            }
        }
        report.say("");
        report.say("A small YOLO trained here on generated shapes (" + options.scenes + " scenes, "
                + options.testScenes + " held out)");
        List<ShapeScenes.Scene> train = ShapeScenes.generate(options.scenes, ShapeDetector.SIDE,
                ShapeDetector.MAX_SHAPES, options.seed);
        List<ShapeScenes.Scene> test = ShapeScenes.generate(options.testScenes, ShapeDetector.SIDE,
                ShapeDetector.MAX_SHAPES, options.seed + 1);
        ShapeDetector.Trained trained = ShapeDetector.train(train, options.epochs, options.batchSize,
                options.learningRate, options.seed, report);
        ShapeDetector.Evaluation evaluation = ShapeDetector.evaluate(trained.graph(), test, options.maxBoxes,
                options.predictScoreThreshold, options.iouThreshold, ShapeDetector.MAP_SCORE_THRESHOLD);
        double[] ap = evaluation.map().averagePrecision();
        report.result(String.format(Locale.ROOT, "mAP@0.5 on %d held-out scenes = %.4f (circle %.4f, square %.4f,"
                + " triangle %.4f); trained in %.1f s", test.size(), evaluation.map().meanAveragePrecision(), ap[0],
                ap[1], ap[2], trained.seconds()));
        List<BoxDrawing.Labelled> first = evaluation.detections().get(0);
        report.say("Found " + first.size() + " boxes for held-out scene 0 (truth: " + test.get(0).shapes().size()
                + ")");
        first.forEach(box -> report.say(box.line()));
        pictures.add(shapePictures(test, evaluation, options.out.resolve("c4w3-shape-detections.png")));
        report.say("Wrote " + pictures.get(pictures.size() - 1));
        List<List<BoxDrawing.Labelled>> faces = faces(options, report, pictures);
        return new Result(checks[0], checks[1], checks[2], params, cars, trained, evaluation, faces, pictures);
    }

    /** The photos the face detector looks at by default, and the FaceNet crops it sees as one group picture. */
    static final List<String> FACE_PICTURES = List.of("happy/images/my_image.jpg", "nst/images/content300.jpg");
    static final List<String> FACENET_CROPS = List.of("andrew", "arnaud", "benoit", "bertrand", "dan", "felix",
            "kevin", "kian", "younes");
    static final String FACENET_MOSAIC = "facenet/images (9 crops in one picture)";

    /** face-api's pretrained Tiny Face Detector through our yolo_head and yolo_eval, on real photos. */
    static List<List<BoxDrawing.Labelled>> faces(Options options, Report report, List<Path> written) {
        report.say("");
        report.say("A real pretrained YOLO: face-api's Tiny Face Detector (13x13 grid, 5 anchors, 1 class) through"
                + " yolo_head and yolo_eval (score > " + FaceDetection.SCORE_THRESHOLD + ", IoU "
                + TinyFaceDetectorNet.IOU_THRESHOLD + ", face-api's settings)");
        TinyFaceDetectorNet detector;
        try {
            detector = TinyFaceDetectorNet.load();
        } catch (DataException e) {
            report.say("Skipped: " + e.getMessage());
            return List.of();
        }
        Map<String, INDArray> pictures = new LinkedHashMap<>();
        if (options.faces != null) {
            options.faces.forEach(file -> pictures.put(displayName(file), Images.read(file)));
        } else {
            FACE_PICTURES.forEach(file -> pictures.put(file, Images.dataSetImage(file)));
            pictures.put(FACENET_MOSAIC, FaceDetection.mosaic(FACENET_CROPS.stream()
                    .map(name -> Images.dataSetImage("facenet/images/" + name + ".jpg")).toList(), 3));
        }
        List<List<BoxDrawing.Labelled>> found = new ArrayList<>();
        for (Map.Entry<String, INDArray> entry : pictures.entrySet()) {
            INDArray picture = entry.getValue();
            List<BoxDrawing.Labelled> faces = FaceDetection.detect(detector, picture, options.maxBoxes);
            found.add(faces);
            report.result("Found " + faces.size() + " boxes for " + entry.getKey());
            faces.forEach(face -> report.result(face.line()));
            int scale = Math.max(1, 384 / (int) Math.max(picture.size(0), picture.size(1)));
            String name = entry.getKey().equals(FACENET_MOSAIC) ? "facenet_crops"
                    : baseName(Path.of(entry.getKey()));
            Path png = Png.write(BoxDrawing.draw(Images.toImage(picture), faces, 1, scale),
                    options.out.resolve(name + "_faces.png"));
            written.add(png);
            report.say("Wrote " + png);
        }
        return found;
    }

    private static String baseName(Path file) {
        return file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    }

    /** The notebook's checks of yolo_filter_boxes, iou, yolo_non_max_suppression and yolo_eval. */
    static Boxes[] gradedChecks(Options options, Report report) {
        NumpyRandom random = new NumpyRandom(options.seed);
        report.say("yolo_filter_boxes on random (19, 19, 5, 1|4|80) tensors, normal(mean=1, stddev=4), threshold 0.5"
                + " (numpy seed " + options.seed + "; the notebook's come from TensorFlow's seed)");
        Boxes filtered = yoloFilterBoxes(random.normal(1, 4, 19, 19, 5, 1), random.normal(1, 4, 19, 19, 5, 4),
                random.normal(1, 4, 19, 19, 5, 80), 0.5);
        sayCheck(filtered, NOTEBOOK_FILTER, report);
        report.say("iou for intersecting boxes = " + iou(new double[] {2, 1, 4, 3}, new double[] {1, 2, 3, 4}));
        report.say("iou for non-intersecting boxes = " + iou(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8}));
        report.say("iou for boxes that only touch at vertices = " + iou(new double[] {1, 1, 2, 2},
                new double[] {2, 2, 3, 3}));
        report.say("iou for boxes that only touch at edges = " + iou(new double[] {1, 1, 3, 3},
                new double[] {2, 3, 3, 4}));
        report.say("yolo_non_max_suppression on random scores (54), boxes (54, 4), classes (54)");
        Boxes nms = yoloNonMaxSuppression(random.normal(1, 4, 54), random.normal(1, 4, 54, 4),
                random.normal(1, 4, 54), options.maxBoxes, options.iouThreshold);
        sayCheck(nms, NOTEBOOK_NMS, report);
        report.say("yolo_eval on random outputs (19, 19, 5, 2|2|1|80), image_shape " + shape(options.imageShape));
        Boxes eval = yoloEval(random.normal(1, 4, 19, 19, 5, 2), random.normal(1, 4, 19, 19, 5, 2),
                random.normal(1, 4, 19, 19, 5, 1), random.normal(1, 4, 19, 19, 5, 80), options.imageShape,
                options.maxBoxes, options.scoreThreshold, options.iouThreshold);
        sayCheck(eval, NOTEBOOK_EVAL, report);
        return new Boxes[] {filtered, nms, eval};
    }

    private static void sayCheck(Boxes boxes, String notebook, Report report) {
        int i = Math.min(2, boxes.count() - 1);
        if (i >= 0) {
            report.say("scores[" + i + "] = " + fmt(boxes.score(i)));
            report.say("boxes[" + i + "] = " + Arrays.toString(Arrays.stream(boxes.box(i)).mapToObj(CarDetection::fmt)
                    .toArray()));
            report.say("classes[" + i + "] = " + fmt(boxes.classes().getDouble(i)));
        }
        report.say("scores.shape = (" + boxes.count() + ",), boxes.shape = (" + boxes.count() + ", 4), classes.shape"
                + " = (" + boxes.count() + ",)");
        report.say("  the notebook, on TensorFlow's tensors: " + notebook);
    }

    /** {@code predict(image_file)}: preprocess, the graph, yolo_head, yolo_eval, the notebook's lines, the picture. */
    static List<BoxDrawing.Labelled> predict(ComputationGraph yolo, Path file, Options options, Report report,
            List<Path> pictures) {
        INDArray picture = Images.read(file);
        int height = (int) picture.size(0);
        int width = (int) picture.size(1);
        // image, image_data = preprocess_image("images/" + image_file, model_image_size = (608, 608))
        INDArray imageData = Images.resize(picture, YoloV2Graph.SIDE, YoloV2Graph.SIDE).divi(255.0).permute(2, 0, 1)
                .reshape('c', 1, 3, YoloV2Graph.SIDE, YoloV2Graph.SIDE).castTo(DataType.FLOAT);
        // yolo_model_outputs = yolo_model(image_data): channels first here, channels last for yolo_head
        INDArray raw = yolo.outputSingle(imageData).permute(0, 2, 3, 1);
        // yolo_outputs = yolo_head(yolo_model_outputs, anchors, len(class_names))
        YoloOutputs outputs = yoloHead(raw, anchors(), YoloV2Graph.CLASSES);
        // out_scores, out_boxes, out_classes = yolo_eval(yolo_outputs, [image.size[1], image.size[0]], 10, 0.3, 0.5)
        Boxes found = yoloEval(outputs, new double[] {height, width}, options.maxBoxes,
                options.predictScoreThreshold, options.iouThreshold);
        List<String> classes = classNames();
        report.result("Found " + found.count() + " boxes for " + displayName(file));
        List<BoxDrawing.Labelled> labelled = new ArrayList<>();
        for (int k = 0; k < found.count(); k++) {
            BoxDrawing.Labelled box = BoxDrawing.labelled(found.box(k), found.score(k), found.classIndex(k), classes,
                    width, height);
            labelled.add(box);
            report.result(box.line());
        }
        String name = baseName(file);
        BufferedImage drawn = BoxDrawing.draw(Images.toImage(picture), labelled, classes.size(), 1);
        Path png = Png.write(drawn, options.out.resolve(name + "_annotated.png"));
        pictures.add(png);
        report.say("Wrote " + png);
        return labelled;
    }

    /** {@code read_anchors("model_data/yolo_anchors.txt")}: five (width, height) pairs in grid cells. */
    public static double[][] anchors() {
        double[] values = Arrays.stream(readText("yolo/model_data/yolo_anchors.txt").trim().split(","))
                .mapToDouble(v -> Double.parseDouble(v.trim())).toArray();
        double[][] pairs = new double[values.length / 2][];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new double[] {values[2 * i], values[2 * i + 1]};
        }
        return pairs;
    }

    /** {@code read_classes("model_data/coco_classes.txt")}: the 80 COCO names. */
    public static List<String> classNames() {
        return readText("yolo/model_data/coco_classes.txt").lines().map(String::trim).filter(l -> !l.isEmpty())
                .toList();
    }

    private static String readText(String relativePath) {
        Path file = DataFiles.standard().require(relativePath);
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Path shapePictures(List<ShapeScenes.Scene> scenes, ShapeDetector.Evaluation evaluation, Path png) {
        int shown = Math.min(8, scenes.size());
        List<BufferedImage> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            images.add(ShapeDetector.drawn(scenes.get(i), evaluation.detections().get(i)));
            captions.add("found " + evaluation.detections().get(i).size() + " of " + scenes.get(i).shapes().size());
        }
        return ImageGrid.save(images, captions, 4, png);
    }

    private static String displayName(Path file) {
        Path parent = file.getParent();
        return (parent == null ? "" : parent.getFileName() + "/") + file.getFileName();
    }

    private static String shape(double[] imageShape) {
        return "(" + fmt(imageShape[0]) + ", " + fmt(imageShape[1]) + ")";
    }

    private static String fmt(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%.7g", value);
    }

    /** What {@code yolo_head} returns: {@code (m, H, W, B, 2)}, {@code (m, H, W, B, 2)}, {@code (m, H, W, B, 1)}, {@code (m, H, W, B, C)}. */
    public record YoloOutputs(INDArray boxXY, INDArray boxWH, INDArray boxConfidence, INDArray boxClassProbs) {
    }

    /**
     * Kept boxes: {@code scores (n)}, {@code boxes (n, 4)}, {@code classes (n)} (float64; a class is an index).
     * Filtering keeps grid order (row, column, anchor: {@code tf.boolean_mask}); non-max suppression returns its
     * selection order (descending score).
     */
    public record Boxes(INDArray scores, INDArray boxes, INDArray classes) {

        public int count() {
            return (int) scores.length();
        }

        /** Box {@code i}'s four numbers. */
        public double[] box(int i) {
            return boxes.getRow(i).toDoubleVector();
        }

        public double score(int i) {
            return scores.getDouble(i);
        }

        public int classIndex(int i) {
            return (int) classes.getDouble(i);
        }
    }

    /**
     * yad2k's {@code yolo_head(feats, anchors, num_classes)}: the raw convolution features {@code (m, H, W, B*(5+C))}
     * (channels last, as Keras gives them) to box centres {@code (sigmoid(t_xy) + cell) / grid}, sizes
     * {@code exp(t_wh) * anchor / grid} (fractions of the picture), confidences {@code sigmoid(t_o)} and class
     * probabilities {@code softmax(t_c)}. Within each anchor's {@code 5 + C} numbers the order is x, y, w, h,
     * confidence, classes; x is the column (divided by the grid's width), y the row (divided by its height).
     *
     * @param anchors    {@code B} pairs (width, height) in grid cells ({@code yolo_anchors.txt})
     * @param numClasses C; 0 for an encoding of 5 numbers per anchor without class scores (a one-class detector such
     *                   as face-api's), whose class probabilities are then a single 1
     */
    public static YoloOutputs yoloHead(INDArray feats, double[][] anchors, int numClasses) {
        if (feats.rank() != 4 || feats.size(3) != (long) anchors.length * (5 + numClasses)) {
            throw new IllegalArgumentException("yolo_head expects features (m, H, W, " + anchors.length + "*(5+"
                    + numClasses + ")), got " + Arrays.toString(feats.shape()));
        }
        int m = (int) feats.size(0);
        int height = (int) feats.size(1);
        int width = (int) feats.size(2);
        int numAnchors = anchors.length;
        // feats = K.reshape(feats, [-1, conv_dims[0], conv_dims[1], num_anchors, num_classes + 5])
        INDArray f = feats.castTo(DataType.DOUBLE).dup('c').reshape('c', m, height, width, numAnchors, 5 + numClasses);
        // conv_index: (column, row) of every cell, shape (1, H, W, 1, 2)
        INDArray convIndex = Nd4j.create(DataType.DOUBLE, 1, height, width, 1, 2);
        for (int row = 0; row < height; row++) {
            for (int column = 0; column < width; column++) {
                convIndex.putScalar(new long[] {0, row, column, 0, 0}, column);
                convIndex.putScalar(new long[] {0, row, column, 0, 1}, row);
            }
        }
        // conv_dims = K.cast(K.reshape(conv_dims, [1, 1, 1, 1, 2]), K.dtype(feats)): x by the width, y by the height
        INDArray convDims = Nd4j.createFromArray((double) width, height).reshape(1, 1, 1, 1, 2);
        // anchors_tensor = K.reshape(K.variable(anchors), [1, 1, 1, num_anchors, 2])
        INDArray anchorsTensor = Nd4j.createFromArray(anchors).castTo(DataType.DOUBLE).reshape(1, 1, 1, numAnchors, 2);
        // box_confidence = K.sigmoid(feats[..., 4:5])
        INDArray boxConfidence = sigmoid(lastAxis(f, 4, 5));
        // box_xy = K.sigmoid(feats[..., :2])
        INDArray boxXY = sigmoid(lastAxis(f, 0, 2));
        // box_wh = K.exp(feats[..., 2:4])
        INDArray boxWH = exp(lastAxis(f, 2, 4));
        // box_class_probs = K.softmax(feats[..., 5:]); without class scores, one class of probability 1
        INDArray boxClassProbs = numClasses == 0 ? Nd4j.ones(DataType.DOUBLE, m, height, width, numAnchors, 1)
                : softmaxLastAxis(lastAxis(f, 5, 5 + numClasses));
        // box_xy = (box_xy + conv_index) / conv_dims
        boxXY = boxXY.add(broadcast(convIndex, boxXY)).div(broadcast(convDims, boxXY));
        // box_wh = box_wh * anchors_tensor / conv_dims
        boxWH = boxWH.mul(broadcast(anchorsTensor, boxWH)).div(broadcast(convDims, boxWH));
        return new YoloOutputs(boxXY, boxWH, boxConfidence, boxClassProbs);
    }

    /**
     * {@code yolo_boxes_to_corners(box_xy, box_wh)}: centres (x, y) and sizes (w, h) to corners
     * {@code (y_min, x_min, y_max, x_max) = (y - h/2, x - w/2, y + h/2, x + w/2)}, shape {@code (..., 4)}.
     */
    public static INDArray yoloBoxesToCorners(INDArray boxXY, INDArray boxWH) {
        INDArray xy = boxXY.castTo(DataType.DOUBLE);
        INDArray wh = boxWH.castTo(DataType.DOUBLE);
        // box_mins = box_xy - (box_wh / 2.)
        INDArray boxMins = xy.sub(wh.div(2.0));
        // box_maxes = box_xy + (box_wh / 2.)
        INDArray boxMaxes = xy.add(wh.div(2.0));
        // K.concatenate([box_mins[..., 1:2], box_mins[..., 0:1], box_maxes[..., 1:2], box_maxes[..., 0:1]])
        int axis = xy.rank() - 1;
        return Nd4j.concat(axis, lastAxis(boxMins, 1, 2), lastAxis(boxMins, 0, 1), lastAxis(boxMaxes, 1, 2),
                lastAxis(boxMaxes, 0, 1));
    }

    /**
     * {@code yolo_filter_boxes}: score = confidence x class probability; each box's class is the first arg-max and
     * its score that maximum; boxes whose score is at least {@code threshold} are kept, in grid order.
     *
     * @param boxConfidence {@code (..., 1)}
     * @param boxes         {@code (..., 4)}
     * @param boxClassProbs {@code (..., C)}
     */
    public static Boxes yoloFilterBoxes(INDArray boxConfidence, INDArray boxes, INDArray boxClassProbs,
            double threshold) {
        int numClasses = (int) boxClassProbs.size(boxClassProbs.rank() - 1);
        INDArray confidence = boxConfidence.castTo(DataType.DOUBLE).dup('c').reshape('c', -1, 1);
        INDArray classProbs = boxClassProbs.castTo(DataType.DOUBLE).dup('c').reshape('c', -1, numClasses);
        INDArray corners = boxes.castTo(DataType.DOUBLE).dup('c').reshape('c', -1, 4);
        if (confidence.rows() != classProbs.rows() || corners.rows() != classProbs.rows()) {
            throw new IllegalArgumentException("yolo_filter_boxes: confidence " + Arrays.toString(boxConfidence.shape())
                    + ", boxes " + Arrays.toString(boxes.shape()) + " and class probabilities "
                    + Arrays.toString(boxClassProbs.shape()) + " do not describe the same boxes");
        }
        // box_scores = box_confidence * box_class_probs
        INDArray boxScores = classProbs.mulColumnVector(confidence);
        // box_classes = tf.math.argmax(box_scores, axis=-1)
        INDArray boxClasses = boxScores.argMax(1);
        // box_class_scores = tf.math.reduce_max(box_scores, axis=-1)
        INDArray boxClassScores = boxScores.max(1);
        // filtering_mask = box_class_scores >= threshold
        int[] kept = IntStream.range(0, (int) boxClassScores.length())
                .filter(i -> boxClassScores.getDouble(i) >= threshold).toArray();
        // scores = tf.boolean_mask(box_class_scores, filtering_mask)
        // boxes = tf.boolean_mask(boxes, filtering_mask)
        // classes = tf.boolean_mask(box_classes, filtering_mask)
        return gather(boxClassScores, corners, boxClasses.castTo(DataType.DOUBLE), kept);
    }

    /**
     * {@code iou(box1, box2)}: intersection over union of two boxes given by corners {@code (x1, y1, x2, y2)}, the
     * intersection's sides clipped at 0, union = area1 + area2 - intersection.
     */
    public static double iou(double[] box1, double[] box2) {
        // (box1_x1, box1_y1, box1_x2, box1_y2) = box1
        // xi1 = max(box1_x1, box2_x1); yi1 = max(box1_y1, box2_y1); xi2 = min(box1_x2, box2_x2); yi2 = min(...)
        double xi1 = Math.max(box1[0], box2[0]);
        double yi1 = Math.max(box1[1], box2[1]);
        double xi2 = Math.min(box1[2], box2[2]);
        double yi2 = Math.min(box1[3], box2[3]);
        // inter_width = max(xi2 - xi1, 0); inter_height = max(yi2 - yi1, 0); inter_area = inter_width * inter_height
        double interArea = Math.max(xi2 - xi1, 0) * Math.max(yi2 - yi1, 0);
        // box1_area = (box1_x2 - box1_x1) * (box1_y2 - box1_y1)
        double box1Area = (box1[2] - box1[0]) * (box1[3] - box1[1]);
        double box2Area = (box2[2] - box2[0]) * (box2[3] - box2[1]);
        // union_area = box1_area + box2_area - inter_area
        double unionArea = box1Area + box2Area - interArea;
        // iou = inter_area / union_area
        return interArea / unionArea;
    }

    /**
     * {@code yolo_non_max_suppression}: {@code tf.image.non_max_suppression(boxes, scores, max_boxes, iou_threshold)}
     * and {@code tf.gather}. The class plays no part. Boxes are taken by descending score (equal scores: the lower
     * index first); a box is dropped when its IoU with a box already kept is greater than {@code iouThreshold}; at
     * most {@code maxBoxes} are kept, in the order chosen. As TensorFlow, each box's corners are put in order
     * (min, max) before its area and overlaps are measured, and a box of zero area overlaps nothing.
     */
    public static Boxes yoloNonMaxSuppression(INDArray scores, INDArray boxes, INDArray classes, int maxBoxes,
            double iouThreshold) {
        if (scores.isEmpty()) {
            return gather(scores, boxes, classes, new int[0]);
        }
        double[] s = scores.castTo(DataType.DOUBLE).toDoubleVector();
        double[][] b = boxes.castTo(DataType.DOUBLE).reshape(-1, 4).toDoubleMatrix();
        // nms_indices = tf.image.non_max_suppression(boxes, scores, max_boxes_tensor, iou_threshold=iou_threshold)
        Integer[] order = IntStream.range(0, s.length).boxed()
                .sorted((i, j) -> s[i] != s[j] ? Double.compare(s[j], s[i]) : Integer.compare(i, j))
                .toArray(Integer[]::new);
        double[][] ordered = Arrays.stream(b).map(CarDetection::orderedCorners).toArray(double[][]::new);
        List<Integer> selected = new ArrayList<>();
        for (int candidate : order) {
            if (selected.size() >= maxBoxes) {
                break;
            }
            boolean suppressed = false;
            for (int kept : selected) {
                if (overlap(ordered[candidate], ordered[kept]) > iouThreshold) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                selected.add(candidate);
            }
        }
        int[] nmsIndices = selected.stream().mapToInt(Integer::intValue).toArray();
        // scores = tf.gather(scores, nms_indices); boxes = tf.gather(boxes, nms_indices); classes = tf.gather(...)
        return gather(scores.castTo(DataType.DOUBLE).reshape(-1), boxes.castTo(DataType.DOUBLE).reshape(-1, 4),
                classes.castTo(DataType.DOUBLE).reshape(-1), nmsIndices);
    }

    /** {@code scale_boxes(boxes, image_shape)}: corners times {@code [H, W, H, W]} of the picture. */
    public static INDArray scaleBoxes(INDArray boxes, double[] imageShape) {
        // height = image_shape[0]; width = image_shape[1]
        // image_dims = K.stack([height, width, height, width]); image_dims = K.reshape(image_dims, [1, 4])
        INDArray imageDims = Nd4j.createFromArray(imageShape[0], imageShape[1], imageShape[0], imageShape[1])
                .reshape(1, 4);
        // boxes = boxes * image_dims
        INDArray corners = boxes.castTo(DataType.DOUBLE).reshape(-1, 4);
        return corners.isEmpty() ? corners : corners.mulRowVector(imageDims);
    }

    /**
     * {@code yolo_eval(yolo_outputs, image_shape, max_boxes, score_threshold, iou_threshold)}: corners, score
     * filter, scaled to the picture's {@code imageShape = {H, W}}, non-max suppression.
     */
    public static Boxes yoloEval(INDArray boxXY, INDArray boxWH, INDArray boxConfidence, INDArray boxClassProbs,
            double[] imageShape, int maxBoxes, double scoreThreshold, double iouThreshold) {
        // boxes = yolo_boxes_to_corners(box_xy, box_wh)
        INDArray boxes = yoloBoxesToCorners(boxXY, boxWH);
        // scores, boxes, classes = yolo_filter_boxes(boxes, box_confidence, box_class_probs, score_threshold)
        Boxes filtered = yoloFilterBoxes(boxConfidence, boxes, boxClassProbs, scoreThreshold);
        // boxes = scale_boxes(boxes, image_shape)
        INDArray scaled = scaleBoxes(filtered.boxes(), imageShape);
        // scores, boxes, classes = yolo_non_max_suppression(scores, boxes, classes, max_boxes, iou_threshold)
        return yoloNonMaxSuppression(filtered.scores(), scaled, filtered.classes(), maxBoxes, iouThreshold);
    }

    /** {@link #yoloEval} on {@link #yoloHead}'s outputs. */
    public static Boxes yoloEval(YoloOutputs outputs, double[] imageShape, int maxBoxes, double scoreThreshold,
            double iouThreshold) {
        return yoloEval(outputs.boxXY(), outputs.boxWH(), outputs.boxConfidence(), outputs.boxClassProbs(),
                imageShape, maxBoxes, scoreThreshold, iouThreshold);
    }

    /** TensorFlow's NMS overlap of two ordered boxes: 0 when either has no area, else {@link #iou}. */
    static double overlap(double[] a, double[] b) {
        double areaA = (a[2] - a[0]) * (a[3] - a[1]);
        double areaB = (b[2] - b[0]) * (b[3] - b[1]);
        if (areaA <= 0 || areaB <= 0) {
            return 0;
        }
        return iou(a, b);
    }

    /** {@code (min(y1, y2), min(x1, x2), max(y1, y2), max(x1, x2))}: the same box with its corners in order. */
    static double[] orderedCorners(double[] box) {
        return new double[] {Math.min(box[0], box[2]), Math.min(box[1], box[3]), Math.max(box[0], box[2]),
                Math.max(box[1], box[3])};
    }

    private static Boxes gather(INDArray scores, INDArray boxes, INDArray classes, int[] indices) {
        if (indices.length == 0) {
            return new Boxes(Nd4j.create(DataType.DOUBLE, 0), Nd4j.create(DataType.DOUBLE, 0, 4),
                    Nd4j.create(DataType.DOUBLE, 0));
        }
        double[] s = scores.reshape(-1).toDoubleVector();
        double[] c = classes.reshape(-1).toDoubleVector();
        INDArray b = boxes.reshape(-1, 4);
        double[] keptScores = new double[indices.length];
        double[] keptClasses = new double[indices.length];
        for (int k = 0; k < indices.length; k++) {
            keptScores[k] = s[indices[k]];
            keptClasses[k] = c[indices[k]];
        }
        return new Boxes(Nd4j.createFromArray(keptScores), b.getRows(indices).reshape(indices.length, 4),
                Nd4j.createFromArray(keptClasses));
    }

    /** {@code x[..., from:to]}. */
    private static INDArray lastAxis(INDArray x, int from, int to) {
        INDArrayIndex[] index = new INDArrayIndex[x.rank()];
        Arrays.fill(index, NDArrayIndex.all());
        index[x.rank() - 1] = NDArrayIndex.interval(from, to);
        return x.get(index).dup('c');
    }

    private static INDArray broadcast(INDArray small, INDArray like) {
        return small.broadcast(like.shape());
    }

    private static INDArray sigmoid(INDArray x) {
        return Transforms.sigmoid(x, true);
    }

    private static INDArray exp(INDArray x) {
        return Transforms.exp(x, true);
    }

    /** Softmax over the last axis, {@code exp(x - max) / sum}, as Keras' {@code K.softmax}. */
    private static INDArray softmaxLastAxis(INDArray x) {
        long[] shape = x.shape();
        INDArray rows = x.dup('c').reshape('c', -1, shape[shape.length - 1]);
        INDArray shifted = rows.subColumnVector(rows.max(1).reshape(-1, 1));
        INDArray e = Transforms.exp(shifted, false);
        return e.divColumnVector(e.sum(1).reshape(-1, 1)).reshape('c', shape);
    }
}
