package org.dls4j.course4.week3;

import static org.dls4j.shared.exercise.Expect.matrix;

import java.util.List;

import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link CarDetection}'s graded functions: the notebook's four {@code iou} cases exactly; the notebook draws the other
 * functions' inputs from TensorFlow's generator, so their cases here are small hand-made grids whose answers follow
 * from the definitions (score = confidence x probability kept at {@code >= threshold}, in grid order; non-max
 * suppression by descending score, ties to the lower index, dropping an IoU strictly above the threshold, corners
 * ordered as TensorFlow orders them; boxes scaled by {@code [H, W, H, W]}).
 */
public final class CarDetectionChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(CarDetection.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("yolo_filter_boxes", expect -> {
                    INDArray confidence = Nd4j.createFromArray(0.5, 1.0, 0.9, 0.8).reshape(2, 2, 1);
                    INDArray probs = Nd4j.createFromArray(new double[][] {{0.2, 0.8}, {0.6, 0.6}, {0.1, 0.3},
                        {0.75, 0.25}}).reshape(2, 2, 2);
                    INDArray boxes = Nd4j.arange(16).castTo(DataType.DOUBLE).reshape(2, 2, 4);
                    CarDetection.Boxes kept = CarDetection.yoloFilterBoxes(confidence, boxes, probs, 0.6);
                    expect.close("scores", Nd4j.createFromArray(0.6, 0.8 * 0.75), kept.scores())
                            .close("classes", Nd4j.createFromArray(0.0, 0.0), kept.classes())
                            .close("boxes", matrix(new double[] {4, 5, 6, 7}, new double[] {12, 13, 14, 15}),
                                    kept.boxes())
                            .shape("boxes at threshold 0.9", new long[] {0, 4},
                                    CarDetection.yoloFilterBoxes(confidence, boxes, probs, 0.9).boxes());
                }),
                GradedCheck.of("iou", expect -> expect
                        .digits("iou for intersecting boxes", 0.14285714285714285,
                                CarDetection.iou(new double[] {2, 1, 4, 3}, new double[] {1, 2, 3, 4}))
                        .digits("iou for non-intersecting boxes", 0, CarDetection.iou(new double[] {1, 2, 3, 4},
                                new double[] {5, 6, 7, 8}))
                        .digits("iou for boxes that only touch at vertices", 0,
                                CarDetection.iou(new double[] {1, 1, 2, 2}, new double[] {2, 2, 3, 3}))
                        .digits("iou for boxes that only touch at edges", 0,
                                CarDetection.iou(new double[] {1, 1, 3, 3}, new double[] {2, 3, 3, 4}))),
                GradedCheck.of("yolo_non_max_suppression", expect -> {
                    INDArray boxes = matrix(new double[] {0, 0, 10, 10}, new double[] {0, 0, 10, 10},
                            new double[] {0, 5, 10, 15}, new double[] {20, 20, 30, 30}, new double[] {10, 10, 0, 0},
                            new double[] {0, 0, 10, 20});
                    INDArray scores = Nd4j.createFromArray(0.9, 0.9, 0.8, 0.7, 0.95, 0.6);
                    INDArray classes = Nd4j.createFromArray(1.0, 2.0, 3.0, 4.0, 5.0, 6.0);
                    CarDetection.Boxes kept = CarDetection.yoloNonMaxSuppression(scores, boxes, classes, 10, 0.5);
                    expect.close("scores", Nd4j.createFromArray(0.95, 0.8, 0.7, 0.6), kept.scores())
                            .close("classes", Nd4j.createFromArray(5.0, 3.0, 4.0, 6.0), kept.classes())
                            .close("boxes[0] (as given)", Nd4j.createFromArray(10.0, 10, 0, 0),
                                    Nd4j.createFromArray(kept.box(0)))
                            .close("scores, max_boxes 2", Nd4j.createFromArray(0.95, 0.8),
                                    CarDetection.yoloNonMaxSuppression(scores, boxes, classes, 2, 0.5).scores())
                            .close("classes, iou_threshold 0.3", Nd4j.createFromArray(5.0, 4.0),
                                    CarDetection.yoloNonMaxSuppression(scores, boxes, classes, 10, 0.3).classes());
                }),
                GradedCheck.of("yolo_eval", expect -> {
                    // four anchors of one cell: a box, an overlapping lower one (IoU 0.82), a far one, a weak one
                    INDArray xy = Nd4j.createFromArray(0.5, 0.5, 0.5, 0.52, 0.2, 0.2, 0.8, 0.8).reshape(1, 1, 4, 2);
                    INDArray wh = Nd4j.createFromArray(0.2, 0.2, 0.2, 0.2, 0.1, 0.1, 0.1, 0.1).reshape(1, 1, 4, 2);
                    INDArray confidence = Nd4j.createFromArray(0.9, 0.9, 1.0, 0.5).reshape(1, 1, 4, 1);
                    INDArray probs = Nd4j.createFromArray(0.1, 0.8, 0.1, 0.75, 0.2, 0.05, 0, 0, 0.65, 0.5, 0.3, 0.2)
                            .reshape(1, 1, 4, 3);
                    CarDetection.Boxes result = CarDetection.yoloEval(xy, wh, confidence, probs,
                            new double[] {720, 1280}, 10, 0.6, 0.5);
                    expect.close("scores", Nd4j.createFromArray(0.72, 0.65), result.scores())
                            .close("boxes", matrix(new double[] {288, 512, 432, 768},
                                    new double[] {108, 192, 180, 320}), result.boxes())
                            .close("classes", Nd4j.createFromArray(1.0, 2.0), result.classes());
                }));
    }
}
