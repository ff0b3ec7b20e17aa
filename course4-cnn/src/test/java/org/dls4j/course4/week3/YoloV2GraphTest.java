package org.dls4j.course4.week3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.KerasH5Weights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The notebook's {@code yolo_model} as a DL4J graph (reference section 5.1): parameters, output, passthrough. */
class YoloV2GraphTest {

    @TempDir
    Path folder;

    /** yolo_model.summary(): Total params 50,983,561, Trainable 50,962,889; output (19, 19, 425), here (425, 19, 19). */
    @Test
    void parametersAndOutputAreTheNotebooks() {
        ComputationGraphConfiguration conf = YoloV2Graph.configuration(1);
        assertArrayEquals(new long[] {425, 19, 19}, YoloV2Graph.outputShape(conf));
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        assertEquals(YoloV2Graph.NOTEBOOK_TOTAL_PARAMS, graph.numParams());
        long movingAverages = 0;
        for (var layer : graph.getLayers()) {
            for (var entry : layer.paramTable().entrySet()) {
                if (entry.getKey().equals(BatchNormalizationParamInitializer.GLOBAL_MEAN)
                        || entry.getKey().equals(BatchNormalizationParamInitializer.GLOBAL_VAR)) {
                    movingAverages += entry.getValue().length();
                }
            }
        }
        assertEquals(YoloV2Graph.NOTEBOOK_TOTAL_PARAMS - YoloV2Graph.NOTEBOOK_TRAINABLE_PARAMS, movingAverages);
        assertEquals(23, graph.getLayers().length - 22 * 2 - 5 - 1, "23 convolutions");
        assertArrayEquals(new long[] {425, 1024, 1, 1}, graph.getLayer("conv2d_23").getParam("W").shape());
        assertArrayEquals(new long[] {1024, 1280, 3, 3}, graph.getLayer("conv2d_22").getParam("W").shape());
        assertArrayEquals(new long[] {64, 512, 1, 1}, graph.getLayer("conv2d_21").getParam("W").shape());
    }

    /**
     * DL4J's SpaceToDepthLayer (channels first) against TensorFlow's {@code space_to_depth} definition, written out:
     * output channel {@code (dy * 2 + dx) * C + c} at (i, j) is input channel c at (2i + dy, 2j + dx). The passthrough
     * kernels of yolo.h5 (conv2d_22's first 256 input channels) rely on that order.
     */
    @Test
    void spaceToDepthIsTensorFlowsOrder() {
        int channels = 3;
        int side = 4;
        INDArray input = Nd4j.rand(DataType.FLOAT, 1, channels, side, side);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .graphBuilder().addInputs("in").setInputTypes(InputType.convolutional(side, side, channels))
                .addLayer("s2d", new SpaceToDepthLayer.Builder(2, CNN2DFormat.NCHW).build(), "in")
                .setOutputs("s2d").build();
        INDArray output = Graphs.initialized(conf).outputSingle(input);
        assertArrayEquals(new long[] {1, 4 * channels, side / 2, side / 2}, output.shape());
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                for (int c = 0; c < channels; c++) {
                    for (int i = 0; i < side / 2; i++) {
                        for (int j = 0; j < side / 2; j++) {
                            assertEquals(input.getFloat(0, c, 2 * i + dy, 2 * j + dx),
                                    output.getFloat(0, (dy * 2 + dx) * channels + c, i, j), 0f);
                        }
                    }
                }
            }
        }
    }

    /**
     * The loader takes Keras' layers by their number, whatever the file's order, and TF2's unnumbered first layer as
     * number 0 ({@code keras-layer-names.h5}: 4 small convolutions and a batch norm, written with h5py); a file that
     * is not YOLOv2 is refused, saying what it has.
     */
    @Test
    void kerasLayersInCreationOrder() throws Exception {
        Path file = Path.of(YoloV2GraphTest.class.getResource("keras-layer-names.h5").toURI());
        KerasH5Weights keras = KerasH5Weights.read(file, "yolo");
        assertEquals(java.util.List.of("conv2d", "conv2d_1", "conv2d_2", "conv2d_10"),
                YoloV2Graph.kerasLayers(keras, "conv2d"));
        assertEquals(java.util.List.of("batch_normalization_1"), YoloV2Graph.kerasLayers(keras,
                "batch_normalization"));
        DataException e = assertThrows(DataException.class, () -> YoloV2Graph.loadKerasWeights(null, file));
        assertTrue(e.getMessage().contains("YOLOv2's 23 convolutions and 22 batch norms")
                && e.getMessage().contains("4 convolutions and 1 batch norms"), e.getMessage());
    }

    /** Without yolo.h5 the message names the file, the folders searched and --weights. */
    @Test
    void missingWeightsSayWhatToDo() {
        String message = YoloV2Graph.missingWeightsMessage();
        assertTrue(message.contains("yolo/model_data/yolo.h5") && message.contains("--weights"), message);
        DataException e = assertThrows(DataException.class, () -> YoloV2Graph.loadKerasWeights(null,
                folder.resolve("yolo.h5")));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }
}
