package org.dls4j.shared.scratch.attention;

import java.util.LinkedHashMap;
import java.util.Map;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.scratch.attention.AttentionMath.Attended;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The encoder-decoder Transformer of "Attention is all you need", inference only (dropout is the identity), on
 * batch-first float64 arrays: token ids {@code (m, T)}, activations {@code (m, T, d)}. Every layer is a method that
 * reads its weights from a {@link Parameters} under a prefix ({@code encoder.layer0.mha.wq}, ...), so that a model
 * trained elsewhere (SameDiff) runs here by handing over the same names.
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

    /** The decoder's output {@code (m, Tt, d)} and its attention weights by the notebook's names. */
    public record Decoded(INDArray output, Map<String, INDArray> attentionWeights) {
    }

    /** An encoder or decoder layer's output and the attention weights of its blocks (one for an encoder layer). */
    public record LayerOutput(INDArray output, INDArray selfWeights, INDArray crossWeights) {
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

    private static INDArray norm(Parameters p, String prefix, INDArray x, double eps) {
        return AttentionMath.layerNorm(x, p.get(prefix + ".gamma"), p.get(prefix + ".beta"), eps);
    }

    /** {@code EncoderLayer.call(x, training=False, mask)}: self-attention, add and norm, feed-forward, add and norm. */
    public static LayerOutput encoderLayer(Parameters p, String prefix, Config c, INDArray x, INDArray mask) {
        // self_mha_output = self.mha(x, x, x, mask)
        Attended mha = multiHeadAttention(p, prefix + ".mha", c.heads(), x, x, mask);
        // skip_x_attention = self.layernorm1(x + self_mha_output)
        INDArray skip = norm(p, prefix + ".norm1", x.add(mha.output()), c.layerNormEps());
        // ffn_output = self.ffn(skip_x_attention); ffn_output = self.dropout_ffn(ffn_output, training)
        INDArray ffn = feedForward(p, prefix + ".ffn", skip);
        // encoder_layer_out = self.layernorm2(skip_x_attention + ffn_output)
        return new LayerOutput(norm(p, prefix + ".norm2", skip.addi(ffn), c.layerNormEps()), mha.weights(), null);
    }

    /** Token ids {@code (m, T)} to {@code embedding * sqrt(d) + positional encoding[:T]}. */
    public static INDArray embed(INDArray embedding, INDArray ids, INDArray positional, String what) {
        if (ids.rank() != 2) {
            throw new IllegalArgumentException(what + " must be token ids (m, T), not " + Shapes.format(ids.shape()));
        }
        long m = ids.size(0);
        long t = ids.size(1);
        if (t > positional.size(1)) {
            throw new IllegalArgumentException(what + " has " + t + " positions, more than the "
                    + positional.size(1) + " of the positional encoding");
        }
        int[] flat = ids.dup('c').reshape(-1).toIntVector();
        for (int id : flat) {
            if (id < 0 || id >= embedding.size(0)) {
                throw new IllegalArgumentException(what + " holds token id " + id + ", outside the vocabulary 0.."
                        + (embedding.size(0) - 1));
            }
        }
        long d = embedding.size(1);
        INDArray x = Nd4j.pullRows(embedding, 1, flat).reshape(m, t, d).muli(Math.sqrt(d));
        INDArray pe = positional.get(NDArrayIndex.point(0), NDArrayIndex.interval(0, t), NDArrayIndex.all());
        return x.addi(pe.reshape(1, t, d).broadcast(m, t, d));
    }

    /** {@code Encoder.call(x, training=False, mask)}: embedding, positional encoding, the encoder layers. */
    public static INDArray encoder(Parameters p, Config c, INDArray ids, INDArray mask) {
        // x = self.embedding(x); x *= tf.math.sqrt(tf.cast(self.embedding_dim, tf.float32))
        // x += self.pos_encoding[:, :seq_len, :]
        INDArray x = embed(p.get("encoder.embedding"), ids, AttentionMath.positionalEncoding(c.maxInputPositions(),
                c.d()), "the input sentence");
        // for i in range(self.num_layers): x = self.enc_layers[i](x, training, mask)
        for (int i = 0; i < c.numLayers(); i++) {
            x = encoderLayer(p, "encoder.layer" + i, c, x, mask).output();
        }
        return x;
    }

    /**
     * {@code DecoderLayer.call(x, enc_output, training=False, look_ahead_mask, padding_mask)}: masked
     * self-attention, add and norm, attention to the encoder's output, add and norm, feed-forward, add and norm.
     */
    public static LayerOutput decoderLayer(Parameters p, String prefix, Config c, INDArray x, INDArray encOutput,
            INDArray lookAheadMask, INDArray paddingMask) {
        // mult_attn_out1, attn_weights_block1 = self.mha1(x, x, x, look_ahead_mask, return_attention_scores=True)
        Attended block1 = multiHeadAttention(p, prefix + ".mha1", c.heads(), x, x, lookAheadMask);
        // Q1 = self.layernorm1(mult_attn_out1 + x)
        INDArray q1 = norm(p, prefix + ".norm1", block1.output().addi(x), c.layerNormEps());
        // mult_attn_out2, attn_weights_block2 = self.mha2(Q1, enc_output, enc_output, padding_mask, ...)
        Attended block2 = multiHeadAttention(p, prefix + ".mha2", c.heads(), q1, encOutput, paddingMask);
        // mult_attn_out2 = self.layernorm2(mult_attn_out2 + Q1)
        INDArray out2 = norm(p, prefix + ".norm2", block2.output().addi(q1), c.layerNormEps());
        // ffn_output = self.ffn(mult_attn_out2); out3 = self.layernorm3(ffn_output + mult_attn_out2)
        INDArray out3 = norm(p, prefix + ".norm3", feedForward(p, prefix + ".ffn", out2).addi(out2),
                c.layerNormEps());
        return new LayerOutput(out3, block1.weights(), block2.weights());
    }

    /** {@code Decoder.call(x, enc_output, training=False, look_ahead_mask, padding_mask)}. */
    public static Decoded decoder(Parameters p, Config c, INDArray ids, INDArray encOutput, INDArray lookAheadMask,
            INDArray paddingMask) {
        Map<String, INDArray> weights = new LinkedHashMap<>();
        INDArray x = embed(p.get("decoder.embedding"), ids, AttentionMath.positionalEncoding(c.maxTargetPositions(),
                c.d()), "the output sentence");
        for (int i = 0; i < c.numLayers(); i++) {
            LayerOutput layer = decoderLayer(p, "decoder.layer" + i, c, x, encOutput, lookAheadMask, paddingMask);
            x = layer.output();
            // attention_weights['decoder_layer{}_block1_self_att'.format(i+1)] = block1
            weights.put("decoder_layer" + (i + 1) + "_block1_self_att", layer.selfWeights());
            weights.put("decoder_layer" + (i + 1) + "_block2_decenc_att", layer.crossWeights());
        }
        return new Decoded(x, weights);
    }

    /**
     * {@code Transformer.call(input_sentence, output_sentence, training=False, enc_padding_mask, look_ahead_mask,
     * dec_padding_mask)}: the probabilities {@code (m, Tt, target vocabulary)} (the final dense layer's softmax)
     * and the decoder's attention weights.
     */
    public static Decoded transformer(Parameters p, Config c, INDArray input, INDArray output,
            INDArray encPaddingMask, INDArray lookAheadMask, INDArray decPaddingMask) {
        // enc_output = self.encoder(input_sentence, training, enc_padding_mask)
        INDArray encOutput = encoder(p, c, input, encPaddingMask);
        // dec_output, attention_weights = self.decoder(output_sentence, enc_output, training, ...)
        Decoded decoded = decoder(p, c, output, encOutput, lookAheadMask, decPaddingMask);
        // final_output = self.final_layer(dec_output)   (Dense(target_vocab_size, activation='softmax'))
        INDArray logits = AttentionMath.dense(decoded.output(), p.get("final.w"), p.get("final.b"));
        return new Decoded(AttentionMath.softmax(logits), decoded.attentionWeights());
    }
}
