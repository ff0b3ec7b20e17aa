package org.dls4j.course2;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dls4j.shared.testing.ExerciseModeContract;

/**
 * Exercise mode for every Course 2 assignment with graded functions ({@link ExerciseModeContract}): the
 * blanked workspace compiles and grades 0, the project's own solutions grade full marks.
 */
class ExerciseModeTest extends ExerciseModeContract {

    /** The assignments with graded functions and how many each has (the notebooks' graded cells; C2 W3: its
     * small TensorFlow exercises, the model is a DL4J graph). */
    @Override
    protected Map<String, Integer> graded() {
        Map<String, Integer> graded = new LinkedHashMap<>();
        graded.put("c2w1-gradient-checking", 4);
        graded.put("c2w1-initialization", 3);
        graded.put("c2w1-regularization", 4);
        graded.put("c2w2-optimization-methods", 8);
        graded.put("c2w3-signs-classifier", 5);
        return graded;
    }

    @Override
    protected String wholeLoopAssignment() {
        return "c2w1-regularization";
    }
}
