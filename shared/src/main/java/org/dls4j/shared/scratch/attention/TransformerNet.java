package org.dls4j.shared.scratch.attention;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.scratch.attention.AttentionMath.Attended;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The given layers of the encoder-decoder Transformer of "Attention is all you need", inference only (dropout is the
 * identity), on batch-first float64 arrays: token ids {@code (m, T)}, activations {@code (m, T, d)}. Keras'
 * {@code MultiHeadAttention}, the feed-forward block ({@code Dense(fc, relu)} then {@code Dense(d)}),
 * {@code LayerNormalization} and {@code Embedding}, each reading its weights from a {@link Parameters} under a prefix
 * ({@code encoder.layer0.mha.wq}, ...), so that a model trained elsewhere (SameDiff) runs here by handing over the
 * same names; and fresh weights under those names ({@link #initialize}). The encoder and decoder layers are built
 * from them by the code that uses this class.
 *
 * <p>Multi-head attention is Keras' {@code MultiHeadAttention(num_heads, key_dim)}: the query, key and value
 * projections {@code (d, heads * key_dim)} with biases, each head's scaled dot-product attention, the heads
 * concatenated (head-major) and projected back by {@code wo (heads * key_dim, d)} plus {@code bo}.
 */
public final class TransformerNet {

    /**
     * The sizes: {@code numLayers} encoder and decoder layers, {@code d} the embedding size, {@code heads} of
     * {@code keyDim} each, {@code fc} the feed-forward width, the two vocabularies and the longest positions.
     */
    public record Config(int numLayers, int d, int heads, int keyDim, int fc, int inputVocab, int targetVocab,
            int maxInputPositions, int maxTargetPositions, double layerNormEps) {

        public Config {
            for (int size : new int[] {numLayers, d, heads, keyDim, fc, inputVocab, targetVocab, maxInputPositions,
                    maxTargetPositions}) {
                if (size < 1) {
                    throw new IllegalArgumentException("every Transformer size must be >= 1: " + this);
                }
            }
            if (!(layerNormEps > 0)) {
                throw new IllegalArgumentException("layerNormEps must be > 0, not " + layerNormEps);
            }
        }
    }

    private TransformerNet() {
    }

    // ------------------------------------------------------------------------------------------- weights

    /**
     * Fresh weights for {@code config}: Glorot-uniform kernels (Keras' default) drawn from numpy's
     * {@code RandomState(seed)} in name order, the embeddings uniform in (-0.05, 0.05) (Keras' embedding default),
     * zero biases, layer norms {@code gamma = 1, beta = 0}.
     */
    public static Parameters initialize(Config config, long seed) {
        NumpyRandom rng = new NumpyRandom(seed);
        Parameters p = new Parameters();
        p.put("encoder.embedding", uniform(rng, 0.05, config.inputVocab(), config.d()));
        p.put("decoder.embedding", uniform(rng, 0.05, config.targetVocab(), config.d()));
        for (int i = 0; i < config.numLayers(); i++) {
            initAttention(p, "encoder.layer" + i + ".mha", config, rng);
            initFeedForward(p, "encoder.layer" + i + ".ffn", config, rng);
            initNorm(p, "encoder.layer" + i + ".norm1", config.d());
            initNorm(p, "encoder.layer" + i + ".norm2", config.d());
            initAttention(p, "decoder.layer" + i + ".mha1", config, rng);
            initAttention(p, "decoder.layer" + i + ".mha2", config, rng);
            initFeedForward(p, "decoder.layer" + i + ".ffn", config, rng);
            for (int n = 1; n <= 3; n++) {
                initNorm(p, "decoder.layer" + i + ".norm" + n, config.d());
            }
        }
        initDense(p, "final", config.d(), config.targetVocab(), rng);
        return p;
    }

    private static void initAttention(Parameters p, String prefix, Config c, NumpyRandom rng) {
        int projected = c.heads() * c.keyDim();
        for (String part : new String[] {"q", "k", "v"}) {
            p.put(prefix + ".w" + part, glorot(rng, c.d(), projected));
            p.put(prefix + ".b" + part, Nd4j.zeros(DataType.DOUBLE, projected));
        }
        p.put(prefix + ".wo", glorot(rng, projected, c.d()));
        p.put(prefix + ".bo", Nd4j.zeros(DataType.DOUBLE, c.d()));
    }

    private static void initFeedForward(Parameters p, String prefix, Config c, NumpyRandom rng) {
        initDense(p, prefix + "1", c.d(), c.fc(), rng);
        initDense(p, prefix + "2", c.fc(), c.d(), rng);
    }

    private static void initDense(Parameters p, String prefix, int in, int out, NumpyRandom rng) {
        p.put(prefix + ".w", glorot(rng, in, out));
        p.put(prefix + ".b", Nd4j.zeros(DataType.DOUBLE, out));
    }

    private static void initNorm(Parameters p, String prefix, int d) {
        p.put(prefix + ".gamma", Nd4j.ones(DataType.DOUBLE, d));
        p.put(prefix + ".beta", Nd4j.zeros(DataType.DOUBLE, d));
    }

    private static INDArray glorot(NumpyRandom rng, int in, int out) {
        return uniform(rng, Math.sqrt(6.0 / (in + out)), in, out);
    }

    private static INDArray uniform(NumpyRandom rng, double limit, int rows, int columns) {
        return rng.rand(rows, columns).castTo(DataType.DOUBLE).muli(2 * limit).subi(limit);
    }

    // ------------------------------------------------------------------------------------------- layers

    /**
     * Keras' {@code MultiHeadAttention} under {@code prefix}: {@code query (m, Tq, d)} attends to
     * {@code value (m, Tk, d)} (also the keys); {@code mask} 1 = attend, broadcast to {@code (m, heads, Tq, Tk)}
     * (a padding mask {@code (m, 1, Tk)} or a look-ahead mask {@code (1, Tq, Tk)}). Returns the output
     * {@code (m, Tq, d)} and the weights {@code (m, heads, Tq, Tk)}.
     */
    public static Attended multiHeadAttention(Parameters p, String prefix, int heads, INDArray query, INDArray value,
            INDArray mask) {
        INDArray q = splitHeads(AttentionMath.dense(query, p.get(prefix + ".wq"), p.get(prefix + ".bq")), heads);
        INDArray k = splitHeads(AttentionMath.dense(value, p.get(prefix + ".wk"), p.get(prefix + ".bk")), heads);
        INDArray v = splitHeads(AttentionMath.dense(value, p.get(prefix + ".wv"), p.get(prefix + ".bv")), heads);
        INDArray maskPerHead = mask == null ? null : mask.reshape(mask.size(0), 1, mask.size(1), mask.size(2));
        Attended attended = AttentionMath.scaledDotProductAttention(q, k, v, maskPerHead);
        // (m, heads, Tq, key_dim) -> (m, Tq, heads * key_dim)
        INDArray concat = attended.output().permute(0, 2, 1, 3).dup('c').reshape(query.size(0), query.size(1), -1);
        return new Attended(AttentionMath.dense(concat, p.get(prefix + ".wo"), p.get(prefix + ".bo")),
                attended.weights());
    }

    private static INDArray splitHeads(INDArray x, int heads) {
        if (x.size(2) % heads != 0) {
            throw new IllegalArgumentException(x.size(2) + " projected features do not split into " + heads
                    + " heads");
        }
        return x.reshape(x.size(0), x.size(1), heads, x.size(2) / heads).permute(0, 2, 1, 3).dup('c');
    }

    /** {@code FullyConnected}: {@code Dense(fc, relu)} then {@code Dense(d)}. */
    public static INDArray feedForward(Parameters p, String prefix, INDArray x) {
        INDArray hidden = AttentionMath.relu(AttentionMath.dense(x, p.get(prefix + "1.w"), p.get(prefix + "1.b")));
        return AttentionMath.dense(hidden, p.get(prefix + "2.w"), p.get(prefix + "2.b"));
    }

    /**
     * Keras' {@code LayerNormalization(epsilon=eps)} under {@code prefix} ({@code .gamma}, {@code .beta}) over the last
     * axis of {@code x}.
     */
    public static INDArray layerNorm(Parameters p, String prefix, INDArray x, double eps) {
        return AttentionMath.layerNorm(x, p.get(prefix + ".gamma"), p.get(prefix + ".beta"), eps);
    }

    /**
     * Keras' {@code Embedding}: the rows of {@code table (vocabulary, d)} of the token ids {@code (m, T)},
     * {@code (m, T, d)}; {@code what} names the ids in the messages (an id outside the vocabulary, more than
     * {@code maxPositions} positions).
     */
    public static INDArray embedding(INDArray table, INDArray ids, int maxPositions, String what) {
        if (ids.rank() != 2) {
            throw new IllegalArgumentException(what + " must be token ids (m, T), not " + Shapes.format(ids.shape()));
        }
        long m = ids.size(0);
        long t = ids.size(1);
        if (t > maxPositions) {
            throw new IllegalArgumentException(what + " has " + t + " positions, more than the " + maxPositions
                    + " of the positional encoding");
        }
        int[] flat = ids.dup('c').reshape(-1).toIntVector();
        for (int id : flat) {
            if (id < 0 || id >= table.size(0)) {
                throw new IllegalArgumentException(what + " holds token id " + id + ", outside the vocabulary 0.."
                        + (table.size(0) - 1));
            }
        }
        return Nd4j.pullRows(table, 1, flat).reshape(m, t, table.size(1));
    }
}
