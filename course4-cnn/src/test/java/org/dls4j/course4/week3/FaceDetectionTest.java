package org.dls4j.course4.week3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.graph.faceapi.FacePictures;
import org.dls4j.shared.graph.faceapi.TinyFaceDetectorNet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Our yolo_head and yolo_eval on face-api's pretrained Tiny Face Detector, beside face-api's own decoding. */
class FaceDetectionTest {

    static TinyFaceDetectorNet detector;

    @BeforeAll
    static void load() {
        detector = TinyFaceDetectorNet.load();
    }

    /**
     * face-api's {@code extractBoxes} written out (x = (col + sigmoid(tx)) / 13 * correction - w / 2, ...; score
     * sigmoid(to) > 0.5), scaled to the picture: the best box agrees with ours to 1e-6 pixels.
     */
    @Test
    void decodingAgreesWithFaceApisFormula() {
        INDArray picture = Images.dataSetImage("nst/images/content300.jpg");
        List<BoxDrawing.Labelled> ours = FaceDetection.detect(detector, picture, 10);
        assertTrue(!ours.isEmpty(), "faces in content300.jpg");
        int height = (int) picture.size(0);
        int width = (int) picture.size(1);
        INDArray raw = detector.rawOutput(FacePictures.batch(picture, TinyFaceDetectorNet.SIDE, false))
                .reshape(1, 13, 13, 5, 5);
        double side = Math.max(width, height);
        double bestScore = -1;
        double[] best = null;
        List<Double> scores = new ArrayList<>();
        for (int row = 0; row < 13; row++) {
            for (int col = 0; col < 13; col++) {
                for (int anchor = 0; anchor < 5; anchor++) {
                    double score = sigmoid(raw.getDouble(0, row, col, anchor, 4));
                    if (score <= FaceDetection.SCORE_THRESHOLD) {
                        continue;
                    }
                    scores.add(score);
                    double ctX = (col + sigmoid(raw.getDouble(0, row, col, anchor, 0))) / 13;
                    double ctY = (row + sigmoid(raw.getDouble(0, row, col, anchor, 1))) / 13;
                    double w = Math.exp(raw.getDouble(0, row, col, anchor, 2)) * TinyFaceDetectorNet.ANCHORS[anchor][0]
                            / 13;
                    double h = Math.exp(raw.getDouble(0, row, col, anchor, 3)) * TinyFaceDetectorNet.ANCHORS[anchor][1]
                            / 13;
                    if (score > bestScore) {
                        bestScore = score;
                        best = new double[] {(ctX - w / 2) * side, (ctY - h / 2) * side, (ctX + w / 2) * side,
                            (ctY + h / 2) * side};
                    }
                }
            }
        }
        assertEquals(bestScore, ours.get(0).score(), 1e-12);
        BoxDrawing.Labelled top = ours.get(0);
        assertEquals(Math.max(0, Math.floor(best[0] + 0.5)), top.left(), 0);
        assertEquals(Math.max(0, Math.floor(best[1] + 0.5)), top.top(), 0);
        assertEquals(Math.min(width, Math.floor(best[2] + 0.5)), top.right(), 0);
        assertEquals(Math.min(height, Math.floor(best[3] + 0.5)), top.bottom(), 0);
        assertTrue(ours.size() <= scores.size());
    }

    /**
     * The 9 FaceNet crops as one 576x576 group picture: at least 4 faces found (5 here), each box centred in a
     * different crop, none scored below face-api's 0.5.
     */
    @Test
    void facesInTheFaceNetMosaic() {
        List<INDArray> crops = CarDetection.FACENET_CROPS.stream()
                .map(name -> Images.dataSetImage("facenet/images/" + name + ".jpg")).toList();
        List<BoxDrawing.Labelled> faces = FaceDetection.detect(detector, FaceDetection.mosaic(crops, 3), 20);
        assertTrue(faces.size() >= 4 && faces.size() <= 9, faces.toString());
        java.util.Set<Integer> cells = new java.util.HashSet<>();
        for (BoxDrawing.Labelled face : faces) {
            assertTrue(face.score() > 0.5, face.line());
            double x = (face.left() + face.right()) / 2;
            double y = (face.top() + face.bottom()) / 2;
            // crop i lies at (cell column * 192 + 48 .. + 144, cell row * 192 + 48 .. + 144)
            int column = (int) (x / 192);
            int row = (int) (y / 192);
            assertTrue(x % 192 > 48 && x % 192 < 144 && y % 192 > 48 && y % 192 < 144, face.line());
            assertTrue(cells.add(row * 3 + column), "one face per crop: " + faces);
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
