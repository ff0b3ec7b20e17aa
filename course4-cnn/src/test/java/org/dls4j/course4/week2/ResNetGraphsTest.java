package org.dls4j.course4.week2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.graph.Graphs;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The residual blocks and ResNet50 as the notebook defines them (reference section 4.2). */
class ResNetGraphsTest {

    /**
     * The 2021 notebook's deterministic identity block test: kernels all ones, zero biases, X three (4, 4, 3)
     * pictures filled with -1, 1 and 3, f = 2, filters [4, 4, 3], batch norm in inference mode (x / sqrt(1 + 1e-3)).
     * Expected: the channel mean of the output's first and last rows.
     */
    @Test
    void identityBlockGivesTheNotebooksValues() {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.ONES)
                .graphBuilder()
                .addInputs("X")
                .setInputTypes(InputType.convolutional(4, 4, 3));
        String out = ResNetGraphs.identityBlock(g, "X", 2, new int[] {4, 4, 3}, 1, "a");
        ComputationGraph graph = Graphs.initialized(g.setOutputs(out).build());

        INDArray x = Nd4j.create(DataType.FLOAT, 3, 3, 4, 4);   // channels first
        float[] fill = {-1, 1, 3};
        for (int i = 0; i < 3; i++) {
            x.get(NDArrayIndex.point(i)).assign(fill[i]);
        }
        INDArray a = graph.outputSingle(false, x);               // (3, 3, 4, 4)

        float[][][] expected = {
            {{0, 0, 0, 0}, {0, 0, 0, 0}},
            {{192.71234f, 192.71234f, 192.71234f, 96.85617f}, {96.85617f, 96.85617f, 96.85617f, 48.92808f}},
            {{578.1371f, 578.1371f, 578.1371f, 290.5685f}, {290.5685f, 290.5685f, 290.5685f, 146.78426f}}};
        int[] rows = {0, 3};
        for (int i = 0; i < 3; i++) {
            for (int r = 0; r < 2; r++) {
                INDArray channelMean = a.get(NDArrayIndex.point(i), NDArrayIndex.all(), NDArrayIndex.point(rows[r]),
                        NDArrayIndex.all()).mean(0);
                float[] actual = channelMean.toFloatVector();
                for (int w = 0; w < 4; w++) {
                    assertEquals(expected[i][r][w], actual[w], 2e-5 * Math.max(1, expected[i][r][w]),
                            "picture " + i + ", row " + rows[r] + ", column " + w);
                }
            }
        }
    }

    /** The notebook's model.summary(): Total params 23,600,006, non-trainable 53,120 (batch norm moving averages). */
    @Test
    void resnet50HasTheNotebooksParameterCount() {
        ComputationGraph graph = ResNetGraphs.resnet50(64, 3, 6, 0, 0.001);
        assertEquals(23_600_006L, graph.numParams());
        long movingAverages = 0;
        for (var layer : graph.getLayers()) {
            if (layer instanceof org.deeplearning4j.nn.layers.normalization.BatchNormalization) {
                movingAverages += layer.numParams() / 2;
            }
        }
        assertEquals(53_120L, movingAverages);
        INDArray out = graph.outputSingle(false, Nd4j.rand(DataType.FLOAT, 2, 3, 64, 64));
        assertArrayEquals(new long[] {2, 6}, out.shape());
    }
}
