package org.dls4j.course4.week4;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.plot.HeatMapPlot;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 4 week 4, "Face Recognition for the Happy House" (2017-v1 / v3a): the triplet loss, a database of the
 * encodings of 12 people's pictures, face verification ("is this younes?") and face recognition ("who is this?")
 * by the L2 distance between 128-number encodings.
 *
 * <p>The course's encoder is FaceNet nn4.small2 ({@link FaceNetGraph}) with the OpenFace weights
 * ({@link OpenFaceWeights}). Five of its 224 weight files are in no public copy; until a learner adds them, the run
 * says which, and encodes with {@link FaceApiEncoder} instead (face-api's pretrained dlib-style ResNet), with a
 * threshold chosen for it from the course's own pictures.
 *
 * <p>What the learner sees: {@code loss = ...} (the triplet loss on the test's random encodings), the encoder, the
 * notebook's three calls with their lines and values ({@code It's younes, welcome in!} and {@code (0.65939283,
 * True)}; {@code It's not kian, please go away}; {@code it's younes, the distance is 0.659393}) beside the
 * notebook's, then {@code who_is_it} on each of the six camera pictures, the table of same-person and
 * different-person distances that justifies the threshold, and {@code c4w4-face-distances.png} (all 18 pictures'
 * distances) in {@code --out}. With {@code --image} (and {@code --identity}) the run verifies and recognises that
 * picture. The verdicts are the results ({@code -q} keeps them).
 * Run: {@code ./dls run c4w4-face-recognition [--image FILE --identity NAME] [--encoder facenet|faceapi]}.
 */
public final class FaceRecognition {

    /** The triplet loss's margin, {@code triplet_loss(y_true, y_pred, alpha = 0.2)}. */
    public static final double ALPHA = 0.2;
    /** The notebook's database, in its order: {@code database["danielle"] = img_to_encoding("images/danielle.png")}. */
    public static final List<String> DATABASE = List.of("danielle", "younes", "tian", "andrew", "kian", "dan",
            "sebastiano", "bertrand", "kevin", "felix", "benoit", "arnaud");
    /** The "camera" pictures of people at the door. */
    public static final List<String> CAMERA = List.of("camera_0", "camera_1", "camera_2", "camera_3", "camera_4",
            "camera_5");
    /**
     * Who each camera picture shows: camera_0 is younes and camera_2 benoit holding kian's ID card (the notebook's
     * story); camera_1 and camera_3 are bertrand (the 2021 tests verify both as bertrand); camera_4 (dan) and
     * camera_5 (arnaud), which no notebook cell uses, by their clothes and background, the same as in the database
     * pictures.
     */
    public static final Map<String, String> CAMERA_PEOPLE = Map.of("camera_0", "younes", "camera_1", "bertrand",
            "camera_2", "benoit", "camera_3", "bertrand", "camera_4", "dan", "camera_5", "arnaud");
    /** The v3a notebook's {@code triplet_loss} test on TensorFlow's random encodings (v1 printed 350.026). */
    public static final double NOTEBOOK_TRIPLET_LOSS = 528.143;
    /** The notebook's distances: camera_0 to younes, camera_2 to kian (FaceNet, OpenFace weights). */
    public static final double NOTEBOOK_YOUNES = 0.65939283, NOTEBOOK_KIAN = 0.86224014;

    /** Which network encodes the faces. */
    public enum Encoder {
        /** The course's FaceNet nn4.small2 with the OpenFace weights (needs all 224 CSV files). */
        FACENET,
        /** face-api's pretrained 128-d face embedding (a dlib-style ResNet, 150x150 input). */
        FACEAPI
    }

    /** The notebook's settings. */
    @Command(name = "c4w4-face-recognition",
            description = "Course 4: Face Recognition for the Happy House: triplet loss, face verification and "
                    + "recognition by the distance between 128-d encodings (FaceNet, or face-api's network).")
    public static final class Options extends AssignmentOptions {

        @Option(names = "--image", paramLabel = "FILE",
                description = "A picture of a face to verify (with --identity) and to recognise; without it the "
                        + "run takes the notebook's camera pictures.")
        public Path image;

        @Option(names = "--identity", paramLabel = "NAME",
                description = "Who the person at the door says they are (one of the database's 12 names), for "
                        + "--image.")
        public String identity;

