package org.dls4j.shared.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.jhdf.HdfFile;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.data.DataException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' MobileNetV2: the notebook's counts at 160 x 160, and Keras-layout weights computing what a numpy forward
 * pass of the same layers computes ({@code mobilenetv2/mobilenet_v2_blocks.py} wrote both).
 */
class MobileNetV2Test {

    private static final String BLOCKS_FILE = "mobilenetv2/mobilenet_v2_0.35_to_block_3.h5";

    @TempDir
    Path folder;

    /**
     * The notebook's {@code base_model}: 155 layers (input included), 2,257,984 parameters of which 34,112 are batch
     * norm's moving averages, 5 x 5 x 1280 features; {@code fine_tune_at = 120} leaves layers 0..119 frozen, the
     * last of them {@code block_13_expand_relu}, the first trained {@code block_13_pad}.
     */
    @Test
    void theWholeNetworkHasTheNotebooksCounts() {
        ComputationGraphConfiguration configuration = MobileNetV2.configuration(160, 1.0, MobileNetV2.LAST_BLOCK);
        List<String> layers = MobileNetV2.kerasLayers(configuration);
        assertEquals(155, layers.size());
        assertEquals(List.of("input_1", "Conv1_pad", "Conv1", "bn_Conv1", "Conv1_relu"), layers.subList(0, 5));
        assertEquals("block_13_expand_relu", layers.get(119));
        assertEquals("block_13_pad", layers.get(120));
        assertEquals("out_relu", layers.get(154));
        assertEquals(10, layers.stream().filter(name -> name.endsWith("_add")).count());

        GraphSummary summary = GraphSummary.of(Graphs.initialized(configuration), 3, 160, 160);
        assertEquals(2_257_984L, summary.totalParams());
        assertEquals(34_112L, summary.nonTrainableParams());
        GraphSummary.Row out = summary.rows().get(summary.rows().size() - 1);
        assertEquals("out_relu", out.name());
        assertArrayEquals(new long[] {1280, 5, 5}, out.outputShape());
    }

    /** Keras' width rounding: alpha 0.35 gives 16 maps in Conv1 and 8 in expanded_conv. */
    @Test
    void widthsRoundAsKerasRoundsThem() {
        assertEquals(16, MobileNetV2.makeDivisible(32 * 0.35));
        assertEquals(8, MobileNetV2.makeDivisible(16 * 0.35));
        assertEquals(112, MobileNetV2.makeDivisible(320 * 0.35));
        assertEquals(96, MobileNetV2.makeDivisible(96 * 1.0));
    }

    /**
     * Every kernel lands where Keras' would: with the file's random weights (convolutions, depthwise kernels, batch
     * norms) the graph's block_3 features of two 18 x 18 pictures are numpy's, to float32 rounding. A depthwise
     * kernel read transposed is far off.
     */
    @Test
    void kerasWeightsComputeWhatKerasComputes() throws Exception {
        Path file = resource(BLOCKS_FILE);
        ComputationGraph graph = Graphs.initialized(MobileNetV2.configuration(18, 0.35, 3));
        MobileNetV2.loadKerasWeights(graph, KerasH5Weights.read(file, "test"));
        INDArray pictures;
        INDArray expected;
        try (HdfFile hdf = new HdfFile(file)) {
            pictures = Nd4j.createFromArray((float[]) hdf.getDatasetByPath("golden/pictures").getDataFlat())
                    .reshape('c', 2, 18, 18, 3).permute(0, 3, 1, 2).dup('c');
            expected = Nd4j.createFromArray((double[]) hdf.getDatasetByPath("golden/features").getDataFlat())
                    .reshape('c', 2, 3, 3, 16).permute(0, 3, 1, 2);
        }
        INDArray features = graph.outputSingle(pictures).castTo(DataType.DOUBLE);
        assertArrayEquals(expected.shape(), features.shape());
        double error = features.sub(expected).amaxNumber().doubleValue();
        assertEquals(0.0, error, 1e-5, "largest difference from numpy");
        assertTrue(expected.std().getDouble() > 0.5, "the golden features vary");

        INDArray depthwise = graph.getLayer("block_1_depthwise").getParam("W");
        depthwise.assign(depthwise.permute(1, 0, 2, 3).dup());          // kh and kw swapped
        double transposed = graph.outputSingle(pictures).castTo(DataType.DOUBLE).sub(expected).amaxNumber()
                .doubleValue();
        assertTrue(transposed > 0.1, "a transposed depthwise kernel is off by " + transposed);
    }

    @Test
    void aMissingFileIsExplained() {
        DataException e = assertThrows(DataException.class,
                () -> MobileNetV2.load(folder.resolve("mobilenet_v2.h5"), 160));
        assertTrue(e.getMessage().contains("no such file") && e.getMessage().contains("weights='imagenet'"),
                e.getMessage());
    }

    @Test
    void aFileThatIsNotMobileNetV2AtAlphaOneIsRefused() throws Exception {
        Path text = Files.writeString(folder.resolve("weights.h5"), "not HDF5");
        assertThrows(DataException.class, () -> MobileNetV2.load(text, 32));
        DataException e = assertThrows(DataException.class, () -> MobileNetV2.load(resource(BLOCKS_FILE), 32));
        assertTrue(e.getMessage().contains("Conv1/kernel of shape [3, 3, 3, 32]"), e.getMessage());
    }

    private Path resource(String name) throws IOException, URISyntaxException {
        return Path.of(MobileNetV2Test.class.getResource(name).toURI());
    }
}
