package org.dls4j.course5.week4;

import static org.dls4j.shared.exercise.Expect.matrix;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.exercise.Expect;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.scratch.attention.AttentionMath;
import org.dls4j.shared.scratch.attention.TransformerNet;
import org.dls4j.shared.scratch.attention.TransformerNet.Config;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The 2021 notebook's test cells for the five graded functions of {@link Transformer} written from scratch (its
 * printed values are TensorFlow's float32, so within 1e-7), and for its five graded layers ({@code EncoderLayer},
 * {@code Encoder}, {@code DecoderLayer}, {@code Decoder}, {@code Transformer}) at the notebook's test sizes. The
 * notebook's expected layer outputs come from TensorFlow's random initialisers and cannot be matched, so the layers
 * are checked by what a wrong one fails: the shapes; agreement with the same layer evaluated by SameDiff
 * ({@link TransformerSameDiff}, an independent computation) on numpy-seeded weights whose biases, layer-norm gains
 * and offsets are not Keras' zeros and ones (so that each one counts); each position's features standardised (mean 0,
 * variance 1) where the last layer norm has Keras' fresh gain 1 and offset 0; and the masks honoured: a masked key's
 * attention weight is 0, and changing a padded token, or a later target token, changes no output that must not see it.
 */
public final class TransformerChecks implements GradedChecks {

