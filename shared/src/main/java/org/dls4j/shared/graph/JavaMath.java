package org.dls4j.shared.graph;

/** Scalar functions for the Java layers' loops, faster than {@link Math}'s where that matters. */
public final class JavaMath {

    private JavaMath() {
    }

    /**
     * {@code tanh(x) = 1 - 2 / (e^2x + 1)}, from one {@link Math#exp} (a JIT intrinsic), about twice as fast as
     * {@link Math#tanh} (JDK 17's port of fdlibm); within a few 1e-16 of it, -1 and 1 far out.
     */
    public static double tanh(double x) {
        return 1 - 2 / (Math.exp(2 * x) + 1);
    }
}
