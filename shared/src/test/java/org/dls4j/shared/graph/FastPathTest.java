package org.dls4j.shared.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fast path's layer helpers give DL4J's outputs and gradients, and go exactly where they should. Runs on the
 * project's default ND4J build (linux-x86_64-onednn); the tests that need oneDNN are skipped on a build without it.
 */
class FastPathTest {

    /** conv 3x3 same -> BN -> RELU -> maxpool 2 -> conv 2x2 stride 2 (RELU) -> BN -> softmax 3, on 6x6x3 pictures. */
    static ComputationGraphConfiguration convNet(CNN2DFormat format, DataType type) {
        return convNet(format, type, new ActivationLayer.Builder().activation(Activation.RELU).build());
    }

    /** The same network with {@code relu} as its RELU layer. */
    static ComputationGraphConfiguration convNet(CNN2DFormat format, DataType type, ActivationLayer relu) {
        return new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(type)
                .updater(new Sgd(0.1))
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("x")
                .setInputTypes(InputType.convolutional(6, 6, 3, format))
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.IDENTITY)
                        .dataFormat(format).build(), "x")
                .addLayer("bn1", new BatchNormalization.Builder().eps(1e-3).build(), "conv1")
                .addLayer("relu1", relu, "bn1")
                .addLayer("pool1", new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                        .stride(2, 2).dataFormat(format).build(), "relu1")
                .addLayer("conv2", new ConvolutionLayer.Builder(2, 2).stride(2, 2).nOut(5).activation(Activation.RELU)
                        .dataFormat(format).build(), "pool1")
                .addLayer("bn2", new BatchNormalization.Builder().eps(1e-3).build(), "conv2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "bn2")
                .setOutputs("out")
                .build();
    }

    /** The graph of {@code conf} on DL4J's own code, whatever the build. */
    static ComputationGraph builtIn(ComputationGraphConfiguration conf) {
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** {@code graph}'s configuration on DL4J's own code, with {@code graph}'s parameters. */
    static ComputationGraph builtInTwin(ComputationGraph graph) {
        ComputationGraph twin = builtIn(graph.getConfiguration());
        twin.setParams(graph.params().dup());
        return twin;
    }

    /** |actual - expected| / |expected|, in the 2-norm. */
    static double relativeDifference(INDArray actual, INDArray expected) {
        return actual.sub(expected).norm2Number().doubleValue() / expected.norm2Number().doubleValue();
    }

    /** A fixed batch of four pictures, one-hot labels i % 3. */
    static DataSet batch(CNN2DFormat format, DataType type) {
        return randomBatch(3, type, format == CNN2DFormat.NHWC ? new long[] {4, 6, 6, 3} : new long[] {4, 3, 6, 6});
    }

    /** Standard normal features of {@code shape} from {@code seed}, one-hot labels of 3 classes, i % 3. */
    static DataSet randomBatch(long seed, DataType type, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        INDArray y = Nd4j.zeros(type, shape[0], 3);
        for (int i = 0; i < shape[0]; i++) {
            y.putScalar(i, i % 3, 1.0);
        }
        return new DataSet(Nd4j.randn(type, shape), y);
    }

    /** The loss and the flattened gradient of {@code graph} on the fixed batch. */
    static INDArray gradient(ComputationGraph graph, CNN2DFormat format) {
        return gradient(graph, batch(format, graph.getConfiguration().getDataType()));
    }

    /** The flattened gradient of {@code graph} on {@code batch} (and its loss, in {@code graph.score()}). */
    static INDArray gradient(ComputationGraph graph, DataSet batch) {
        graph.setInputs(batch.getFeatures());
        graph.setLabels(batch.getLabels());
        graph.computeGradientAndScore();
        return graph.gradient().gradient().dup();
    }

    @ParameterizedTest
    @EnumSource(value = CNN2DFormat.class)
    void theHelpersGiveDl4jsGradients(CNN2DFormat format) {
        assumeTrue(FastPath.enabled(), "the fast path is off: no oneDNN in this ND4J build");
        ComputationGraph fast = Graphs.initialized(convNet(format, DataType.FLOAT));
        ComputationGraph reference = builtInTwin(fast);

        INDArray expected = gradient(reference, format);
        INDArray actual = gradient(fast, format);

        // NHWC: DL4J hands the convolution helper a permuted delta; read as it lies, the difference was 1.28 here
        double relative = relativeDifference(actual, expected);
        assertTrue(relative < 1e-4, format + ": relative difference of the gradients " + relative);
        assertEquals(reference.score(), fast.score(), 1e-5 * Math.abs(reference.score()));
    }

    @Test
    void aConvolutionWithoutBiasGivesDl4jsOutputsAndGradients() {
        assumeTrue(FastPath.enabled(), "the fast path is off: no oneDNN in this ND4J build");
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(0.1))
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("x")
                .setInputTypes(InputType.convolutional(6, 6, 3, CNN2DFormat.NCHW))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).hasBias(false)
                        .activation(Activation.RELU).build(), "x")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "conv")
                .setOutputs("out")
                .build();
        ComputationGraph fast = Graphs.initialized(conf);
        ComputationGraph reference = builtInTwin(fast);
        assertEquals(4 * 3 * 3 * 3 + 6 * 6 * 4 * 3 + 3, fast.numParams());   // no convolution bias

        INDArray expected = gradient(reference, CNN2DFormat.NCHW);
        INDArray actual = gradient(fast, CNN2DFormat.NCHW);

        assertTrue(relativeDifference(actual, expected) < 1e-5, "relative " + relativeDifference(actual, expected));
        assertEquals(reference.score(), fast.score(), 1e-6 * Math.abs(reference.score()));
    }

    @ParameterizedTest
    @EnumSource(value = CNN2DFormat.class)
    void afterTrainingStepsTheNetworksAgree(CNN2DFormat format) {
        assumeTrue(FastPath.enabled(), "the fast path is off: no oneDNN in this ND4J build");
        ComputationGraph fast = Graphs.initialized(convNet(format, DataType.FLOAT));
        ComputationGraph reference = builtInTwin(fast);
        DataSet b = batch(format, DataType.FLOAT);
        for (int step = 0; step < 3; step++) {
            reference.fit(b);
            fast.fit(b);
        }
        // parameters, batch norm's running mean and variance among them
        double relative = relativeDifference(fast.params(), reference.params());
        assertTrue(relative < 1e-5, format + ": relative difference of the parameters " + relative);
        // inference: batch norm with the running statistics
        INDArray x = b.getFeatures();
        INDArray expected = reference.outputSingle(false, x);
        INDArray actual = fast.outputSingle(false, x);
        assertTrue(actual.equalsWithEps(expected, 1e-5), format + ": outputs " + actual + " vs " + expected);
    }

    @ParameterizedTest
    @EnumSource(value = CNN2DFormat.class)
    void aBatchNormThatAppliesItsReluLayersReluGivesDl4jsNumbers(CNN2DFormat format) {
        assumeTrue(FastPath.enabled(), "the fast path is off: no oneDNN in this ND4J build");
        ComputationGraph fast = Graphs.initialized(convNet(format, DataType.FLOAT, new ReluLayer()));
        OneDnnBatchNormHelper bn1 = (OneDnnBatchNormHelper) FastPath.helperOf(fast.getLayer("bn1"));
        assertTrue(bn1.fusesRelu());
        assertEquals(bn1, ((ReluLayerRuntime) fast.getLayer("relu1")).fusedInto());
        // bn2 feeds the output layer: no RELU to apply
        assertFalse(((OneDnnBatchNormHelper) FastPath.helperOf(fast.getLayer("bn2"))).fusesRelu());
        ComputationGraph reference = builtInTwin(fast);   // DL4J's batch norm, then the RELU layer's own RELU

        INDArray expected = gradient(reference, format);
        INDArray actual = gradient(fast, format);
        double relative = relativeDifference(actual, expected);
        assertTrue(relative < 1e-4, format + ": relative difference of the gradients " + relative);

        DataSet b = batch(format, DataType.FLOAT);
        for (int step = 0; step < 3; step++) {
            reference.fit(b);
            fast.fit(b);
        }
        relative = relativeDifference(fast.params(), reference.params());
        assertTrue(relative < 1e-5, format + ": relative difference of the parameters " + relative);
        INDArray x = b.getFeatures();
        assertTrue(fast.outputSingle(false, x).equalsWithEps(reference.outputSingle(false, x), 1e-5));
        // output in training mode (batch statistics) keeps each layer's activations in a workspace of its own
        assertTrue(fast.outputSingle(true, x).equalsWithEps(reference.outputSingle(true, x), 1e-5));
    }

    /**
     * A residual block on 16 channels (oneDNN's blocked layout has 16 to a block): conv0 -> bn0 -> relu0, then
     * conv1 -> bn1 -> relu1 -> conv2 -> bn2, plus relu0, -> RELU -> average -> softmax 3, on 8x8x3 pictures.
     */
    static ComputationGraphConfiguration residualBlock() {
        return new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(0.1))
                .convolutionMode(ConvolutionMode.Same)
                .graphBuilder()
                .addInputs("x")
                .setInputTypes(InputType.convolutional(8, 8, 3))
                .addLayer("conv0", new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.IDENTITY).build(),
                        "x")
                .addLayer("bn0", new BatchNormalization.Builder().eps(1e-3).build(), "conv0")
                .addLayer("relu0", new ReluLayer(), "bn0")
                .addLayer("conv1", new ConvolutionLayer.Builder(1, 1).nOut(16).activation(Activation.IDENTITY).build(),
                        "relu0")
                .addLayer("bn1", new BatchNormalization.Builder().eps(1e-3).build(), "conv1")
                .addLayer("relu1", new ReluLayer(), "bn1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(16).activation(Activation.IDENTITY).build(),
                        "relu1")
                .addLayer("bn2", new BatchNormalization.Builder().eps(1e-3).build(), "conv2")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "bn2", "relu0")
                .addLayer("relu2", new ReluLayer(), "add")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "relu2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out")
                .build();
    }

    @Test
    void helpersThatHandEachOtherBlockedArraysGiveDl4jsNumbers() {
        assumeTrue(FastPath.enabled(), "the fast path is off: no oneDNN in this ND4J build");
        ComputationGraph fast = Graphs.initialized(residualBlock());
        ComputationGraph reference = builtInTwin(fast);
        DataSet batch = randomBatch(5, DataType.FLOAT, 4, 3, 8, 8);
        double relative = relativeDifference(gradient(fast, batch), gradient(reference, batch));
        assertTrue(relative < 1e-4, "relative difference of the gradients " + relative);
        // each batch norm read its convolution's blocked output and handed it its blocked input gradient; conv1 and
        // conv2 read their batch norm's blocked output; bn1 read conv2's blocked input gradient (relu0 feeds two)
        for (String name : new String[] {"bn0", "bn1", "bn2"}) {
            BlockedTwins twins = ((OneDnnBatchNormHelper) FastPath.helperOf(fast.getLayer(name))).twins();
            // and left its input gradient in the blocked layout alone, for its convolution
            assertTrue(twins.borrowedInput() && twins.inputGradientDeferred(), name);
        }
        assertTrue(((OneDnnBatchNormHelper) FastPath.helperOf(fast.getLayer("bn1"))).twins().borrowedGradient());
        assertFalse(((OneDnnBatchNormHelper) FastPath.helperOf(fast.getLayer("bn0"))).twins().borrowedGradient());
        for (String name : new String[] {"conv1", "conv2"}) {
            OneDnnConvolutionHelper convolution = (OneDnnConvolutionHelper) FastPath.helperOf(fast.getLayer(name));
            assertTrue(convolution.twins().borrowedInput() && convolution.twins().borrowedGradient(), name);
        }
        // conv2's input gradient went to bn1 alone (through relu1) and stayed in the blocked layout; conv1's did not
        assertTrue(((OneDnnConvolutionHelper) FastPath.helperOf(fast.getLayer("conv2"))).twins()
                .inputGradientDeferred());
        assertFalse(((OneDnnConvolutionHelper) FastPath.helperOf(fast.getLayer("conv1"))).twins()
                .inputGradientDeferred());

        for (int step = 0; step < 3; step++) {
            reference.fit(batch);
            fast.fit(batch);
        }
        relative = relativeDifference(fast.params(), reference.params());
        assertTrue(relative < 1e-5, "relative difference of the parameters " + relative);
        INDArray x = batch.getFeatures();
        assertTrue(fast.outputSingle(false, x).equalsWithEps(reference.outputSingle(false, x), 1e-5));
        assertTrue(fast.outputSingle(true, x).equalsWithEps(reference.outputSingle(true, x), 1e-5));
    }

    @ParameterizedTest
    @EnumSource(value = CNN2DFormat.class)
    void reluLayerGivesActivationLayersOutputsAndGradients(CNN2DFormat format) {
        assumeTrue(FastPath.enabled(), "the fast path is off: no oneDNN in this ND4J build");
        ComputationGraph dl4j = Graphs.initialized(convNet(format, DataType.FLOAT));
        ComputationGraph ours = Graphs.initialized(convNet(format, DataType.FLOAT, new ReluLayer()));
        assertInstanceOf(ReluLayerRuntime.class, ours.getLayer("relu1"));
        ours.setParams(dl4j.params().dup());
        assertEquals(gradient(dl4j, format), gradient(ours, format));
        INDArray x = batch(format, DataType.FLOAT).getFeatures();
        assertEquals(dl4j.outputSingle(false, x), ours.outputSingle(false, x));
    }

    /** {@code Graphs.forTraining(conf)}, checked to give the parameters' gradients of {@code Graphs.initialized}. */
    private static ComputationGraph trainingGraphWithTheFullGradients(ComputationGraphConfiguration conf) {
        ComputationGraph full = Graphs.initialized(conf);
        ComputationGraph training = Graphs.forTraining(conf);
        training.setParams(full.params().dup());
        double relative = relativeDifference(gradient(training, CNN2DFormat.NCHW), gradient(full, CNN2DFormat.NCHW));
        assertTrue(relative < 1e-6, "relative difference of the parameters' gradients " + relative);
        return training;
    }

    @Test
    void aTrainingGraphSkipsOnlyTheGradientWithRespectToItsInput() {
        assumeTrue(FastPath.enabled(), "the fast path is off: no oneDNN in this ND4J build");
        ComputationGraphConfiguration conf = convNet(CNN2DFormat.NCHW, DataType.FLOAT);
        ComputationGraph training = trainingGraphWithTheFullGradients(conf);
        // conv1 reads the network's input: only the training graph's leaves that input's gradient out
        ComputationGraph full = Graphs.initialized(conf);
        assertTrue(((OneDnnConvolutionHelper) FastPath.helperOf(full.getLayer("conv1"))).computesInputGradient());
        assertFalse(((OneDnnConvolutionHelper) FastPath.helperOf(training.getLayer("conv1"))).computesInputGradient());
        assertTrue(((OneDnnConvolutionHelper) FastPath.helperOf(training.getLayer("conv2"))).computesInputGradient());
    }

    @Test
    void aConvolutionBehindLayersWithoutParametersSkipsTheInputGradientToo() {
        assumeTrue(FastPath.enabled(), "the fast path is off: no oneDNN in this ND4J build");
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(7)
                .dataType(DataType.FLOAT)
                .updater(new Sgd(0.1))
                .graphBuilder()
                .addInputs("x")
                .setInputTypes(InputType.convolutional(6, 6, 3))
                .addLayer("pad", new ZeroPaddingLayer.Builder(1, 1).build(), "x")
                .addLayer("conv1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
                        "pad")
                .addLayer("pad2", new ZeroPaddingLayer.Builder(1, 1).build(), "conv1")
                .addLayer("conv2", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(),
                        "pad2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "conv2")
                .setOutputs("out")
                .build();
        ComputationGraph training = trainingGraphWithTheFullGradients(conf);
        // the zero padding has no parameters: conv1 is fed by the input alone, conv2 by conv1's parameters
        assertFalse(((OneDnnConvolutionHelper) FastPath.helperOf(training.getLayer("conv1"))).computesInputGradient());
        assertTrue(((OneDnnConvolutionHelper) FastPath.helperOf(training.getLayer("conv2"))).computesInputGradient());
    }

    @Test
    void denseBatchNormGivesDl4jsGradients() {
        assumeTrue(FastPath.enabled(), "the fast path is off: no oneDNN in this ND4J build");
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(5).dataType(DataType.FLOAT).updater(new Sgd(0.1))
                .graphBuilder().addInputs("x").setInputTypes(InputType.feedForward(7))
                .addLayer("dense", new DenseLayer.Builder().nOut(6)
                        .activation(Activation.TANH).build(), "x")
                .addLayer("bn", new BatchNormalization.Builder().build(), "dense")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "bn")
                .setOutputs("out").build();
        ComputationGraph fast = Graphs.initialized(conf);
        assertInstanceOf(OneDnnBatchNormHelper.class, FastPath.helperOf(fast.getLayer("bn")));
        ComputationGraph reference = builtInTwin(fast);
        DataSet batch = randomBatch(11, DataType.FLOAT, 8, 7);
        double relative = relativeDifference(gradient(fast, batch), gradient(reference, batch));
        assertTrue(relative < 1e-4, "relative difference of the gradients " + relative);
    }

    @Test
    void helpersGoIntoEveryFloat32ConvolutionAndBatchNormOnly() {
        assumeTrue(FastPath.enabled(), "the fast path is off: no oneDNN in this ND4J build");
        ComputationGraph graph = Graphs.initialized(convNet(CNN2DFormat.NHWC, DataType.FLOAT));
        for (Layer layer : graph.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            switch (name) {
                case "conv1", "conv2" -> assertInstanceOf(OneDnnConvolutionHelper.class, FastPath.helperOf(layer));
                case "bn1", "bn2" -> assertInstanceOf(OneDnnBatchNormHelper.class, FastPath.helperOf(layer));
                default -> assertNull(FastPath.helperOf(layer), name);
            }
        }
        // conv2's RELU takes its gradient on oneDNN, in the layer's own configuration; the graph's keeps DL4J's
        assertInstanceOf(FastReluActivation.class,
                ((org.deeplearning4j.nn.conf.layers.BaseLayer) graph.getLayer("conv2").conf().getLayer())
                        .getActivationFn());
        LayerVertex saved = (LayerVertex) graph.getConfiguration().getVertices().get("conv2");
        assertEquals(ActivationReLU.class,
                ((org.deeplearning4j.nn.conf.layers.BaseLayer) saved.getLayerConf().getLayer()).getActivationFn()
                        .getClass());
    }

    @Test
    void aFloat64GraphKeepsDl4jsOwnCode() {
        ComputationGraph graph = builtIn(convNet(CNN2DFormat.NCHW, DataType.DOUBLE));
        assertEquals(0, FastPath.install(graph));
        for (Layer layer : graph.getLayers()) {
            assertNull(FastPath.helperOf(layer));
        }
    }

    @Test
    void aBuildWithoutOneDnnGetsNoHelper() {
        ComputationGraph graph = builtIn(convNet(CNN2DFormat.NCHW, DataType.FLOAT));
        assertEquals(0, FastPath.install(graph.getLayers(), false, Set.of(), Map.of()));
        for (Layer layer : graph.getLayers()) {
            assertNull(FastPath.helperOf(layer));
        }
    }

    @Test
    void theSwitchTurnsThemOff() {
        String before = System.getProperty(FastPath.PROPERTY);
        System.setProperty(FastPath.PROPERTY, "false");
        try {
            ComputationGraph graph = Graphs.initialized(convNet(CNN2DFormat.NCHW, DataType.FLOAT));
            for (Layer layer : graph.getLayers()) {
                assertNull(FastPath.helperOf(layer));
            }
            assertTrue(FastPath.describe().contains("own code"), FastPath.describe());
        } finally {
            if (before == null) {
                System.clearProperty(FastPath.PROPERTY);
            } else {
                System.setProperty(FastPath.PROPERTY, before);
            }
        }
    }

    @Test
    void copiedAndRestoredGraphsGetHelpersAgain(@TempDir Path folder) throws Exception {
        assumeTrue(FastPath.enabled(), "the fast path is off: no oneDNN in this ND4J build");
        ComputationGraph graph = Graphs.initialized(convNet(CNN2DFormat.NHWC, DataType.FLOAT, new ReluLayer()));
        File saved = folder.resolve("net.zip").toFile();
        ModelSerializer.writeModel(graph, saved, true);
        for (ComputationGraph other : new ComputationGraph[] {Graphs.copied(graph), Graphs.restored(saved)}) {
            assertInstanceOf(OneDnnConvolutionHelper.class, FastPath.helperOf(other.getLayer("conv1")));
            assertInstanceOf(OneDnnBatchNormHelper.class, FastPath.helperOf(other.getLayer("bn2")));
            assertInstanceOf(ReluLayerRuntime.class, other.getLayer("relu1"));
            assertEquals(graph.params(), other.params());
        }
    }
}
