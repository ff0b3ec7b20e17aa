package org.dls4j.course1;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dls4j.shared.testing.ExerciseModeContract;

/**
 * Exercise mode for every Course 1 assignment with graded functions ({@link ExerciseModeContract}): the
 * blanked workspace compiles and grades 0, the project's own solutions grade full marks. The checks that train
 * (nn_model's 10000 iterations) run here, not again in the assignments' tests.
 */
class ExerciseModeTest extends ExerciseModeContract {

    /** The assignments with graded functions and how many each has (the notebooks' GRADED FUNCTION cells). */
    @Override
    protected Map<String, Integer> graded() {
        Map<String, Integer> graded = new LinkedHashMap<>();
        graded.put("c1w2-logistic-regression", 6);
        graded.put("c1w2-numpy-basics", 8);
        graded.put("c1w3-planar-classifier", 8);
        graded.put("c1w4-deep-network-application", 2);
        graded.put("c1w4-step-by-step", 10);
        return graded;
    }

    @Override
    protected String wholeLoopAssignment() {
        return "c1w2-logistic-regression";
    }
}
