package org.dls4j.shared.exercise;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The comparisons of one {@link GradedCheck}: each one keeps the notebook's expected value and the function's value
 * as the grader prints them, and whether they agree. A check passes when all its comparisons do.
 *
 * <p>{@link #close} is numpy's {@code np.allclose(actual, expected)} with its default tolerances (relative
 * {@value #RTOL}, absolute {@value #ATOL}), which is what the course's public tests use; a check that knows the
 * expected value to every digit may ask for less.
 */
public final class Expect {

    /** {@code np.allclose}'s default relative tolerance. */
    public static final double RTOL = 1e-5;
    /** {@code np.allclose}'s default absolute tolerance. */
    public static final double ATOL = 1e-8;
    /** Relative tolerance of {@link #digits}. */
    public static final double DIGITS_RTOL = 1e-9;
    /** Absolute tolerance of {@link #digits}, for expected zeros. */
    public static final double DIGITS_ATOL = 1e-12;

    /**
     * One comparison, as printed.
     *
     * @param what the value compared ({@code "dw"}), empty when the function returns a single value
     * @param detail why it failed ({@code "largest difference 0.25 at [1, 0]"}), empty when it passed
     */
    public record Comparison(String what, String expected, String actual, boolean passed, String detail) {
    }

    private final List<Comparison> comparisons = new ArrayList<>();

    /** The comparisons made so far, in order. */
    public List<Comparison> comparisons() {
        return List.copyOf(comparisons);
    }

    /** Whether every comparison made so far agreed (and there was at least one). */
    public boolean passed() {
        return !comparisons.isEmpty() && comparisons.stream().allMatch(Comparison::passed);
    }

    /** {@code np.allclose(actual, expected)} for a number. */
    public Expect close(String what, double expected, double actual) {
        return close(what, expected, actual, RTOL, ATOL);
    }

    /** {@code |actual - expected| <= atol + rtol * |expected|}, and NaN only where NaN is expected. */
    public Expect close(String what, double expected, double actual, double rtol, double atol) {
        boolean passed = close(expected, actual, rtol, atol);
        return add(what, NumpyFormat.repr(expected), NumpyFormat.repr(actual), passed,
                passed ? "" : "difference " + NumpyFormat.repr(Math.abs(actual - expected)));
    }

    /** {@code np.allclose(actual, expected)} for arrays of the same shape. */
    public Expect close(String what, INDArray expected, INDArray actual) {
        return close(what, expected, actual, RTOL, ATOL);
    }

    /** Element-wise {@link #close(String, double, double, double, double)}; the shapes must be equal. */
    public Expect close(String what, INDArray expected, INDArray actual, double rtol, double atol) {
        String expectedText = show(expected);
        if (actual == null) {
            return add(what, expectedText, "null", false, "no array");
        }
        String actualText = show(actual);
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            return add(what, expectedText, actualText, false, "shape " + Shapes.format(actual.shape())
                    + " instead of " + Shapes.format(expected.shape()));
        }
        double[] e = expected.dup('c').data().asDouble();
        double[] a = actual.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int worst = -1;
        double worstDifference = -1;
        for (int i = 0; i < e.length; i++) {
            if (!close(e[i], a[i], rtol, atol)) {
                double difference = Double.isNaN(a[i] - e[i]) ? Double.POSITIVE_INFINITY : Math.abs(a[i] - e[i]);
                if (difference > worstDifference) {
                    worst = i;
                    worstDifference = difference;
                }
            }
        }
        if (worst < 0) {
            return add(what, expectedText, actualText, true, "");
        }
        return add(what, expectedText, actualText, false, "element " + index(expected.shape(), worst) + " is "
                + NumpyFormat.repr(a[worst]) + ", not " + NumpyFormat.repr(e[worst]));
    }

    /**
     * For an expected value known to every digit: agreement to about 9 significant digits (relative
     * {@value #DIGITS_RTOL}, absolute {@value #DIGITS_ATOL}), which a correct function written in another operation
     * order still reaches and a wrong one does not.
     */
    public Expect digits(String what, double expected, double actual) {
        return close(what, expected, actual, DIGITS_RTOL, DIGITS_ATOL);
    }

    /** {@link #digits(String, double, double)} element-wise. */
    public Expect digits(String what, INDArray expected, INDArray actual) {
        return close(what, expected, actual, DIGITS_RTOL, DIGITS_ATOL);
    }

    /** {@code actual.equals(expected)}: integers, strings, shapes, lists. */
    public Expect equal(String what, Object expected, Object actual) {
        boolean passed = Objects.equals(expected, actual);
        return add(what, String.valueOf(expected), String.valueOf(actual), passed, "");
    }

    /** The shape of an array. */
    public Expect shape(String what, long[] expected, INDArray actual) {
        return equal(what + " shape", Shapes.format(expected), actual == null ? "null" : Shapes.format(actual.shape()));
    }

    /** A float64 column {@code (n, 1)}, numpy's {@code np.array([[a], [b], ...])}. */
    public static INDArray column(double... values) {
        return Nd4j.createFromArray(values).reshape(values.length, 1);
    }

    /** A float64 row {@code (1, n)}, numpy's {@code np.array([[a, b, ...]])}. */
    public static INDArray row(double... values) {
        return Nd4j.createFromArray(values).reshape(1, values.length);
    }

    /** A float64 matrix from its rows. */
    public static INDArray matrix(double[]... rows) {
        return Nd4j.createFromArray(rows);
    }

    /** numpy's printing of an array on one line ({@code [[0.5] [2.3]]}). */
    public static String show(INDArray array) {
        String text = NumpyFormat.array(array);
        StringBuilder line = new StringBuilder(text.length());
        boolean space = false;
        for (char c : text.toCharArray()) {
            boolean blank = c == '\n' || c == ' ';
            if (blank && !space && line.length() > 0) {
                line.append(' ');
            }
            if (!blank) {
                line.append(c);
            }
            space = blank;
        }
        return line.toString().replace("[ ", "[");
    }

    private static boolean close(double expected, double actual, double rtol, double atol) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }

    private static String index(long[] shape, int flat) {
        long[] at = new long[shape.length];
        long rest = flat;
        for (int axis = shape.length - 1; axis >= 0; axis--) {
            at[axis] = rest % shape[axis];
            rest /= shape[axis];
        }
        return Arrays.toString(at);
    }

    private Expect add(String what, String expected, String actual, boolean passed, String detail) {
        comparisons.add(new Comparison(what, expected, actual, passed, detail));
        return this;
    }
}
