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
     * The assignments with graded functions and how many each has. Not yet: Jazz's music_inference_model and NMT's
     * one_step_attention (inside a DL4J layer), the Transformer's Keras layers, dinosaur's model (a 22,000-iteration
     * run), the RNN backward passes (optional and ungraded in the notebook), and C5 W3's trigger word detection
     * (being reworked).
     */
    @Override
    protected Map<String, Integer> graded() {
        Map<String, Integer> graded = new LinkedHashMap<>();
        graded.put("c5w1-dinosaur-island", 3);
        graded.put("c5w1-jazz-improvisation", 1);
        graded.put("c5w1-rnn-step-by-step", 4);
        graded.put("c5w2-emojify", 4);
        graded.put("c5w2-word-vectors", 4);
        graded.put("c5w3-neural-machine-translation", 1);
        graded.put("c5w4-transformer", 5);
        return graded;
    }

    @Override
    protected String wholeLoopAssignment() {
        return "c5w2-word-vectors";
    }
}
