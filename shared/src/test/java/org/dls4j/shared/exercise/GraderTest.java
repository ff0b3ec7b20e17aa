package org.dls4j.shared.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.exercise.Grade.FunctionGrade;
import org.dls4j.shared.exercise.sample.Arithmetic;
import org.dls4j.shared.exercise.sample.ArithmeticChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Grading: a learner's workspace compiled in-process and loaded in place of the project's class (the sample
 * {@link Arithmetic}), one-line reasons for what went wrong, the printed report and score, and the commands' errors.
 */
class GraderTest {

    private static final Duration LIMIT = Duration.ofSeconds(30);
    private static final List<GradedFunction> FUNCTIONS = GradedFunction.in(List.of(Arithmetic.class));

    @Test
    void theProjectsFunctionsGetFullMarks() {
        Grade grade = Grader.grade("sample", FUNCTIONS, new ArithmeticChecks(), Map.of(), LIMIT);
        assertEquals("Score: 2/2 graded functions correct", grade.score());
        assertEquals(List.of("PASS square  square(3): expected 9.0  yours 9.0",
                "PASS half    half(3): expected 1.5  yours 1.5", "Score: 2/2 graded functions correct"), grade.lines());
    }

    @Test
    void theLearnersClassReplacesTheProjectsOne(@TempDir Path dir) throws Exception {
        String learners = GradedSource.parse("Arithmetic.java", Files.readString(GradedSourceTest.SAMPLE)).blanked()
                .replace("throw new UnsupportedOperationException(\"TODO: half\");", "return x / 3;");
        Grade grade = gradeWorkspace(dir, learners);
        assertEquals(List.of("FAIL square  TODO: square (at Arithmetic.java:17)",
                "FAIL half    half(3): expected 1.5  yours 1.0  <- difference 0.5",
                "Score: 0/2 graded functions correct"), grade.lines());
    }

    @Test
    void compileErrorsNameTheFileAndLine(@TempDir Path dir) throws Exception {
        write(dir, "class Arithmetic { int f() { return \"x\"; } }");
        WorkspaceCompiler.Compilation c = WorkspaceCompiler.compile(dir, Files.createDirectories(dir.resolve("out")));
        assertEquals(1, c.errors().size(), c.errors().toString());
        assertTrue(c.errors().get(0).startsWith("src/main/java/org/dls4j/shared/exercise/sample/Arithmetic.java:1:"
                + " error: incompatible types"), c.errors().get(0));
    }

    @Test
    void anEmptyWorkspaceIsRefused(@TempDir Path dir) {
        ExerciseException e = assertThrows(ExerciseException.class, () -> WorkspaceCompiler.compile(dir, dir));
        assertEquals("No Java sources under " + dir.resolve("src/main/java") + ".", e.getMessage());
    }

    @Test
    void failuresAreOneLineWithTheLearnersLine() {
        FunctionGrade thrown = Grader.gradeOne(GradedCheck.of("f", expect -> {
            throw new IllegalStateException("W1 must have shape (4, 2)\nmore detail");
        }));
        assertEquals("IllegalStateException: W1 must have shape (4, 2)", thrown.error());
        Throwable linkage = new NoSuchMethodError("'double Arithmetic.half(double)'");
        linkage.setStackTrace(new StackTraceElement[] {new StackTraceElement(Arithmetic.class.getName() + "$1", "f",
                "Arithmetic.java", 12)});
        assertEquals("NoSuchMethodError: 'double Arithmetic.half(double)' (keep the signatures and records the"
                + " exercise wrote) (at Arithmetic.java:12)", Grader.reason(linkage, List.of(Arithmetic.class
                .getName())));
        FunctionGrade nothing = Grader.gradeOne(GradedCheck.of("g", expect -> { }));
        assertEquals("the check compared nothing", nothing.error());
    }

    @Test
    void aCheckThatNeverEndsIsStopped() {
        GradedCheck endless = GradedCheck.of("square", expect -> {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
        });
        GradedChecks checks = new GradedChecks() {
            @Override
            public List<Class<?>> gradedClasses() {
                return List.of(Arithmetic.class);
            }

            @Override
            public List<GradedCheck> checks() {
                return List.of(endless);
            }
        };
        Grade grade = Grader.grade("sample", FUNCTIONS, checks, Map.of("half", "not in the workspace"),
                Duration.ofMillis(200));
        assertEquals(List.of("FAIL square  stopped after 0 s (an endless loop?)", "FAIL half    no check for this graded"
                + " function (a defect of dls4j, please report it)", "Score: 0/2 graded functions correct"),
                grade.lines());
    }

    @Test
    void commandsExplainWhatIsWrong() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = ExerciseCommand.Commands.execute(new GradeCommand(new PrintWriter(out, true)),
                new PrintWriter(out, true), new PrintWriter(err, true), "no-such-assignment");
        assertEquals(2, code);
        assertTrue(err.toString().startsWith("Error: No assignment called 'no-such-assignment'."), err.toString());
        code = ExerciseCommand.Commands.execute(new ExerciseCommand(new PrintWriter(out, true)),
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code);
        assertTrue(out.toString().endsWith("./dls exercise ASSIGNMENT writes one; ./dls grade ASSIGNMENT grades it."
                + System.lineSeparator()), out.toString());
    }

    private static Grade gradeWorkspace(Path dir, String source) throws Exception {
        write(dir, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        WorkspaceCompiler.Compilation compiled = WorkspaceCompiler.compile(dir, classes);
        assertEquals(List.of(), compiled.errors());
        assertEquals(List.of(Arithmetic.class.getName()), compiled.classNames());
        try (WorkspaceClassLoader loader = new WorkspaceClassLoader(classes,
                ArithmeticChecks.class.getProtectionDomain().getCodeSource().getLocation(),
                GraderTest.class.getClassLoader())) {
            GradedChecks checks = (GradedChecks) loader.loadClass(ArithmeticChecks.class.getName())
                    .getDeclaredConstructor().newInstance();
            assertEquals(loader, checks.gradedClasses().get(0).getClassLoader(), "the learner's Arithmetic");
            return Grader.grade("sample", FUNCTIONS, checks, Map.of(), LIMIT);
        }
    }

    private static void write(Path dir, String source) throws Exception {
        Path file = dir.resolve("src/main/java/org/dls4j/shared/exercise/sample/Arithmetic.java");
        Files.createDirectories(file.getParent());
        Files.writeString(file, source);
    }
}
