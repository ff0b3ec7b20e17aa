package org.dls4j.course4.week3;

import java.util.ArrayList;
import java.util.List;

import org.dls4j.shared.graph.faceapi.FacePictures;
import org.dls4j.shared.graph.faceapi.TinyFaceDetectorNet;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The notebook's post-processing on a real pretrained YOLO: face-api's Tiny Face Detector (a Tiny-YOLOv2, 416x416
 * in, a 13x13 grid of 5 anchors, one class) decoded with {@link CarDetection#yoloHead} and filtered with
 * {@link CarDetection#yoloEval}, instead of face-api's own decoding.
 *
 * <p>face-api's facts ({@code tinyYolov2/TinyYolov2Base.ts}, {@code tinyFaceDetector/const.ts}): each anchor's
 * numbers are {@code tx, ty, tw, th, to} with no class scores (one class, whose probability is 1); the centre is
 * {@code (cell + sigmoid(t)) / 13}, the size {@code exp(t) * anchor / 13}, the score {@code sigmoid(to)}: yad2k's
 * {@code yolo_head} exactly. The picture is padded with black at the bottom or right to a square before resizing, so
 * the fractions are of that square: {@code yolo_eval}'s image shape is {@code (side, side)}, side = the longer one,
 * and the boxes are then clipped to the picture. face-api keeps scores above 0.5 ({@code TinyYolov2Options}) and
 * suppresses overlaps above 0.4 ({@code IOU_THRESHOLD}).
 */
public final class FaceDetection {

    /** face-api's default score threshold for the tiny detector. */
    public static final double SCORE_THRESHOLD = 0.5;
    /** The one class. */
    public static final List<String> CLASS_NAMES = List.of("face");

    private FaceDetection() {
    }

    /**
     * The course's FaceNet crops (96x96, a face filling each) as one group picture: each crop in the middle of a grey
     * cell twice its size, {@code columns} cells a row. The detector, trained on faces within scenes, finds no face
     * in a crop on its own.
     */
    public static INDArray mosaic(List<INDArray> crops, int columns) {
        int side = (int) crops.get(0).size(0);
        int cell = 2 * side;
        int rows = (crops.size() + columns - 1) / columns;
        INDArray picture = Nd4j.valueArrayOf(new long[] {(long) rows * cell, (long) columns * cell, 3}, 128.0);
        for (int i = 0; i < crops.size(); i++) {
            long top = (long) (i / columns) * cell + side / 2;
            long left = (long) (i % columns) * cell + side / 2;
            picture.get(NDArrayIndex.interval(top, top + side), NDArrayIndex.interval(left, left + side),
                    NDArrayIndex.all()).assign(crops.get(i));
        }
        return picture;
    }

    /** The faces in {@code picture (h, w, 3)} RGB 0..255, in pixels of the picture, best first. */
    public static List<BoxDrawing.Labelled> detect(TinyFaceDetectorNet detector, INDArray picture, int maxBoxes) {
        int height = (int) picture.size(0);
        int width = (int) picture.size(1);
        INDArray raw = detector.rawOutput(FacePictures.batch(picture, TinyFaceDetectorNet.SIDE, false));
        CarDetection.YoloOutputs outputs = CarDetection.yoloHead(raw, TinyFaceDetectorNet.ANCHORS, 0);
        double side = Math.max(height, width);
        CarDetection.Boxes found = CarDetection.yoloEval(outputs, new double[] {side, side}, maxBoxes,
                SCORE_THRESHOLD, TinyFaceDetectorNet.IOU_THRESHOLD);
        List<BoxDrawing.Labelled> faces = new ArrayList<>();
        for (int k = 0; k < found.count(); k++) {
            faces.add(BoxDrawing.labelled(found.box(k), found.score(k), 0, CLASS_NAMES, width, height));
        }
        return faces;
    }
}
