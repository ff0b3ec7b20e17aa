package org.dls4j.shared.graph;

import static org.dls4j.shared.graph.FastPathTest.gradient;
import static org.dls4j.shared.graph.FastPathTest.relativeDifference;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** {@link TransposedConvolution2D} on oneDNN gives DL4J's {@code Deconvolution2D} outputs and gradients. */
class TransposedConvolution2DTest {

    /**
     * conv 3x3 (RELU) -> transposed conv 3x3 stride 2 (identity) -> transposed conv 2x2 (RELU) -> average -> softmax
     * 3, on 5x5x3 pictures; {@code fast}: the transposed convolutions are {@link TransposedConvolution2D}s.
     */
    static ComputationGraphConfiguration network(CNN2DFormat format, ConvolutionMode mode, boolean fast) {
        Deconvolution2D.Builder up1 = new Deconvolution2D.Builder(3, 3).stride(2, 2).nOut(6)
                .activation(Activation.IDENTITY).dataFormat(format);
        Deconvolution2D.Builder up2 = new Deconvolution2D.Builder(2, 2).nOut(5).activation(Activation.RELU)
                .dataFormat(format);
        return new NeuralNetConfiguration.Builder()
                .seed(3)
                .dataType(DataType.FLOAT)
                .updater(new Adam(0.01))
                .convolutionMode(mode)
                .graphBuilder()
                .addInputs("x")
                .setInputTypes(InputType.convolutional(5, 5, 3, format))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU)
                        .dataFormat(format).build(), "x")
                .addLayer("up1", fast ? new TransposedConvolution2D(up1) : up1.build(), "conv")
                .addLayer("up2", fast ? new TransposedConvolution2D(up2) : up2.build(), "up1")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "up2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .build();
    }

    private static DataSet batch(CNN2DFormat format) {
        return FastPathTest.randomBatch(9, DataType.FLOAT,
                format == CNN2DFormat.NHWC ? new long[] {4, 5, 5, 3} : new long[] {4, 3, 5, 5});
    }

    @ParameterizedTest
    @CsvSource({"NCHW, Same", "NCHW, Truncate", "NHWC, Same", "NHWC, Truncate"})
    void givesDeconvolution2dsOutputsAndGradients(CNN2DFormat format, ConvolutionMode mode) {
        assumeTrue(FastPath.enabled(), "the fast path is off: no oneDNN in this ND4J build");
        ComputationGraph reference = FastPathTest.builtIn(network(format, mode, false));
        ComputationGraph fast = Graphs.initialized(network(format, mode, true));
        assertInstanceOf(TransposedConvolution2DRuntime.class, fast.getLayer("up1"));
        fast.setParams(reference.params().dup());
        DataSet b = batch(format);

        INDArray x = b.getFeatures();
        INDArray expectedUp = reference.feedForward(x, false).get("up2");
        INDArray actualUp = fast.feedForward(x, false).get("up2");
        double relative = relativeDifference(actualUp, expectedUp);
        assertTrue(relative < 1e-5, format + " " + mode + ": relative difference of the outputs " + relative);

        relative = relativeDifference(gradient(fast, b), gradient(reference, b));
        assertTrue(((TransposedConvolution2DRuntime) fast.getLayer("up1")).lastOnOneDnn());
        assertTrue(relative < 1e-4, format + " " + mode + ": relative difference of the gradients " + relative);

        for (int step = 0; step < 3; step++) {
            reference.fit(b);
            fast.fit(b);
        }
        relative = relativeDifference(fast.params(), reference.params());
        assertTrue(relative < 1e-5, format + " " + mode + ": relative difference of the parameters " + relative);
    }

    @Test
    void aRestoredNetworkComputesOnOneDnnAgain(@TempDir Path folder) throws Exception {
        ComputationGraph graph = Graphs.initialized(network(CNN2DFormat.NCHW, ConvolutionMode.Same, true));
        File saved = folder.resolve("net.zip").toFile();
        ModelSerializer.writeModel(graph, saved, true);
        ComputationGraph restored = Graphs.restored(saved);
        assertInstanceOf(TransposedConvolution2DRuntime.class, restored.getLayer("up2"));
        INDArray x = batch(CNN2DFormat.NCHW).getFeatures();
        assertTrue(restored.outputSingle(false, x).equalsWithEps(graph.outputSingle(false, x), 1e-6));
    }
}
