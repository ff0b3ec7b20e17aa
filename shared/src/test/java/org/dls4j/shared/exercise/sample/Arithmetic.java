package org.dls4j.shared.exercise.sample;

import org.dls4j.shared.exercise.Graded;

/** A two-function "assignment" for the exercise-mode tests. */
public final class Arithmetic {

    private Arithmetic() {
    }

    /** The square of x. */
    @Graded("square")
    public static double square(double x) {
        // y = x ** 2
        return x * x;
    }

    /** Half of x. */
    @Graded(value = "half", instructions = "Divide by two.")
    public static double half(double x) {
        return x / 2;
    }

    /** Not graded: stays as it is. */
    public static double twice(double x) {
        return 2 * x;
    }
}
