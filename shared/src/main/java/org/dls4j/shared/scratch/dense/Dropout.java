package org.dls4j.shared.scratch.dense;

import org.dls4j.shared.NumpyRandom;

/**
 * Inverted dropout on the hidden layers of a {@link FusedDenseNet}, as Course 2's regularisation notebook writes it
 * in {@code forward_propagation_with_dropout}: {@code np.random.seed(seed)} on every call, then for each hidden layer
 * in order {@code D = (np.random.rand(n, m) < keep_prob).astype(int)}, {@code A = A * D / keep_prob} forward and
 * {@code dA = dA * D / keep_prob} backward (so the expected activation is unchanged and nothing is rescaled at test
 * time). Because the notebook re-seeds numpy on every call, the masks depend only on the layer sizes and the batch
 * size: {@link #masks} draws them once per batch size.
 *
 * @param keepProb the probability of keeping a unit, in (0, 1]; 1 is no dropout
 * @param seed the seed set before drawing the masks (the notebook's 1)
 */
public record Dropout(double keepProb, long seed) {

    /** No dropout. */
    public static final Dropout NONE = new Dropout(1.0, 0);

    public Dropout {
        if (!(keepProb > 0 && keepProb <= 1)) {
            throw new IllegalArgumentException("keep_prob must be in (0, 1] but was " + keepProb);
        }
    }

    /** Whether units are dropped at all. */
    public boolean active() {
        return keepProb < 1;
    }

    /**
     * The masks of the hidden layers {@code 1..L-1} for a batch of {@code m} examples, {@code masks[l]}
     * {@code (dims[l], m)} row-major of 0/1 ({@code masks[0]} and {@code masks[L]} are null); all null when not
     * {@link #active()}.
     */
    double[][] masks(int[] dims, int m) {
        int layers = dims.length - 1;
        double[][] masks = new double[layers + 1][];
        if (!active()) {
            return masks;
        }
        // np.random.seed(1)
        NumpyRandom rng = new NumpyRandom(seed);
        for (int l = 1; l < layers; l++) {
            // D = np.random.rand(A.shape[0], A.shape[1]); D = (D < keep_prob).astype(int)
            double[] d = new double[dims[l] * m];
            for (int k = 0; k < d.length; k++) {
                d[k] = rng.randomSample() < keepProb ? 1.0 : 0.0;
            }
            masks[l] = d;
        }
        return masks;
    }

    /** {@code A = A * D; A = A / keep_prob} for one element (forward), the same for {@code dA} (backward). */
    double apply(double value, double mask) {
        return value * mask / keepProb;
    }
}
