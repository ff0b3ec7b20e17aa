package org.dls4j.course2;

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
 * Exercise mode for every Course 2 assignment with graded functions: the blanked workspace compiles and grades 0,
 * the project's own solutions grade full marks ({@link GradedAssert#assertExerciseRoundTrip}).
 */
class ExerciseModeTest {

    /** The assignments with graded functions and how many each has (the notebooks' graded cells; C2 W3: its
     * small TensorFlow exercises, the model is a DL4J graph). */
    static final Map<String, Integer> GRADED = new LinkedHashMap<>();

    static {
        GRADED.put("c2w1-gradient-checking", 4);
        GRADED.put("c2w1-initialization", 3);
        GRADED.put("c2w1-regularization", 4);
        GRADED.put("c2w2-optimization-methods", 8);
        GRADED.put("c2w3-signs-classifier", 5);
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
        GradedAssert.assertSolutionsWorkspaceGetsFullMarks("c2w1-regularization", dir);
    }
}
