package org.dls4j.course4.week2;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.ReluLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The residual networks of "Residual Networks" as DL4J graphs, channels first (m, 3, 64, 64): the notebook's
 * {@code identity_block}, {@code convolutional_block} and {@code ResNet50}, with Keras' batch normalization
 * (epsilon 1e-3, momentum 0.99) and Glorot-uniform kernels.
 * <pre>
 * identity block:       X -> CONV 1x1 F1 -> BN -> RELU -> CONV fxf F2 same -> BN -> RELU -> CONV 1x1 F3 -> BN
 *                         -> ADD X -> RELU
 * convolutional block:  the same with a first CONV of stride s, and X through CONV 1x1 F3 stride s -> BN before the ADD
 * ResNet50:             ZEROPAD 3 -> CONV 7x7 64 /2 -> BN -> RELU -> MAXPOOL 3x3 /2
 *                         -> stage 2: conv block [64, 64, 256] s=1 + 2 identity blocks
 *                         -> stage 3: conv block [128, 128, 512] s=2 + 3 identity blocks
 *                         -> stage 4: conv block [256, 256, 1024] s=2 + 5 identity blocks
 *                         -> stage 5: conv block [512, 512, 2048] s=2 + 2 identity blocks
 *                         -> AVGPOOL (the 2x2 maps to 1x1) -> FLATTEN -> DENSE classes -> SOFTMAX
 * </pre>
 * Layer names follow Keras' ({@code res2a_branch2a}, {@code bn2a_branch2a}, ...), which the weight reader relies on.
 */
public final class ResNetGraphs {

    /** Keras' BatchNormalization defaults. */
    static final double BN_EPSILON = 1e-3, BN_MOMENTUM = 0.99;

    private ResNetGraphs() {
    }

    /** ResNet50 for {@code side x side x channels} pictures and {@code classes} classes, Adam at {@code lr}. */
    @Graded("ResNet50")
    public static ComputationGraph resnet50(int side, int channels, int classes, long seed, double lr) {
        ComputationGraphConfiguration.GraphBuilder g = builder(side, channels, seed, lr);
        String x = stem(g, "input_1");
        x = stage(g, x, 2, new int[] {64, 64, 256}, 1, 2);
        x = stage(g, x, 3, new int[] {128, 128, 512}, 2, 3);
        x = stage(g, x, 4, new int[] {256, 256, 1024}, 2, 5);
        x = stage(g, x, 5, new int[] {512, 512, 2048}, 2, 2);
        return Graphs.forTraining(head(g, x, classes));   // fit() never uses the pictures' gradient
    }

    /** The stem and stage 2 alone (a conv block and two identity blocks), then the same head: a small ResNet. */
    public static ComputationGraph stemAndFirstStage(int side, int channels, int classes, long seed, double lr) {
        ComputationGraphConfiguration.GraphBuilder g = builder(side, channels, seed, lr);
        String x = stage(g, stem(g, "input_1"), 2, new int[] {64, 64, 256}, 1, 2);
        return Graphs.forTraining(head(g, x, classes));   // fit() never uses the pictures' gradient
    }

