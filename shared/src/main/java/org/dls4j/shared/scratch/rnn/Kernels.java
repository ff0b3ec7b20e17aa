package org.dls4j.shared.scratch.rnn;

import org.dls4j.shared.NumpySum;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The loops the fused engines share, on plain row-major {@code double[]}: numpy's element-wise order, products summed
 * over k in order.
 */
final class Kernels {

    private Kernels() {
    }

    /** The values of a DOUBLE array in C order (a copy). */
    static double[] values(INDArray a, String name) {
        if (a.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException(name + " must be DOUBLE (numpy float64) but was " + a.dataType());
        }
        return a.dup('c').data().asDouble();
    }

    /** A new DOUBLE array of {@code shape} over {@code values} in C order. */
    static INDArray array(double[] values, long... shape) {
        return Nd4j.create(values, shape, 'c');
    }

    /** {@code 1/(1+np.exp(-x))}. */
    static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }

    /**
     * {@code out (rows, m) = W[:, from:from+inner] . in (inner, m)}, {@code W} a row-major matrix of {@code wColumns}
     * columns; {@code accumulate} adds to {@code out} (numpy's {@code np.dot(A, x) + np.dot(B, y)} adds the two
     * finished products, so a caller that accumulates must want exactly that).
     */
    static void product(double[] w, int wColumns, int from, int inner, double[] in, int m, double[] out, int rows) {
        for (int i = 0; i < rows; i++) {
            int wi = i * wColumns + from;
            for (int j = 0; j < m; j++) {
                double acc = 0.0;
                for (int k = 0; k < inner; k++) {
                    acc += w[wi + k] * in[k * m + j];
                }
                out[i * m + j] = acc;
            }
        }
    }

    /** {@code out (columns, m) = W[:, from:from+columns].T . d (rows, m)}, {@code W} of {@code wColumns} columns. */
    static void transposedProduct(double[] w, int wColumns, int from, int columns, double[] d, int rows, int m,
            double[] out) {
        for (int k = 0; k < columns; k++) {
            for (int j = 0; j < m; j++) {
                double acc = 0.0;
                for (int i = 0; i < rows; i++) {
                    acc += w[i * wColumns + from + k] * d[i * m + j];
                }
                out[k * m + j] = acc;
            }
        }
    }

    /**
     * {@code dW[:, from:from+columns] += d (rows, m) . in.T} with {@code in (columns, m)}: the step's product summed
     * over the m examples first, then added, as {@code dW += np.dot(d, in.T)}.
     */
    static void addOuter(double[] d, int rows, int m, double[] in, int columns, double[] dw, int wColumns, int from) {
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < columns; k++) {
                double acc = 0.0;
                for (int j = 0; j < m; j++) {
                    acc += d[i * m + j] * in[k * m + j];
                }
                dw[i * wColumns + from + k] += acc;
            }
        }
    }

    /** {@code db += np.sum(d, axis=1, keepdims=True)}: each row in numpy's pairwise order. */
    static void addRowSums(double[] d, int rows, int m, double[] db) {
        for (int i = 0; i < rows; i++) {
            db[i] += NumpySum.pairwise(d, i * m, m);
        }
    }

    /**
     * {@code softmax(z)} of {@code rnn_utils.py} in place on {@code z (rows, m)}: {@code e_x = np.exp(x - np.max(x))}
     * (the max of the whole array), {@code e_x / e_x.sum(axis=0)}. numpy sums a column of an {@code (n, 1)} array
     * pairwise and the columns of a wider one row by row.
     */
    static void softmaxInPlace(double[] z, int rows, int m) {
        int n = rows * m;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, z[i]);
        }
        for (int i = 0; i < n; i++) {
            z[i] = Math.exp(z[i] - max);
        }
        if (m == 1) {
            double sum = NumpySum.pairwise(z, 0, rows);
            for (int i = 0; i < rows; i++) {
                z[i] /= sum;
            }
            return;
        }
        double[] sums = new double[m];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < m; j++) {
                sums[j] += z[i * m + j];
            }
        }
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < m; j++) {
                z[i * m + j] /= sums[j];
            }
        }
    }

    /** {@code y = softmax(np.dot(Wy, a) + by)} into {@code y (rows, m)}, {@code a (inner, m)}. */
    static void softmaxOutput(double[] wy, int inner, double[] a, int m, double[] by, double[] y, int rows) {
        product(wy, inner, 0, inner, a, m, y, rows);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < m; j++) {
                y[i * m + j] += by[i];
            }
        }
        softmaxInPlace(y, rows, m);
    }

    /** {@code a[:, :, t]} of a C-order {@code (rows, m, T)} array into {@code out (rows, m)}. */
    static void timeSlice(double[] a, int rows, int m, int steps, int t, double[] out) {
        for (int r = 0; r < rows * m; r++) {
            out[r] = a[r * steps + t];
        }
    }

    /** {@code a[:, :, t] = in}. */
    static void setTimeSlice(double[] a, int rows, int m, int steps, int t, double[] in) {
        for (int r = 0; r < rows * m; r++) {
            a[r * steps + t] = in[r];
        }
    }
}
