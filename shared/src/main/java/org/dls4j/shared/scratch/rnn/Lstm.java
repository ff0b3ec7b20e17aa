package org.dls4j.shared.scratch.rnn;

import org.dls4j.shared.Shapes;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The LSTM over a whole sequence, fused: the notebook's {@code lstm_forward} and {@code lstm_backward} ("Building a
 * Recurrent Neural Network - Step by Step") as loops over plain {@code double[]}, in numpy's operation order. With
 * {@code concat = [a<t-1>; x<t>]} (the previous hidden state's rows first):
 * <pre>
 *   f = sigmoid(Wf . concat + bf)     i = sigmoid(Wi . concat + bi)     cc = tanh(Wc . concat + bc)
 *   c&lt;t&gt; = f * c&lt;t-1&gt; + i * cc      o = sigmoid(Wo . concat + bo)     a&lt;t&gt; = o * tanh(c&lt;t&gt;)
 *   y&lt;t&gt; = softmax(Wy . a&lt;t&gt; + by)
 * </pre>
 * {@code x} is {@code (n_x, m, T_x)}, {@code a0} is {@code (n_a, m)}, the memory starts at zeros; every gate weight
 * is {@code (n_a, n_a + n_x)}, every bias {@code (n_a, 1)}, {@code Wy (n_y, n_a)}, {@code by (n_y, 1)}.
 */
public final class Lstm {

    /** The four gates in the notebook's order of parameters. */
    static final String[] GATES = {"f", "i", "c", "o"};

    /**
     * {@code a}, {@code y}, {@code c} of {@code lstm_forward} and what its caches hold besides: the gates
     * {@code ft}, {@code it}, {@code cct}, {@code ot}, each {@code (n_a, m, T_x)}, and the inputs {@code x},
     * {@code a0}.
     */
    public record Forward(INDArray a, INDArray y, INDArray c, INDArray f, INDArray i, INDArray cc, INDArray o,
            INDArray x, INDArray a0) {
    }

    private Lstm() {
    }

    /** {@code lstm_forward(x, a0, parameters)}. */
    public static Forward forward(INDArray x, INDArray a0, Parameters parameters) {
        int nX = (int) x.size(0);
        int m = (int) x.size(1);
        int steps = (int) x.size(2);
        int nA = (int) parameters.get("Wf").size(0);
        int nY = (int) parameters.get("Wy").size(0);
        int width = nA + nX;
        Shapes.require(a0, "a0", nA, m);
        double[][] w = new double[4][];
        double[][] b = new double[4][];
        for (int g = 0; g < 4; g++) {
            Shapes.require(parameters.get("W" + GATES[g]), "W" + GATES[g], nA, width);
            w[g] = Kernels.values(parameters.get("W" + GATES[g]), "W" + GATES[g]);
            b[g] = Kernels.values(parameters.get("b" + GATES[g]), "b" + GATES[g]);
        }
        double[] wy = Kernels.values(parameters.get("Wy"), "Wy");
        double[] by = Kernels.values(parameters.get("by"), "by");
        double[] xs = Kernels.values(x, "x");
        int size = nA * m * steps;
        double[] a = new double[size];
        double[] c = new double[size];
        double[][] gates = {new double[size], new double[size], new double[size], new double[size]};
        double[] y = new double[nY * m * steps];
        double[] concat = new double[width * m];
        System.arraycopy(Kernels.values(a0, "a0"), 0, concat, 0, nA * m);
        double[] cPrev = new double[nA * m];
        double[][] z = {new double[nA * m], new double[nA * m], new double[nA * m], new double[nA * m]};
        double[] out = new double[nY * m];
        for (int t = 0; t < steps; t++) {
            // concat = np.concatenate((a_prev, xt), axis=0)
            for (int r = 0; r < nX * m; r++) {
                concat[nA * m + r] = xs[r * steps + t];
            }
            for (int g = 0; g < 4; g++) {
                Kernels.product(w[g], width, 0, width, concat, m, z[g], nA);
            }
            for (int i = 0; i < nA; i++) {
                for (int j = 0; j < m; j++) {
                    int r = i * m + j;
                    // ft = sigmoid(np.dot(Wf, concat) + bf); it = ...; cct = np.tanh(np.dot(Wc, concat) + bc)
                    double ft = Kernels.sigmoid(z[0][r] + b[0][i]);
                    double it = Kernels.sigmoid(z[1][r] + b[1][i]);
                    double cct = Math.tanh(z[2][r] + b[2][i]);
                    // c_next = ft * c_prev + it * cct
                    double cNext = ft * cPrev[r] + it * cct;
                    // ot = sigmoid(np.dot(Wo, concat) + bo); a_next = ot * np.tanh(c_next)
                    double ot = Kernels.sigmoid(z[3][r] + b[3][i]);
                    double aNext = ot * Math.tanh(cNext);
                    int at = r * steps + t;
                    gates[0][at] = ft;
                    gates[1][at] = it;
                    gates[2][at] = cct;
                    gates[3][at] = ot;
                    a[at] = aNext;
                    c[at] = cNext;
                    cPrev[r] = cNext;
                    concat[r] = aNext;
                }
            }
            // yt_pred = softmax(np.dot(Wy, a_next) + by)
            Kernels.softmaxOutput(wy, nA, concat, m, by, out, nY);
            Kernels.setTimeSlice(y, nY, m, steps, t, out);
        }
        long[] shape = {nA, m, steps};
        return new Forward(Kernels.array(a, shape), Kernels.array(y, nY, m, steps), Kernels.array(c, shape),
                Kernels.array(gates[0], shape), Kernels.array(gates[1], shape), Kernels.array(gates[2], shape),
                Kernels.array(gates[3], shape), x, a0);
    }

    /**
     * {@code lstm_backward(da, caches)}: back-propagation through time over the {@code T_x = da.shape[2]} first
     * steps of {@code forward}, the hidden-state gradient into step t being {@code da[:, :, t] + da_prev} and the
     * memory gradient {@code dc_prev}, both of step t+1.
     *
     * @return {@code dx (n_x, m, T_x)}, {@code da0}, {@code dWf}, {@code dbf}, {@code dWi}, {@code dbi}, {@code dWc},
     *     {@code dbc}, {@code dWo}, {@code dbo}
     */
    public static Parameters backward(INDArray da, Forward forward, Parameters parameters) {
        int nA = (int) da.size(0);
        int m = (int) da.size(1);
        int steps = (int) da.size(2);
        int nX = (int) forward.x().size(0);
        int forwardSteps = (int) forward.x().size(2);
        int width = nA + nX;
        Shapes.require(forward.a(), "a", nA, m, forwardSteps);
        if (steps > forwardSteps) {
            throw new IllegalArgumentException("da has " + steps + " time steps but the forward pass ran "
                    + forwardSteps);
        }
        double[][] w = new double[4][];
        for (int g = 0; g < 4; g++) {
            w[g] = Kernels.values(parameters.get("W" + GATES[g]), "W" + GATES[g]);
        }
        double[] das = Kernels.values(da, "da");
        double[] xs = Kernels.values(forward.x(), "x");
        double[] a0 = Kernels.values(forward.a0(), "a0");
        double[] as = Kernels.values(forward.a(), "a");
        double[] cs = Kernels.values(forward.c(), "c");
        double[][] gates = {Kernels.values(forward.f(), "f"), Kernels.values(forward.i(), "i"),
                Kernels.values(forward.cc(), "cc"), Kernels.values(forward.o(), "o")};
        double[] dx = new double[nX * m * steps];
        double[][] dW = new double[4][nA * width];
        double[][] db = new double[4][nA];
        double[] daPrev = new double[nA * m];
        double[] dcPrev = new double[nA * m];
        double[][] dGate = {new double[nA * m], new double[nA * m], new double[nA * m], new double[nA * m]};
        double[] concat = new double[width * m];
        double[] part = new double[width * m];
        double[] dConcat = new double[width * m];
        for (int t = steps - 1; t >= 0; t--) {
            for (int r = 0; r < nA * m; r++) {
                int at = r * forwardSteps + t;
                double daNext = das[r * steps + t] + daPrev[r];
                double dcNext = dcPrev[r];
                double cPrev = t == 0 ? 0.0 : cs[at - 1];
                double ft = gates[0][at];
                double it = gates[1][at];
                double cct = gates[2][at];
                double ot = gates[3][at];
                double tanhC = Math.tanh(cs[at]);
                double dTanhC = 1 - tanhC * tanhC;
                // dot = da_next * np.tanh(c_next) * ot * (1 - ot)
                dGate[3][r] = daNext * tanhC * ot * (1 - ot);
                // dcct = (dc_next * it + ot * (1 - np.square(np.tanh(c_next))) * it * da_next) * (1 - np.square(cct))
                dGate[2][r] = (dcNext * it + ot * dTanhC * it * daNext) * (1 - cct * cct);
                // dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * da_next) * it * (1 - it)
                dGate[1][r] = (dcNext * cct + ot * dTanhC * cct * daNext) * it * (1 - it);
                // dft = (dc_next * c_prev + ot * (1 - np.square(np.tanh(c_next))) * c_prev * da_next) * ft * (1 - ft)
                dGate[0][r] = (dcNext * cPrev + ot * dTanhC * cPrev * daNext) * ft * (1 - ft);
                // dc_prev = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next
                dcPrev[r] = dcNext * ft + ot * dTanhC * ft * daNext;
                // concat = np.concatenate((a_prev, xt), axis=0)
                concat[r] = t == 0 ? a0[r] : as[at - 1];
            }
            for (int r = 0; r < nX * m; r++) {
                concat[nA * m + r] = xs[r * forwardSteps + t];
            }
            // dWf = np.dot(dft, concat.T); dbf = np.sum(dft, axis=1, keepdims=True); ... for i, c, o
            for (int g = 0; g < 4; g++) {
                Kernels.addOuter(dGate[g], nA, m, concat, width, dW[g], width, 0);
                Kernels.addRowSums(dGate[g], nA, m, db[g]);
            }
            // da_prev = np.dot(Wf[:, :n_a].T, dft) + np.dot(Wi[:, :n_a].T, dit) + np.dot(Wc[:, :n_a].T, dcct)
            //           + np.dot(Wo[:, :n_a].T, dot);   dxt: the same with [:, n_a:]
            for (int g = 0; g < 4; g++) {
                Kernels.transposedProduct(w[g], width, 0, width, dGate[g], nA, m, g == 0 ? dConcat : part);
                if (g > 0) {
                    for (int r = 0; r < dConcat.length; r++) {
                        dConcat[r] += part[r];
                    }
                }
            }
            System.arraycopy(dConcat, 0, daPrev, 0, nA * m);
            for (int r = 0; r < nX * m; r++) {
                dx[r * steps + t] = dConcat[nA * m + r];
            }
        }
        Parameters grads = Parameters.of("dx", Kernels.array(dx, nX, m, steps), "da0", Kernels.array(daPrev, nA, m));
        for (int g = 0; g < 4; g++) {
            grads.put("dW" + GATES[g], Kernels.array(dW[g], nA, width));
            grads.put("db" + GATES[g], Kernels.array(db[g], nA, 1));
        }
        return grads;
    }
}
