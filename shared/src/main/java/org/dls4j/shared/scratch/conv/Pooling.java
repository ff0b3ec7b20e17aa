package org.dls4j.shared.scratch.conv;

import org.dls4j.shared.NumpySum;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The pooling layer of "Convolutional Model: Step by Step", channels last, fused: {@code pool_forward} and
 * {@code pool_backward} in plain loops over row-major {@code double[]}, no padding, with the notebook's arithmetic:
 * <ul>
 *   <li>forward: {@code A[i, h, w, c] = np.max(window)} or {@code np.mean(window)} of the {@code f x f} window
 *       {@code A_prev[i, h*stride : h*stride+f, w*stride : w*stride+f, c]}; numpy sums the window as a contiguous
 *       copy, pairwise ({@link NumpySum}), then divides by {@code f*f};</li>
 *   <li>backward, for each {@code (i, h, w, c)} in that order: max adds {@code dA[i, h, w, c]} to every input of the
 *       window equal to its maximum ({@code create_mask_from_window(a_prev_slice) * dA[i, h, w, c]}); average adds
 *       {@code dA[i, h, w, c] / (f*f)} to each of its inputs ({@code distribute_value}).</li>
 * </ul>
 */
public final class Pooling {

    /** {@code cache = (A_prev, hparameters)}: what {@link #backward} needs besides the mode. */
    public record Cache(INDArray aPrev, int f, int stride) {
    }

    /** {@code A, cache = pool_forward(A_prev, hparameters, mode)}. */
    public record Output(INDArray A, Cache cache) {
    }

    private Pooling() {
    }

    /**
     * {@code pool_forward(A_prev, {"f": f, "stride": stride}, mode)}.
     *
     * @param aPrev {@code (m, n_H_prev, n_W_prev, n_C)}
     * @return {@code A (m, n_H, n_W, n_C)} with {@code n_H = int(1 + (n_H_prev - f) / stride)}, and the cache
     */
    public static Output forward(INDArray aPrev, int f, int stride, PoolMode mode) {
        Nhwc.requirePool(aPrev, f, stride);
        Nhwc.Geometry g = Nhwc.Geometry.of(aPrev, f, 0, stride);
        int m = g.m();
        int nHPrev = g.nHPrev();
        int nWPrev = g.nWPrev();
        int nC = g.nCPrev();
        int nH = g.nH();
        int nW = g.nW();
        double[] a = Nhwc.values(aPrev);
        double[] out = new double[m * nH * nW * nC];
        double[] window = new double[f * f];
        int at = 0;
        for (int i = 0; i < m; i++) {
            for (int h = 0; h < nH; h++) {
                for (int x = 0; x < nW; x++) {
                    for (int c = 0; c < nC; c++) {
                        for (int kh = 0; kh < f; kh++) {
                            int from = ((i * nHPrev + h * stride + kh) * nWPrev + x * stride) * nC + c;
                            for (int kw = 0; kw < f; kw++) {
                                window[kh * f + kw] = a[from + kw * nC];
                            }
                        }
                        out[at++] = mode == PoolMode.MAX ? max(window) : NumpySum.sum(window) / (f * f);
                    }
                }
            }
        }
        return new Output(Nhwc.array(out, m, nH, nW, nC), new Cache(aPrev, f, stride));
    }

    /**
     * {@code pool_backward(dA, cache, mode)}.
     *
     * @param dA the gradient of the cost with respect to {@code A}, {@code (m, n_H, n_W, n_C)}
     * @return {@code dA_prev}, the shape of {@code A_prev}
     */
    public static INDArray backward(INDArray dA, Cache cache, PoolMode mode) {
        INDArray aPrev = cache.aPrev();
        int f = cache.f();
        int stride = cache.stride();
        Nhwc.requirePool(aPrev, f, stride);
        Nhwc.Geometry geometry = Nhwc.Geometry.of(aPrev, f, 0, stride);
        int nHPrev = geometry.nHPrev();
        int nWPrev = geometry.nWPrev();
        int nC = geometry.nCPrev();
        int nH = geometry.nH();
        int nW = geometry.nW();
        Nhwc.requireOutputGradient(dA, "dA", geometry.m(), nH, nW, nC);
        double[] a = Nhwc.values(aPrev);
        double[] g = Nhwc.values(dA);
        double[] daPrev = new double[a.length];
        double[] window = new double[f * f];
        int at = 0;
        for (int i = 0; i < geometry.m(); i++) {
            for (int h = 0; h < nH; h++) {
                for (int x = 0; x < nW; x++) {
                    for (int c = 0; c < nC; c++) {
                        double da = g[at++];
                        int corner = ((i * nHPrev + h * stride) * nWPrev + x * stride) * nC + c;
                        if (mode == PoolMode.MAX) {
                            for (int kh = 0; kh < f; kh++) {
                                for (int kw = 0; kw < f; kw++) {
                                    window[kh * f + kw] = a[corner + (kh * nWPrev + kw) * nC];
                                }
                            }
                            double max = max(window);
                            for (int j = 0; j < window.length; j++) {
                                if (window[j] == max) {
                                    daPrev[corner + ((j / f) * nWPrev + j % f) * nC] += da;
                                }
                            }
                        } else {
                            double average = da / (f * f);
                            for (int kh = 0; kh < f; kh++) {
                                for (int kw = 0; kw < f; kw++) {
                                    daPrev[corner + (kh * nWPrev + kw) * nC] += average;
                                }
                            }
                        }
                    }
                }
            }
        }
        return Nhwc.array(daPrev, aPrev.shape());
    }

    /** {@code np.max}: NaN if any value is NaN. */
    private static double max(double[] values) {
        double max = values[0];
        for (int j = 1; j < values.length; j++) {
            max = Math.max(max, values[j]);
        }
        return max;
    }
}