    private static final double FLOAT32 = 1e-7;
    private static final double LAYER_NORM_EPS = 1e-6;

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(Transformer.class);
    }

    @Override
    public List<GradedCheck> checks() {
        INDArray q = matrix(new double[] {1, 0, 1, 1}, new double[] {0, 1, 1, 1}, new double[] {1, 0, 0, 1});
        INDArray k = matrix(new double[] {1, 1, 0, 1}, new double[] {1, 0, 1, 1}, new double[] {0, 1, 1, 0},
                new double[] {0, 0, 0, 1});
        INDArray v = matrix(new double[] {0, 0}, new double[] {1, 0}, new double[] {1, 0}, new double[] {1, 1});
        return List.of(
                GradedCheck.of("get_angles", expect -> expect.close("get_angles(pos_m, dims, 8)",
                        matrix(new double[] {0, 0, 0, 0, 0, 0, 0, 0},
                                new double[] {1, 1, 0.1, 0.1, 0.01, 0.01, 0.001, 0.001},
                                new double[] {2, 2, 0.2, 0.2, 0.02, 0.02, 0.002, 0.002},
                                new double[] {3, 3, 0.3, 0.3, 0.03, 0.03, 0.003, 0.003}),
                        Transformer.getAngles(Nd4j.arange(4).castTo(DataType.DOUBLE).reshape(4, 1),
                                Nd4j.arange(8).castTo(DataType.DOUBLE).reshape(1, 8), 8))),
                GradedCheck.of("positional_encoding", expect -> {
                    INDArray pe = Transformer.positionalEncoding(50, 512);
                    expect.shape("pos_encoding", new long[] {1, 50, 512}, pe)
                            .close("pos_encoding[0, 1, :4]", Nd4j.createFromArray(0.84147096, 0.5403023, 0.8218562,
                                    0.569695), pe.get(NDArrayIndex.point(0), NDArrayIndex.point(1),
                                    NDArrayIndex.interval(0, 4)), 0, FLOAT32);
                }),
                GradedCheck.of("create_padding_mask", expect -> expect.close("create_padding_mask(x)",
                        Nd4j.createFromArray(new double[][][] {{{1, 1, 0, 0, 1}}, {{1, 1, 1, 0, 0}},
                            {{0, 0, 0, 1, 1}}}),
                        Transformer.createPaddingMask(matrix(new double[] {7, 6, 0, 0, 1}, new double[] {1, 2, 3, 0, 0},
                                new double[] {0, 0, 0, 4, 5})))),
                GradedCheck.of("create_look_ahead_mask", expect -> expect.close("create_look_ahead_mask(3)",
                        Nd4j.createFromArray(new double[][][] {{{1, 0, 0}, {1, 1, 0}, {1, 1, 1}}}),
                        Transformer.createLookAheadMask(3))),
                GradedCheck.of("scaled_dot_product_attention", expect -> {
                    Transformer.Attention plain = Transformer.scaledDotProductAttention(q, k, v, null);
                    expect.close("attention_weights", matrix(new double[] {0.2589478, 0.42693272, 0.15705977,
                                    0.15705977}, new double[] {0.2772748, 0.2772748, 0.2772748, 0.16817567},
                                    new double[] {0.33620113, 0.33620113, 0.12368149, 0.2039163}), plain.weights(),
                                    0, FLOAT32)
                            .close("attention", matrix(new double[] {0.74105227, 0.15705977},
                                    new double[] {0.7227253, 0.16817567}, new double[] {0.6637989, 0.2039163}),
                                    plain.output(), 0, FLOAT32);
                    INDArray mask = Nd4j.createFromArray(new double[][][] {{{1, 1, 0, 1}, {1, 1, 0, 1},
                        {1, 1, 0, 1}}});
                    Transformer.Attention masked = Transformer.scaledDotProductAttention(q.reshape(1, 3, 4),
                            k.reshape(1, 4, 4), v.reshape(1, 4, 2), mask);
                    expect.close("attention_weights (mask)", Nd4j.createFromArray(new double[][][] {{{0.3071959,
                        0.5064804, 0, 0.18632373}, {0.38365173, 0.38365173, 0, 0.23269655}, {0.38365173, 0.38365173,
                            0, 0.23269655}}}), masked.weights(), 0, FLOAT32)
                            .close("attention (mask)", Nd4j.createFromArray(new double[][][] {{{0.6928041, 0.18632373},
                                {0.61634827, 0.23269655}, {0.61634827, 0.23269655}}}), masked.output(), 0, FLOAT32);
                }),
                GradedCheck.of("EncoderLayer", TransformerChecks::encoderLayer),
                GradedCheck.of("Encoder", TransformerChecks::encoder),
                GradedCheck.of("DecoderLayer", TransformerChecks::decoderLayer),
                GradedCheck.of("Decoder", TransformerChecks::decoder),
                GradedCheck.of("Transformer", TransformerChecks::transformer));
    }

    /** {@code EncoderLayer(4, 2, 8)} on the notebook's {@code q} and a random second example. */
    private static void encoderLayer(Expect expect) {
        Config c = new Config(1, 4, 2, 4, 8, 32, 35, 5, 6, LAYER_NORM_EPS);
        INDArray x = Nd4j.concat(0, Nd4j.createFromArray(new double[][][] {{{1, 0, 1, 1}, {0, 1, 1, 1},
            {1, 0, 0, 1}}}), new NumpyRandom(3).randn(1, 3, 4).castTo(DataType.DOUBLE));
        INDArray mask = Nd4j.createFromArray(new double[][][] {{{1, 0, 1}}, {{1, 1, 1}}});
        INDArray fresh = Transformer.encoderLayer(TransformerNet.initialize(c, 42), "encoder.layer0", c, x, mask);
        expect.shape("encoder_layer_out", new long[] {2, 3, 4}, fresh);
        standardised(expect, "encoder_layer_out", fresh);
        Parameters p = weights(c, 42);
        INDArray out = Transformer.encoderLayer(p, "encoder.layer0", c, x, mask);
        expect.digits("encoder_layer_out (SameDiff's)", TransformerSameDiff.encoderLayer(p, "encoder.layer0", c, x,
                mask), out);
        // example 0's position 1 is masked: what is there changes nothing at positions 0 and 2
        INDArray changed = x.dup();
        changed.get(point(0), point(1), all()).assign(Nd4j.createFromArray(5.0, -3, 2, 7));
        expect.digits("positions 0 and 2 of example 0 when its masked position 1 changes", positions(out, 0, 0, 2),
                positions(Transformer.encoderLayer(p, "encoder.layer0", c, changed, mask), 0, 0, 2));
    }

    /** {@code Encoder(2, 4, 2, 8, 32, 5)} on the notebook's {@code x = [[2, 1, 3], [1, 2, 0]]}. */
    private static void encoder(Expect expect) {
        Config c = new Config(2, 4, 2, 4, 8, 32, 35, 5, 6, LAYER_NORM_EPS);
        INDArray ids = Nd4j.createFromArray(new double[][] {{2, 1, 3}, {1, 2, 0}});
        INDArray mask = AttentionMath.paddingMask(ids);
        INDArray fresh = Transformer.encoder(TransformerNet.initialize(c, 42), c, ids, mask);
        expect.shape("encoder output", new long[] {2, 3, 4}, fresh);
        standardised(expect, "encoder output", fresh);
        Parameters p = weights(c, 42);
        INDArray out = Transformer.encoder(p, c, ids, mask);
        expect.digits("encoder output (SameDiff's)", TransformerSameDiff.encoder(p, c, ids, mask), out);
        INDArray other = Nd4j.createFromArray(new double[][] {{2, 1, 3}, {1, 2, 7}});
        expect.digits("positions 0 and 1 of example 1 when its padded token becomes 7 (same mask)",
                positions(out, 1, 0, 1), positions(Transformer.encoder(p, c, other, mask), 1, 0, 1));
    }

    /** {@code DecoderLayer(4, 8, 32)}: the notebook's {@code q}, a random encoder output, padding mask [[1, 1, 0]]. */
    private static void decoderLayer(Expect expect) {
        Config c = new Config(1, 4, 8, 4, 32, 32, 35, 5, 6, LAYER_NORM_EPS);
        INDArray x = Nd4j.createFromArray(new double[][][] {{{1, 0, 1, 1}, {0, 1, 1, 1}, {1, 0, 0, 1}}});
        INDArray encOutput = new NumpyRandom(5).randn(1, 3, 4).castTo(DataType.DOUBLE);
        INDArray lookAhead = AttentionMath.lookAheadMask(3);
        INDArray padding = Nd4j.createFromArray(new double[][][] {{{1, 1, 0}}});
        Transformer.DecoderLayerOutput fresh = Transformer.decoderLayer(TransformerNet.initialize(c, 42),
                "decoder.layer0", c, x, encOutput, lookAhead, padding);
        expect.shape("out", new long[] {1, 3, 4}, fresh.output())
                .shape("attn_w_b1", new long[] {1, 8, 3, 3}, fresh.block1())
                .shape("attn_w_b2", new long[] {1, 8, 3, 3}, fresh.block2());
        standardised(expect, "out", fresh.output());
        Parameters p = weights(c, 42);
        Transformer.DecoderLayerOutput out = Transformer.decoderLayer(p, "decoder.layer0", c, x, encOutput,
                lookAhead, padding);
        expect.close("attn_w_b1 above the diagonal (the look-ahead mask)", 0, upperTriangleMax(out.block1()), 0, 0)
                .close("attn_w_b2 of the padded encoder position 2", 0, out.block2().get(all(), all(), all(),
                        point(2)).amaxNumber().doubleValue(), 0, 0);
        Map<String, INDArray> sameDiff = TransformerSameDiff.decoderLayer(p, "decoder.layer0", c, x, encOutput,
                lookAhead, padding);
        expect.digits("out (SameDiff's)", sameDiff.get("output"), out.output())
                .digits("attn_w_b1 (SameDiff's)", sameDiff.get("block1"), out.block1())
                .digits("attn_w_b2 (SameDiff's)", sameDiff.get("block2"), out.block2());
    }

    /** {@code Decoder(7, 4, 3, 8, 33, 6)} on {@code x = [[3, 2, 1], [2, 1, 0]]} and a random encoder output. */
    private static void decoder(Expect expect) {
        Config c = new Config(7, 4, 3, 4, 8, 33, 33, 6, 6, LAYER_NORM_EPS);
        INDArray ids = Nd4j.createFromArray(new double[][] {{3, 2, 1}, {2, 1, 0}});
        INDArray encOutput = new NumpyRandom(7).randn(2, 3, 4).castTo(DataType.DOUBLE);
        INDArray lookAhead = AttentionMath.lookAheadMask(3);
        INDArray padding = Nd4j.createFromArray(new double[][][] {{{1, 1, 1}}, {{1, 1, 0}}});
        Transformer.Decoded fresh = Transformer.decoder(TransformerNet.initialize(c, 42), c, ids, encOutput,
                lookAhead, padding);
        expect.shape("x", new long[] {2, 3, 4}, fresh.output());
        standardised(expect, "x", fresh.output());
        Parameters p = weights(c, 42);
        Transformer.Decoded out = Transformer.decoder(p, c, ids, encOutput, lookAhead, padding);
        Map<String, INDArray> sameDiff = TransformerSameDiff.decoder(p, c, ids, encOutput, lookAhead, padding);
        expect.equal("attention_weights' names", List.copyOf(sameDiff.keySet()).subList(1, sameDiff.size()),
                        List.copyOf(out.attentionWeights().keySet()))
                .digits("x (SameDiff's)", sameDiff.get("output"), out.output());
        for (String name : List.of("decoder_layer1_block1_self_att", "decoder_layer7_block2_decenc_att")) {
            expect.digits(name + " (SameDiff's)", sameDiff.get(name), out.attentionWeights().get(name));
        }
        INDArray later = Nd4j.createFromArray(new double[][] {{3, 2, 9}, {2, 1, 0}});
        expect.digits("positions 0 and 1 of example 0 when its target token 2 changes", positions(out.output(), 0, 0,
                1), positions(Transformer.decoder(p, c, later, encOutput, lookAhead, padding).output(), 0, 0, 1));
    }

    /** {@code Transformer(6, 4, 4, 8, 30, 35, 5, 6)} on the notebook's {@code a = [[2, 1, 4, 3, 0]]}, {@code b}. */
    private static void transformer(Expect expect) {
        Config c = new Config(6, 4, 4, 4, 8, 30, 35, 5, 6, LAYER_NORM_EPS);
        INDArray a = Nd4j.createFromArray(new double[][] {{2, 1, 4, 3, 0}});
        INDArray b = Nd4j.createFromArray(new double[][] {{3, 2, 1, 0, 0}});
        INDArray padding = AttentionMath.paddingMask(a);
        INDArray lookAhead = AttentionMath.lookAheadMask(5);
        Parameters p = weights(c, 42);
        Transformer.Decoded out = Transformer.transformer(p, c, a, b, padding, lookAhead, padding);
        expect.shape("translation", new long[] {1, 5, 35}, out.output())
                .close("sum of each position's probabilities", Nd4j.ones(1, 5), out.output().sum(2), 0, 1e-12)
                .equal("attention weights", 12, out.attentionWeights().size());
        Map<String, INDArray> sameDiff = TransformerSameDiff.transformer(p, c, a, b);
        expect.digits("translation (SameDiff's)", sameDiff.get("probs"), out.output());
        INDArray first = out.attentionWeights().get("decoder_layer1_block1_self_att");
        expect.digits("decoder_layer1_block1_self_att (SameDiff's)", sameDiff.get("decoder_layer1_block1_self_att"),
                first)
                .close("decoder_layer1_block1_self_att above the diagonal", 0, first == null ? 1
                        : upperTriangleMax(first), 0, 0)
                .close("decoder_layer6_block2_decenc_att of the padded input position 4", 0, out.attentionWeights()
                        .get("decoder_layer6_block2_decenc_att").get(all(), all(), all(), point(4)).amaxNumber()
                        .doubleValue(), 0, 0);
        INDArray swapped = Nd4j.createFromArray(new double[][] {{2, 1, 4, 3, 7}});
        expect.digits("translation when the padded input token becomes 7 (same masks)", out.output(),
                Transformer.transformer(p, c, swapped, b, padding, lookAhead, padding).output());
    }

    /**
     * Fresh weights ({@link TransformerNet#initialize}) with every bias, layer-norm gain and offset moved by a normal
     * draw of scale 0.1 (numpy's {@code RandomState(seed + 1)}, in the parameters' order): none of them is 0 or 1.
     */
    static Parameters weights(Config c, long seed) {
        Parameters p = TransformerNet.initialize(c, seed);
        NumpyRandom rng = new NumpyRandom(seed + 1);
        for (String name : p.names()) {
            INDArray value = p.get(name);
            boolean kernel = name.endsWith("embedding") || name.matches(".*\\.w[qkvo]?$");
            if (!kernel) {
                int[] shape = Arrays.stream(value.shape()).mapToInt(Math::toIntExact).toArray();
                value.addi(rng.randn(shape).castTo(DataType.DOUBLE).reshape(value.shape()).muli(0.1));
            }
        }
        return p;
    }

    /** Each position's features: mean 0 and variance 1 (the layer norm's eps 1e-6 lowers it by about 1e-6). */
    private static void standardised(Expect expect, String what, INDArray out) {
        long[] positions = {out.size(0), out.size(1)};
        expect.close("mean of each position of " + what + " (fresh weights)", Nd4j.zeros(DataType.DOUBLE, positions),
                        out.mean(2), 0, 1e-12)
                .close("variance of each position of " + what + " (fresh weights)",
                        Nd4j.ones(DataType.DOUBLE, positions), out.var(false, 2), 0, 1e-4);
    }

    private static INDArray positions(INDArray out, int example, int... positions) {
        return Nd4j.concat(0, Arrays.stream(positions).mapToObj(t -> out.get(point(example), point(t),
                all()).reshape(1, -1)).toArray(INDArray[]::new));
    }

    /** The largest weight a query gives a later key, over every example and head. */
    private static double upperTriangleMax(INDArray weights) {
        long n = weights.size(-1);
        double max = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                max = Math.max(max, weights.get(all(), all(), point(i), point(j)).amaxNumber().doubleValue());
            }
        }
        return max;
    }
}
