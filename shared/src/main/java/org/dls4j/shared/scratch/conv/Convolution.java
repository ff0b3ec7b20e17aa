package org.dls4j.shared.scratch.conv;

import org.dls4j.shared.NumpySum;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolution layer of "Convolutional Model: Step by Step", channels last, fused: {@code conv_forward} and
 * {@code conv_backward} as the notebook computes them, each a single pass of plain loops over row-major
 * {@code double[]} instead of four Python loops of numpy slices, with the same sums in the same order:
 * <ul>
 *   <li>forward: {@code Z[i, h, w, c] = np.sum(a_slice_prev * W[:, :, :, c]) + float(b[:, :, :, c])}, the window
 *       {@code a_prev_pad[h*stride : h*stride+f, w*stride : w*stride+f, :]} of the zero-padded input, its
 *       {@code f*f*n_C_prev} products summed pairwise as {@code np.sum} does ({@link NumpySum});</li>
 *   <li>backward: for each {@code (i, h, w, c)} in that order, {@code da_prev_pad[window] += W[:, :, :, c] *
 *       dZ[i, h, w, c]}, {@code dW[:, :, :, c] += a_slice * dZ[i, h, w, c]}, {@code db[:, :, :, c] += dZ[i, h, w,
 *       c]}, then {@code dA_prev} is {@code da_prev_pad} without its border. The loop over {@code c} runs innermost
 *       here (over contiguous memory), which leaves every element's sequence of additions as it is in the notebook:
 *       a padded-input element is reached by one kernel position per {@code (h, w)}.</li>
 * </ul>
 * Unlike the notebook's {@code da_prev_pad[pad:-pad, pad:-pad, :]}, {@code pad = 0} works.
 */
public final class Convolution {

    /** {@code cache = (A_prev, W, b, hparameters)}: what {@link #backward} needs. */
    public record Cache(INDArray aPrev, INDArray W, INDArray b, int stride, int pad) {
    }

    /** {@code Z, cache = conv_forward(A_prev, W, b, hparameters)}. */
    public record Output(INDArray Z, Cache cache) {
    }

    /** {@code dA_prev, dW, db = conv_backward(dZ, cache)}. */
    public record Gradients(INDArray dAPrev, INDArray dW, INDArray db) {
    }

    private Convolution() {
    }

