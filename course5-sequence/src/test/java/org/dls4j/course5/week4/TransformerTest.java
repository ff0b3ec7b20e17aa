package org.dls4j.course5.week4;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.scratch.attention.AttentionMath;
import org.dls4j.shared.scratch.attention.TransformerNet;
import org.dls4j.shared.scratch.attention.TransformerNet.Config;
import org.dls4j.shared.scratch.dense.Parameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The notebook's deterministic cells (expected-c4-c5.md 10.1, [R]) against the printed float32 values, the readable
 * functions against the engine, ND4J's attention ops and the SameDiff graph against the scratch code, and the reverse
 * task learning.
 */
class TransformerTest {

    /** The notebook's constants are float32. */
    static final double FLOAT32 = 1e-7;

    @TempDir
    static Path out;
    static Report.Captured report;
    static Transformer.Result result;

    @BeforeAll
    static void runShort() {
        Transformer.Options options = new Transformer.Options();
        options.out = out;
        options.steps = 40;
        options.batchSize = 32;
        report = Report.captured();
        result = Transformer.run(options, report);
    }

    /** The notebook's test cells and the layers' checks, as the grader runs them. */
    @ParameterizedTest
    @ValueSource(strings = {"get_angles", "positional_encoding", "create_padding_mask", "create_look_ahead_mask",
        "scaled_dot_product_attention", "EncoderLayer", "Encoder", "DecoderLayer", "Decoder", "Transformer"})
    void gradedFunction(String function) {
        assertPasses(new TransformerChecks(), function);
    }

    @Test
    void theGradedFunctionsGiveTheNotebooksValues() throws IOException {
        INDArray masked = result.arrays().get("tf.keras.activations.softmax(x + (1 - create_padding_mask(x)) * -1.0e9)");
        assertAllClose(Nd4j.createFromArray(0.72973627, 0.26845497, 0, 0, 0.0018088354), row(masked, 0, 0),
                0, FLOAT32);
        assertAllClose(Nd4j.createFromArray(1 / 3.0, 1 / 3.0, 1 / 3.0, 0, 0), row(masked, 1, 2), 0, 1e-7);
        assertAllClose(Nd4j.createFromArray(0, 0, 0, 0.5, 0.5), row(masked, 2, 1), 0, 1e-9);
        assertTrue(report.results().contains("pos_encoding.shape = (1, 50, 512)"));
        assertTrue(report.results().contains("[0.84147098 0.54030231 0.82185619 0.56969501]"), report.results()
                .toString());
        assertTrue(Files.size(result.plot()) > 10_000);
    }

    static INDArray row(INDArray array, int i, int j) {
        return array.get(NDArrayIndex.point(i), NDArrayIndex.point(j), NDArrayIndex.all());
    }

    @Test
    void readableFunctionsAgreeWithTheEngine() {
        assertAllClose(AttentionMath.positionalEncoding(50, 512), Transformer.positionalEncoding(50, 512), 0, 1e-15);
        INDArray ids = Nd4j.createFromArray(new double[][] {{7, 6, 0, 0, 1}, {1, 2, 3, 0, 0}});
        assertAllClose(AttentionMath.paddingMask(ids), Transformer.createPaddingMask(ids), 0, 0);
        assertAllClose(AttentionMath.lookAheadMask(6), Transformer.createLookAheadMask(6), 0, 0);
        NumpyRandom rng = new NumpyRandom(7);
        INDArray q = rng.randn(2, 3, 4).castTo(DataType.DOUBLE);
        INDArray k = rng.randn(2, 5, 4).castTo(DataType.DOUBLE);
        INDArray v = rng.randn(2, 5, 3).castTo(DataType.DOUBLE);
        INDArray mask = AttentionMath.paddingMask(Nd4j.createFromArray(new double[][] {{1, 1, 0, 1, 0},
            {1, 1, 1, 1, 1}}));
        Transformer.Attention readable = Transformer.scaledDotProductAttention(q, k, v, mask);
        AttentionMath.Attended engine = AttentionMath.scaledDotProductAttention(q, k, v, mask);
        assertAllClose(engine.weights(), readable.weights(), 0, 1e-15);
        assertAllClose(engine.output(), readable.output(), 0, 1e-15);
    }

    @Test
    void nd4jsAttentionOpsAgreeWithTheScratchCode() {
        assertTrue(result.nd4jDifference() < 1e-12, "difference " + result.nd4jDifference());
        // the multi-head op on its own: the mask matters, and the op matches the scratch layer with it
        Config config = new Config(1, 4, 2, 2, 8, 10, 10, 5, 5, 1e-6);
        Parameters p = TransformerNet.initialize(config, 5);
        INDArray x = new NumpyRandom(5).randn(2, 3, 4).castTo(DataType.DOUBLE);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 0, 1}, {1, 1, 0}});
        INDArray op = TransformerSameDiff.multiHeadDotProductAttention(p, "encoder.layer0.mha", 2, x, x, mask);
        INDArray unmasked = TransformerSameDiff.multiHeadDotProductAttention(p, "encoder.layer0.mha", 2, x, x, null);
        INDArray scratch = TransformerNet.multiHeadAttention(p, "encoder.layer0.mha", 2, x, x, mask.reshape(2, 1, 3))
                .output();
        assertAllClose(scratch, op, 0, 1e-12);
        assertTrue(op.sub(unmasked).amaxNumber().doubleValue() > 1e-3);
    }

    @Test
    void theSameDiffGraphComputesTheScratchForwardPass() {
        Config config = Transformer.reverseTaskConfig(5);
        Parameters p = TransformerNet.initialize(config, 3);
        SameDiff sd = TransformerSameDiff.build(config, p, 5, 5, 1e-3);
        INDArray src = Nd4j.createFromArray(new double[][] {{2, 3, 4, 5, 0}, {11, 10, 9, 8, 7}});
        INDArray tgtIn = Nd4j.createFromArray(new double[][] {{1, 5, 4, 3, 2}, {1, 7, 8, 9, 10}});
        INDArray labels = TransformerSameDiff.oneHot(src, config.targetVocab());
        INDArray graph = sd.output(Map.of("src", src, "tgtIn", tgtIn, "labels", labels), "probs").get("probs");
        INDArray mask = AttentionMath.paddingMask(src);
        INDArray scratch = Transformer.transformer(p, config, src, tgtIn, mask, AttentionMath.lookAheadMask(5), mask)
                .output();
        assertAllClose(scratch, graph, 0, 1e-13);
    }

    @Test
    void theLossFallsOnTheReverseTask() {
        double[] losses = result.losses().costs();
        assertTrue(losses[losses.length - 1] < 0.8 * losses[0], "losses " + Arrays.toString(losses));
        assertTrue(result.tokenAccuracy() > 0.15, "token accuracy " + result.tokenAccuracy());
        assertTrue(report.lines().stream().anyMatch(l -> l.startsWith("Step 39: loss ")), report.lines().toString());
    }

    @Test
    @Tag("full")
    void theDefaultRunLearnsToReverse() {
        Transformer.Options options = new Transformer.Options();
        options.out = out;
        Transformer.Result full = Transformer.run(options, Report.silent());
        assertTrue(full.sequenceAccuracy() > 0.9, "sequences reversed " + full.sequenceAccuracy());
        assertTrue(full.losses().last() < 0.1, "last loss " + full.losses().last());
    }
}
