package org.dls4j.shared.scratch.attention;

import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.scratch.attention.TransformerNet.Config;
import org.dls4j.shared.scratch.dense.Parameters;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The notebook's deterministic values (expected-c4-c5.md 10.1, [R]) through the engine, and what the given layers
 * must do whatever their weights: masked positions get no attention, weights are distributions, the feed-forward
 * block is its two dense layers, layer norm standardises, bad token ids are refused with a message.
 */
class TransformerNetTest {

    /** The notebook's constants are float32: half a unit of their last printed digit, at most 1e-7. */
    static final double FLOAT32 = 1e-7;

    static final Config LAYER = new Config(1, 4, 2, 4, 8, 32, 35, 5, 6, 1e-6);
    static final Config FULL = new Config(2, 4, 2, 4, 8, 30, 35, 5, 6, 1e-6);

    static INDArray d(double[][] rows) {
        return Nd4j.createFromArray(rows);
    }

    @Test
    void positionalEncodingAndMasksGiveTheNotebooksValues() {
        INDArray pe = AttentionMath.positionalEncoding(50, 512);
        assertArrayEquals(new long[] {1, 50, 512}, pe.shape());
        assertAllClose(Nd4j.createFromArray(0.84147096, 0.5403023, 0.8218562, 0.569695),
                pe.get(point(0), point(1), interval(0, 4)), 0, FLOAT32);
        INDArray x = d(new double[][] {{7, 6, 0, 0, 1}, {1, 2, 3, 0, 0}, {0, 0, 0, 4, 5}});
        assertAllClose(Nd4j.createFromArray(new double[][][] {{{1, 1, 0, 0, 1}}, {{1, 1, 1, 0, 0}}, {{0, 0, 0, 1, 1}}}),
                AttentionMath.paddingMask(x), 0, 0);
        // TF's float32 softmax of these large logits is one float32 step off the exact 0.72876632: two steps relative
        assertAllClose(Nd4j.createFromArray(7.2876644e-01, 2.6809821e-01, 6.6454901e-04, 6.6454901e-04,
                1.8064314e-03), AttentionMath.softmax(x).getRow(0), 2.4e-7, 0);
        assertAllClose(Nd4j.createFromArray(new double[][][] {{{1, 0, 0}, {1, 1, 0}, {1, 1, 1}}}),
                AttentionMath.lookAheadMask(3), 0, 0);
    }

    @Test
    void scaledDotProductAttentionGivesTheNotebooksValues() {
        INDArray q = d(new double[][] {{1, 0, 1, 1}, {0, 1, 1, 1}, {1, 0, 0, 1}});
        INDArray k = d(new double[][] {{1, 1, 0, 1}, {1, 0, 1, 1}, {0, 1, 1, 0}, {0, 0, 0, 1}});
        INDArray v = d(new double[][] {{0, 0}, {1, 0}, {1, 0}, {1, 1}});
        AttentionMath.Attended plain = AttentionMath.scaledDotProductAttention(q, k, v, null);
        assertAllClose(d(new double[][] {{0.2589478, 0.42693272, 0.15705977, 0.15705977},
            {0.2772748, 0.2772748, 0.2772748, 0.16817567}, {0.33620113, 0.33620113, 0.12368149, 0.2039163}}),
                plain.weights(), 0, FLOAT32);
        assertAllClose(d(new double[][] {{0.74105227, 0.15705977}, {0.7227253, 0.16817567}, {0.6637989, 0.2039163}}),
                plain.output(), 0, FLOAT32);
        AttentionMath.Attended masked = AttentionMath.scaledDotProductAttention(q, k, v,
                Nd4j.createFromArray(new double[][][] {{{1, 1, 0, 1}, {1, 1, 0, 1}, {1, 1, 0, 1}}}).reshape(3, 4));
        assertAllClose(Nd4j.createFromArray(0.3071959, 0.5064804, 0, 0.18632373), masked.weights().getRow(0), 0,
                FLOAT32);
        assertAllClose(Nd4j.createFromArray(0.61634827, 0.23269655), masked.output().getRow(2), 0, FLOAT32);
    }

    @Test
    void multiHeadAttentionMasksAndTheFeedForwardIsKeras() {
        Parameters p = TransformerNet.initialize(LAYER, 42);
        INDArray x = new NumpyRandom(3).randn(2, 3, 4).castTo(DataType.DOUBLE);
        INDArray mask = Nd4j.createFromArray(new double[][][] {{{1, 0, 1}}, {{1, 1, 1}}});
        AttentionMath.Attended out = TransformerNet.multiHeadAttention(p, "encoder.layer0.mha", LAYER.heads(), x, x,
                mask);
        assertArrayEquals(new long[] {2, 3, 4}, out.output().shape());
        assertArrayEquals(new long[] {2, 2, 3, 3}, out.weights().shape());
        // the masked key gets no weight; every row of weights is a distribution
        assertEquals(0, out.weights().get(point(0), all(), all(), point(1)).amaxNumber().doubleValue(), 0);
        assertAllClose(Nd4j.ones(2, 2, 3), out.weights().sum(3), 0, 1e-12);
        // Dense(fc, relu) then Dense(d), by hand
        INDArray hidden = Transforms.relu(x.reshape(6, 4).mmul(p.get("encoder.layer0.ffn1.w")), true);
        assertAllClose(hidden.mmul(p.get("encoder.layer0.ffn2.w")).reshape(2, 3, 4),
                TransformerNet.feedForward(p, "encoder.layer0.ffn", x), 0, 1e-12);
        // gamma 1, beta 0: every position standardised
        INDArray normed = TransformerNet.layerNorm(p, "encoder.layer0.norm1", x, LAYER.layerNormEps());
        assertAllClose(Nd4j.zeros(2, 3), normed.mean(2), 0, 1e-12);
        assertAllClose(Nd4j.ones(2, 3), normed.var(false, 2), 0, 1e-4);      // v / (v + eps): 1 - 3e-5 here
    }

    @Test
    void badInputsSayWhatIsWrong() {
        INDArray q = Nd4j.ones(DataType.DOUBLE, 1, 3, 4);
        IllegalArgumentException mask = assertThrows(IllegalArgumentException.class,
                () -> AttentionMath.scaledDotProductAttention(q, q, q, Nd4j.ones(DataType.DOUBLE, 1, 1, 5)));
        assertTrue(mask.getMessage().contains("does not broadcast to the attention scores (1, 3, 3)"),
                mask.getMessage());
        Parameters p = TransformerNet.initialize(FULL, 1);
        IllegalArgumentException id = assertThrows(IllegalArgumentException.class, () -> TransformerNet.embedding(
                p.get("encoder.embedding"), d(new double[][] {{2, 1, 40, 3, 0}}), 5, "the input sentence"));
        assertTrue(id.getMessage().contains("the input sentence holds token id 40, outside the vocabulary 0..29"),
                id.getMessage());
        IllegalArgumentException positions = assertThrows(IllegalArgumentException.class, () -> TransformerNet
                .embedding(p.get("encoder.embedding"), d(new double[][] {{2, 1, 4, 3, 0, 1}}), 5, "the input"));
        assertTrue(positions.getMessage().contains("the input has 6 positions, more than the 5"),
                positions.getMessage());
    }
}
