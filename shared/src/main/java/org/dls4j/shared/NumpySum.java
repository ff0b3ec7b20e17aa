package org.dls4j.shared;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code np.sum} with numpy's own summation order, so sums over the examples round the way the notebook's do.
 *
 * <p>numpy adds a contiguous run of float64 values with pairwise summation: fewer than 8 values left to right; up
 * to 128 values in eight interleaved partial sums combined as {@code ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7))}, then
 * the remainder; longer runs split in two halves (the first a multiple of 8 long) and add the halves. The result
 * can differ from a left-to-right loop in the last bit, which is visible in printed values such as the accuracy
 * {@code 0.9999999999999998} (209 times {@code 1/209}).
 */
public final class NumpySum {

    private static final int BLOCK = 128;

    private NumpySum() {
    }

    /** {@code np.sum(a)} over {@code a[offset], ..., a[offset + n - 1]}. */
    public static double pairwise(double[] a, int offset, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[offset + i];
            }
            return res;
        } else if (n <= BLOCK) {
            double r0 = a[offset];
            double r1 = a[offset + 1];
            double r2 = a[offset + 2];
            double r3 = a[offset + 3];
            double r4 = a[offset + 4];
            double r5 = a[offset + 5];
            double r6 = a[offset + 6];
            double r7 = a[offset + 7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                r0 += a[offset + i];
                r1 += a[offset + i + 1];
                r2 += a[offset + i + 2];
                r3 += a[offset + i + 3];
                r4 += a[offset + i + 4];
                r5 += a[offset + i + 5];
                r6 += a[offset + i + 6];
                r7 += a[offset + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[offset + i];
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwise(a, offset, n2) + pairwise(a, offset + n2, n - n2);
        }
    }

    /** {@code np.sum(a)} of a whole array. */
    public static double sum(double[] a) {
        return 0.0 + pairwise(a, 0, a.length);
    }

    /** {@code np.sum(a)} of any DOUBLE array (C order, as numpy's arrays are). */
    public static double sum(INDArray a) {
        return sum(values(a));
    }

    /** {@code np.sum(a, axis=1, keepdims=True)} of an {@code (n, m)} array: an {@code (n, 1)} DOUBLE array. */
    public static INDArray rows(INDArray a) {
        double[] sums = rowSums(a);
        return Nd4j.create(sums, new long[] {sums.length, 1}, DataType.DOUBLE);
    }

    /** The row sums of an {@code (n, m)} array, each in numpy's order. */
    public static double[] rowSums(INDArray a) {
        if (a.rank() != 2) {
            throw new IllegalArgumentException("expected a 2-D array but the shape was "
                    + java.util.Arrays.toString(a.shape()));
        }
        int n = (int) a.size(0);
        int m = (int) a.size(1);
        double[] v = values(a);
        double[] sums = new double[n];
        for (int i = 0; i < n; i++) {
            sums[i] = 0.0 + pairwise(v, i * m, m);
        }
        return sums;
    }

    /**
     * The row sums of an {@code (n, m)} row-major array read in place through its indexer, into {@code out}: the
     * training loop's {@code np.sum(dZ, axis=1)} without copying dZ.
     */
    public static void rowSums(DoubleIndexer a, int n, int m, double[] out) {
        for (int i = 0; i < n; i++) {
            out[i] = 0.0 + pairwise(a, (long) i * m, m);
        }
    }

    /** {@link #pairwise(double[], int, int)} over indexed memory. */
    static double pairwise(DoubleIndexer a, long offset, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a.get(offset + i);
            }
            return res;
        } else if (n <= BLOCK) {
            double r0 = a.get(offset);
            double r1 = a.get(offset + 1);
            double r2 = a.get(offset + 2);
            double r3 = a.get(offset + 3);
            double r4 = a.get(offset + 4);
            double r5 = a.get(offset + 5);
            double r6 = a.get(offset + 6);
            double r7 = a.get(offset + 7);
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                r0 += a.get(offset + i);
                r1 += a.get(offset + i + 1);
                r2 += a.get(offset + i + 2);
                r3 += a.get(offset + i + 3);
                r4 += a.get(offset + i + 4);
                r5 += a.get(offset + i + 5);
                r6 += a.get(offset + i + 6);
                r7 += a.get(offset + i + 7);
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a.get(offset + i);
            }
            return res;
        } else {
            int n2 = n / 2;
            n2 -= n2 % 8;
            return pairwise(a, offset, n2) + pairwise(a, offset + n2, n - n2);
        }
    }

    private static double[] values(INDArray a) {
        INDArray c = a.ordering() == 'c' && !a.isView() ? a : a.dup('c');
        return c.data().asDouble();
    }
}
