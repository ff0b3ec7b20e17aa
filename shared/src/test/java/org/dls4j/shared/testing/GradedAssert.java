package org.dls4j.shared.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.dls4j.shared.exercise.Exercise;
import org.dls4j.shared.exercise.Grade.FunctionGrade;
import org.dls4j.shared.exercise.Grade;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.exercise.GradedFunction;
import org.dls4j.shared.exercise.GradedSource;
import org.dls4j.shared.exercise.Grader;

/**
 * Exercise mode in the tests: an assignment's test runs the grader's checks on the project's functions
 * ({@link #assertPasses}), and each course module proves the whole loop for every assignment with graded functions
 * ({@link #assertExerciseRoundTrip}).
 */
public final class GradedAssert {

    private static final Duration TIME_LIMIT = Duration.ofMinutes(5);

    private GradedAssert() {
    }

    /** The check of {@code function} passes on the project's code; a failure shows what the grader would print. */
    public static void assertPasses(GradedChecks checks, String function) {
        GradedCheck check = checks.checks().stream().filter(c -> c.function().equals(function)).findFirst()
                .orElseThrow(() -> new AssertionError("no check called " + function));
        FunctionGrade grade = Grader.gradeOne(check);
        if (!grade.passed()) {
            fail(String.join("\n", new Grade("", List.of(grade)).lines()));
        }
    }

    /**
     * The exercise of one assignment: it blanks as many methods as carry {@code @Graded} (the parser and reflection
     * agree, and every graded function has a check); its workspace compiles and grades 0 of N, every function
     * failing by its own {@code TODO} (so the checks reach the learner's code through the workspace's class loader,
     * and none fails by a defect of its own); the project's own functions grade N of N.
     *
     * @return the grades of the blank and of the project's functions
     */
    public static List<Grade> assertExerciseRoundTrip(String assignment, Path dir) {
        long cpu = processCpuNanos();
        Exercise exercise = Exercise.of(assignment);
        List<String> reflected = exercise.functions().stream().map(GradedFunction::name).sorted().toList();
        List<String> parsed = new ArrayList<>();
        for (Path source : exercise.sourceFiles()) {
            GradedSource.parse(source.getFileName().toString(), read(source)).methods()
                    .forEach(m -> parsed.add(m.function()));
        }
        assertEquals(reflected, parsed.stream().sorted().toList(), "graded functions by reflection and by parsing");
        assertEquals(reflected, exercise.functionNames().stream().sorted().toList(), "one check per graded function");

        Path blank = dir.resolve("blank");
        exercise.write(blank, false);
        Exercise.WorkspaceGrade blanked = exercise.gradeWorkspace(blank, TIME_LIMIT);
        String blankText = String.join("\n", blanked.lines());
        assertEquals(List.of(), blanked.compileErrors(), blankText);
        assertEquals(reflected.size(), blanked.grade().graded(), blankText);
        assertEquals(0, blanked.grade().correct(), blankText);
        for (FunctionGrade f : blanked.grade().functions()) {
            assertTrue(f.error().startsWith("TODO: "), f.function() + " fails by its TODO, not by " + f.error());
        }

        Grade solutions = exercise.gradeSolutions(TIME_LIMIT);
        assertEquals(reflected.size(), solutions.correct(), String.join("\n", solutions.lines()));
        System.out.printf("%s: blank %d/%d, solutions %d/%d, %.1f s of CPU%n", assignment, blanked.grade().correct(),
                reflected.size(), solutions.correct(), reflected.size(), (processCpuNanos() - cpu) / 1e9);
        return List.of(blanked.grade(), solutions);
    }

    /**
     * The whole loop on the project's own code: the workspace written with the solutions in place of the blanks
     * compiles, its classes replace the project's, and it grades N of N.
     */
    public static Grade assertSolutionsWorkspaceGetsFullMarks(String assignment, Path dir) {
        Exercise exercise = Exercise.of(assignment);
        exercise.writeSolutions(dir);
        Exercise.WorkspaceGrade solved = exercise.gradeWorkspace(dir, TIME_LIMIT);
        String text = String.join("\n", solved.lines());
        assertEquals(List.of(), solved.compileErrors(), text);
        assertEquals(exercise.functions().size(), solved.grade().correct(), text);
        return solved.grade();
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