    private static ComputationGraphConfiguration.GraphBuilder builder(int side, int channels, long seed, double lr) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)                  // Keras' float32
                .weightInit(WeightInit.XAVIER_UNIFORM)     // glorot_uniform
                .updater(new Adam(lr))                     // the notebook's optimizer='adam'
                .convolutionMode(ConvolutionMode.Truncate) // 'valid' unless a layer says 'same'
                .cacheMode(CacheMode.DEVICE)               // keep each forward convolution for the backward pass
                .graphBuilder()
                .addInputs("input_1")
                .setInputTypes(InputType.convolutional(side, side, channels));
    }

    /** ZEROPAD 3 -> CONV 7x7, 64, stride 2 -> BN -> RELU -> MAXPOOL 3x3, stride 2. */
    private static String stem(ComputationGraphConfiguration.GraphBuilder g, String input) {
        g.addLayer("zero_padding2d", new ZeroPaddingLayer.Builder(3, 3).build(), input);
        g.addLayer("conv1", conv(7, 64, 2, ConvolutionMode.Truncate), "zero_padding2d");
        g.addLayer("bn_conv1", batchNorm(), "conv1");
        g.addLayer("activation", relu(), "bn_conv1");
        g.addLayer("max_pooling2d", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                .build(), "activation");
        return "max_pooling2d";
    }

    /** A convolutional block then {@code identities} identity blocks, named {@code stage}a, b, c, ... */
    private static String stage(ComputationGraphConfiguration.GraphBuilder g, String x, int stage, int[] filters,
            int s, int identities) {
        x = convolutionalBlock(g, x, 3, filters, stage, "a", s);
        for (int i = 0; i < identities; i++) {
            x = identityBlock(g, x, 3, filters, stage, String.valueOf((char) ('b' + i)));
        }
        return x;
    }

    /** The notebook's {@code identity_block(X, f, filters, stage, block)}; returns the name of its output. */
    @Graded("identity_block")
    public static String identityBlock(ComputationGraphConfiguration.GraphBuilder g, String x, int f, int[] filters,
            int stage, String block) {
        String branch = mainBranch(g, x, f, filters, stage, block, 1);
        return addAndRelu(g, branch, x, stage, block);
    }

    /** The notebook's {@code convolutional_block(X, f, filters, stage, block, s)}. */
    @Graded("convolutional_block")
    public static String convolutionalBlock(ComputationGraphConfiguration.GraphBuilder g, String x, int f,
            int[] filters, int stage, String block, int s) {
        String branch = mainBranch(g, x, f, filters, stage, block, s);
        String name = stage + block + "_branch1";
        g.addLayer("res" + name, conv(1, filters[2], s, ConvolutionMode.Truncate), x);
        g.addLayer("bn" + name, batchNorm(), "res" + name);
        return addAndRelu(g, branch, "bn" + name, stage, block);
    }

    /** CONV 1x1 F1 stride s -> BN -> RELU -> CONV fxf F2 same -> BN -> RELU -> CONV 1x1 F3 -> BN. */
    private static String mainBranch(ComputationGraphConfiguration.GraphBuilder g, String x, int f, int[] filters,
            int stage, String block, int s) {
        String base = stage + block + "_branch2";
        int[] kernels = {1, f, 1};
        int[] strides = {s, 1, 1};
        String previous = x;
        for (int i = 0; i < 3; i++) {
            String part = base + (char) ('a' + i);
            ConvolutionMode mode = kernels[i] == 1 ? ConvolutionMode.Truncate : ConvolutionMode.Same;
            g.addLayer("res" + part, conv(kernels[i], filters[i], strides[i], mode), previous);
            g.addLayer("bn" + part, batchNorm(), "res" + part);
            previous = "bn" + part;
            if (i < 2) {
                g.addLayer("relu" + part, relu(), previous);
                previous = "relu" + part;
            }
        }
        return previous;
    }

    private static String addAndRelu(ComputationGraphConfiguration.GraphBuilder g, String branch, String shortcut,
            int stage, String block) {
        String add = "add" + stage + block;
        g.addVertex(add, new ElementWiseVertex(ElementWiseVertex.Op.Add), branch, shortcut);
        g.addLayer("out" + stage + block, relu(), add);
        return "out" + stage + block;
    }

    /** AVGPOOL over the remaining maps -> FLATTEN -> DENSE classes -> SOFTMAX. */
    private static ComputationGraphConfiguration head(ComputationGraphConfiguration.GraphBuilder g, String x,
            int classes) {
        g.addLayer("avg_pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x);
        g.addLayer("fc" + classes, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes)
                .activation(Activation.SOFTMAX).build(), "avg_pool");
        g.setOutputs("fc" + classes);
        return g.build();
    }

    private static ConvolutionLayer conv(int f, int filters, int s, ConvolutionMode mode) {
        return new ConvolutionLayer.Builder(f, f).nOut(filters).stride(s, s).convolutionMode(mode)
                .activation(Activation.IDENTITY).build();
    }

    private static BatchNormalization batchNorm() {
        return new BatchNormalization.Builder().eps(BN_EPSILON).decay(BN_MOMENTUM).build();
    }

    /** RELU, computed in one pass each way ({@link ReluLayer}: DL4J's activation layer copies the maps first). */
    private static ReluLayer relu() {
        return new ReluLayer();
    }
}
