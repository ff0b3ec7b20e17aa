package org.dls4j.shared.testing;

import java.util.Arrays;
import java.util.Locale;

import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Assertions on INDArrays that say how far apart two arrays are: the largest absolute and relative error and the
 * index of the worst element, numpy's {@code assert_allclose} rule ({@code |a - e| <= atol + rtol * |e|}).
 */
public final class NdAssert {

    private NdAssert() {
    }

    /** {@code actual} equals {@code expected} within {@code atol + rtol * |expected|}, element by element. */
    public static void assertAllClose(INDArray expected, INDArray actual, double rtol, double atol) {
        assertAllClose(expected, actual, rtol, atol, "");
    }

    public static void assertAllClose(INDArray expected, INDArray actual, double rtol, double atol, String what) {
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            throw new AssertionError(prefix(what) + "shape " + Shapes.format(actual.shape()) + " but expected "
                    + Shapes.format(expected.shape()));
        }
        double[] e = expected.dup('c').data().asDouble();
        double[] a = actual.dup('c').data().asDouble();
        int worst = -1;
        double worstExcess = 0;
        double maxAbs = 0;
        double maxRel = 0;
        for (int i = 0; i < e.length; i++) {
            double diff = Math.abs(a[i] - e[i]);
            boolean bothNan = Double.isNaN(a[i]) && Double.isNaN(e[i]);
            boolean sameInfinity = Double.isInfinite(e[i]) && a[i] == e[i];
            if (bothNan || sameInfinity) {
                continue;
            }
            maxAbs = Math.max(maxAbs, Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff);
            if (e[i] != 0) {
                maxRel = Math.max(maxRel, diff / Math.abs(e[i]));
            }
            double excess = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff - (atol + rtol * Math.abs(e[i]));
            if (excess > 0 && (worst < 0 || excess > worstExcess)) {
                worst = i;
                worstExcess = excess;
            }
        }
        if (worst >= 0) {
            throw new AssertionError(String.format(Locale.ROOT,
                    "%snot close (rtol=%g, atol=%g): max abs error %.3e, max rel error %.3e; worst at %s: expected %s"
                            + " but was %s",
                    prefix(what), rtol, atol, maxAbs, maxRel, index(worst, expected.shape()), e[worst], a[worst]));
        }
    }

    /** Same, against plain values in C order (e.g. the notebook's printed array). */
    public static void assertAllClose(double[] expected, INDArray actual, double rtol, double atol, String what) {
        if (expected.length != actual.length()) {
            throw new AssertionError(prefix(what) + actual.length() + " elements but expected " + expected.length);
        }
        assertAllClose(Nd4j.create(expected, actual.shape(), 'c').castTo(actual.dataType()), actual, rtol, atol, what);
    }

    /** Every element identical to the last bit. */
    public static void assertBitsEqual(INDArray expected, INDArray actual, String what) {
        if (!Arrays.equals(expected.shape(), actual.shape())) {
            throw new AssertionError(prefix(what) + "shape " + Shapes.format(actual.shape()) + " but expected "
                    + Shapes.format(expected.shape()));
        }
        double[] e = expected.dup('c').data().asDouble();
        double[] a = actual.dup('c').data().asDouble();
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToLongBits(e[i]) != Double.doubleToLongBits(a[i])) {
                throw new AssertionError(prefix(what) + "differs at " + index(i, expected.shape()) + ": expected "
                        + Double.toHexString(e[i]) + " (" + e[i] + ") but was " + Double.toHexString(a[i]) + " ("
                        + a[i] + ")");
            }
        }
    }

    private static String prefix(String what) {
        return what == null || what.isEmpty() ? "" : what + ": ";
    }

    private static String index(int flat, long[] shape) {
        long[] idx = new long[shape.length];
        long rest = flat;
        for (int d = shape.length - 1; d >= 0; d--) {
            idx[d] = rest % shape[d];
            rest /= shape[d];
        }
        return Arrays.toString(idx);
    }
}
