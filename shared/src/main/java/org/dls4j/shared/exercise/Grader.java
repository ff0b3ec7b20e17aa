package org.dls4j.shared.exercise;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.dls4j.shared.exercise.Grade.FunctionGrade;

/**
 * Runs the checks of an assignment and grades each graded function: passed when its check finished and every
 * comparison agreed. A check that throws (the blank's {@code TODO}, a wrong shape, anything) or runs past the time
 * limit fails its function with a one-line reason, never a stack trace.
 */
public final class Grader {

    /** How long one check may run before its function counts as wrong (an endless loop, say). */
    public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(120);

    private Grader() {
    }

    /**
     * Grades {@code functions} with {@code checks}.
     *
     * @param refused functions not to run, with the reason each counts as wrong (its class is not the learner's)
     * @throws IllegalStateException when a check names no graded function (a defect of the checks, not the
     *     learner's)
     */
    public static Grade grade(String assignment, List<GradedFunction> functions, GradedChecks checks,
            Map<String, String> refused, Duration timeLimit) {
        Map<String, GradedFunction> byName = new LinkedHashMap<>();
        functions.forEach(f -> byName.put(f.name(), f));
        List<String> sourceClasses = functions.stream().map(f -> f.sourceClass().getName()).distinct().toList();
        List<FunctionGrade> grades = new ArrayList<>();
        for (GradedCheck check : checks.checks()) {
            if (byName.remove(check.function()) == null) {
                throw new IllegalStateException("The check " + check.function() + " of " + assignment
                        + " names no @Graded method of " + checks.gradedClasses());
            }
            String reason = refused.get(check.function());
            grades.add(reason != null ? new FunctionGrade(check.function(), false, List.of(), reason)
                    : run(check, timeLimit, sourceClasses));
        }
        byName.keySet().forEach(name -> grades.add(new FunctionGrade(name, false, List.of(),
                "no check for this graded function (a defect of dls4j, please report it)")));
        return new Grade(assignment, grades);
    }

    /** Runs one check on the code the caller's class loader sees (the project's, in the tests). */
    public static FunctionGrade gradeOne(GradedCheck check) {
        return run(check, DEFAULT_TIME_LIMIT, List.of());
    }

    /** Runs one check on a thread of its own, so that one that never ends cannot hold up the next. */
    private static FunctionGrade run(GradedCheck check, Duration timeLimit, List<String> sourceClasses) {
        Expect expect = new Expect();
        FutureTask<Void> done = new FutureTask<>(() -> {
            check.body().run(expect);
            return null;
        });
        Thread thread = new Thread(done, "graded-check " + check.function());
        thread.setDaemon(true);
        thread.start();
        String error = "";
        try {
            done.get(timeLimit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            done.cancel(true);
            return new FunctionGrade(check.function(), false, List.of(),
                    "stopped after " + timeLimit.toSeconds() + " s (an endless loop?)");
        } catch (ExecutionException e) {
            error = reason(e.getCause(), sourceClasses);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "interrupted";
        }
        List<Expect.Comparison> comparisons = expect.comparisons();
        if (error.isEmpty() && comparisons.isEmpty()) {
            error = "the check compared nothing";
        }
        return new FunctionGrade(check.function(), error.isEmpty() && expect.passed(), comparisons, error);
    }

    /** One line for what went wrong: the exception's message, and where in the learner's file it was thrown. */
    static String reason(Throwable failure, List<String> sourceClasses) {
        String message = failure.getMessage() == null ? "" : failure.getMessage().lines().findFirst().orElse("");
        String text;
        if (failure instanceof UnsupportedOperationException && message.startsWith("TODO")) {
            text = message;
        } else if (failure instanceof LinkageError) {
            text = failure.getClass().getSimpleName() + ": " + message
                    + " (keep the signatures and records the exercise wrote)";
        } else {
            text = failure.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message);
        }
        for (StackTraceElement frame : failure.getStackTrace()) {
            String owner = frame.getClassName();
            int nested = owner.indexOf('$');
            if (sourceClasses.contains(nested < 0 ? owner : owner.substring(0, nested))) {
                return text + " (at " + frame.getFileName() + ":" + frame.getLineNumber() + ")";
            }
        }
        return text;
    }
}