        @Option(names = "--threshold", paramLabel = "D",
                description = "The distance under which two faces are the same person (default: the encoder's: "
                        + "0.7 for facenet, the notebook's; " + FaceApiEncoder.THRESHOLD_TEXT + " for faceapi).")
        public Double threshold;

        @Option(names = "--encoder", paramLabel = "NAME",
                description = "facenet or faceapi (default: facenet when all its weight files are here, else "
                        + "faceapi).")
        public Encoder encoder;

        @Override
        public void validate() {
            OptionChecks.readableImage("--image", image);
            if (threshold != null) {
                OptionChecks.positive("--threshold", threshold);
            }
            if (identity != null) {
                if (!DATABASE.contains(identity)) {
                    throw new OptionException("--identity must be one of the database's names (" + String.join(
                            ", ", DATABASE) + "), not '" + identity + "'");
                }
                if (image == null) {
                    throw new OptionException("--identity needs --image (the picture of who says they are "
                            + identity + ")");
                }
            }
        }
    }

    /** {@code verify(...)}: the distance to {@code identity}'s encoding, and whether the door opens. */
    public record Verification(String picture, String identity, double distance, boolean doorOpen) {
    }

    /** {@code who_is_it(...)}: the nearest person of the database and the distance; {@code known} under threshold. */
    public record Identification(String picture, String identity, double distance, boolean known) {
    }

    /**
     * Everything a run produced: the encoder and threshold used, the triplet loss of the test draws, the
     * verifications and identifications in the order printed, the pictures (database then camera) and their
     * distance matrix, and the heat map.
     */
    public record Result(String encoder, double threshold, double tripletLoss, List<Verification> verifications,
            List<Identification> identifications, List<String> pictures, double[][] distances, Path heatMap) {
    }

