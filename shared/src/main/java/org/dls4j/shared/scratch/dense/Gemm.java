package org.dls4j.shared.scratch.dense;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The matrix products of the fused training loops.
 * <ul>
 *   <li>{@link #nn}, {@link #nt}, {@link #tn}: the small Course 2 networks on plain row-major {@code double[]}, for
 *       {@link TrainingLoop}. With layers of 2 to 20 units a BLAS call through ND4J costs tens of microseconds of
 *       overhead for a few thousand multiply-adds; these loops take a few microseconds. Each output element is
 *       accumulated over k in order with a fused multiply-add, {@code acc = fma(a_k, b_k, acc)} from
 *       {@code acc = 0}, which is what OpenBLAS' x86-64 double kernels (Haswell and later) do for matrices this
 *       small, so the products round like numpy's {@code np.dot}.</li>
 *   <li>{@link #blas}: OpenBLAS's {@code cblas_dgemm} (the library ND4J's CPU backend calls) on row-major blocks of
 *       ND4J arrays addressed by pointer, for {@link GradientDescent}: no ND4J call overhead and no views, so a loop
 *       can multiply sub-blocks of a matrix; {@link #blasGemv} where one side is a single row; and
 *       {@link #blasThreads} to run several such calls side by side.</li>
 * </ul>
 */
final class Gemm {

    static final boolean FMA = Boolean.getBoolean("dls.gemm.fma");

    private Gemm() {
    }

    /** {@code C (M, N) = A (M, K) . B (K, N)}. */
    static void nn(double[] a, double[] b, double[] c, int rows, int inner, int columns) {
        rowsTimesB(a, inner, 1, b, c, rows, inner, columns);
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
        rowsTimesB(a, 1, rows, b, c, rows, inner, columns);
    }

    /**
     * {@code C (M, N) = op(A) . B} with {@code op(A)[i][k] = a[i * iStride + k * kStride]}: each row of C summed
     * over k in order, a row of B at a time.
     */
    private static void rowsTimesB(double[] a, int iStride, int kStride, double[] b, double[] c, int rows,
            int inner, int columns) {
        for (int i = 0; i < rows; i++) {
            int ci = i * columns;
            java.util.Arrays.fill(c, ci, ci + columns, 0.0);
            for (int k = 0; k < inner; k++) {
                double aik = a[i * iStride + k * kStride];
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

    /**
     * A pointer to the first element of a standalone DOUBLE array (see {@link RawArrays#doubles}). It does not keep
     * the array alive: the caller must hold the array as long as it uses the pointer.
     */
    static DoublePointer pointer(INDArray array, String name) {
        RawArrays.doubles(array, name);
        return new DoublePointer(array.data().addressPointer());
    }

    /** {@code pointer} moved on by {@code offset} elements, as a new pointer. */
    static DoublePointer at(DoublePointer pointer, long offset) {
        return new DoublePointer(pointer).position(pointer.position() + offset);
    }

    /**
     * {@code C = op(A) . op(B) + beta * C} on row-major blocks: {@code op(A) (rows, inner)} is {@code A}, or
     * {@code A.T} when {@code transposeA}; {@code op(B) (inner, columns)} is {@code B}, or {@code B.T} when
     * {@code transposeB}; {@code lda}, {@code ldb}, {@code ldc} are the row strides of {@code A}, {@code B},
     * {@code C} as stored.
     */
    static void blas(boolean transposeA, boolean transposeB, int rows, int columns, int inner, DoublePointer a,
            int lda, DoublePointer b, int ldb, double beta, DoublePointer c, int ldc) {
        openblas_nolapack.cblas_dgemm(openblas_nolapack.CblasRowMajor, transpose(transposeA), transpose(transposeB),
                rows, columns, inner, 1.0, a, lda, b, ldb, beta, c, ldc);
    }

    /**
     * {@code y = op(A) . x + beta * y}, OpenBLAS's {@code cblas_dgemv}: {@code A (rows, columns)} row-major with row
     * stride {@code lda}, {@code op(A)} is {@code A.T} when {@code transposeA}; {@code x} and {@code y} contiguous.
     * The product {@link #blas} makes when one side is a single row, without packing the matrix first.
     */
    static void blasGemv(boolean transposeA, int rows, int columns, DoublePointer a, int lda, DoublePointer x,
            double beta, DoublePointer y) {
        openblas_nolapack.cblas_dgemv(openblas_nolapack.CblasRowMajor, transpose(transposeA), rows, columns, 1.0, a,
                lda, x, 1, beta, y, 1);
    }

    private static int transpose(boolean t) {
        return t ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans;
    }

    /** The threads OpenBLAS gives one call (ND4J sets it from {@code OMP_NUM_THREADS} or the cores). */
    static int blasThreads() {
        return openblas_nolapack.blas_get_num_threads();
    }

    /** Sets the threads OpenBLAS gives one call, for the whole process. */
    static void blasThreads(int threads) {
        openblas_nolapack.blas_set_num_threads(threads);
    }
}
