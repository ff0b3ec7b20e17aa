package org.dls4j.shared.scratch.dense;

/**
 * Matrix products of the small Course 2 networks on plain row-major {@code double[]}, for {@link TrainingLoop}.
 * With layers of 2 to 20 units a BLAS call through ND4J costs tens of microseconds of overhead for a few thousand
 * multiply-adds; these loops take a few microseconds. Each output element is accumulated over k in order with a
 * fused multiply-add, {@code acc = fma(a_k, b_k, acc)} from {@code acc = 0}, which is what OpenBLAS' x86-64 double
 * kernels (Haswell and later) do for matrices this small, so the products round like numpy's {@code np.dot}.
 */
final class Gemm {

    static final boolean FMA = Boolean.getBoolean("dls.gemm.fma");

    private Gemm() {
    }

    /** {@code C (M, N) = A (M, K) . B (K, N)}. */
    static void nn(double[] a, double[] b, double[] c, int rows, int inner, int columns) {
        for (int i = 0; i < rows; i++) {
            int ci = i * columns;
            java.util.Arrays.fill(c, ci, ci + columns, 0.0);
            for (int k = 0; k < inner; k++) {
                double aik = a[i * inner + k];
                int bk = k * columns;
                if (FMA) {
                    for (int j = 0; j < columns; j++) {
                        c[ci + j] = Math.fma(aik, b[bk + j], c[ci + j]);
                    }
                } else {
                    for (int j = 0; j < columns; j++) {
                        c[ci + j] += aik * b[bk + j];
                    }
                }
            }
        }
    }

    /** {@code C (M, N) = A (M, K) . B.T} with {@code B (N, K)}. */
    static void nt(double[] a, double[] b, double[] c, int rows, int inner, int columns) {
        for (int i = 0; i < rows; i++) {
            int ai = i * inner;
            for (int j = 0; j < columns; j++) {
                int bj = j * inner;
                double acc = 0.0;
                if (FMA) {
                    for (int k = 0; k < inner; k++) {
                        acc = Math.fma(a[ai + k], b[bj + k], acc);
                    }
                } else {
                    for (int k = 0; k < inner; k++) {
                        acc += a[ai + k] * b[bj + k];
                    }
                }
                c[i * columns + j] = acc;
            }
        }
    }

    /** {@code C (M, N) = A.T . B} with {@code A (K, M)}, {@code B (K, N)}. */
    static void tn(double[] a, double[] b, double[] c, int rows, int inner, int columns) {
        for (int i = 0; i < rows; i++) {
            int ci = i * columns;
            java.util.Arrays.fill(c, ci, ci + columns, 0.0);
            for (int k = 0; k < inner; k++) {
                double aki = a[k * rows + i];
                int bk = k * columns;
                if (FMA) {
                    for (int j = 0; j < columns; j++) {
                        c[ci + j] = Math.fma(aki, b[bk + j], c[ci + j]);
                    }
                } else {
                    for (int j = 0; j < columns; j++) {
                        c[ci + j] += aki * b[bk + j];
                    }
                }
            }
        }
    }
}
