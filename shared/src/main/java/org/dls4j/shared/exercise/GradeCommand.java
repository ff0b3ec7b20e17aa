package org.dls4j.shared.exercise;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

import org.dls4j.shared.Numerics;
import org.dls4j.shared.exercise.ExerciseCommand.Commands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./dls grade ASSIGNMENT [--workspace DIR]}: compiles the workspace, runs the notebook's test cases on the
 * learner's functions and prints each function's expected value beside the learner's, then the score. Exit code 0
 * with full marks, 1 otherwise, 2 when there is nothing to grade.
 */
@Command(name = "grade", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Grades your workspace of ASSIGNMENT: the notebook's test cases on your graded functions, the"
                + " expected value beside yours, and the score. Exit code 0 with full marks, 1 otherwise.")
public final class GradeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "ASSIGNMENT", description = "id or class name, e.g. c1w2-logistic-regression")
    String assignment;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "the workspace ./dls exercise wrote (default: ~/dls4j-exercises/ASSIGNMENT)")
    Path workspace;

    @Option(names = "--solutions", description = "grade the project's own functions instead (full marks expected)")
    boolean solutions;

    @Option(names = "--time-limit", paramLabel = "SECONDS",
            description = "longest a function's test may run (default: ${DEFAULT-VALUE})")
    long timeLimitSeconds = Grader.DEFAULT_TIME_LIMIT.toSeconds();

    private final PrintWriter out;

    GradeCommand(PrintWriter out) {
        this.out = out;
    }

    /** Runs {@code ./dls grade ARGS} on standard output and returns the exit code. */
    public static int execute(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        return Commands.execute(new GradeCommand(out), out, new PrintWriter(System.err, true), args);
    }

    @Override
    public Integer call() {
        if (timeLimitSeconds < 1) {
            throw new ExerciseException("--time-limit must be at least 1 second, not " + timeLimitSeconds);
        }
        Exercise exercise = Exercise.of(assignment);
        Numerics.useFloat64();
        Duration limit = Duration.ofSeconds(timeLimitSeconds);
        Grade grade;
        if (solutions) {
            out.println("Grading the project's own " + exercise.id() + ":");
            grade = exercise.gradeSolutions(limit);
            grade.lines().forEach(out::println);
        } else {
            Path dir = Commands.workspace(workspace, exercise);
            exercise.requireWorkspace(dir);
            out.println("Grading " + exercise.id() + " in " + dir + ":");
            Exercise.WorkspaceGrade graded = exercise.gradeWorkspace(dir, limit);
            graded.lines().forEach(out::println);
            grade = graded.grade();
        }
        return grade.correct() == grade.graded() ? 0 : 1;
    }
}
