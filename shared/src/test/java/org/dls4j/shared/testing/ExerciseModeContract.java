package org.dls4j.shared.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dls4j.shared.exercise.Exercise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Exercise mode for every assignment of a course module (each module's {@code ExerciseModeTest} extends this): the
 * assignments with graded functions are those the module says, with as many; each one's blanked workspace compiles
 * and grades 0 and the project's own functions full marks ({@link GradedAssert#assertExerciseRoundTrip}); one goes
 * the whole learner's way with the solutions ({@link GradedAssert#assertSolutionsWorkspaceGetsFullMarks}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ExerciseModeContract {

    /** The module's assignments with graded functions, and how many each has, in course order. */
    protected abstract Map<String, Integer> graded();

    /** The assignment that goes through a workspace holding the project's solutions (one cheap to grade). */
    protected abstract String wholeLoopAssignment();

    Iterable<String> exercises() {
        return graded().keySet();
    }

    @Test
    void everyAssignmentWithGradedFunctionsIsAnExercise() {
        Map<String, Integer> found = new LinkedHashMap<>();
        Exercise.all().forEach(e -> found.put(e.id(), e.functions().size()));
        assertEquals(graded(), found);
    }

    @ParameterizedTest
    @MethodSource("exercises")
    void blankGradesZeroAndSolutionsFullMarks(String assignment, @TempDir Path dir) {
        GradedAssert.assertExerciseRoundTrip(assignment, dir);
    }

    /** The learner's path with the project's code: written, compiled, loaded in place of the project's, graded. */
    @Test
    void solutionsWorkspaceGetsFullMarks(@TempDir Path dir) {
        GradedAssert.assertSolutionsWorkspaceGetsFullMarks(wholeLoopAssignment(), dir);
    }
}
