package org.dls4j.course5;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dls4j.shared.exercise.Exercise;
import org.dls4j.shared.testing.GradedAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exercise mode for every Course 5 assignment with graded functions: the blanked workspace compiles and grades 0,
 * the project's own solutions grade full marks ({@link GradedAssert#assertExerciseRoundTrip}).
 */
class ExerciseModeTest {

    /**
     * The assignments with graded functions and how many each has. Not yet: the graded functions that build DL4J
     * graphs (Jazz's djmodel and music_inference_model, Emojify-V2, NMT's one_step_attention and model, the
     * Transformer's Keras layers), dinosaur's model (a 22,000-iteration run), the RNN backward passes (optional and
     * ungraded in the notebook), and C5 W3's trigger word detection (being reworked).
     */
    static final Map<String, Integer> GRADED = new LinkedHashMap<>();

    static {
        GRADED.put("c5w1-dinosaur-island", 3);
        GRADED.put("c5w1-rnn-step-by-step", 4);
        GRADED.put("c5w2-emojify", 3);
        GRADED.put("c5w2-word-vectors", 4);
        GRADED.put("c5w4-transformer", 5);
    }

    static Iterable<String> exercises() {
        return GRADED.keySet();
    }

    @Test
    void everyAssignmentWithGradedFunctionsIsAnExercise() {
        Map<String, Integer> found = new LinkedHashMap<>();
        Exercise.all().forEach(e -> found.put(e.id(), e.functions().size()));
        assertEquals(GRADED, found);
    }

    @ParameterizedTest
    @MethodSource("exercises")
    void blankGradesZeroAndSolutionsFullMarks(String assignment, @TempDir Path dir) {
        GradedAssert.assertExerciseRoundTrip(assignment, dir);
    }

    /** The learner's path with the project's code: written, compiled, loaded in place of the project's, graded. */
    @Test
    void solutionsWorkspaceGetsFullMarks(@TempDir Path dir) {
        GradedAssert.assertSolutionsWorkspaceGetsFullMarks("c5w2-word-vectors", dir);
    }
}
