package org.dls4j.course5.week4;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.plot.HeatMapPlot;
import org.dls4j.shared.scratch.attention.AttentionMath;
import org.dls4j.shared.scratch.attention.TransformerNet;
import org.dls4j.shared.scratch.attention.TransformerNet.Config;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostRecorder;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 5, week 4: <b>Transformer Network</b>. The graded functions {@code get_angles}, {@code positional_encoding}
 * and {@code scaled_dot_product_attention} and the given masks, in ND4J float64 with each numpy or TensorFlow line as
 * a {@code // np.} or {@code // tf.} comment above its twin, on the notebook's inputs; the graded layers' {@code call}
 * methods ({@code EncoderLayer}, {@code Encoder}, {@code DecoderLayer}, {@code Decoder}, {@code Transformer}) on the
 * Keras layers given in {@code org.dls4j.shared.scratch.attention.TransformerNet}, at the notebook's test sizes
 * (their printed values come from TensorFlow's initialisers and are not reproducible: the shapes and the masks'
 * effect are shown instead); ND4J's own attention ops on the same inputs; then a small
 * Transformer trained with SameDiff to reverse sequences of digits, its loss falling, and the trained weights run
 * through the scratch Transformer to decode the test sequences greedily.
 *
 * <p>What the learner sees ({@code ./dls run c5w4-transformer}):
 * <pre>
 * pos_encoding[0, 1, :4] =
 * [0.84147098 0.54030231 0.82185619 0.56969501]
 * ...
 * attention_weights (mask) =
 * [[[0.30719589 0.50648039 0.         0.18632372]
 * ...
 * Step 0: loss 3.204054
 * ...
 * Step 199: loss 0.003318
 * Test sequences reversed exactly: 1.000000
 * </pre>
 * and {@code out/positional_encoding.png}, the (50, 512) encoding as a heat map.
 */
public final class Transformer {

    /** The plot of {@code positional_encoding(50, 512)}. */
    public static final String ENCODING_PLOT = "positional_encoding.png";

    /** Options: the notebook's plot sizes and the reverse task's training. */
    @Command(name = "c5w4-transformer",
            description = "Course 5 week 4: positional encoding, masks, scaled dot-product attention, encoder and"
                    + " decoder layers, the Transformer; ND4J's attention ops; a small Transformer trained with"
                    + " SameDiff to reverse digit sequences.")
    public static final class Options extends AssignmentOptions {

        @Option(names = "--steps", description = "Adam steps on the reverse task (default: ${DEFAULT-VALUE}).")
        public int steps = 200;

        @Option(names = "--batch-size", description = "Sequences per step (default: ${DEFAULT-VALUE}).")
        public int batchSize = 64;

        @Option(names = "--length", description = "Digits per sequence (default: ${DEFAULT-VALUE}).")
        public int length = 6;

        @Option(names = "--learning-rate", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
        public double learningRate = 0.003;

        @Option(names = "--seed", description = "numpy seed of the weights and the sequences (default: ${DEFAULT-VALUE}).")
        public long seed = 1;

        @Override
        public void validate() {
            OptionChecks.atLeast("--steps", steps, 1);
            OptionChecks.atLeast("--batch-size", batchSize, 1);
            OptionChecks.atLeast("--length", length, 2);
            OptionChecks.positive("--learning-rate", learningRate);
            OptionChecks.numpySeed("--seed", seed, 2);
        }
    }

    /** The reverse task's model: 2 layers, d 32, 4 heads of 8, feed-forward 64, digits 2..11, 0 padding, 1 start. */
    public static Config reverseTaskConfig(int length) {
        return new Config(2, 32, 4, 8, 64, 12, 12, length, length, 1e-6);
    }

    /** What the run computed (by printed name), the training curve and the test accuracy of the reverse task. */
    public record Result(Map<String, INDArray> arrays, CostCurve losses, double sequenceAccuracy,
            double tokenAccuracy, double nd4jDifference, Path plot) {
    }

    /** {@code scaled_dot_product_attention}'s {@code output, attention_weights}. */
    public record Attention(INDArray output, INDArray weights) {
    }

    private Transformer() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), Transformer::run, args));
    }

    // ------------------------------------------------------------------------ 1 - positional encoding

    /**
     * {@code get_angles(pos, k, d)}: {@code pos (P, 1)} over {@code 10000^(2 i / d)} with {@code i = k // 2},
     * {@code k (1, d)}: the angles {@code (P, d)}.
     */
    @Graded("get_angles")
    public static INDArray getAngles(INDArray pos, INDArray k, int d) {
        Shapes.requireDim(pos, "pos", 1, 1);
        Shapes.requireDim(k, "k", 0, 1);
        // i = k // 2
        INDArray i = Transforms.floor(k.div(2), true);
        // angles = pos / (10000 ** (2 * i / d))
        INDArray denominator = Transforms.pow(Nd4j.valueArrayOf(i.shape(), 10000.0, DataType.DOUBLE), i.mul(2).divi(d), false);
        return pos.broadcast(pos.size(0), k.size(1)).div(denominator.broadcast(pos.size(0), k.size(1)));
    }

    /** {@code positional_encoding(positions, d)}: {@code (1, positions, d)}, sin in the even columns, cos in the odd. */
    @Graded("positional_encoding")
    public static INDArray positionalEncoding(int positions, int d) {
        // angle_rads = get_angles(np.arange(positions)[:, np.newaxis], np.arange(d)[np.newaxis, :], d)
        INDArray angleRads = getAngles(Nd4j.arange(positions).castTo(DataType.DOUBLE).reshape(positions, 1),
                Nd4j.arange(d).castTo(DataType.DOUBLE).reshape(1, d), d);
        for (int k = 0; k < d; k++) {
            INDArray column = angleRads.getColumn(k);
            // angle_rads[:, 0::2] = np.sin(angle_rads[:, 0::2]); angle_rads[:, 1::2] = np.cos(angle_rads[:, 1::2])
            column.assign(k % 2 == 0 ? Transforms.sin(column, true) : Transforms.cos(column, true));
        }
        // pos_encoding = angle_rads[np.newaxis, ...]; return tf.cast(pos_encoding, dtype=tf.float32)
        return angleRads.reshape(1, positions, d);
    }

    // ------------------------------------------------------------------------ 2 - masking

    /** {@code create_padding_mask(decoder_token_ids)}: {@code (m, 1, n)}, 1 where the token is not 0. */
    @Graded("create_padding_mask")
    public static INDArray createPaddingMask(INDArray decoderTokenIds) {
        // seq = 1 - tf.cast(tf.math.equal(decoder_token_ids, 0), tf.float32)
        INDArray seq = decoderTokenIds.eq(0).castTo(DataType.DOUBLE).rsubi(1);
        // return seq[:, tf.newaxis, :]
        return seq.reshape(seq.size(0), 1, seq.size(1));
    }

    /** {@code create_look_ahead_mask(sequence_length)}: {@code (1, n, n)}, ones on and below the diagonal. */
    @Graded("create_look_ahead_mask")
    public static INDArray createLookAheadMask(int sequenceLength) {
        // mask = tf.linalg.band_part(tf.ones((1, sequence_length, sequence_length)), -1, 0)
        INDArray mask = Nd4j.ones(DataType.DOUBLE, 1, sequenceLength, sequenceLength);
        for (int row = 0; row < sequenceLength; row++) {
            mask.get(point(0), point(row), interval(row + 1, sequenceLength)).assign(0);
        }
        return mask;
    }

    // ------------------------------------------------------------------------ 3 - self-attention

    /**
     * {@code scaled_dot_product_attention(q, k, v, mask)}: {@code q (..., Tq, dk)}, {@code k (..., Tk, dk)},
     * {@code v (..., Tk, dv)}, {@code mask} broadcastable to {@code (..., Tq, Tk)} (1 = attend) or null; the
     * engine's twin is {@code AttentionMath.scaledDotProductAttention}.
     */
    @Graded("scaled_dot_product_attention")
    public static Attention scaledDotProductAttention(INDArray q, INDArray k, INDArray v, INDArray mask) {
        Shapes.requireDim(k, "k", k.rank() - 1, q.size(-1));
        Shapes.requireDim(v, "v", v.rank() - 2, k.size(-2));
        // matmul_qk = tf.matmul(q, k, transpose_b=True)
        INDArray matmulQk = Nd4j.matmul(q, k, false, true, false);
        // dk = k.shape[-1]; scaled_attention_logits = matmul_qk / np.sqrt(dk)
        INDArray scaledAttentionLogits = matmulQk.div(Math.sqrt(k.size(-1)));
        // if mask is not None: scaled_attention_logits += (1. - mask) * -1e9
        if (mask != null) {
            scaledAttentionLogits.addi(AttentionMath.broadcastMask(mask, scaledAttentionLogits.shape()).rsub(1.0)
                    .muli(-1e9));
        }
        // attention_weights = tf.keras.activations.softmax(scaled_attention_logits)
        INDArray attentionWeights = AttentionMath.softmax(scaledAttentionLogits);
        // output = tf.matmul(attention_weights, v)
        return new Attention(Nd4j.matmul(attentionWeights, v), attentionWeights);
    }

    // ------------------------------------------------------------------------ 4 - encoder

    /**
     * {@code EncoderLayer(embedding_dim, num_heads, fully_connected_dim).call(x, training=False, mask)}: the layer's
     * weights are those of {@code p} under {@code prefix} ({@code encoder.layer0}): its Keras layers, given in
     * {@link TransformerNet}, are {@code self.mha} ({@code prefix.mha}), {@code self.ffn} ({@code prefix.ffn}),
     * {@code self.layernorm1} and {@code self.layernorm2} ({@code prefix.norm1}, {@code prefix.norm2}); the sizes are
     * {@code c}'s. {@code x (m, T, d)}, {@code mask (m, 1, T)} (1 = attend). Returns {@code (m, T, d)}. Inference:
     * the dropout layers are the identity.
     */
    @Graded("EncoderLayer")
    public static INDArray encoderLayer(Parameters p, String prefix, Config c, INDArray x, INDArray mask) {
        // self_mha_output = self.mha(x, x, x, mask)
        INDArray selfMhaOutput = TransformerNet.multiHeadAttention(p, prefix + ".mha", c.heads(), x, x, mask)
                .output();
        // skip_x_attention = self.layernorm1(x + self_mha_output)
        INDArray skipXAttention = TransformerNet.layerNorm(p, prefix + ".norm1", x.add(selfMhaOutput),
                c.layerNormEps());
        // ffn_output = self.ffn(skip_x_attention)   (then self.dropout_ffn: the identity in inference)
        INDArray ffnOutput = TransformerNet.feedForward(p, prefix + ".ffn", skipXAttention);
        // encoder_layer_out = self.layernorm2(skip_x_attention + ffn_output)
        return TransformerNet.layerNorm(p, prefix + ".norm2", skipXAttention.add(ffnOutput), c.layerNormEps());
    }

    /**
     * {@code Encoder.call(x, training=False, mask)}: the token ids {@code x (m, T)} embedded
     * ({@code encoder.embedding} of {@code p}), scaled by {@code sqrt(d)}, plus the positional encoding of
     * {@code c.maxInputPositions()} positions, then {@code c.numLayers()} encoder layers ({@code encoder.layer0},
     * {@code encoder.layer1}, ...). Returns {@code (m, T, d)}.
     */
    @Graded("Encoder")
    public static INDArray encoder(Parameters p, Config c, INDArray x, INDArray mask) {
        // x = self.embedding(x); x *= tf.math.sqrt(tf.cast(self.embedding_dim, tf.float32))
        // x += self.pos_encoding[:, :seq_len, :]   (self.pos_encoding = positional_encoding(max_positions, d))
        INDArray out = embed(p.get("encoder.embedding"), x, c.maxInputPositions(), c.d(), "the input sentence");
        // for i in range(self.num_layers): x = self.enc_layers[i](x, training, mask)
        for (int i = 0; i < c.numLayers(); i++) {
            out = encoderLayer(p, "encoder.layer" + i, c, out, mask);
        }
        return out;
    }

    /**
     * The embedding of the token ids {@code (m, T)} times {@code sqrt(d)} plus {@code positional_encoding}'s first
     * {@code T} positions (of {@code maxPositions}): the first lines of {@code Encoder.call} and {@code Decoder.call}.
     */
    static INDArray embed(INDArray table, INDArray ids, int maxPositions, int d, String what) {
        INDArray x = TransformerNet.embedding(table, ids, maxPositions, what).muli(Math.sqrt(d));
        INDArray pe = positionalEncoding(maxPositions, d).get(all(), interval(0, ids.size(1)), all());
        return x.addi(pe.broadcast(x.shape()));
    }

    // ------------------------------------------------------------------------ 5 - decoder

    /** {@code DecoderLayer.call}'s {@code out3, attn_weights_block1, attn_weights_block2}. */
    public record DecoderLayerOutput(INDArray output, INDArray block1, INDArray block2) {
    }

    /**
     * {@code Decoder.call}'s and {@code Transformer.call}'s output and attention weights
     * ({@code decoder_layer1_block1_self_att}, {@code decoder_layer1_block2_decenc_att}, ...).
     */
    public record Decoded(INDArray output, Map<String, INDArray> attentionWeights) {
    }

    /**
     * {@code DecoderLayer(embedding_dim, num_heads, fully_connected_dim).call(x, enc_output, training=False,
     * look_ahead_mask, padding_mask)}: the weights of {@code p} under {@code prefix} ({@code decoder.layer0}):
     * {@code self.mha1}, {@code self.mha2}, {@code self.ffn}, {@code self.layernorm1..3} are {@code prefix.mha1},
     * {@code prefix.mha2}, {@code prefix.ffn}, {@code prefix.norm1..3}. {@code x (m, Tt, d)}, {@code enc_output
     * (m, Ts, d)}, {@code look_ahead_mask (1, Tt, Tt)}, {@code padding_mask (m, 1, Ts)}. Returns the output
     * {@code (m, Tt, d)} and the two blocks' attention weights {@code (m, heads, Tt, Tt)}, {@code (m, heads, Tt, Ts)}.
     */
    @Graded("DecoderLayer")
    public static DecoderLayerOutput decoderLayer(Parameters p, String prefix, Config c, INDArray x, INDArray encOutput,
            INDArray lookAheadMask, INDArray paddingMask) {
        // mult_attn_out1, attn_weights_block1 = self.mha1(x, x, x, look_ahead_mask, return_attention_scores=True)
        AttentionMath.Attended block1 = TransformerNet.multiHeadAttention(p, prefix + ".mha1", c.heads(), x, x,
                lookAheadMask);
        // Q1 = self.layernorm1(mult_attn_out1 + x)
        INDArray q1 = TransformerNet.layerNorm(p, prefix + ".norm1", block1.output().add(x), c.layerNormEps());
        // mult_attn_out2, attn_weights_block2 = self.mha2(Q1, enc_output, enc_output, padding_mask, ...)
        AttentionMath.Attended block2 = TransformerNet.multiHeadAttention(p, prefix + ".mha2", c.heads(), q1,
                encOutput, paddingMask);
        // mult_attn_out2 = self.layernorm2(mult_attn_out2 + Q1)
        INDArray multAttnOut2 = TransformerNet.layerNorm(p, prefix + ".norm2", block2.output().add(q1),
                c.layerNormEps());
        // ffn_output = self.ffn(mult_attn_out2)   (then self.dropout_ffn: the identity in inference)
        INDArray ffnOutput = TransformerNet.feedForward(p, prefix + ".ffn", multAttnOut2);
        // out3 = self.layernorm3(ffn_output + mult_attn_out2)
        INDArray out3 = TransformerNet.layerNorm(p, prefix + ".norm3", ffnOutput.add(multAttnOut2), c.layerNormEps());
        // return out3, attn_weights_block1, attn_weights_block2
        return new DecoderLayerOutput(out3, block1.weights(), block2.weights());
    }

    /**
     * {@code Decoder.call(x, enc_output, training=False, look_ahead_mask, padding_mask)}: the target token ids
     * {@code x (m, Tt)} embedded ({@code decoder.embedding}), scaled by {@code sqrt(d)}, plus the positional encoding
     * of {@code c.maxTargetPositions()} positions, then {@code c.numLayers()} decoder layers ({@code decoder.layer0},
     * ...), their attention weights kept under the notebook's names.
     */
    @Graded("Decoder")
    public static Decoded decoder(Parameters p, Config c, INDArray x, INDArray encOutput, INDArray lookAheadMask,
            INDArray paddingMask) {
        // attention_weights = {}
        Map<String, INDArray> attentionWeights = new LinkedHashMap<>();
        // x = self.embedding(x); x *= tf.math.sqrt(...); x += self.pos_encoding[:, :seq_len, :]
        INDArray out = embed(p.get("decoder.embedding"), x, c.maxTargetPositions(), c.d(), "the output sentence");
        for (int i = 0; i < c.numLayers(); i++) {
            // x, block1, block2 = self.dec_layers[i](x, enc_output, training, look_ahead_mask, padding_mask)
            DecoderLayerOutput layer = decoderLayer(p, "decoder.layer" + i, c, out, encOutput, lookAheadMask,
                    paddingMask);
            out = layer.output();
            // attention_weights['decoder_layer{}_block1_self_att'.format(i+1)] = block1
            attentionWeights.put("decoder_layer" + (i + 1) + "_block1_self_att", layer.block1());
            // attention_weights['decoder_layer{}_block2_decenc_att'.format(i+1)] = block2
            attentionWeights.put("decoder_layer" + (i + 1) + "_block2_decenc_att", layer.block2());
        }
        return new Decoded(out, attentionWeights);
    }

    // ------------------------------------------------------------------------ 6 - transformer

    /**
     * {@code Transformer.call(input_sentence, output_sentence, training=False, enc_padding_mask, look_ahead_mask,
     * dec_padding_mask)}: the encoder on the input's ids {@code (m, Ts)}, the decoder on the output's {@code (m, Tt)}
     * and the encoder's output, then {@code self.final_layer} ({@code Dense(target_vocab_size, activation='softmax')},
     * {@code final.w}, {@code final.b} of {@code p}). Returns the probabilities {@code (m, Tt, target vocabulary)}
     * and the decoder's attention weights.
     */
    @Graded("Transformer")
    public static Decoded transformer(Parameters p, Config c, INDArray inputSentence, INDArray outputSentence,
            INDArray encPaddingMask, INDArray lookAheadMask, INDArray decPaddingMask) {
        // enc_output = self.encoder(input_sentence, training, enc_padding_mask)
        INDArray encOutput = encoder(p, c, inputSentence, encPaddingMask);
        // dec_output, attention_weights = self.decoder(output_sentence, enc_output, training, look_ahead_mask, ...)
        Decoded decoded = decoder(p, c, outputSentence, encOutput, lookAheadMask, decPaddingMask);
        // final_output = self.final_layer(dec_output)
        INDArray finalOutput = AttentionMath.softmax(AttentionMath.dense(decoded.output(), p.get("final.w"),
                p.get("final.b")));
        // return final_output, attention_weights
        return new Decoded(finalOutput, decoded.attentionWeights());
    }

    // ------------------------------------------------------------------------ the notebook, top to bottom

    public static Result run(Options options, Report report) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        report.say("== get_angles");
        // position = 4; d_model = 8; pos_m = np.arange(position)[:, np.newaxis]; dims = np.arange(d_model)[np.newaxis, :]
        INDArray angles = getAngles(Nd4j.arange(4).castTo(DataType.DOUBLE).reshape(4, 1),
                Nd4j.arange(8).castTo(DataType.DOUBLE).reshape(1, 8), 8);
        show(report, arrays, "get_angles(pos_m, dims, d_model)", angles);

        report.say("== positional_encoding");
        INDArray pe = positionalEncoding(50, 512);
        report.result("pos_encoding.shape = " + Shapes.format(pe.shape()));
        show(report, arrays, "pos_encoding[0, 1, :4]", pe.get(point(0), point(1), interval(0, 4)));
        arrays.put("pos_encoding", pe);
        Path plot = plotEncoding(pe, options.out.resolve(ENCODING_PLOT));
        report.say("Wrote " + plot);

        report.say("== create_padding_mask");
        INDArray x = Nd4j.createFromArray(new double[][] {{7, 6, 0, 0, 1}, {1, 2, 3, 0, 0}, {0, 0, 0, 4, 5}});
        INDArray paddingMask = createPaddingMask(x);
        show(report, arrays, "create_padding_mask(x)", paddingMask);
        show(report, arrays, "tf.keras.activations.softmax(x)", AttentionMath.softmax(x));
        // x (3, 5) + mask (3, 1, 5) broadcasts to (3, 3, 5): [i][j] is row j of x under the mask of row i
        INDArray masked = x.reshape(1, 3, 5).broadcast(3, 3, 5).add(paddingMask.broadcast(3, 3, 5).rsub(1).muli(-1e9));
        show(report, arrays, "tf.keras.activations.softmax(x + (1 - create_padding_mask(x)) * -1.0e9)",
                AttentionMath.softmax(masked));

        report.say("== create_look_ahead_mask");
        show(report, arrays, "create_look_ahead_mask(3)", createLookAheadMask(3));

        report.say("== scaled_dot_product_attention");
        INDArray q = Nd4j.createFromArray(new double[][] {{1, 0, 1, 1}, {0, 1, 1, 1}, {1, 0, 0, 1}});
        INDArray k = Nd4j.createFromArray(new double[][] {{1, 1, 0, 1}, {1, 0, 1, 1}, {0, 1, 1, 0}, {0, 0, 0, 1}});
        INDArray v = Nd4j.createFromArray(new double[][] {{0, 0}, {1, 0}, {1, 0}, {1, 1}});
        Attention plain = scaledDotProductAttention(q, k, v, null);
        show(report, arrays, "attention_weights", plain.weights());
        show(report, arrays, "attention", plain.output());
        INDArray mask = Nd4j.createFromArray(new double[][][] {{{1, 1, 0, 1}, {1, 1, 0, 1}, {1, 1, 0, 1}}});
        Attention withMask = scaledDotProductAttention(q.reshape(1, 3, 4), k.reshape(1, 4, 4), v.reshape(1, 4, 2),
                mask);
        show(report, arrays, "attention_weights (mask)", withMask.weights());
        show(report, arrays, "attention (mask)", withMask.output());

        double nd4jDifference = nd4jAttention(report, q, k, v, mask, options.seed);
        notebookLayers(report, arrays, options.seed);
        return trainReverse(options, report, arrays, nd4jDifference, plot);
    }

    private static void show(Report report, Map<String, INDArray> arrays, String name, INDArray value) {
        arrays.put(name, value);
        report.result(name + " =");
        report.result(NumpyFormat.array(value));
    }

    private static Path plotEncoding(INDArray pe, Path png) {
        int positions = (int) pe.size(1);
        int d = (int) pe.size(2);
        double[][] values = pe.reshape(positions, d).toDoubleMatrix();
        List<String> columns = new ArrayList<>();
        for (int i = 0; i < d; i++) {
            columns.add(i % 64 == 0 ? Integer.toString(i) : " ");      // a label every 64 columns
        }
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < positions; i++) {
            rows.add(i % 10 == 0 ? Integer.toString(i) : " ");
        }
        return HeatMapPlot.save("Positional encoding (50, 512)", "d", columns, "Position", rows, values, -1, 1, png);
    }

    /** ND4J's attention ops against the scratch code: the largest difference. */
    private static double nd4jAttention(Report report, INDArray q, INDArray k, INDArray v, INDArray mask,
            long seed) {
        report.say("== ND4J's attention ops on the same inputs");
        INDArray ours = scaledDotProductAttention(q.reshape(1, 3, 4), k.reshape(1, 4, 4), v.reshape(1, 4, 2), mask)
                .output();
        INDArray theirs = TransformerSameDiff.dotProductAttention(q.reshape(1, 3, 4), k.reshape(1, 4, 4),
                v.reshape(1, 4, 2), mask.get(all(), point(0), all()));
        double sdpa = ours.sub(theirs).amaxNumber().doubleValue();
        report.result("sd.nn.dotProductAttention: max |output - scratch| = " + NumpyFormat.repr(sdpa));
        Config config = new Config(1, 4, 2, 2, 8, 10, 10, 5, 5, 1e-6);
        Parameters p = TransformerNet.initialize(config, seed);
        INDArray query = new NumpyRandom(seed).randn(2, 3, 4).castTo(DataType.DOUBLE);
        INDArray padding = Nd4j.createFromArray(new double[][] {{1, 1, 0}, {1, 1, 1}});
        INDArray scratch = TransformerNet.multiHeadAttention(p, "encoder.layer0.mha", 2, query, query,
                padding.reshape(2, 1, 3)).output();
        INDArray mha = TransformerSameDiff.multiHeadDotProductAttention(p, "encoder.layer0.mha", 2, query, query,
                padding);
        double multi = scratch.sub(mha).amaxNumber().doubleValue();
        report.result("sd.nn.multiHeadDotProductAttention: max |output - scratch| = " + NumpyFormat.repr(multi));
        return Math.max(sdpa, multi);
    }

    /** The notebook's layer tests on fresh weights (not TensorFlow's): shapes and what the masks do. */
    private static void notebookLayers(Report report, Map<String, INDArray> arrays, long seed) {
        report.say("== EncoderLayer(4, 2, 8), Encoder, DecoderLayer, Decoder, Transformer (fresh Glorot weights)");
        Config layerConfig = new Config(1, 4, 2, 4, 8, 32, 35, 5, 6, 1e-6);
        Parameters p = TransformerNet.initialize(layerConfig, seed);
        INDArray q = Nd4j.createFromArray(new double[][][] {{{1, 0, 1, 1}, {0, 1, 1, 1}, {1, 0, 0, 1}}});
        INDArray encoded = encoderLayer(p, "encoder.layer0", layerConfig, q,
                Nd4j.createFromArray(new double[][][] {{{1, 0, 1}}}));
        arrays.put("encoder_layer_out", encoded);
        report.result("EncoderLayer output shape " + Shapes.format(encoded.shape()));
        Config full = new Config(2, 4, 2, 4, 8, 30, 35, 5, 6, 1e-6);
        Parameters weights = TransformerNet.initialize(full, seed);
        INDArray a = Nd4j.createFromArray(new double[][] {{2, 1, 4, 3, 0}});
        INDArray b = Nd4j.createFromArray(new double[][] {{3, 2, 1, 0, 0}});
        Decoded translation = transformer(weights, full, a, b, createPaddingMask(a), createLookAheadMask(5),
                createPaddingMask(a));
        arrays.put("translation", translation.output());
        INDArray first = translation.attentionWeights().get("decoder_layer1_block1_self_att");
        arrays.put("decoder_layer1_block1_self_att", first);
        report.result("Transformer output shape " + Shapes.format(translation.output().shape())
                + ", " + translation.attentionWeights().size() + " attention weights, e.g. "
                + "decoder_layer1_block1_self_att " + Shapes.format(first.shape()));
        report.result("decoder_layer1_block1_self_att[0, 0, 1] = "
                + NumpyFormat.array(first.get(point(0), point(0), point(1), all())));
        report.result("decoder_layer1_block2_decenc_att[0, 0, 1] = " + NumpyFormat.array(translation
                .attentionWeights().get("decoder_layer1_block2_decenc_att").get(point(0), point(0), point(1), all())));
    }

    // ------------------------------------------------------------------------ 7 - learning to reverse

    /** Token ids: 0 padding, 1 start, digit {@code n} is {@code n + 2}. */
    static final int START = 1;
    static final int DIGIT0 = 2;

    /**
     * {@code count} random digit sequences: {@code [source, decoder input, target]}, the target the source reversed,
     * the decoder input the target shifted right behind the start token.
     */
    static INDArray[] reverseBatch(NumpyRandom rng, int count, int length) {
        INDArray source = Nd4j.zeros(DataType.DOUBLE, count, length);
        INDArray decoderInput = Nd4j.zeros(DataType.DOUBLE, count, length);
        INDArray target = Nd4j.zeros(DataType.DOUBLE, count, length);
        for (int i = 0; i < count; i++) {
            long[] digits = rng.randint(0, 10, length);
            for (int t = 0; t < length; t++) {
                source.putScalar(i, t, digits[t] + DIGIT0);
                target.putScalar(i, t, digits[length - 1 - t] + DIGIT0);
                decoderInput.putScalar(i, t, t == 0 ? START : digits[length - t] + DIGIT0);
            }
        }
        return new INDArray[] {source, decoderInput, target};
    }

    private static Result trainReverse(Options options, Report report, Map<String, INDArray> arrays,
            double nd4jDifference, Path plot) {
        int length = options.length;
        report.say("== A Transformer learns to reverse " + length + " digits (SameDiff, Adam "
                + options.learningRate + ", batch " + options.batchSize + ")");
        Config config = reverseTaskConfig(length);
        Parameters initial = TransformerNet.initialize(config, options.seed);
        SameDiff sd = TransformerSameDiff.build(config, initial, length, length, options.learningRate);
        NumpyRandom rng = new NumpyRandom(options.seed + 1);
        CostRecorder recorder = CostRecorder.every(50).andLast(options.steps)
                .onRecord((i, loss) -> report.say("Step " + i + ": loss " + NumpyFormat.fixed6(loss)));
        Progress progress = report.progress("training", options.steps);
        for (int step = 0; step < options.steps; step++) {
            INDArray[] batch = reverseBatch(rng, options.batchSize, length);
            MultiDataSet data = new MultiDataSet(new INDArray[] {batch[0], batch[1]},
                    new INDArray[] {TransformerSameDiff.oneHot(batch[2], config.targetVocab())});
            double loss = TransformerSameDiff.fitStep(sd, data);
            recorder.record(step, loss);
            progress.step();
        }
        progress.close();
        Parameters trained = TransformerSameDiff.weights(sd, initial);
        INDArray[] test = reverseBatch(new NumpyRandom(options.seed + 2), 200, length);
        INDArray decoded = greedyDecode(trained, config, test[0]);
        double tokens = decoded.eq(test[2]).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        double sequences = decoded.eq(test[2]).castTo(DataType.DOUBLE).min(1).meanNumber().doubleValue();
        arrays.put("reverse source", test[0]);
        arrays.put("reverse decoded", decoded);
        report.say("source  " + digits(test[0].getRow(0)) + " -> decoded " + digits(decoded.getRow(0)));
        report.result("Test digits right (greedy decoding, scratch Transformer): " + NumpyFormat.fixed6(tokens));
        report.result("Test sequences reversed exactly: " + NumpyFormat.fixed6(sequences));
        return new Result(arrays, recorder.curve(), sequences, tokens, nd4jDifference, plot);
    }

    /** Greedy decoding with {@link #transformer}: start token, then the most likely token, one at a time. */
    public static INDArray greedyDecode(Parameters weights, Config config, INDArray source) {
        long m = source.size(0);
        int length = (int) source.size(1);
        INDArray output = Nd4j.zeros(DataType.DOUBLE, m, length);
        INDArray decoderInput = Nd4j.zeros(DataType.DOUBLE, m, length);
        decoderInput.getColumn(0).assign(START);
        INDArray encMask = AttentionMath.paddingMask(source);
        for (int t = 0; t < length; t++) {
            INDArray sofar = decoderInput.get(all(), interval(0, t + 1)).dup();
            INDArray probs = transformer(weights, config, source, sofar, encMask, AttentionMath.lookAheadMask(t + 1),
                    encMask).output();
            INDArray next = probs.get(all(), point(t), all()).argMax(1).castTo(DataType.DOUBLE);
            output.getColumn(t).assign(next);
            if (t + 1 < length) {
                decoderInput.getColumn(t + 1).assign(next);
            }
        }
        return output;
    }

    private static String digits(INDArray ids) {
        StringBuilder s = new StringBuilder();
        for (int id : ids.toIntVector()) {
            s.append(id >= DIGIT0 ? Integer.toString(id - DIGIT0) : "?");
        }
        return s.toString();
    }
}
