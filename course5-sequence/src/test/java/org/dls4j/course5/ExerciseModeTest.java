package org.dls4j.course5;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dls4j.shared.testing.ExerciseModeContract;

/**
 * Exercise mode for every Course 5 assignment with graded functions ({@link ExerciseModeContract}): the
 * blanked workspace compiles and grades 0, the project's own solutions grade full marks.
 */
class ExerciseModeTest extends ExerciseModeContract {

    /**
     * The assignments with graded functions and how many each has. Not graded: the RNN backward passes (optional and
     * ungraded in the notebook); Jazz's music_inference_model is DL4J's graph stepped inside predict_and_sample.
     */
    @Override
    protected Map<String, Integer> graded() {
        Map<String, Integer> graded = new LinkedHashMap<>();
        graded.put("c5w1-dinosaur-island", 4);
        graded.put("c5w1-jazz-improvisation", 2);
        graded.put("c5w1-rnn-step-by-step", 4);
        graded.put("c5w2-emojify", 4);
        graded.put("c5w2-word-vectors", 4);
        graded.put("c5w3-neural-machine-translation", 2);
        graded.put("c5w3-trigger-word-detection", 5);
        graded.put("c5w4-transformer", 10);
        return graded;
    }

    @Override
    protected String wholeLoopAssignment() {
        return "c5w2-word-vectors";
    }
}
