package org.dls4j.course4.week4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Map;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.Report;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Face Recognition (reference section 6.2): the triplet loss, and verify / who_is_it's semantics. */
class FaceRecognitionTest {

    /** FaceNet's graph with DL4J's random weights: real encodings of nothing, for the semantics only. */
    static FaceEncoder untrained;
    static Map<String, INDArray> database;

    @BeforeAll
    static void encode() {
        untrained = new FaceNetEncoder(FaceNetGraph.build(7), "FaceNet nn4.small2 (random weights)");
        database = FaceRecognition.database(untrained);
    }

    private static double loss(double[][] a, double[][] p, double[][] n, double alpha) {
        return FaceRecognition.tripletLoss(Nd4j.create(a), Nd4j.create(p), Nd4j.create(n), alpha);
    }

    /** The 2021 triplet_loss_test's deterministic cases, exactly. */
    @Test
    void tripletLossOfTheNotebooksCases() {
        double[][] ones = {{1, 1}}, zeros = {{0, 0}};
        assertEquals(5, loss(ones, ones, ones, 5));
        assertEquals(1, loss(ones, ones, zeros, 3));
        assertEquals(2, loss(ones, zeros, ones, 0));
        assertEquals(0, loss(zeros, zeros, zeros, -2));
        assertEquals(2, loss(new double[][] {{1, 0}, {1, 0}}, new double[][] {{1, 0}, {1, 0}},
                new double[][] {{0, 1}, {0, 1}}, 3));
        assertEquals(5, loss(new double[][] {{1, 1}, {2, 0}}, new double[][] {{0, 3}, {1, 1}},
                new double[][] {{1, 0}, {0, 1}}, 1));
        // a vector is one example, as tf's reduce over axis=-1 takes it
        assertEquals(1, FaceRecognition.tripletLoss(Nd4j.create(new double[] {1, 1}), Nd4j.create(new double[] {1,
                1}), Nd4j.create(new double[] {0, 0}), 3));
    }

