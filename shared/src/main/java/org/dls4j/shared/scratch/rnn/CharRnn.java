package org.dls4j.shared.scratch.rnn;

import org.dls4j.shared.GlibcLog;
import org.dls4j.shared.NumpySum;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The character-level RNN language model trained one example at a time, fused: one {@link #optimize} is the
 * notebook's {@code optimize(X, Y, a_prev, parameters, learning_rate)} of "Dinosaur Island",
 * <pre>
 *   loss, cache = rnn_forward(X, Y, a_prev, parameters)
 *   gradients, a = rnn_backward(X, Y, parameters, cache)
 *   gradients = clip(gradients, maxValue)
 *   parameters = update_parameters(parameters, gradients, learning_rate)
 *   return loss, gradients, a[len(X)-1]
 * </pre>
 * with the arithmetic of {@link CharRnnSteps} in numpy's operation order, on plain row-major {@code double[]}: a
 * one-hot input is a column of {@code Wax} (its product with the other columns adds zeros), {@code dWax} gains one
 * column per step. The hidden state {@code a_prev} is carried from one call to the next, as the notebook's model
 * carries it. The parameters are copied in; {@link #parameters()} copies them out.
 */
public final class CharRnn {

    private final int nA;
    private final int vocab;
    private final double[] wax;
    private final double[] waa;
    private final double[] wya;
    private final double[] b;
    private final double[] by;
    private final double[] dWax;
    private final double[] dWaa;
    private final double[] dWya;
    private final double[] db;
    private final double[] dby;
    private final double[] aPrev;
    private final double[] da;
    private final double[] daNext;
    private final double[] dy;
    /** {@code a[-1], a[0], ..., a[T-1]}, n_a each; grows with the longest example. */
    private double[] a = new double[0];
    /** {@code y_hat[0..T-1]}, vocab each. */
    private double[] yHat = new double[0];

    /** Copies {@code Wax}, {@code Waa}, {@code Wya}, {@code b}, {@code by}; the hidden state starts at zeros. */
    public CharRnn(Parameters parameters) {
        this.nA = (int) parameters.get("Waa").size(0);
        this.vocab = (int) parameters.get("Wax").size(1);
        this.wax = Kernels.values(parameters.get("Wax"), "Wax");
        this.waa = Kernels.values(parameters.get("Waa"), "Waa");
        this.wya = Kernels.values(parameters.get("Wya"), "Wya");
        this.b = Kernels.values(parameters.get("b"), "b");
        this.by = Kernels.values(parameters.get("by"), "by");
        if (wax.length != nA * vocab || waa.length != nA * nA || wya.length != vocab * nA || b.length != nA
                || by.length != vocab) {
            throw new IllegalArgumentException("Expected Wax (n_a, vocab), Waa (n_a, n_a), Wya (vocab, n_a),"
                    + " b (n_a, 1), by (vocab, 1) with n_a = " + nA + ", vocab = " + vocab);
        }
        this.dWax = new double[wax.length];
        this.dWaa = new double[waa.length];
        this.dWya = new double[wya.length];
        this.db = new double[nA];
        this.dby = new double[vocab];
        this.aPrev = new double[nA];
        this.da = new double[nA];
        this.daNext = new double[nA];
        this.dy = new double[vocab];
    }

    /** Sets the carried hidden state {@code a_prev (n_a, 1)}. */
    public CharRnn hiddenState(INDArray aPrevious) {
        double[] v = Kernels.values(aPrevious, "a_prev");
        if (v.length != nA) {
            throw new IllegalArgumentException("a_prev must have " + nA + " values, not " + v.length);
        }
        System.arraycopy(v, 0, aPrev, 0, nA);
        return this;
    }

    /** The carried hidden state, {@code a[len(X)-1]} of the last {@link #optimize}, as {@code (n_a, 1)}. */
    public INDArray hiddenState() {
        return Kernels.array(aPrev.clone(), nA, 1);
    }

    /**
     * One {@code optimize}: forward over {@code X} (index {@link CharRnnSteps#NONE} for the zero input), the loss
     * against {@code Y}, back-propagation through time, every gradient clipped into {@code [-maxValue, maxValue]},
     * plain SGD. Returns the loss; the hidden state moves on to the last step's.
     */
    public double optimize(int[] X, int[] Y, double learningRate, double maxValue) {
        CharRnnSteps.requireSameLength(X, Y);
        int steps = X.length;
        if (a.length < (steps + 1) * nA) {
            a = new double[(steps + 1) * nA];
            yHat = new double[steps * vocab];
        }
        System.arraycopy(aPrev, 0, a, 0, nA);
        double loss = 0;
        for (int t = 0; t < steps; t++) {
            int prev = t * nA;
            int next = prev + nA;
            int x = X[t];
            // a_next = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + b)
            for (int i = 0; i < nA; i++) {
                double s = 0.0;
                int row = i * nA;
                for (int k = 0; k < nA; k++) {
                    s += waa[row + k] * a[prev + k];
                }
                double fromX = x == CharRnnSteps.NONE ? 0.0 : wax[i * vocab + x];
                a[next + i] = Math.tanh(fromX + s + b[i]);
            }
            // p_t = softmax(np.dot(Wya, a_next) + by)
            int out = t * vocab;
            for (int v = 0; v < vocab; v++) {
                double s = 0.0;
                int row = v * nA;
                for (int k = 0; k < nA; k++) {
                    s += wya[row + k] * a[next + k];
                }
                yHat[out + v] = s + by[v];
            }
            softmax(out);
            // loss -= np.log(y_hat[t][Y[t], 0])
            loss -= GlibcLog.log(yHat[out + Y[t]]);
        }
        backward(X, Y);
        clip(maxValue);
        update(learningRate);
        System.arraycopy(a, steps * nA, aPrev, 0, nA);
        return loss;
    }

    /** {@code softmax} of the {@code (vocab, 1)} column at {@code yHat[out]}: global max, pairwise sum. */
    private void softmax(int out) {
        double max = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < vocab; v++) {
            max = Math.max(max, yHat[out + v]);
        }
        for (int v = 0; v < vocab; v++) {
            yHat[out + v] = Math.exp(yHat[out + v] - max);
        }
        double sum = NumpySum.pairwise(yHat, out, vocab);
        for (int v = 0; v < vocab; v++) {
            yHat[out + v] /= sum;
        }
    }

    private void backward(int[] X, int[] Y) {
        java.util.Arrays.fill(dWax, 0.0);
        java.util.Arrays.fill(dWaa, 0.0);
        java.util.Arrays.fill(dWya, 0.0);
        java.util.Arrays.fill(db, 0.0);
        java.util.Arrays.fill(dby, 0.0);
        java.util.Arrays.fill(daNext, 0.0);
        for (int t = X.length - 1; t >= 0; t--) {
            int prev = t * nA;
            int cur = prev + nA;
            // dy = np.copy(y_hat[t]); dy[Y[t]] -= 1
            System.arraycopy(yHat, t * vocab, dy, 0, vocab);
            dy[Y[t]] -= 1;
            // dWya += np.dot(dy, a.T); dby += dy
            for (int v = 0; v < vocab; v++) {
                int row = v * nA;
                for (int k = 0; k < nA; k++) {
                    dWya[row + k] += dy[v] * a[cur + k];
                }
                dby[v] += dy[v];
            }
            // da = np.dot(Wya.T, dy) + da_next; daraw = (1 - a * a) * da; db += daraw
            for (int k = 0; k < nA; k++) {
                double s = 0.0;
                for (int v = 0; v < vocab; v++) {
                    s += wya[v * nA + k] * dy[v];
                }
                double ak = a[cur + k];
                da[k] = (1 - ak * ak) * (s + daNext[k]);
                db[k] += da[k];
            }
            // dWax += np.dot(daraw, x.T): one column for a one-hot x, nothing for the zero input
            int x = X[t];
            if (x != CharRnnSteps.NONE) {
                for (int i = 0; i < nA; i++) {
                    dWax[i * vocab + x] += da[i];
                }
            }
            // dWaa += np.dot(daraw, a_prev.T)
            for (int i = 0; i < nA; i++) {
                int row = i * nA;
                double d = da[i];
                for (int k = 0; k < nA; k++) {
                    dWaa[row + k] += d * a[prev + k];
                }
            }
            // da_next = np.dot(Waa.T, daraw)
            for (int k = 0; k < nA; k++) {
                double s = 0.0;
                for (int i = 0; i < nA; i++) {
                    s += waa[i * nA + k] * da[i];
                }
                daNext[k] = s;
            }
        }
    }

    /** {@code np.clip(gradient, -maxValue, maxValue, out=gradient)} for dWaa, dWax, dWya, db, dby. */
    private void clip(double maxValue) {
        for (double[] g : new double[][] {dWaa, dWax, dWya, db, dby}) {
            for (int k = 0; k < g.length; k++) {
                g[k] = Math.min(Math.max(g[k], -maxValue), maxValue);
            }
        }
    }

    /** {@code parameters[name] += -lr * gradients["d" + name]}. */
    private void update(double lr) {
        double[][] params = {wax, waa, wya, b, by};
        double[][] grads = {dWax, dWaa, dWya, db, dby};
        for (int p = 0; p < params.length; p++) {
            double[] w = params[p];
            double[] g = grads[p];
            for (int k = 0; k < w.length; k++) {
                w[k] += -lr * g[k];
            }
        }
    }

    /** A copy of the parameters, {@code Wax}, {@code Waa}, {@code Wya}, {@code b}, {@code by}. */
    public Parameters parameters() {
        return Parameters.of("Wax", Kernels.array(wax.clone(), nA, vocab), "Waa", Kernels.array(waa.clone(), nA, nA),
                "Wya", Kernels.array(wya.clone(), vocab, nA), "b", Kernels.array(b.clone(), nA, 1),
                "by", Kernels.array(by.clone(), vocab, 1));
    }

    /** A copy of the last {@link #optimize}'s clipped gradients: {@code dWax, dWaa, dWya, db, dby}. */
    public Parameters gradients() {
        return Parameters.of("dWax", Kernels.array(dWax.clone(), nA, vocab), "dWaa",
                Kernels.array(dWaa.clone(), nA, nA), "dWya", Kernels.array(dWya.clone(), vocab, nA),
                "db", Kernels.array(db.clone(), nA, 1), "dby", Kernels.array(dby.clone(), vocab, 1));
    }
}
