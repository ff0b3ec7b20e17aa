package org.dls4j.course4;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dls4j.shared.testing.ExerciseModeContract;

/**
 * Exercise mode for every Course 4 assignment with graded functions ({@link ExerciseModeContract}): the
 * blanked workspace compiles and grades 0, the project's own solutions grade full marks.
 */
class ExerciseModeTest extends ExerciseModeContract {

    /** The assignments with graded functions and how many each has. */
    @Override
    protected Map<String, Integer> graded() {
        Map<String, Integer> graded = new LinkedHashMap<>();
        graded.put("c4w1-convolution-step-by-step", 8);
        graded.put("c4w1-signs-convnet", 1);
        graded.put("c4w2-happy-house", 1);
        graded.put("c4w2-residual-networks", 3);
        graded.put("c4w2-transfer-learning", 2);
        graded.put("c4w3-car-detection", 4);
        graded.put("c4w3-image-segmentation", 3);
        graded.put("c4w4-neural-style-transfer", 5);
        graded.put("c4w4-face-recognition", 3);
        return graded;
    }

    @Override
    protected String wholeLoopAssignment() {
        return "c4w3-car-detection";
    }
}
