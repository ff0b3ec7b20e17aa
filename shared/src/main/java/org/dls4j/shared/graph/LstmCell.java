package org.dls4j.shared.graph;

import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Keras' LSTM cell in float64 Java loops, one example at a time: the recurrence of {@link LstmLayer}, and of any
 * layer with an LSTM cell inside. Its arrays are Keras': {@code kernel (n_in, 4 units)},
 * {@code recurrent_kernel (units, 4 units)}, {@code bias (4 units)}, the gate blocks in the order i, f, c, o:
 * <pre>
 * z  = x W + h U + b                        split into z_i, z_f, z_c, z_o
 * i  = g(z_i)    f = g(z_f)    cc = tanh(z_c)    o = g(z_o)
 * c' = f * c + i * cc                       h' = o * tanh(c')
 * </pre>
 * with the gate function {@code g} the logistic sigmoid (TF2 Keras' default) or Keras 2.0's
 * {@code hard_sigmoid = clip(0.2 x + 0.5, 0, 1)}. A {@link Sequence} runs the steps of one example from
 * {@code h = c = 0}; the input part {@code x W + b} of each step is the caller's, the recurrent part is the cell's.
 */
public final class LstmCell {

    /** Keras' gate blocks: input, forget, candidate, output. */
    public static final int INPUT = 0, FORGET = 1, CANDIDATE = 2, OUTPUT = 3;

    private final int units;
    private final boolean hardSigmoid;
    private final double[][] recurrent;           // U's rows (4u each)
    private final double[][] recurrentTransposed; // U's columns (u each)

    /** The cell of {@code recurrentKernel (units, 4 units)}, its values read now. */
    public LstmCell(INDArray recurrentKernel, boolean hardSigmoid) {
        this.units = Math.toIntExact(recurrentKernel.size(0));
        this.hardSigmoid = hardSigmoid;
        this.recurrent = JavaArrays.rows(recurrentKernel);
        this.recurrentTransposed = JavaArrays.rows(recurrentKernel.transpose());
    }

    /** The number of units. */
    public int units() {
        return units;
    }

    /**
     * The states of {@code sequences} (one per example, {@code T} steps each) as rows {@code (m T, units)}, example
     * by example: {@code h<1..T>} ({@code after}) or {@code h<0..T-1>}.
     */
    public static double[][] states(Sequence[] sequences, boolean after) {
        int steps = sequences[0].states().length - 1;
        double[][] rows = new double[sequences.length * steps][];
        for (int e = 0; e < sequences.length; e++) {
            System.arraycopy(sequences[e].states(), after ? 1 : 0, rows, e * steps, steps);
        }
        return rows;
    }

    /** A new sequence of {@code steps} steps for one example, from {@code h = c = 0}. */
    public Sequence sequence(int steps) {
        return new Sequence(steps);
    }

    /**
     * Keras' {@code LSTM} initial arrays: a Glorot-uniform {@code kernel} (over its whole {@code (n_in, 4 units)}),
     * an orthogonal {@code recurrentKernel}, a zero {@code bias} but for the forget gate's 1s
     * ({@code unit_forget_bias}).
     */
    public static void initialize(INDArray kernel, INDArray recurrentKernel, INDArray bias,
            IWeightInit glorotUniform) {
        glorotUniform.init(kernel.size(0), kernel.size(1), kernel.shape(), 'c', kernel);
        int units = Math.toIntExact(recurrentKernel.size(0));
        recurrentKernel.assign(ArrayParams.orthogonal(units, 4 * units, recurrentKernel.dataType()));
        INDArray flatBias = bias.reshape(bias.length());
        flatBias.assign(0);
        flatBias.get(NDArrayIndex.interval(FORGET * units, (FORGET + 1) * units)).assign(1);
    }

    private double gate(double z) {
        return hardSigmoid ? Math.min(1, Math.max(0, 0.2 * z + 0.5)) : 1 / (1 + Math.exp(-z));
    }

    /** The gate function's derivative, from its value. */
    private double gateSlope(double g) {
        return hardSigmoid ? (g > 0 && g < 1 ? 0.2 : 0) : g * (1 - g);
    }

    /**
     * One example's steps: per step {@code t} the activated gates (4 units), {@code c<t>}, {@code tanh(c<t>)} and
     * {@code h<t>}, kept for the backward pass, an array each. {@link #states()} holds {@code h<0> = 0} and then
     * {@code h<1..T>}. The products are {@link RowMatrices#addScaled} on whole rows.
     */
    public final class Sequence {
        private final double[][] gates;
        private final double[][] cells;
        private final double[][] tanhCells;
        private final double[][] states;

        private Sequence(int steps) {
            gates = new double[steps][4 * units];
            cells = new double[steps + 1][units];
            tanhCells = new double[steps][units];
            states = new double[steps + 1][units];
        }

        /** The states {@code h<0..T>}, {@code units} values each. */
        public double[][] states() {
            return states;
        }

        /**
         * Step {@code t} (from 0): {@code z = input + h<t> U} with {@code input} the 4 units of {@code x W + b},
         * then the gates, {@code c<t+1>} and {@code h<t+1>}.
         */
        public void step(int t, double[] input) {
            int u = units;
            double[] z = gates[t];
            System.arraycopy(input, 0, z, 0, 4 * u);
            RowMatrices.addTimes(z, states[t], recurrent);      // z += h U
            double[] c = cells[t], cNext = cells[t + 1], tanhC = tanhCells[t], hNext = states[t + 1];
            for (int k = 0; k < u; k++) {
                double i = gate(z[k]);
                double f = gate(z[u + k]);
                double cc = JavaMath.tanh(z[2 * u + k]);
                double o = gate(z[3 * u + k]);
                z[k] = i;
                z[u + k] = f;
                z[2 * u + k] = cc;
                z[3 * u + k] = o;
                cNext[k] = f * c[k] + i * cc;
                tanhC[k] = JavaMath.tanh(cNext[k]);
                hNext[k] = o * tanhC[k];
            }
        }

        /**
         * Step {@code t} backward: {@code dh} (units) is all of the gradient reaching {@code h<t+1>}, {@code dc}
         * the one reaching {@code c<t+1>} from the step after. Writes into {@code dz} (4 units) the gradient of
         * {@code x W + h U + b}, and replaces {@code dc} by the gradient reaching {@code c<t>} and {@code dh} by the
         * one reaching {@code h<t>} through this step ({@code dz U^T}).
         */
        public void stepBack(int t, double[] dh, double[] dc, double[] dz) {
            int u = units;
            double[] g = gates[t], c = cells[t], tanhC = tanhCells[t];
            for (int k = 0; k < u; k++) {
                double i = g[k];
                double f = g[u + k];
                double cc = g[2 * u + k];
                double o = g[3 * u + k];
                double dcK = dc[k] + dh[k] * o * (1 - tanhC[k] * tanhC[k]);
                dz[k] = dcK * cc * gateSlope(i);
                dz[u + k] = dcK * c[k] * gateSlope(f);
                dz[2 * u + k] = dcK * i * (1 - cc * cc);
                dz[3 * u + k] = dh[k] * tanhC[k] * gateSlope(o);
                dc[k] = dcK * f;
                dh[k] = 0;
            }
            RowMatrices.addTimes(dh, dz, recurrentTransposed);  // dh = dz U^T
        }
    }
}
