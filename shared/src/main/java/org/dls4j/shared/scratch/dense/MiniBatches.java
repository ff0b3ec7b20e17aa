package org.dls4j.shared.scratch.dense;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code random_mini_batches(X, Y, mini_batch_size=64, seed=0)} of Course 2 week 2 (and the TF1 {@code tf_utils}
 * of week 3): {@code np.random.seed(seed)}, {@code permutation = list(np.random.permutation(m))}, the columns of X and
 * Y reordered by it, then {@code floor(m / mini_batch_size)} full batches and the remainder, in order.
 */
public final class MiniBatches {

    /** One {@code (mini_batch_X, mini_batch_Y)}: X {@code (n_x, size)}, Y {@code (1, size)}. */
    public record MiniBatch(INDArray x, INDArray y) {
        public int size() {
            return (int) x.size(1);
        }
    }

    private MiniBatches() {
    }

    /** The notebook's function with its own {@code np.random.seed(seed)}. */
    public static List<MiniBatch> random(INDArray X, INDArray Y, int miniBatchSize, long seed) {
        // np.random.seed(seed)
        NumpyRandom rng = new NumpyRandom(seed);
        // permutation = list(np.random.permutation(m))
        int[] permutation = rng.permutation((int) X.size(1));
        return split(X, Y, miniBatchSize, permutation);
    }

    /** The column order an epoch uses: {@code np.random.seed(seed); np.random.permutation(m)}. */
    public static int[] permutation(int m, long seed) {
        return new NumpyRandom(seed).permutation(m);
    }

    /** {@code shuffled_X = X[:, permutation]}, {@code shuffled_Y = Y[:, permutation]}, cut into batches. */
    public static List<MiniBatch> split(INDArray X, INDArray Y, int miniBatchSize, int[] permutation) {
        int m = (int) X.size(1);
        Shapes.require(Y, "Y", 1, m);
        if (miniBatchSize < 1) {
            throw new IllegalArgumentException("mini_batch_size must be at least 1 but was " + miniBatchSize);
        }
        if (permutation.length != m) {
            throw new IllegalArgumentException("the permutation has " + permutation.length + " entries for m = " + m);
        }
        int n = (int) X.size(0);
        double[] x = X.dup('c').data().asDouble();
        double[] y = Y.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).dup('c').data().asDouble();
        List<MiniBatch> batches = new ArrayList<>();
        // for k in range(0, num_complete_minibatches): ...; if m % mini_batch_size != 0: the rest
        for (int start = 0; start < m; start += miniBatchSize) {
            int size = Math.min(miniBatchSize, m - start);
            double[] bx = new double[n * size];
            double[] by = new double[size];
            for (int j = 0; j < size; j++) {
                // shuffled_X[:, k * mini_batch_size : (k+1) * mini_batch_size]
                int column = permutation[start + j];
                for (int i = 0; i < n; i++) {
                    bx[i * size + j] = x[i * m + column];
                }
                by[j] = y[column];
            }
            batches.add(new MiniBatch(Nd4j.create(bx, new long[] {n, size}, 'c'),
                    Nd4j.create(by, new long[] {1, size}, 'c')));
        }
        return Collections.unmodifiableList(batches);
    }
}
