package org.dls4j.shared.exercise;

/**
 * The test of one graded function: the notebook's test-case inputs, a call to the function, and its outputs
 * compared with the notebook's expected values through {@link Expect}.
 *
 * @param function the notebook's name of the function, as in its {@link Graded} annotation
 */
public record GradedCheck(String function, Body body) {

    /** What the check does; anything it throws (a {@code TODO}, a wrong shape) fails the function. */
    @FunctionalInterface
    public interface Body {
        void run(Expect expect) throws Exception;
    }

    public static GradedCheck of(String function, Body body) {
        return new GradedCheck(function, body);
    }
}
