package org.dls4j.shared.scratch.rnn;

import org.dls4j.shared.Shapes;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The basic RNN over a whole sequence, fused: the notebook's {@code rnn_forward} and {@code rnn_backward} ("Building
 * a Recurrent Neural Network - Step by Step") as loops over plain {@code double[]}, in numpy's operation order.
 * <pre>
 *   a&lt;t&gt; = tanh(Waa . a&lt;t-1&gt; + Wax . x&lt;t&gt; + ba)        y&lt;t&gt; = softmax(Wya . a&lt;t&gt; + by)
 * </pre>
 * {@code x} is {@code (n_x, m, T_x)}, {@code a0} is {@code (n_a, m)}; the parameters are {@code Wax (n_a, n_x)},
 * {@code Waa (n_a, n_a)}, {@code Wya (n_y, n_a)}, {@code ba (n_a, 1)}, {@code by (n_y, 1)}.
 */
public final class BasicRnn {

    /** {@code a (n_a, m, T_x)} and {@code y_pred (n_y, m, T_x)}. */
    public record Forward(INDArray a, INDArray yPred) {
    }

    private BasicRnn() {
    }

    /** {@code rnn_forward(x, a0, parameters)} without the caches: what the backward pass needs is {@code a}. */
    public static Forward forward(INDArray x, INDArray a0, Parameters parameters) {
        Shapes.requireDim(x, "x", 0, parameters.get("Wax").size(1));
        int nX = (int) x.size(0);
        int m = (int) x.size(1);
        int steps = (int) x.size(2);
        int nA = (int) parameters.get("Waa").size(0);
        int nY = (int) parameters.get("Wya").size(0);
        Shapes.require(a0, "a0", nA, m);
        double[] xs = Kernels.values(x, "x");
        double[] wax = Kernels.values(parameters.get("Wax"), "Wax");
        double[] waa = Kernels.values(parameters.get("Waa"), "Waa");
        double[] wya = Kernels.values(parameters.get("Wya"), "Wya");
        double[] ba = Kernels.values(parameters.get("ba"), "ba");
        double[] by = Kernels.values(parameters.get("by"), "by");
        double[] a = new double[nA * m * steps];
        double[] y = new double[nY * m * steps];
        double[] aPrev = Kernels.values(a0, "a0");
        double[] xt = new double[nX * m];
        double[] fromX = new double[nA * m];
        double[] aNext = new double[nA * m];
        double[] z = new double[nY * m];
        for (int t = 0; t < steps; t++) {
            Kernels.timeSlice(xs, nX, m, steps, t, xt);
            // a_next = np.tanh(np.dot(Waa, a_prev) + np.dot(Wax, xt) + ba)
            Kernels.product(waa, nA, 0, nA, aPrev, m, aNext, nA);
            Kernels.product(wax, nX, 0, nX, xt, m, fromX, nA);
            for (int i = 0; i < nA; i++) {
                for (int j = 0; j < m; j++) {
                    int r = i * m + j;
                    aNext[r] = Math.tanh(aNext[r] + fromX[r] + ba[i]);
                }
            }
            // yt_pred = softmax(np.dot(Wya, a_next) + by)
            Kernels.softmaxOutput(wya, nA, aNext, m, by, z, nY);
            Kernels.setTimeSlice(a, nA, m, steps, t, aNext);
            Kernels.setTimeSlice(y, nY, m, steps, t, z);
            double[] swap = aPrev;
            aPrev = aNext;
            aNext = swap;
        }
        return new Forward(Kernels.array(a, nA, m, steps), Kernels.array(y, nY, m, steps));
    }

    /**
     * {@code rnn_backward(da, caches)}: back-propagation through time over the {@code T_x = da.shape[2]} first
     * steps, the gradient into step t being {@code da[:, :, t] + da_prev} of step t+1. {@code a} is the forward
     * pass's hidden states, {@code x} and {@code a0} its inputs.
     *
     * @return {@code dx (n_x, m, T_x)}, {@code da0 (n_a, m)}, {@code dWax}, {@code dWaa}, {@code dba}
     */
    public static Parameters backward(INDArray da, INDArray x, INDArray a0, INDArray a, Parameters parameters) {
        int nA = (int) da.size(0);
        int m = (int) da.size(1);
        int steps = (int) da.size(2);
        int nX = (int) x.size(0);
        int forwardSteps = (int) x.size(2);
        Shapes.require(a, "a", nA, m, forwardSteps);
        if (steps > forwardSteps) {
            throw new IllegalArgumentException("da has " + steps + " time steps but the forward pass ran "
                    + forwardSteps);
        }
        double[] xs = Kernels.values(x, "x");
        double[] as = Kernels.values(a, "a");
        double[] das = Kernels.values(da, "da");
        double[] wax = Kernels.values(parameters.get("Wax"), "Wax");
        double[] waa = Kernels.values(parameters.get("Waa"), "Waa");
        double[] dx = new double[nX * m * steps];
        double[] dWax = new double[nA * nX];
        double[] dWaa = new double[nA * nA];
        double[] dba = new double[nA];
        double[] daPrev = new double[nA * m];
        double[] aNext = new double[nA * m];
        double[] aPrev = new double[nA * m];
        double[] xt = new double[nX * m];
        double[] dtanh = new double[nA * m];
        double[] dxt = new double[nX * m];
        double[] a0s = Kernels.values(a0, "a0");
        for (int t = steps - 1; t >= 0; t--) {
            Kernels.timeSlice(as, nA, m, forwardSteps, t, aNext);
            if (t == 0) {
                System.arraycopy(a0s, 0, aPrev, 0, aPrev.length);
            } else {
                Kernels.timeSlice(as, nA, m, forwardSteps, t - 1, aPrev);
            }
            Kernels.timeSlice(xs, nX, m, forwardSteps, t, xt);
            // gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
            // dtanh = (1 - a_next ** 2) * da_next
            for (int r = 0; r < dtanh.length; r++) {
                double daNext = das[r * steps + t] + daPrev[r];
                dtanh[r] = (1 - aNext[r] * aNext[r]) * daNext;
            }
            // dxt = np.dot(Wax.T, dtanh); dWax += np.dot(dtanh, xt.T)
            Kernels.transposedProduct(wax, nX, 0, nX, dtanh, nA, m, dxt);
            Kernels.setTimeSlice(dx, nX, m, steps, t, dxt);
            Kernels.addOuter(dtanh, nA, m, xt, nX, dWax, nX, 0);
            // da_prev = np.dot(Waa.T, dtanh); dWaa += np.dot(dtanh, a_prev.T)
            Kernels.transposedProduct(waa, nA, 0, nA, dtanh, nA, m, daPrev);
            Kernels.addOuter(dtanh, nA, m, aPrev, nA, dWaa, nA, 0);
            // dba += np.sum(dtanh, axis=1, keepdims=True)
            Kernels.addRowSums(dtanh, nA, m, dba);
        }
        return Parameters.of("dx", Kernels.array(dx, nX, m, steps), "da0", Kernels.array(daPrev, nA, m),
                "dWax", Kernels.array(dWax, nA, nX), "dWaa", Kernels.array(dWaa, nA, nA),
                "dba", Kernels.array(dba, nA, 1));
    }
}
