package org.dls4j.shared.scratch.attention;

import java.util.Arrays;

import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The attention arithmetic on batch-first float64 arrays: the sinusoidal positional encoding, the padding and
 * look-ahead masks (1 = attend, 0 = masked), a softmax and a layer normalisation over the last axis, dense layers
 * on the last axis, and scaled dot-product attention over any number of leading (batch, head) axes.
 */
public final class AttentionMath {

    /** What a masked score gets added: {@code (1 - mask) * -1e9}. */
    public static final double MASKED = -1e9;

    private AttentionMath() {
    }

    /** Scaled dot-product attention's output {@code (..., Tq, dv)} and weights {@code (..., Tq, Tk)}. */
    public record Attended(INDArray output, INDArray weights) {
    }

    /**
     * {@code (1, positions, d)}: {@code sin(pos / 10000^(2 floor(k/2) / d))} in the even columns {@code k}, the
     * cosine of the same angle in the odd ones.
     */
    public static INDArray positionalEncoding(int positions, int d) {
        if (positions < 1 || d < 1) {
            throw new IllegalArgumentException("positional encoding needs positions >= 1 and d >= 1, not "
                    + positions + " and " + d);
        }
        double[] pe = new double[positions * d];
        for (int pos = 0; pos < positions; pos++) {
            for (int k = 0; k < d; k++) {
                double angle = pos / Math.pow(10000, 2 * (k / 2) / (double) d);
                pe[pos * d + k] = k % 2 == 0 ? Math.sin(angle) : Math.cos(angle);
            }
        }
        return Nd4j.create(pe, new long[] {1, positions, d}, DataType.DOUBLE);
    }

    /** {@code (batch, 1, len)}: 1 where the token id {@code seq (batch, len)} is not 0 (the padding id). */
    public static INDArray paddingMask(INDArray seq) {
        if (seq.rank() != 2) {
            throw new IllegalArgumentException("seq must be token ids (batch, len), not " + Shapes.format(seq.shape()));
        }
        return seq.neq(0).castTo(DataType.DOUBLE).reshape(seq.size(0), 1, seq.size(1));
    }

    /** {@code (1, n, n)}: ones on and below the diagonal, so that position i attends to positions 0..i only. */
    public static INDArray lookAheadMask(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the look-ahead mask needs a size >= 1, not " + n);
        }
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, 1, n, n);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                mask.putScalar(new long[] {0, i, j}, 1.0);
            }
        }
        return mask;
    }

    /** Softmax over the last axis, the largest of each row subtracted first. */
    public static INDArray softmax(INDArray x) {
        INDArray rows = x.dup('c').reshape(-1, x.size(-1));
        rows.subiColumnVector(rows.max(true, 1));
        Transforms.exp(rows, false);
        rows.diviColumnVector(rows.sum(true, 1));
        return rows.reshape(x.shape());
    }

    /** {@code max(x, 0)}, a new array. */
    public static INDArray relu(INDArray x) {
        return Transforms.relu(x, true);
    }

    /** {@code x W + b} on the last axis: {@code x (..., in)}, {@code w (in, out)}, {@code b (out)} or null. */
    public static INDArray dense(INDArray x, INDArray w, INDArray b) {
        Shapes.requireDim(x, "x", x.rank() - 1, w.size(0));
        long[] shape = x.shape().clone();
        shape[shape.length - 1] = w.size(1);
        INDArray rows = x.dup('c').reshape(-1, w.size(0)).mmul(w);
        if (b != null) {
            rows.addiRowVector(b.reshape(1, -1));
        }
        return rows.reshape(shape);
    }

    /**
     * Keras' {@code LayerNormalization(epsilon)} over the last axis: each position's features minus their mean,
     * over {@code sqrt(variance + eps)} (the population variance), times {@code gamma} plus {@code beta}.
     */
    public static INDArray layerNorm(INDArray x, INDArray gamma, INDArray beta, double eps) {
        long d = x.size(-1);
        INDArray rows = x.dup('c').reshape(-1, d);
        rows.subiColumnVector(rows.mean(true, 1));
        INDArray std = Transforms.sqrt(rows.mul(rows).mean(true, 1).addi(eps), false);
        rows.diviColumnVector(std).muliRowVector(gamma.reshape(1, d)).addiRowVector(beta.reshape(1, d));
        return rows.reshape(x.shape());
    }

    /**
     * {@code softmax(q k^T / sqrt(d_k) + (1 - mask) * -1e9) v}. {@code q (..., Tq, dk)}, {@code k (..., Tk, dk)},
     * {@code v (..., Tk, dv)} with the same leading axes; {@code mask} (or null) broadcasts to the scores
     * {@code (..., Tq, Tk)}: the same rank, or fewer leading axes, each of its axes its size or 1.
     */
    public static Attended scaledDotProductAttention(INDArray q, INDArray k, INDArray v, INDArray mask) {
        int rank = q.rank();
        if (rank < 2 || k.rank() != rank || v.rank() != rank) {
            throw new IllegalArgumentException("q, k and v must have the same rank >= 2, not "
                    + Shapes.format(q.shape()) + ", " + Shapes.format(k.shape()) + ", " + Shapes.format(v.shape()));
        }
        Shapes.requireDim(k, "k", rank - 1, q.size(-1));
        Shapes.requireDim(v, "v", rank - 2, k.size(-2));
        INDArray scores = Nd4j.matmul(q, k, false, true, false).divi(Math.sqrt(q.size(-1)));
        if (mask != null) {
            scores.addi(broadcastMask(mask, scores.shape()).rsub(1).muli(MASKED));
        }
        INDArray weights = softmax(scores);
        return new Attended(Nd4j.matmul(weights, v), weights);
    }

    /**
     * {@code mask} as numpy broadcasts it to the scores' {@code shape}: leading axes of size 1 added, then each axis
     * of size 1 repeated.
     */
    public static INDArray broadcastMask(INDArray mask, long[] shape) {
        if (mask.rank() > shape.length) {
            throw new IllegalArgumentException("mask " + Shapes.format(mask.shape()) + " has more axes than the "
                    + "attention scores " + Shapes.format(shape));
        }
        long[] padded = new long[shape.length];
        Arrays.fill(padded, 1);
        System.arraycopy(mask.shape(), 0, padded, shape.length - mask.rank(), mask.rank());
        for (int i = 0; i < shape.length; i++) {
            if (padded[i] != 1 && padded[i] != shape[i]) {
                throw new IllegalArgumentException("mask " + Shapes.format(mask.shape())
                        + " does not broadcast to the attention scores " + Shapes.format(shape));
            }
        }
        return mask.castTo(DataType.DOUBLE).reshape(padded).broadcast(shape);
    }
}
