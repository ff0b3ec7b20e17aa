package org.dls4j.course1;

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
 * Exercise mode for every Course 1 assignment with graded functions: the blanked workspace compiles and grades 0,
 * the project's own solutions grade full marks ({@link GradedAssert#assertExerciseRoundTrip}). Checks that train
 * (nn_model's 10000 iterations, the application's models) run here only, not again in the assignments' tests.
 */
class ExerciseModeTest {

    /** The assignments with graded functions and how many each has (the notebooks' GRADED FUNCTION cells). */
    static final Map<String, Integer> GRADED = new LinkedHashMap<>();

    static {
        GRADED.put("c1w2-logistic-regression", 6);
        GRADED.put("c1w2-numpy-basics", 8);
        GRADED.put("c1w3-planar-classifier", 8);
        GRADED.put("c1w4-deep-network-application", 2);
        GRADED.put("c1w4-step-by-step", 10);
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
        GradedAssert.assertSolutionsWorkspaceGetsFullMarks("c1w2-logistic-regression", dir);
    }
}
