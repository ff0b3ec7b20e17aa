package org.dls4j.shared.graph;

import java.util.stream.IntStream;

/**
 * Matrix products for the Java layers, on matrices held as arrays of rows ({@code double[rows][columns]}), in float64.
 * Every product is a sum of rows scaled by single elements, {@link #addScaled} {@code y[j] += s x[j]}, which the JIT
 * turns into vector instructions because both arrays start at index 0 (with offsets into arrays that might be one
 * and the same it does not); zero elements of the scaling factor are skipped, so a one-hot input costs one row per
 * row. At the sizes of a recurrent layer's batch (a few thousand rows of tens to hundreds of columns) these beat an
 * ND4J matrix product with its copies in and out.
 */
public final class RowMatrices {

    /** Rows per task of the products that split their rows between threads. */
    private static final int CHUNK = 256;

    private RowMatrices() {
    }

    /** {@code y += s x}, element by element. */
    public static void addScaled(double[] y, double s, double[] x) {
        for (int j = 0; j < y.length; j++) {
            y[j] += s * x[j];
        }
    }

    /** {@code y += x . b}: the row vector {@code x (k)} times the matrix {@code b (k, n)}. */
    public static void addTimes(double[] y, double[] x, double[][] b) {
        for (int k = 0; k < x.length; k++) {
            if (x[k] != 0) {
                addScaled(y, x[k], b[k]);
            }
        }
    }

    /** {@code x . y}. */
    public static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += x[i] * y[i];
        }
        return sum;
    }

    /** {@code a (r, k) . b (k, n)}, the rows in parallel. */
    public static double[][] times(double[][] a, double[][] b) {
        double[][] c = new double[a.length][];
        IntStream.range(0, a.length).parallel().forEach(r -> {
            c[r] = new double[b[0].length];
            addTimes(c[r], a[r], b);
        });
        return c;
    }

    /**
     * {@code a^T . b} for {@code a (r, k)} and {@code b (r, n)}: {@code (k, n)}, blocks of rows in parallel, their
     * sums added in order (the same result whatever the threads).
     */
    public static double[][] transposeTimes(double[][] a, double[][] b) {
        int inner = a[0].length, columns = b[0].length;
        double[][][] blocks = IntStream.range(0, (a.length + CHUNK - 1) / CHUNK).parallel().mapToObj(block -> {
            double[][] c = new double[inner][columns];
            for (int r = block * CHUNK; r < Math.min(a.length, (block + 1) * CHUNK); r++) {
                for (int k = 0; k < inner; k++) {
                    if (a[r][k] != 0) {
                        addScaled(c[k], a[r][k], b[r]);
                    }
                }
            }
            return c;
        }).toArray(double[][][]::new);
        for (int block = 1; block < blocks.length; block++) {
            for (int k = 0; k < inner; k++) {
                addScaled(blocks[0][k], 1, blocks[block][k]);
            }
        }
        return blocks[0];
    }

    /** {@code a^T}. */
    public static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int r = 0; r < a.length; r++) {
            for (int k = 0; k < a[r].length; k++) {
                t[k][r] = a[r][k];
            }
        }
        return t;
    }

    /** The sum of the rows of {@code a}. */
    public static double[] columnSums(double[][] a) {
        double[] sums = new double[a[0].length];
        for (double[] row : a) {
            addScaled(sums, 1, row);
        }
        return sums;
    }
}
