package org.dls4j.course4.week3;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Mean average precision at an IoU threshold (mAP@0.5 for 0.5), PASCAL VOC's way since 2010: per class, every
 * detection of all pictures in descending score; a detection is a true positive when its best-overlapping ground
 * truth box of the same class in its picture has IoU >= the threshold and no higher-scoring detection took that box,
 * otherwise a false positive. The average precision is the area under the precision-recall curve with
 * <b>all-point interpolation</b> (precision at each recall replaced by the best precision at that recall or beyond);
 * the mean is over the classes that have ground truth.
 */
public final class DetectionMap {

    /** A box {@code (x1, y1, x2, y2)} of class {@code classId} in picture {@code image}; score ignored for truth. */
    public record Box(int image, int classId, double score, double[] corners) {
    }

    /** Per class (index = class id; NaN where a class has no ground truth), and their mean. */
    public record Result(double[] averagePrecision, double meanAveragePrecision) {
    }

    private DetectionMap() {
    }

    /** mAP of {@code detections} against {@code truth} over classes {@code 0 .. classes-1}. */
    public static Result of(List<Box> detections, List<Box> truth, int classes, double iouThreshold) {
        double[] ap = new double[classes];
        double sum = 0;
        int counted = 0;
        for (int c = 0; c < classes; c++) {
            int cls = c;
            List<Box> gt = truth.stream().filter(b -> b.classId() == cls).toList();
            if (gt.isEmpty()) {
                ap[c] = Double.NaN;
                continue;
            }
            List<Box> found = new ArrayList<>(detections.stream().filter(b -> b.classId() == cls).toList());
            found.sort(Comparator.comparingDouble(Box::score).reversed());
            ap[c] = averagePrecision(found, gt, iouThreshold);
            sum += ap[c];
            counted++;
        }
        return new Result(ap, counted == 0 ? Double.NaN : sum / counted);
    }

    private static double averagePrecision(List<Box> detections, List<Box> truth, double iouThreshold) {
        boolean[] taken = new boolean[truth.size()];
        int n = detections.size();
        double[] precision = new double[n];
        double[] recall = new double[n];
        int truePositives = 0;
        for (int k = 0; k < n; k++) {
            Box detection = detections.get(k);
            int best = -1;
            double bestIou = -1;
            for (int g = 0; g < truth.size(); g++) {
                Box candidate = truth.get(g);
                if (candidate.image() != detection.image()) {
                    continue;
                }
                double iou = CarDetection.iou(detection.corners(), candidate.corners());
                if (iou > bestIou) {
                    bestIou = iou;
                    best = g;
                }
            }
            if (best >= 0 && bestIou >= iouThreshold && !taken[best]) {
                taken[best] = true;
                truePositives++;
            }
            precision[k] = truePositives / (double) (k + 1);
            recall[k] = truePositives / (double) truth.size();
        }
        // all-point interpolation: precision envelope from the right, area over each step in recall
        for (int k = n - 2; k >= 0; k--) {
            precision[k] = Math.max(precision[k], precision[k + 1]);
        }
        double area = 0;
        double previousRecall = 0;
        for (int k = 0; k < n; k++) {
            area += (recall[k] - previousRecall) * precision[k];
            previousRecall = recall[k];
        }
        return area;
    }
}
