package org.dls4j.course4.week3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.layers.objdetect.DetectedObject;
import org.deeplearning4j.nn.layers.objdetect.YoloUtils;
import org.dls4j.shared.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The graded functions of "Car detection with YOLO" (reference section 5.1): the notebook's deterministic checks
 * exactly; its TensorFlow-seeded checks (which Java cannot reproduce) as properties on numpy-seeded tensors of the
 * same shapes and distribution ({@code normal(mean=1, stddev=4)}); the decoding and IoU beside DL4J's
 * {@code YoloUtils}.
 */
class CarDetectionTest {

    private static final double[][] ANCHORS = {{0.57273, 0.677385}, {1.87446, 2.06253}, {3.33843, 5.47434},
        {7.88282, 3.52778}, {9.77052, 9.16828}};

    /** The notebook's iou checks: 0.14285714285714285, and 0 for disjoint, vertex- and edge-touching boxes. */
    @Test
    void iouIsTheNotebooks() {
        assertEquals(0.14285714285714285, CarDetection.iou(new double[] {2, 1, 4, 3}, new double[] {1, 2, 3, 4}));
        assertEquals(0.0, CarDetection.iou(new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8}));
        assertEquals(0.0, CarDetection.iou(new double[] {1, 1, 2, 2}, new double[] {2, 2, 3, 3}));
        assertEquals(0.0, CarDetection.iou(new double[] {1, 1, 3, 3}, new double[] {2, 3, 3, 4}));
        assertEquals(1.0, CarDetection.iou(new double[] {0, 0, 2, 2}, new double[] {0, 0, 2, 2}));
        assertEquals(0.25, CarDetection.iou(new double[] {0, 0, 2, 2}, new double[] {0, 0, 1, 1}));
    }

    /** predict's lines: corners (top, left, bottom, right) rounded half up and clipped to the picture, score to 2. */
    @Test
    void predictLinesAreTheNotebooks() {
        List<String> names = List.of("person", "bicycle", "car");
        BoxDrawing.Labelled box = BoxDrawing.labelled(new double[] {299.6, 366.5, 648.2, 1300.7}, 0.8912, 2, names,
                1280, 720);
        assertEquals("car 0.89 (367, 300) (1280, 648)", box.line());
        assertEquals("person 0.60 (0, 0) (5, 720)", BoxDrawing.labelled(new double[] {-3, -0.6, 730, 4.5}, 0.6, 0,
                names, 1280, 720).line());
    }

    /** Corners (y - h/2, x - w/2, y + h/2, x + w/2) from centres (x, y) and sizes (w, h), any leading shape. */
    @Test
    void cornersFromCentresAndSizes() {
        INDArray xy = Nd4j.createFromArray(new double[][] {{0.5, 0.25}, {2, 3}});
        INDArray wh = Nd4j.createFromArray(new double[][] {{0.2, 0.1}, {4, 2}});
        INDArray corners = CarDetection.yoloBoxesToCorners(xy, wh);
        assertArrayEquals(new double[] {0.2, 0.4, 0.3, 0.6}, corners.getRow(0).toDoubleVector(), 1e-15);
        assertArrayEquals(new double[] {2, 0, 4, 4}, corners.getRow(1).toDoubleVector(), 0);
        INDArray grid = CarDetection.yoloBoxesToCorners(Nd4j.ones(19, 19, 5, 2), Nd4j.ones(19, 19, 5, 2));
        assertArrayEquals(new long[] {19, 19, 5, 4}, grid.shape());
        assertArrayEquals(new double[] {0.5, 0.5, 1.5, 1.5}, grid.get(NDArrayIndex.point(3), NDArrayIndex.point(4),
                NDArrayIndex.point(2), NDArrayIndex.all()).toDoubleVector(), 0);
    }

    /** Score = confidence x probability, class the first arg-max, kept when >= threshold, in grid order. */
    @Test
    void filterKeepsScoresAtTheThresholdInGridOrder() {
        INDArray confidence = Nd4j.createFromArray(0.5, 1.0, 0.9, 0.8).reshape(2, 2, 1);
        INDArray probs = Nd4j.createFromArray(new double[][] {{0.2, 0.8}, {0.6, 0.6}, {0.1, 0.3}, {0.75, 0.25}})
                .reshape(2, 2, 2);
        INDArray boxes = Nd4j.arange(16).castTo(DataType.DOUBLE).reshape(2, 2, 4);
        CarDetection.Boxes kept = CarDetection.yoloFilterBoxes(confidence, boxes, probs, 0.6);
        // scores 0.4, 0.6 (a tie: class 0), 0.27, 0.6: the second and the last are kept (0.6 >= 0.6)
        assertEquals(2, kept.count());
        assertArrayEquals(new double[] {0.6, 0.8 * 0.75}, kept.scores().toDoubleVector(), 1e-15);
        assertArrayEquals(new double[] {0, 0}, kept.classes().toDoubleVector());
        assertArrayEquals(new double[] {4, 5, 6, 7}, kept.box(0));
        assertArrayEquals(new double[] {12, 13, 14, 15}, kept.box(1));
        CarDetection.Boxes none = CarDetection.yoloFilterBoxes(confidence, boxes, probs, 0.9);
        assertEquals(0, none.count());
        assertArrayEquals(new long[] {0, 4}, none.boxes().shape());
    }

    /** NMS: descending score, ties to the lower index, strictly greater IoU drops, max boxes, corners ordered. */
    @Test
    void nonMaxSuppressionHandMadeCases() {
        INDArray boxes = Nd4j.createFromArray(new double[][] {
            {0, 0, 10, 10},      // 0
            {0, 0, 10, 10},      // 1: same box, same score as 0 -> 0 wins (lower index)
            {0, 5, 10, 15},      // 2: IoU with 0 = 50/150 = 1/3
            {20, 20, 30, 30},    // 3: far away
            {10, 10, 0, 0},      // 4: box 0 with its corners swapped: TensorFlow orders them, IoU 1 with 0
            {0, 0, 10, 20}});    // 5: IoU with 0 = 0.5 exactly: kept at threshold 0.5 (not strictly greater)
        INDArray scores = Nd4j.createFromArray(0.9, 0.9, 0.8, 0.7, 0.95, 0.6);
        INDArray classes = Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
        CarDetection.Boxes result = CarDetection.yoloNonMaxSuppression(scores, boxes, classes, 10, 0.5);
        // 4 first (0.95, ordered it is box 0), which suppresses 0 and 1; then 2 (IoU 1/3), 3, 5 (IoU 0.5 with 4)
        assertArrayEquals(new double[] {0.95, 0.8, 0.7, 0.6}, result.scores().toDoubleVector());
        assertArrayEquals(new double[] {5, 3, 4, 6}, result.classes().toDoubleVector());
        assertArrayEquals(new double[] {10, 10, 0, 0}, result.box(0), "boxes come back as given");
        CarDetection.Boxes two = CarDetection.yoloNonMaxSuppression(scores, boxes, classes, 2, 0.5);
        assertArrayEquals(new double[] {0.95, 0.8}, two.scores().toDoubleVector());
        CarDetection.Boxes strict = CarDetection.yoloNonMaxSuppression(scores, boxes, classes, 10, 0.3);
        assertArrayEquals(new double[] {5, 4}, strict.classes().toDoubleVector());
        CarDetection.Boxes tie = CarDetection.yoloNonMaxSuppression(Nd4j.createFromArray(0.9, 0.9),
                boxes.get(NDArrayIndex.interval(0, 2), NDArrayIndex.all()), Nd4j.createFromArray(7.0, 8.0), 10, 0.5);
        assertArrayEquals(new double[] {7}, tie.classes().toDoubleVector());
    }

    /** The notebook's filter test shapes (19,19,5,{1,4,80}), threshold 0.5: the properties its values have. */
    @Test
    void filterOnSeededTensors() {
        NumpyRandom random = new NumpyRandom(1);
        INDArray confidence = random.normal(1, 4, 19, 19, 5, 1);
        INDArray boxes = random.normal(1, 4, 19, 19, 5, 4);
        INDArray probs = random.normal(1, 4, 19, 19, 5, 80);
        CarDetection.Boxes kept = CarDetection.yoloFilterBoxes(confidence, boxes, probs, 0.5);
        double[][] scores = probs.reshape(-1, 80).mulColumnVector(confidence.reshape(-1, 1)).toDoubleMatrix();
        double[][] corners = boxes.reshape(-1, 4).toDoubleMatrix();
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < 1805; i++) {
            if (Arrays.stream(scores[i]).max().getAsDouble() >= 0.5) {
                expected.add(i);
            }
        }
        // the notebook kept 1789 of 1805 on TensorFlow's tensors; on these a similar share
        assertEquals(expected.size(), kept.count());
        assertTrue(kept.count() > 1700 && kept.count() < 1805, "kept " + kept.count());
        assertArrayEquals(new long[] {kept.count(), 4}, kept.boxes().shape());
        double[] keptScores = kept.scores().toDoubleVector();
        double[] keptClasses = kept.classes().toDoubleVector();
        double[][] keptBoxes = kept.boxes().toDoubleMatrix();
        for (int k = 0; k < kept.count(); k++) {
            int i = expected.get(k);
            double max = Arrays.stream(scores[i]).max().getAsDouble();
            int first = 0;
            while (scores[i][first] != max) {
                first++;
            }
            assertEquals(max, keptScores[k], 0);
            assertEquals(first, (int) keptClasses[k]);
            assertArrayEquals(corners[i], keptBoxes[k], 0);
        }
    }

    /** NMS on 54 seeded boxes, 10 max: 10 kept, scores descending, no kept pair above 0.5, every drop explained. */
    @Test
    void nonMaxSuppressionInvariantsOnSeededTensors() {
        NumpyRandom random = new NumpyRandom(1);
        INDArray scores = random.normal(1, 4, 54);
        INDArray boxes = random.normal(1, 4, 54, 4);
        INDArray classes = random.normal(1, 4, 54);
        CarDetection.Boxes kept = CarDetection.yoloNonMaxSuppression(scores, boxes, classes, 10, 0.5);
        assertEquals(10, kept.count());
        assertNmsInvariants(scores, boxes, kept, 10, 0.5);
    }

    /** yolo_eval on seeded (19,19,5,{2,2,1,80}) outputs and a 720x1280 picture: 10 boxes with NMS's invariants. */
    @Test
    void evalOnSeededTensors() {
        NumpyRandom random = new NumpyRandom(10);
        INDArray xy = random.normal(1, 4, 19, 19, 5, 2);
        INDArray wh = random.normal(1, 4, 19, 19, 5, 2);
        INDArray confidence = random.normal(1, 4, 19, 19, 5, 1);
        INDArray probs = random.normal(1, 4, 19, 19, 5, 80);
        CarDetection.Boxes result = CarDetection.yoloEval(xy, wh, confidence, probs, new double[] {720, 1280}, 10,
                0.6, 0.5);
        assertEquals(10, result.count());
        CarDetection.Boxes filtered = CarDetection.yoloFilterBoxes(confidence,
                CarDetection.yoloBoxesToCorners(xy, wh), probs, 0.6);
        INDArray scaled = CarDetection.scaleBoxes(filtered.boxes(), new double[] {720, 1280});
        assertNmsInvariants(filtered.scores(), scaled, result, 10, 0.5);
        // the best box is the best filtered one, scaled by [H, W, H, W]
        int best = filtered.scores().argMax().getInt(0);
        assertEquals(filtered.score(best), result.score(0));
        double[] unscaled = filtered.box(best);
        assertArrayEquals(new double[] {unscaled[0] * 720, unscaled[1] * 1280, unscaled[2] * 720,
            unscaled[3] * 1280}, result.box(0), 1e-9);
        assertEquals(filtered.classIndex(best), result.classIndex(0));
    }

    private static void assertNmsInvariants(INDArray scores, INDArray boxes, CarDetection.Boxes kept, int maxBoxes,
            double threshold) {
        assertTrue(kept.count() <= maxBoxes);
        for (int k = 1; k < kept.count(); k++) {
            assertTrue(kept.score(k) <= kept.score(k - 1), "scores descend");
        }
        List<double[]> keptBoxes = new ArrayList<>();
        for (int k = 0; k < kept.count(); k++) {
            keptBoxes.add(CarDetection.orderedCorners(kept.box(k)));
            for (int j = 0; j < k; j++) {
                assertTrue(CarDetection.overlap(keptBoxes.get(j), keptBoxes.get(k)) <= threshold, "kept pair overlaps");
            }
        }
        // every box scoring above the last kept one was either kept or overlaps a kept box with a higher score
        double last = kept.score(kept.count() - 1);
        for (int i = 0; i < scores.length(); i++) {
            double s = scores.getDouble(i);
            if (s <= last) {
                continue;
            }
            double[] box = CarDetection.orderedCorners(boxes.getRow(i).toDoubleVector());
            boolean keptIt = false;
            boolean explained = false;
            for (int k = 0; k < kept.count(); k++) {
                if (kept.score(k) == s && Arrays.equals(keptBoxes.get(k), box)) {
                    keptIt = true;
                }
                if (kept.score(k) >= s && CarDetection.overlap(keptBoxes.get(k), box) > threshold) {
                    explained = true;
                }
            }
            assertTrue(keptIt || explained, "box " + i + " (score " + s + ") dropped without a reason");
        }
    }

    /**
     * yolo_head against DL4J's {@code YoloUtils.activate} on the same raw features. Layouts: DL4J reads
     * {@code (m, B*(5+C), H, W)} channels first and gives x, y within the cell (sigmoid) and w, h in grid cells
     * ({@code exp(t) * prior}); the notebook's layout is {@code (m, H, W, B*(5+C))} and gives x, y, w, h as fractions
     * of the picture ((sigmoid + cell) / grid, exp(t) * anchor / grid). Confidence and class softmax agree as they are.
     */
    @Test
    void yoloHeadAgreesWithDl4jYoloUtils() {
        int grid = 4;
        int classes = 3;
        INDArray nchw = new NumpyRandom(3).normal(0, 2, 2, ANCHORS.length * (5 + classes), grid, grid);
        CarDetection.YoloOutputs ours = CarDetection.yoloHead(nchw.permute(0, 2, 3, 1), ANCHORS, classes);
        INDArray dl4j = YoloUtils.activate(Nd4j.createFromArray(ANCHORS), nchw.dup())
                .reshape('c', 2, ANCHORS.length, 5 + classes, grid, grid);
        for (int m = 0; m < 2; m++) {
            for (int b = 0; b < ANCHORS.length; b++) {
                for (int row = 0; row < grid; row++) {
                    for (int col = 0; col < grid; col++) {
                        double[] d = dl4j.get(NDArrayIndex.point(m), NDArrayIndex.point(b), NDArrayIndex.all(),
                                NDArrayIndex.point(row), NDArrayIndex.point(col)).toDoubleVector();
                        long[] at = {m, row, col, b, 0};
                        assertEquals(d[0] + col, ours.boxXY().getDouble(at) * grid, 1e-12);
                        assertEquals(d[1] + row, ours.boxXY().getDouble(m, row, col, b, 1) * grid, 1e-12);
                        assertEquals(d[2], ours.boxWH().getDouble(at) * grid, 1e-12);
                        assertEquals(d[3], ours.boxWH().getDouble(m, row, col, b, 1) * grid, 1e-12);
                        assertEquals(d[4], ours.boxConfidence().getDouble(at), 1e-12);
                        for (int c = 0; c < classes; c++) {
                            assertEquals(d[5 + c], ours.boxClassProbs().getDouble(m, row, col, b, c), 1e-12);
                        }
                    }
                }
            }
        }
    }

    /** Our iou on corners and DL4J's {@code YoloUtils.iou} on centre/size {@code DetectedObject}s agree. */
    @Test
    void iouAgreesWithDl4j() {
        NumpyRandom random = new NumpyRandom(5);
        for (int i = 0; i < 200; i++) {
            double[] a = {random.uniform(0, 10), random.uniform(0, 10), random.uniform(0.1, 4), random.uniform(0.1, 4)};
            double[] b = {random.uniform(0, 10), random.uniform(0, 10), random.uniform(0.1, 4), random.uniform(0.1, 4)};
            DetectedObject da = new DetectedObject(0, a[0], a[1], a[2], a[3], Nd4j.ones(1), 1);
            DetectedObject db = new DetectedObject(0, b[0], b[1], b[2], b[3], Nd4j.ones(1), 1);
            double ours = CarDetection.iou(corners(a), corners(b));
            assertEquals(YoloUtils.iou(da, db), ours, 1e-12);
        }
    }

    private static double[] corners(double[] centreSize) {
        return new double[] {centreSize[0] - centreSize[2] / 2, centreSize[1] - centreSize[3] / 2,
            centreSize[0] + centreSize[2] / 2, centreSize[1] + centreSize[3] / 2};
    }
}
