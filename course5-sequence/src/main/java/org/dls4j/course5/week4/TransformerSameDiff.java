package org.dls4j.course5.week4;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dls4j.shared.scratch.attention.AttentionMath;
import org.dls4j.shared.scratch.attention.TransformerNet;
import org.dls4j.shared.scratch.attention.TransformerNet.Config;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The Transformer as a SameDiff graph, for training with SameDiff's automatic gradients: the layers of
 * {@link Transformer}'s from-scratch forward pass, with the same parameter names, so that weights move between the
 * two as they are. Dropout is left out (the scratch pass is inference). Each layer can also be evaluated alone on
 * given inputs and masks ({@link #encoderLayer}, {@link #encoder}, {@link #decoderLayer}, {@link #decoder},
 * {@link #transformer}): the independent computation that the graded layers are checked against. Also ND4J's own
 * attention ops, {@code sd.nn.dotProductAttention} and {@code sd.nn.multiHeadDotProductAttention}, run on given
 * weights to compare with the scratch code.
 *
 * <p>Placeholders: {@code src (m, Ts)} and {@code tgtIn (m, Tt)} token ids (as doubles, 0 = padding), {@code labels
 * (m * Tt, target vocabulary)} one-hot. Outputs: {@code probs (m, Tt, target vocabulary)} and the mean
 * cross-entropy {@code loss}. The encoder's padding mask and the decoder's look-ahead mask are computed in the graph
 * from the ids.
 */
public final class TransformerSameDiff {

    private TransformerSameDiff() {
    }

    /** A graph for {@code config} on sequences of {@code sourceLength} and {@code targetLength}, from {@code weights}. */
    public static SameDiff build(Config config, Parameters weights, int sourceLength, int targetLength,
            double learningRate) {
        SameDiff sd = forward(config, weights, sourceLength, targetLength);
        SDVariable labels = sd.placeHolder("labels", DataType.DOUBLE, -1, config.targetVocab());
        sd.loss.softmaxCrossEntropy("loss", labels, sd.getVariable("logits"), null);
        sd.setLossVariables("loss");
        sd.setTrainingConfig(TrainingConfig.builder().updater(new Adam(learningRate))
                .dataSetFeatureMapping("src", "tgtIn").dataSetLabelMapping("labels").build());
        // M2.1 prints a line to standard output for every op it differentiates: build the gradients quietly now
        PrintStream out = System.out;
        try {
            System.setOut(new PrintStream(OutputStream.nullOutputStream()));
            sd.createGradFunction();
        } finally {
            System.setOut(out);
        }
        return sd;
    }

    /**
     * The forward pass alone: placeholders {@code src} and {@code tgtIn}, outputs {@code probs}, {@code logits}
     * {@code (m * Tt, target vocabulary)} and each attention block's weights ({@link #weightsName}).
     */
    public static SameDiff forward(Config config, Parameters weights, int sourceLength, int targetLength) {
        SameDiff sd = withWeights(weights);
        SDVariable src = sd.placeHolder("src", DataType.DOUBLE, -1, sourceLength);
        SDVariable tgtIn = sd.placeHolder("tgtIn", DataType.DOUBLE, -1, targetLength);
        // create_padding_mask(inp) as (m, 1, 1, Ts): 1 where the token is not padding
        SDVariable encMask = sd.neq(src, 0.0).castTo(DataType.DOUBLE).reshape(-1, 1, 1, sourceLength);
        SDVariable lookAhead = sd.constant(AttentionMath.lookAheadMask(targetLength)
                .reshape(1, 1, targetLength, targetLength));
        SDVariable encOutput = encoder(sd, config, src, encMask, sourceLength);
        SDVariable y = decoder(sd, config, tgtIn, encOutput, lookAhead, encMask, targetLength, sourceLength);
        SDVariable logits = sd.identity("logits", dense(sd, y.reshape(-1, config.d()), "final.w", "final.b"));
        sd.nn.softmax("probs", logits.reshape(-1, targetLength, config.targetVocab()), 2);
        return sd;
    }

    /** The SameDiff name of the attention weights {@code (m, heads, Tq, Tk)} of the attention block {@code prefix}. */
    public static String weightsName(String prefix) {
        return prefix + ".weights";
    }

    // ------------------------------------------------------------------------------ the layers, one at a time

    /** The encoder layer {@code prefix} of {@code p} on {@code x (m, T, d)}, {@code mask (m, 1, T)}: its output. */
    public static INDArray encoderLayer(Parameters p, String prefix, Config c, INDArray x, INDArray mask) {
        SameDiff sd = withWeights(p);
        SDVariable out = encoderLayer(sd, prefix, c, sd.constant(x), perHead(sd, mask), (int) x.size(1));
        return sd.identity("out", out).eval();
    }

    /** The encoder on the ids {@code (m, T)} with {@code mask (m, 1, T)}: its output {@code (m, T, d)}. */
    public static INDArray encoder(Parameters p, Config c, INDArray ids, INDArray mask) {
        SameDiff sd = withWeights(p);
        return sd.identity("out", encoder(sd, c, sd.constant(ids), perHead(sd, mask), (int) ids.size(1))).eval();
    }

    /**
     * The decoder layer {@code prefix} of {@code p}: its output (key {@code "output"}) and the weights of its two
     * attention blocks ({@code "block1"}, {@code "block2"}); the masks as the scratch layers take them.
     */
    public static Map<String, INDArray> decoderLayer(Parameters p, String prefix, Config c, INDArray x,
            INDArray encOutput, INDArray lookAheadMask, INDArray paddingMask) {
        SameDiff sd = withWeights(p);
        sd.identity("output", decoderLayer(sd, prefix, c, sd.constant(x), sd.constant(encOutput),
                perHead(sd, lookAheadMask), perHead(sd, paddingMask), (int) x.size(1), (int) encOutput.size(1)));
        Map<String, INDArray> out = sd.output(Map.of(), "output", weightsName(prefix + ".mha1"),
                weightsName(prefix + ".mha2"));
        return Map.of("output", out.get("output"), "block1", out.get(weightsName(prefix + ".mha1")), "block2",
                out.get(weightsName(prefix + ".mha2")));
    }

    /**
     * The decoder on the ids {@code (m, Tt)}: its output (key {@code "output"}) and the attention weights under the
     * notebook's names ({@code decoder_layer1_block1_self_att}, ...).
     */
    public static Map<String, INDArray> decoder(Parameters p, Config c, INDArray ids, INDArray encOutput,
            INDArray lookAheadMask, INDArray paddingMask) {
        SameDiff sd = withWeights(p);
        sd.identity("output", decoder(sd, c, sd.constant(ids), sd.constant(encOutput), perHead(sd, lookAheadMask),
                perHead(sd, paddingMask), (int) ids.size(1), (int) encOutput.size(1)));
        return outputs(sd, c, Map.of(), "output");
    }

    /**
     * The whole Transformer's forward pass ({@link #forward}) on the ids: the probabilities (key {@code "probs"}) and
     * the attention weights under the notebook's names; the masks come from the ids.
     */
    public static Map<String, INDArray> transformer(Parameters p, Config c, INDArray input, INDArray output) {
        SameDiff sd = forward(c, p, (int) input.size(1), (int) output.size(1));
        return outputs(sd, c, Map.of("src", input, "tgtIn", output), "probs");
    }

    /** {@code main} and the decoder's attention weights, those under the notebook's names. */
    private static Map<String, INDArray> outputs(SameDiff sd, Config c, Map<String, INDArray> placeholders,
            String main) {
        Map<String, String> names = new LinkedHashMap<>();
        names.put(main, main);
        for (int i = 0; i < c.numLayers(); i++) {
            names.put(weightsName("decoder.layer" + i + ".mha1"), "decoder_layer" + (i + 1) + "_block1_self_att");
            names.put(weightsName("decoder.layer" + i + ".mha2"), "decoder_layer" + (i + 1) + "_block2_decenc_att");
        }
        Map<String, INDArray> values = sd.output(placeholders, names.keySet().toArray(String[]::new));
        Map<String, INDArray> out = new LinkedHashMap<>();
        names.forEach((name, notebookName) -> out.put(notebookName, values.get(name)));
        return out;
    }

    /** A graph holding {@code weights} as variables under their names. */
    private static SameDiff withWeights(Parameters weights) {
        SameDiff sd = SameDiff.create();
        for (String name : weights.names()) {
            sd.var(name, weights.get(name).dup());
        }
        return sd;
    }

    /** A mask {@code (m, 1, Tk)} or {@code (1, Tq, Tk)} with an axis for the heads: {@code (m, 1, 1, Tk)}, ... */
    private static SDVariable perHead(SameDiff sd, INDArray mask) {
        return sd.constant(mask.castTo(DataType.DOUBLE).reshape(mask.size(0), 1, mask.size(1), mask.size(2)));
    }

    private static SDVariable encoderLayer(SameDiff sd, String prefix, Config c, SDVariable x, SDVariable mask,
            int length) {
        SDVariable attention = multiHeadAttention(sd, prefix + ".mha", c, x, x, mask, length, length);
        SDVariable skip = layerNorm(sd, prefix + ".norm1", x.add(attention), c);
        return layerNorm(sd, prefix + ".norm2", skip.add(feedForward(sd, prefix + ".ffn", skip, c, length)), c);
    }

    private static SDVariable encoder(SameDiff sd, Config c, SDVariable ids, SDVariable mask, int length) {
        SDVariable x = embed(sd, "encoder", ids, c, c.maxInputPositions(), length);
        for (int i = 0; i < c.numLayers(); i++) {
            x = encoderLayer(sd, "encoder.layer" + i, c, x, mask, length);
        }
        return x;
    }

    private static SDVariable decoderLayer(SameDiff sd, String prefix, Config c, SDVariable y, SDVariable encOutput,
            SDVariable lookAhead, SDVariable encMask, int targetLength, int sourceLength) {
        SDVariable q1 = layerNorm(sd, prefix + ".norm1", multiHeadAttention(sd, prefix + ".mha1", c, y, y, lookAhead,
                targetLength, targetLength).add(y), c);
        SDVariable out2 = layerNorm(sd, prefix + ".norm2", multiHeadAttention(sd, prefix + ".mha2", c, q1, encOutput,
                encMask, targetLength, sourceLength).add(q1), c);
        return layerNorm(sd, prefix + ".norm3", feedForward(sd, prefix + ".ffn", out2, c, targetLength).add(out2), c);
    }

    private static SDVariable decoder(SameDiff sd, Config c, SDVariable ids, SDVariable encOutput,
            SDVariable lookAhead, SDVariable encMask, int targetLength, int sourceLength) {
        SDVariable y = embed(sd, "decoder", ids, c, c.maxTargetPositions(), targetLength);
        for (int i = 0; i < c.numLayers(); i++) {
            y = decoderLayer(sd, "decoder.layer" + i, c, y, encOutput, lookAhead, encMask, targetLength, sourceLength);
        }
        return y;
    }

    /**
     * One Adam step on {@code batch}: the loss before the step (computed by a forward pass first: M2.1's fit reports
     * no loss without an evaluation listener).
     */
    public static double fitStep(SameDiff sd, MultiDataSet batch) {
        double loss = sd.output(Map.of("src", batch.getFeatures(0), "tgtIn", batch.getFeatures(1), "labels",
                batch.getLabels(0)), "loss").get("loss").getDouble(0);
        sd.fit(batch);
        return loss;
    }

    /** The graph's current weights under their names (copies), for {@link TransformerNet}. */
    public static Parameters weights(SameDiff sd, Parameters names) {
        Parameters p = new Parameters();
        for (String name : names.names()) {
            p.put(name, sd.getVariable(name).getArr().dup());
        }
        return p;
    }

    private static SDVariable dense(SameDiff sd, SDVariable rows, String w, String b) {
        return rows.mmul(sd.getVariable(w)).add(sd.getVariable(b));
    }

    private static SDVariable embed(SameDiff sd, String prefix, SDVariable ids, Config c, int maxPositions,
            int length) {
        // one-hot rows times the embedding matrix: the same rows as a gather, whose gradient M2.1 cannot build twice
        SDVariable embedding = sd.getVariable(prefix + ".embedding");
        long vocabulary = embedding.getShape()[0];
        SDVariable x = sd.oneHot(ids.castTo(DataType.INT), (int) vocabulary, -1, 1.0, 0.0, DataType.DOUBLE)
                .reshape(-1, vocabulary).mmul(embedding).reshape(-1, length, c.d()).mul(Math.sqrt(c.d()));
        INDArray pe = AttentionMath.positionalEncoding(maxPositions, c.d())
                .get(NDArrayIndex.all(), NDArrayIndex.interval(0, length), NDArrayIndex.all()).dup();
        return x.add(sd.constant(pe));
    }

    private static SDVariable feedForward(SameDiff sd, String prefix, SDVariable x, Config c, int length) {
        SDVariable hidden = sd.nn.relu(dense(sd, x.reshape(-1, c.d()), prefix + "1.w", prefix + "1.b"), 0);
        return dense(sd, hidden, prefix + "2.w", prefix + "2.b").reshape(-1, length, c.d());
    }

    private static SDVariable layerNorm(SameDiff sd, String prefix, SDVariable x, Config c) {
        SDVariable centred = x.sub(x.mean(true, 2));
        SDVariable std = sd.math.sqrt(centred.mul(centred).mean(true, 2).add(c.layerNormEps()));
        return centred.div(std).mul(sd.getVariable(prefix + ".gamma")).add(sd.getVariable(prefix + ".beta"));
    }

    /** Keras' multi-head attention as {@link TransformerNet#multiHeadAttention}; {@code mask} rank 4. */
    private static SDVariable multiHeadAttention(SameDiff sd, String prefix, Config c, SDVariable query,
            SDVariable value, SDVariable mask, int tq, int tk) {
        SDVariable q = heads(dense(sd, query.reshape(-1, c.d()), prefix + ".wq", prefix + ".bq"), c, tq);
        SDVariable k = heads(dense(sd, value.reshape(-1, c.d()), prefix + ".wk", prefix + ".bk"), c, tk);
        SDVariable v = heads(dense(sd, value.reshape(-1, c.d()), prefix + ".wv", prefix + ".bv"), c, tk);
        SDVariable scores = sd.linalg.mmul(q, k, false, true, false).div(Math.sqrt(c.keyDim()));
        SDVariable weights = sd.nn.softmax(weightsName(prefix), scores.add(mask.rsub(1.0).mul(AttentionMath.MASKED)),
                3);
        SDVariable concat = sd.linalg.mmul(weights, v, false, false, false).permute(0, 2, 1, 3)
                .reshape(-1, (long) c.heads() * c.keyDim());
        return dense(sd, concat, prefix + ".wo", prefix + ".bo").reshape(-1, tq, c.d());
    }

    private static SDVariable heads(SDVariable rows, Config c, int length) {
        return rows.reshape(-1, length, c.heads(), c.keyDim()).permute(0, 2, 1, 3);
    }

    /**
     * ND4J's {@code dot_product_attention} op on the notebook's layout: {@code q (m, Tq, dk)}, {@code k (m, Tk, dk)},
     * {@code v (m, Tk, dv)}, {@code mask (m, Tk)} (1 = attend) or null; ND4J reads features first, so the arrays
     * go in transposed and the output {@code (m, dv, Tq)} comes back transposed to {@code (m, Tq, dv)}.
     */
    public static INDArray dotProductAttention(INDArray q, INDArray k, INDArray v, INDArray mask) {
        SameDiff sd = SameDiff.create();
        SDVariable out = sd.nn.dotProductAttention(sd.constant(q.permute(0, 2, 1).dup()),
                sd.constant(k.permute(0, 2, 1).dup()), sd.constant(v.permute(0, 2, 1).dup()),
                mask == null ? null : sd.constant(mask.dup()), true);
        return out.eval().permute(0, 2, 1).dup();
    }

    /**
     * ND4J's {@code multi_head_dot_product_attention} op with the weights of the scratch layer under {@code prefix}
     * (its biases must be zero: the op has none): {@code wq (d, heads * k)} becomes ND4J's {@code (heads, k, d)},
     * {@code wo} is the same. {@code query (m, Tq, d)}, {@code value (m, Tk, d)}, {@code mask (m, Tk)} or null.
     */
    public static INDArray multiHeadDotProductAttention(Parameters p, String prefix, int heads, INDArray query,
            INDArray value, INDArray mask) {
        for (String bias : new String[] {".bq", ".bk", ".bv", ".bo"}) {
            if (p.get(prefix + bias).amaxNumber().doubleValue() != 0) {
                throw new IllegalArgumentException(prefix + bias + " is not zero: ND4J's multi-head op has no biases");
            }
        }
        SameDiff sd = SameDiff.create();
        long d = query.size(2);
        Map<String, SDVariable> w = new HashMap<>();
        for (String part : new String[] {"q", "k", "v"}) {
            INDArray keras = p.get(prefix + ".w" + part);
            w.put(part, sd.constant(keras.reshape(d, heads, keras.size(1) / heads).permute(1, 2, 0).dup()));
        }
        SDVariable out = sd.nn.multiHeadDotProductAttention(sd.constant(query.permute(0, 2, 1).dup()),
                sd.constant(value.permute(0, 2, 1).dup()), sd.constant(value.permute(0, 2, 1).dup()), w.get("q"),
                w.get("k"), w.get("v"), sd.constant(p.get(prefix + ".wo").dup()),
                mask == null ? null : sd.constant(mask.dup()), true);
        return out.eval().permute(0, 2, 1).dup();
    }

    /** One-hot rows {@code (m * T, classes)} of the ids {@code (m, T)}. */
    public static INDArray oneHot(INDArray ids, int classes) {
        int[] flat = ids.dup('c').reshape(-1).toIntVector();
        INDArray rows = Nd4j.zeros(DataType.DOUBLE, flat.length, classes);
        for (int i = 0; i < flat.length; i++) {
            rows.putScalar(i, flat[i], 1.0);
        }
        return rows;
    }
}
