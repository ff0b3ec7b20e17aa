package org.dls4j.course4.week3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The notebook's graded YOLO post-processing, from scratch in ND4J float64, each TensorFlow call as a {@code // tf.}
 * comment above its ND4J twin: {@link #yoloHead} (yad2k's decoding of the raw features), {@link #yoloBoxesToCorners},
 * {@link #yoloFilterBoxes}, {@link #iou}, {@link #yoloNonMaxSuppression}, {@link #scaleBoxes} and {@link #yoloEval}.
 * {@link CarDetection} exposes the same functions under the assignment's name.
 *
 * <p>Why float64 where the 2021 notebook is float32: these are a few thousand numbers, not a network; in float64 the
 * thresholds compare exactly ({@code score >= 0.6}, {@code iou > 0.5}) and the notebook's {@code iou} checks print
 * {@code 0.14285714285714285} as it does. Arrays of any type come in and are read as float64.
 *
 * <p>Layout: channels last, as the notebook's tensors: {@code (..., 19, 19, 5, k)} with any leading dimensions
 * (the notebook passes {@code (19, 19, 5, k)} in its tests and {@code (1, 19, 19, 5, k)} in {@code predict}).
 */
public final class CarDetection {

    private CarDetection() {
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
     * @param anchors {@code B} pairs (width, height) in grid cells ({@code yolo_anchors.txt})
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
        // box_class_probs = K.softmax(feats[..., 5:])
        INDArray boxClassProbs = softmaxLastAxis(lastAxis(f, 5, 5 + numClasses));
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
        return boxes.castTo(DataType.DOUBLE).reshape(-1, 4).mulRowVector(imageDims);
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
