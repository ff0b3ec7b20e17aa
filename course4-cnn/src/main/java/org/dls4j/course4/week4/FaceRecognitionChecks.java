package org.dls4j.course4.week4;

import static org.dls4j.shared.exercise.Expect.matrix;
import static org.dls4j.shared.exercise.Expect.row;

import java.util.List;
import java.util.Map;

import org.dls4j.shared.cli.Report;
import org.dls4j.shared.exercise.Expect;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The 2021 {@code triplet_loss_test}'s deterministic cases for {@link FaceRecognition#tripletLoss}, and the
 * notebooks' calls of {@code verify} and {@code who_is_it} on the course's pictures with their verdicts and printed
 * lines. The notebooks' encoder, FaceNet, is not here (five of its weight files are in no public copy): the checks
 * encode with face-api's pretrained network ({@link FaceApiEncoder}, threshold {@value FaceApiEncoder#THRESHOLD_TEXT}
 * where FaceNet's is 0.7), which gives the notebooks' verdicts; the distances the checks expect are that network's,
 * not FaceNet's (the notebook's 0.65939283 for camera_0 and younes is 0.304 here). The 12 database pictures and the
 * camera pictures are encoded once per class loader, as the notebook encodes its database once.
 */
public final class FaceRecognitionChecks implements GradedChecks {

    /** How far a distance may be from face-api's on this machine (float32 sums in another order). */
    private static final double DISTANCE_TOLERANCE = 1e-4;
    /** face-api's distances (ours): camera_0 to younes, camera_2 to kian, camera_1 and 3 to bertrand and younes. */
    static final double YOUNES = 0.30389914, KIAN = 0.3665719, CAMERA_1_BERTRAND = 0.28238454,
            CAMERA_3_BERTRAND = 0.18840832, CAMERA_1_YOUNES = 0.6469366, CAMERA_3_YOUNES = 0.5754927;

    private static FaceEncoder encoder;
    private static Map<String, INDArray> database;

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(FaceRecognition.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(GradedCheck.of("triplet_loss", expect -> expect
                .digits("triplet_loss(ones, ones, ones, 5)", 5, FaceRecognition.tripletLoss(row(1, 1), row(1, 1),
                        row(1, 1), 5))
                .digits("triplet_loss(ones, ones, zeros, 3)", 1, FaceRecognition.tripletLoss(row(1, 1), row(1, 1),
                        row(0, 0), 3))
                .digits("triplet_loss(ones, zeros, ones, 0)", 2, FaceRecognition.tripletLoss(row(1, 1), row(0, 0),
                        row(1, 1), 0))
                .digits("triplet_loss(zeros, zeros, zeros, -2)", 0, FaceRecognition.tripletLoss(row(0, 0),
                        row(0, 0), row(0, 0), -2))
                .digits("two examples, alpha 3", 2, FaceRecognition.tripletLoss(
                        matrix(new double[] {1, 0}, new double[] {1, 0}),
                        matrix(new double[] {1, 0}, new double[] {1, 0}),
                        matrix(new double[] {0, 1}, new double[] {0, 1}), 3))
                .digits("two examples, alpha 1", 5, FaceRecognition.tripletLoss(
                        matrix(new double[] {1, 1}, new double[] {2, 0}),
                        matrix(new double[] {0, 3}, new double[] {1, 1}),
                        matrix(new double[] {1, 0}, new double[] {0, 1}), 1))),
                GradedCheck.of("verify", expect -> {
                    // verify("images/camera_0.jpg", "younes", database, FRmodel): (0.65939283, True) with FaceNet
                    verify(expect, "camera_0", "younes", YOUNES, true);
                    // verify("images/camera_2.jpg", "kian", database, FRmodel): (0.86224014, False), benoit
                    verify(expect, "camera_2", "kian", KIAN, false);
                    // the 2021 tests: camera_1 and camera_3 are bertrand, not younes
                    verify(expect, "camera_1", "bertrand", CAMERA_1_BERTRAND, true);
                    verify(expect, "camera_3", "bertrand", CAMERA_3_BERTRAND, true);
                    verify(expect, "camera_1", "younes", CAMERA_1_YOUNES, false);
                    verify(expect, "camera_3", "younes", CAMERA_3_YOUNES, false);
                }),
                GradedCheck.of("who_is_it", expect -> {
                    // who_is_it("images/camera_0.jpg", database, FRmodel): it's younes (0.659393 with FaceNet)
                    whoIsIt(expect, "camera_0", FaceApiEncoder.THRESHOLD, "younes", YOUNES, true);
                    // the 2021 test: who_is_it("images/younes.jpg") is (0.0, 'younes')
                    whoIsIt(expect, "younes", FaceApiEncoder.THRESHOLD, "younes", 0.0, true);
                    // with a threshold under the nearest distance: "Not in the database.", the nearest still returned
                    whoIsIt(expect, "camera_0", YOUNES / 2, "younes", YOUNES, false);
                }));
    }

    /** {@code verify(image, identity, database, model)}: the door, the distance (face-api's), the printed line. */
    private static void verify(Expect expect, String camera, String identity, double distance, boolean open) {
        Report.Captured report = Report.captured();
        FaceRecognition.Verification v = FaceRecognition.verify(FaceRecognition.picture(camera), identity,
                database(), encoder(), FaceApiEncoder.THRESHOLD, report);
        String call = "verify(" + camera + ", " + identity + ")";
        expect.equal(call + " door_open", open, v.doorOpen())
                .close(call + " dist (face-api's, not FaceNet's)", distance, v.distance(), 0, DISTANCE_TOLERANCE)
                .equal(call + " prints", List.of(open ? "It's " + identity + ", welcome in!"
                        : "It's not " + identity + ", please go away"), report.results());
    }

    /**
     * {@code who_is_it(image, database, model)}: the identity, the distance (face-api's), the printed line (with the
     * distance returned, six digits as numpy prints a float32).
     */
    private static void whoIsIt(Expect expect, String picture, double threshold, String identity, double distance,
            boolean known) {
        Report.Captured report = Report.captured();
        FaceRecognition.Identification who = FaceRecognition.whoIsIt(FaceRecognition.picture(picture), database(),
                encoder(), threshold, report);
        String call = "who_is_it(" + picture + (threshold == FaceApiEncoder.THRESHOLD ? "" : ", threshold "
                + FaceRecognition.sixDigits(threshold)) + ")";
        expect.equal(call + " identity", identity, who.identity())
                .close(call + " min_dist (face-api's, not FaceNet's)", distance, who.distance(), 0,
                        DISTANCE_TOLERANCE)
                .equal(call + " prints", List.of(known ? "it's " + identity + ", the distance is "
                        + FaceRecognition.sixDigits(who.distance()) : "Not in the database."), report.results());
    }

    /** face-api's encoder, remembering each picture's encoding. */
    private static synchronized FaceEncoder encoder() {
        if (encoder == null) {
            encoder = FaceEncoder.remembering(FaceApiEncoder.pretrained());
        }
        return encoder;
    }

    /** The notebook's database of 12 people, encoded once. */
    private static synchronized Map<String, INDArray> database() {
        if (database == null) {
            database = FaceRecognition.database(encoder());
        }
        return database;
    }
}
