package org.dls4j.shared.exercise;

import java.util.ArrayList;
import java.util.List;

import org.dls4j.shared.exercise.Expect.Comparison;

/**
 * What grading an assignment found: per graded function, passed or not, its comparisons (the notebook's expected
 * value beside the learner's) or why it could not run; and the score.
 *
 * @param functions in the notebook's order
 */
public record Grade(String assignment, List<FunctionGrade> functions) {

    /**
     * Longest value printed in full (a notebook's summary line, {@code ['Conv2D', (None, 96, 128, 1024), 9438208,
     * 'same', 'relu', 'HeNormal']}, fits); a longer one is cut in the middle.
     */
    static final int SHOWN = 80;

    /**
     * The grade of one function.
     *
     * @param error why the check did not finish ({@code "TODO: sigmoid"}), empty when it did
     */
    public record FunctionGrade(String function, boolean passed, List<Comparison> comparisons, String error) {
    }

    public Grade {
        functions = List.copyOf(functions);
    }

    /** The number of graded functions that passed. */
    public int correct() {
        return (int) functions.stream().filter(FunctionGrade::passed).count();
    }

    /** The number of graded functions. */
    public int graded() {
        return functions.size();
    }

    /** The course grader's line: {@code Score: 3/4 graded functions correct}. */
    public String score() {
        return "Score: " + correct() + "/" + graded() + " graded functions correct";
    }

    /** The functions that did not pass, by name. */
    public List<String> failed() {
        return functions.stream().filter(f -> !f.passed()).map(FunctionGrade::function).toList();
    }

    /** The printed report: one block per function ({@code PASS sigmoid  expected ... yours ...}), then the score. */
    public List<String> lines() {
        int width = functions.stream().mapToInt(f -> f.function().length()).max().orElse(0);
        List<String> lines = new ArrayList<>();
        for (FunctionGrade f : functions) {
            String head = (f.passed() ? "PASS " : "FAIL ") + pad(f.function(), width) + "  ";
            String indent = " ".repeat(head.length());
            boolean first = true;
            for (Comparison c : f.comparisons()) {
                lines.add((first ? head : indent) + comparison(c));
                first = false;
            }
            if (!f.error().isEmpty()) {
                lines.add((first ? head : indent) + f.error());
            }
        }
        lines.add(score());
        return lines;
    }

    private static String comparison(Comparison c) {
        String line = (c.what().isEmpty() ? "" : c.what() + ": ") + "expected " + cut(c.expected()) + "  yours "
                + cut(c.actual());
        return c.passed() ? line : line + "  <- " + (c.detail().isEmpty() ? "differs" : c.detail());
    }

    private static String cut(String value) {
        if (value.length() <= SHOWN) {
            return value;
        }
        int half = (SHOWN - 5) / 2;
        return value.substring(0, half) + " ... " + value.substring(value.length() - half);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
