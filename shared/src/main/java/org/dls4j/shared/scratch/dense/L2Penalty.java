package org.dls4j.shared.scratch.dense;

import org.dls4j.shared.NumpySum;

/**
 * L2 regularisation of a {@link FusedDenseNet}, as Course 2's regularisation notebook writes it: the cost gains
 * {@code (1/m)*(lambd/2)*(np.sum(np.square(W1)) + ... + np.sum(np.square(WL)))} and each {@code dW} gains
 * {@code (lambd / m) * W}. The biases are not penalised.
 *
 * @param lambd the strength, a finite number of at least 0; 0 is no regularisation
 */
public record L2Penalty(double lambd) {

    /** No regularisation. */
    public static final L2Penalty NONE = new L2Penalty(0);

    public L2Penalty {
        if (!(Double.isFinite(lambd) && lambd >= 0)) {
            throw new IllegalArgumentException("lambd must be a finite number of at least 0 but was " + lambd);
        }
    }

    /** Whether it changes anything. */
    public boolean active() {
        return lambd != 0;
    }

    /** The cost term for the weights {@code W[1..L]} ({@code W[0]} unused) and {@code m} examples. */
    double cost(double[][] W, int m, double[] scratch) {
        double squares = 0;
        for (int l = 1; l < W.length; l++) {
            double[] w = W[l];
            for (int k = 0; k < w.length; k++) {
                // np.square(Wl)
                scratch[k] = w[k] * w[k];
            }
            // np.sum(...), numpy's pairwise order
            squares += NumpySum.pairwise(scratch, 0, w.length);
        }
        // (1/m)*(lambd/2)*(...)
        return (1.0 / m) * (lambd / 2) * squares;
    }

    /** {@code dW = dW + (lambd / m) * W}, in place. */
    void addGradient(double[] dW, double[] W, int m) {
        double lambdOverM = lambd / m;
        for (int k = 0; k < dW.length; k++) {
            dW[k] = dW[k] + lambdOverM * W[k];
        }
    }
}
