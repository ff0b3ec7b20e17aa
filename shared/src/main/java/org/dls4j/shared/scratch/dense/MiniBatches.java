package org.dls4j.shared.scratch.dense;

import org.dls4j.shared.NumpyRandom;

/**
 * {@code random_mini_batches(X, Y, mini_batch_size, seed)} of Course 2 week 2 for the fused {@link TrainingLoop}:
 * {@code np.random.seed(seed)}, {@code permutation = list(np.random.permutation(m))}, the columns of X and Y in that
 * order, cut into {@code floor(m / mini_batch_size)} full batches and the remainder. The readable version is the
 * assignment's graded {@code randomMiniBatches}; a test proves the two train alike.
 *
 * <p>The batch buffers are made once here, one per batch position, and refilled every epoch (the permutation
 * changes, the sizes do not), so an epoch allocates nothing but the permutation.
 */
public final class MiniBatches {

    /** Receives one mini-batch: {@code x (n_x, size)}, {@code y (n_L, size)}, row-major, valid until the next. */
    @FunctionalInterface
    interface Batch {
        double step(double[] x, double[] y, int size);
    }

    private final TrainingData data;
    private final int miniBatchSize;
    private final double[][] batchX;
    private final double[][] batchY;

    /** The mini-batches of {@code data}, {@code miniBatchSize} examples each (the last one smaller). */
    public MiniBatches(TrainingData data, int miniBatchSize) {
        if (miniBatchSize < 1) {
            throw new IllegalArgumentException("mini_batch_size must be at least 1 but was " + miniBatchSize);
        }
        this.data = data;
        this.miniBatchSize = miniBatchSize;
        int m = data.m();
        // num_complete_minibatches = math.floor(m / mini_batch_size), plus one for the remainder
        int count = (m + miniBatchSize - 1) / miniBatchSize;
        batchX = new double[count][];
        batchY = new double[count][];
        for (int k = 0; k < count; k++) {
            int size = Math.min(miniBatchSize, m - k * miniBatchSize);
            batchX[k] = new double[data.features() * size];
            batchY[k] = new double[data.outputs() * size];
        }
    }

    /** The data the batches are cut from. */
    public TrainingData data() {
        return data;
    }

    /** How many mini-batches an epoch has. */
    public int count() {
        return batchX.length;
    }

    /** One epoch: shuffles with {@code seed}, then hands each batch to {@code batch} in order; sums what it returns. */
    double forEach(long seed, Batch batch) {
        int m = data.m();
        // np.random.seed(seed); permutation = list(np.random.permutation(m))
        int[] permutation = new NumpyRandom(seed).permutation(m);
        double total = 0;
        for (int k = 0; k < batchX.length; k++) {
            int start = k * miniBatchSize;
            int size = batchY[k].length / data.outputs();
            // mini_batch_X = shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size], the same for Y
            gather(data.x(), data.features(), permutation, start, size, batchX[k]);
            gather(data.y(), data.outputs(), permutation, start, size, batchY[k]);
            total += batch.step(batchX[k], batchY[k], size);
        }
        return total;
    }

    /** {@code shuffled[:, start : start + size]} of the {@code rows x m} array {@code from}, into {@code to}. */
    private void gather(double[] from, int rows, int[] permutation, int start, int size, double[] to) {
        int m = data.m();
        for (int j = 0; j < size; j++) {
            // shuffled = A[:, permutation]
            int column = permutation[start + j];
            for (int i = 0; i < rows; i++) {
                to[i * size + j] = from[i * m + column];
            }
        }
    }
}