    private FaceRecognition() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), FaceRecognition::run, args));
    }

    /**
     * {@code triplet_loss(y_true, y_pred, alpha)} of the 2018 (v3a) and 2021 notebooks: the sum over the examples of
     * {@code max(||a - p||^2 - ||a - n||^2 + alpha, 0)}, encodings {@code (m, 128)} (a vector is one example).
     */
    @Graded("triplet_loss")
    public static double tripletLoss(INDArray anchor, INDArray positive, INDArray negative, double alpha) {
        INDArray a = rows(anchor), p = rows(positive), n = rows(negative);
        // tf.reduce_sum(tf.square(tf.subtract(anchor, positive)), axis=-1)
        INDArray posDist = Transforms.pow(a.sub(p), 2, false).sum(1);
        // tf.reduce_sum(tf.square(tf.subtract(anchor, negative)), axis=-1)
        INDArray negDist = Transforms.pow(a.sub(n), 2, false).sum(1);
        // basic_loss = tf.add(tf.subtract(pos_dist, neg_dist), alpha)
        INDArray basicLoss = posDist.sub(negDist).add(alpha);
        // loss = tf.reduce_sum(tf.maximum(basic_loss, 0.0))
        return Transforms.max(basicLoss, 0.0, false).sumNumber().doubleValue();
    }

    private static INDArray rows(INDArray encodings) {
        return encodings.rank() == 1 ? encodings.reshape(1, encodings.length()) : encodings;
    }

    /** A course picture's file, e.g. {@code images/younes.jpg} ({@code danielle} is a PNG). */
    public static Path picture(String name) {
        return DataFiles.standard().require("facenet/images/" + name + (name.equals("danielle") ? ".png" : ".jpg"));
    }

    /** {@code img_to_encoding(image_path, model)}: the picture's {@code (1, 128)} encoding. */
    public static INDArray imgToEncoding(Path imagePath, FaceEncoder model) {
        return model.encode(imagePath);
    }

    /**
     * The database: each of the 12 names to the encoding of its picture, in the notebook's order, each picture
     * encoded alone as {@code img_to_encoding} does (a batch can differ in the last float bits).
     */
    public static Map<String, INDArray> database(FaceEncoder model) {
        Map<String, INDArray> database = new LinkedHashMap<>();
        for (String name : DATABASE) {
            // database["danielle"] = img_to_encoding("images/danielle.png", FRmodel)
            database.put(name, imgToEncoding(picture(name), model));
        }
        return database;
    }

    /**
     * {@code verify(image_path, identity, database, model)}: opens the door when the picture's encoding is closer
     * than {@code threshold} to {@code identity}'s, printing the notebook's line.
     */
    @Graded("verify")
    public static Verification verify(Path imagePath, String identity, Map<String, INDArray> database,
            FaceEncoder model, double threshold, Report report) {
        // encoding = img_to_encoding(image_path, model)
        INDArray encoding = imgToEncoding(imagePath, model);
        // dist = np.linalg.norm(encoding - database[identity])
        double dist = distance(encoding, database.get(identity));
        // if dist < 0.7: door_open = True (the encoder's threshold here) else: door_open = False
        boolean doorOpen = dist < threshold;
        // print("It's " + str(identity) + ", welcome in!") / print("It's not " + str(identity) + ", please go away")
        report.result(doorOpen ? "It's " + identity + ", welcome in!" : "It's not " + identity + ", please go away");
        return new Verification(imagePath.getFileName().toString(), identity, dist, doorOpen);
    }

    /**
     * {@code who_is_it(image_path, database, model)}: the nearest person of the database; "Not in the database."
     * when even the nearest is farther than {@code threshold}.
     */
    @Graded("who_is_it")
    public static Identification whoIsIt(Path imagePath, Map<String, INDArray> database, FaceEncoder model,
            double threshold, Report report) {
        // encoding = img_to_encoding(image_path, model)
        INDArray encoding = imgToEncoding(imagePath, model);
        // min_dist = 100
        // for (name, db_enc) in database.items(): dist = np.linalg.norm(encoding - db_enc)
        //     if dist < min_dist: min_dist = dist; identity = name
        double minDist = 100;
        String identity = null;
        for (Map.Entry<String, INDArray> entry : database.entrySet()) {
            double dist = distance(encoding, entry.getValue());
            if (dist < minDist) {
                minDist = dist;
                identity = entry.getKey();
            }
        }
        boolean known = !(minDist > threshold);
        // if min_dist > 0.7: print("Not in the database.") else: print("it's " + ..., the distance is " + ...)
        report.result(known ? "it's " + identity + ", the distance is " + sixDigits(minDist) : "Not in the database.");
        return new Identification(imagePath.getFileName().toString(), identity, minDist, known);
    }

    /** {@code np.linalg.norm(a - b)} of two float32 encodings (the difference in float32, as numpy takes it). */
    public static double distance(INDArray a, INDArray b) {
        INDArray diff = a.castTo(DataType.FLOAT).sub(b.castTo(DataType.FLOAT)).castTo(DataType.DOUBLE);
        return (float) Math.sqrt(diff.mul(diff).sumNumber().doubleValue());
    }

    /** The pairwise distances of {@code encodings} (m, 128). */
    public static double[][] distances(INDArray encodings) {
        int m = (int) encodings.rows();
        double[][] d = new double[m][m];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                d[i][j] = distance(encodings.getRow(i), encodings.getRow(j));
            }
        }
        return d;
    }

    /** Loads the encoder, runs the notebook's cells, then the camera pictures, the threshold table and the map. */
    public static Result run(Options options, Report report) {
        return run(options, report, null);
    }

    /** {@link #run(Options, Report)} with an encoder already loaded (the tests load it once), or null. */
    static Result run(Options options, Report report, FaceEncoder loaded) {
        double loss = tripletLossTest(report);
        FaceEncoder model = FaceEncoder.remembering(loaded != null ? loaded : encoder(options.encoder, report));
        double threshold = options.threshold != null ? options.threshold : model.threshold();
        report.say("Encoder: " + model.name() + String.format(Locale.ROOT, "; threshold %.2f", threshold));
        Map<String, INDArray> database = database(model);
        List<Verification> verifications = new ArrayList<>();
        List<Identification> identifications = new ArrayList<>();
        if (options.image != null) {
            if (options.identity != null) {
                verifications.add(printed(verify(options.image, options.identity, database, model, threshold,
                        report), report));
            }
            identifications.add(printed(whoIsIt(options.image, database, model, threshold, report), report));
        } else {
            // verify("images/camera_0.jpg", "younes", database, FRmodel); verify("images/camera_2.jpg", "kian", ...)
            verifications.add(printed(verify(picture("camera_0"), "younes", database, model, threshold, report),
                    report));
            report.say("The notebook: (" + Float.toString((float) NOTEBOOK_YOUNES) + ", True)");
            verifications.add(printed(verify(picture("camera_2"), "kian", database, model, threshold, report),
                    report));
            report.say("The notebook: (" + Float.toString((float) NOTEBOOK_KIAN) + ", False)");
            // who_is_it("images/camera_0.jpg", database, FRmodel)
            identifications.add(printed(whoIsIt(picture("camera_0"), database, model, threshold, report), report));
            report.say("The notebook: it's younes, the distance is 0.659393");
        }
        report.say("The camera pictures:");
        for (String camera : CAMERA) {
            report.say(camera + ".jpg (" + CAMERA_PEOPLE.get(camera) + "):");
            identifications.add(printed(whoIsIt(picture(camera), database, model, threshold, report), report));
        }
        List<String> names = new ArrayList<>(DATABASE);
        names.addAll(CAMERA);
        INDArray encodings = Nd4j.vstack(database.values().toArray(INDArray[]::new));
        for (String camera : CAMERA) {
            encodings = Nd4j.vstack(encodings, imgToEncoding(picture(camera), model));
        }
        double[][] distances = distances(encodings);
        ThresholdTable.print(names, distances, threshold, report);
        // 18 names do not fit under the columns: rows "3 andrew", columns "3"
        List<String> rows = new ArrayList<>(), columns = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            rows.add(i + " " + names.get(i));
            columns.add(Integer.toString(i));
        }
        Path heatMap = HeatMapPlot.save("L2 distances between the encodings of the 18 pictures", "picture", columns,
                "picture", rows, distances, options.out.resolve("c4w4-face-distances.png"));
        report.say("Wrote " + heatMap);
        return new Result(model.name(), threshold, loss, verifications, identifications, names, distances, heatMap);
    }

    /**
     * The notebook's {@code triplet_loss} test: anchor N(6, 0.1), positive N(1, 1), negative N(3, 4), each (3, 128).
     * TensorFlow's draws cannot be replayed, so these are numpy's {@code seed(1)} draws of the same distributions.
     */
    static double tripletLossTest(Report report) {
        NumpyRandom random = new NumpyRandom(1);
        INDArray anchor = random.normal(6, 0.1, 3, 128);
        INDArray positive = random.normal(1, 1, 3, 128);
        INDArray negative = random.normal(3, 4, 3, 128);
        double loss = tripletLoss(anchor, positive, negative, ALPHA);
        report.result("loss = " + sixDigits(loss));
        report.say("The notebook: loss = " + NOTEBOOK_TRIPLET_LOSS + " (TensorFlow's draws; numpy's seed(1) here)");
        return loss;
    }

    /** The encoder asked for, or FaceNet when all its weights are here, else face-api's (saying why). */
    static FaceEncoder encoder(Encoder asked, Report report) {
        if (asked == Encoder.FACENET) {
            return FaceNetEncoder.pretrained();
        }
        if (asked == null) {
            List<OpenFaceWeights.WeightFile> missing = OpenFaceWeights.missing(OpenFaceWeights.layout(
                    FaceNetGraph.build(0)));
            if (missing.isEmpty()) {
                return FaceNetEncoder.pretrained();
            }
            report.say("FaceNet's weights are incomplete (" + missing.size() + " files missing: " + String.join(", ",
                    missing.stream().map(OpenFaceWeights.WeightFile::file).toList()) + "; --encoder facenet says "
                    + "where to put them): encoding with face-api's network.");
        }
        return FaceApiEncoder.pretrained();
    }

    /** Prints a verification's return value as the notebook's cell does, {@code (0.65939283, True)}. */
    private static Verification printed(Verification v, Report report) {
        report.result("(" + Float.toString((float) v.distance()) + ", " + (v.doorOpen() ? "True" : "False") + ")");
        return v;
    }

    /** Prints an identification's return value, {@code (0.65939283, 'younes')}. */
    private static Identification printed(Identification i, Report report) {
        report.result("(" + Float.toString((float) i.distance()) + ", '" + i.identity() + "')");
        return i;
    }

    /** {@code str(np.float32)} of the 2017 numpy: six significant digits, {@code 0.659393}. */
    static String sixDigits(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