    /**
     * {@code conv_forward(A_prev, W, b, {"stride": stride, "pad": pad})}.
     *
     * @param aPrev {@code (m, n_H_prev, n_W_prev, n_C_prev)}
     * @param W {@code (f, f, n_C_prev, n_C)}
     * @param b {@code (1, 1, 1, n_C)}
     * @return {@code Z (m, n_H, n_W, n_C)} with {@code n_H = int((n_H_prev + 2*pad - f) / stride) + 1}, and the cache
     */
    public static Output forward(INDArray aPrev, INDArray W, INDArray b, int stride, int pad) {
        Nhwc.requireConv(aPrev, W, b, stride, pad);
        int f = (int) W.size(0);
        int nC = (int) W.size(3);
        Nhwc.Geometry g = Nhwc.Geometry.of(aPrev, f, pad, stride);
        int m = g.m();
        int nCPrev = g.nCPrev();
        int nH = g.nH();
        int nW = g.nW();
        int padH = g.nHPrev() + 2 * pad;
        int padW = g.nWPrev() + 2 * pad;
        double[] aPad = new double[m * padH * padW * nCPrev];
        border(Nhwc.values(aPrev), aPad, g, pad, true);
        int k = f * f * nCPrev;
        int row = f * nCPrev;
        // each filter W[:, :, :, c] contiguous, in the C order of the (f, f, n_C_prev) slice
        double[] w = Nhwc.values(W);
        double[] filters = new double[nC * k];
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < nC; c++) {
                filters[c * k + j] = w[j * nC + c];
            }
        }
        double[] bias = Nhwc.values(b);
        double[] z = new double[m * nH * nW * nC];
        double[] slice = new double[k];
        double[] s = new double[k];
        int out = 0;
        for (int i = 0; i < m; i++) {
            for (int h = 0; h < nH; h++) {
                for (int x = 0; x < nW; x++) {
                    for (int kh = 0; kh < f; kh++) {
                        System.arraycopy(aPad, ((i * padH + h * stride + kh) * padW + x * stride) * nCPrev, slice,
                                kh * row, row);
                    }
                    for (int c = 0; c < nC; c++) {
                        int base = c * k;
                        for (int j = 0; j < k; j++) {
                            s[j] = slice[j] * filters[base + j];
                        }
                        z[out++] = NumpySum.sum(s) + bias[c];
                    }
                }
            }
        }
        return new Output(Nhwc.array(z, m, nH, nW, nC), new Cache(aPrev, W, b, stride, pad));
    }

    /**
     * {@code conv_backward(dZ, cache)}.
     *
     * @param dZ the gradient of the cost with respect to {@code Z}, {@code (m, n_H, n_W, n_C)}
     * @return {@code dA_prev} (the shape of {@code A_prev}), {@code dW} (of {@code W}), {@code db} (of {@code b})
     */
    public static Gradients backward(INDArray dZ, Cache cache) {
        INDArray aPrev = cache.aPrev();
        INDArray W = cache.W();
        int stride = cache.stride();
        int pad = cache.pad();
        Nhwc.requireConv(aPrev, W, cache.b(), stride, pad);
        int f = (int) W.size(0);
        int nC = (int) W.size(3);
        Nhwc.Geometry geometry = Nhwc.Geometry.of(aPrev, f, pad, stride);
        int m = geometry.m();
        int nCPrev = geometry.nCPrev();
        int nH = geometry.nH();
        int nW = geometry.nW();
        Nhwc.requireOutputGradient(dZ, "dZ", m, nH, nW, nC);
        int padH = geometry.nHPrev() + 2 * pad;
        int padW = geometry.nWPrev() + 2 * pad;
        double[] aPad = new double[m * padH * padW * nCPrev];
        border(Nhwc.values(aPrev), aPad, geometry, pad, true);
        double[] daPad = new double[aPad.length];
        double[] w = Nhwc.values(W);
        double[] dw = new double[w.length];
        double[] db = new double[nC];
        double[] dz = Nhwc.values(dZ);
        for (int i = 0; i < m; i++) {
            for (int h = 0; h < nH; h++) {
                for (int x = 0; x < nW; x++) {
                    int zRow = ((i * nH + h) * nW + x) * nC;
                    for (int c = 0; c < nC; c++) {
                        db[c] += dz[zRow + c];
                    }
                    for (int kh = 0; kh < f; kh++) {
                        for (int kw = 0; kw < f; kw++) {
                            int at = ((i * padH + h * stride + kh) * padW + x * stride + kw) * nCPrev;
                            int wAt = (kh * f + kw) * nCPrev * nC;
                            for (int ci = 0; ci < nCPrev; ci++) {
                                double a = aPad[at + ci];
                                double da = daPad[at + ci];
                                int wRow = wAt + ci * nC;
                                for (int c = 0; c < nC; c++) {
                                    double g = dz[zRow + c];
                                    da += w[wRow + c] * g;
                                    dw[wRow + c] += a * g;
                                }
                                daPad[at + ci] = da;
                            }
                        }
                    }
                }
            }
        }
        double[] daPrev = new double[(int) aPrev.length()];
        border(daPrev, daPad, geometry, pad, false);
        return new Gradients(Nhwc.array(daPrev, aPrev.shape()), Nhwc.array(dw, W.shape()),
                Nhwc.array(db, 1, 1, 1, nC));
    }

    /**
     * {@code zero_pad} ({@code intoPadded}): the batch {@code a (m, n_H_prev, n_W_prev, n_C)} copied into the middle of
     * the zeros {@code aPad (m, n_H_prev + 2*pad, n_W_prev + 2*pad, n_C)}; or back ({@code !intoPadded}): the middle
     * of {@code aPad} copied into {@code a}, its border of width {@code pad} cut off.
     */
    static void border(double[] a, double[] aPad, Nhwc.Geometry g, int pad, boolean intoPadded) {
        int padH = g.nHPrev() + 2 * pad;
        int padW = g.nWPrev() + 2 * pad;
        int row = g.nWPrev() * g.nCPrev();
        for (int i = 0; i < g.m(); i++) {
            for (int h = 0; h < g.nHPrev(); h++) {
                int plain = (i * g.nHPrev() + h) * row;
                int padded = ((i * padH + h + pad) * padW + pad) * g.nCPrev();
                if (intoPadded) {
                    System.arraycopy(a, plain, aPad, padded, row);
                } else {
                    System.arraycopy(aPad, padded, a, plain, row);
                }
            }
        }
    }
}