    /**
     * The TensorFlow-seeded test (anchor N(6, 0.1), positive N(1, 1), negative N(3, 4), (3, 128); the notebook's
     * 528.143 is TF's draws) by its properties on numpy's seed(1) draws of the same distributions.
     */
    @Test
    void tripletLossOfRandomEncodingsByItsDefinition() {
        NumpyRandom random = new NumpyRandom(1);
        INDArray a = random.normal(6, 0.1, 3, 128), p = random.normal(1, 1, 3, 128), n = random.normal(3, 4, 3, 128);
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double pos = 0, neg = 0;
            for (int j = 0; j < 128; j++) {
                pos += Math.pow(a.getDouble(i, j) - p.getDouble(i, j), 2);
                neg += Math.pow(a.getDouble(i, j) - n.getDouble(i, j), 2);
            }
            expected += Math.max(pos - neg + 0.2, 0);
        }
        double loss = FaceRecognition.tripletLoss(a, p, n, 0.2);
        assertEquals(expected, loss, 1e-9);
        assertTrue(loss > 0, "some triplet violates the margin: " + loss);
        // per example, not summed over all elements as the 2017 version did (its 350.026): with all three examples
        // inside the margin, the two differ by the two extra alphas
        double allElements = Math.max(Math.pow(a.sub(p).norm2Number().doubleValue(), 2)
                - Math.pow(a.sub(n).norm2Number().doubleValue(), 2) + 0.2, 0);
        assertEquals(allElements + 2 * 0.2, loss, 1e-9);
        // positive == negative: every example costs alpha; a perfect anchor-positive pair far from the negative: 0
        assertEquals(3 * 0.2, FaceRecognition.tripletLoss(a, p, p, 0.2), 1e-12);
        assertEquals(0, FaceRecognition.tripletLoss(a, a, n, 0.2));
        // the examples' order does not matter
        int[] order = {2, 0, 1};
        assertEquals(loss, FaceRecognition.tripletLoss(a.getRows(order), p.getRows(order), n.getRows(order), 0.2),
                1e-9);
    }

    /** who_is_it of a database picture finds that person at distance 0.0 (the 2021 test's younes.jpg). */
    @Test
    void aDatabasePictureIsItself() {
        Report.Captured report = Report.captured();
        FaceRecognition.Identification who = FaceRecognition.whoIsIt(FaceRecognition.picture("younes"), database,
                untrained, 0.7, report);
        assertEquals("younes", who.identity());
        assertEquals(0.0, who.distance());
        assertTrue(who.known());
        assertEquals(List.of("it's younes, the distance is 0"), report.results());
    }

    /** verify opens under the threshold and not at it (dist < threshold), with the notebook's lines. */
    @Test
    void verifyComparesWithTheThreshold() {
        double dist = FaceRecognition.distance(FaceRecognition.imgToEncoding(FaceRecognition.picture("camera_0"),
                untrained), database.get("younes"));
        assertTrue(dist > 0 && dist <= 2, "unit encodings are at most 2 apart: " + dist);
        Report.Captured report = Report.captured();
        FaceRecognition.Verification open = FaceRecognition.verify(FaceRecognition.picture("camera_0"), "younes",
                database, untrained, dist + 1e-6, report);
        assertTrue(open.doorOpen());
        assertEquals(dist, open.distance());
        FaceRecognition.Verification closed = FaceRecognition.verify(FaceRecognition.picture("camera_0"), "younes",
                database, untrained, dist, report);
        assertFalse(closed.doorOpen());
        assertEquals(List.of("It's younes, welcome in!", "It's not younes, please go away"), report.results());
        FaceRecognition.Identification nobody = FaceRecognition.whoIsIt(FaceRecognition.picture("camera_0"),
                database, untrained, 1e-9, Report.captured());
        assertFalse(nobody.known());
    }

    /**
     * With all 224 OpenFace files (a learner who added the 5 missing ones): the notebook's distances, 0.65939283 and
     * 0.86224014, and its verdicts. The JDK's JPEG decoder can differ from OpenCV's by a level in a few pixels.
     */
    @Test
    void withAllOpenFaceWeightsTheNotebooksDistances() {
        assumeTrue(OpenFaceWeights.missing(OpenFaceWeights.layout(FaceNetGraph.build(0))).isEmpty(),
                "the 5 OpenFace files no public copy has are not here");
        FaceEncoder facenet = FaceNetEncoder.pretrained();
        Map<String, INDArray> notebook = FaceRecognition.database(facenet);
        FaceRecognition.Verification younes = FaceRecognition.verify(FaceRecognition.picture("camera_0"), "younes",
                notebook, facenet, FaceNetEncoder.THRESHOLD, Report.silent());
        assertEquals(FaceRecognition.NOTEBOOK_YOUNES, younes.distance(), 2e-3);
        assertTrue(younes.doorOpen());
        FaceRecognition.Verification kian = FaceRecognition.verify(FaceRecognition.picture("camera_2"), "kian",
                notebook, facenet, FaceNetEncoder.THRESHOLD, Report.silent());
        assertEquals(FaceRecognition.NOTEBOOK_KIAN, kian.distance(), 2e-3);
        assertFalse(kian.doorOpen());
        assertEquals("younes", FaceRecognition.whoIsIt(FaceRecognition.picture("camera_0"), notebook, facenet,
                FaceNetEncoder.THRESHOLD, Report.silent()).identity());
    }

    /** str(np.float32) of the 2017 numpy: six significant digits. */
    @Test
    void printsSixSignificantDigits() {
        assertEquals("0.659393", FaceRecognition.sixDigits(0.65939283));
        assertEquals("528.143", FaceRecognition.sixDigits(528.1430053710938));
        assertEquals("400", FaceRecognition.sixDigits(400.0000001));
    }
}
