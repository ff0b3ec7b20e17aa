package org.dls4j.course4.week4;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.ReluLayer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The course's {@code faceRecoModel((3, 96, 96))}: FaceNet nn4.small2 (OpenFace) as a DL4J graph, channels first,
 * float32 as in Keras. The stem, seven inception blocks (3a, 3b, 3c, 4a, 4e, 5a, 5b), a 3x3 average pool, a dense
 * layer of 128 and an L2 normalisation:
 * <pre>
 * input (3, 96, 96) -> pad 3 -> conv1 7x7/2 (64) -> bn1 -> relu -> pad 1 -> max 3/2
 *   -> conv2 1x1 (64) -> bn2 -> relu -> pad 1 -> conv3 3x3 (192) -> bn3 -> relu -> pad 1 -> max 3/2   (192, 12, 12)
 *   -> 3a (256, 12, 12) -> 3b (320, 12, 12) -> 3c (640, 6, 6) -> 4a (640, 6, 6) -> 4e (1024, 3, 3)
 *   -> 5a (736, 3, 3) -> 5b (736, 3, 3) -> avg 3/1 -> dense_layer (128) -> l2_normalize
 * </pre>
 * 3,743,280 parameters (Keras' "Total Params"), 9,312 of them the batch norms' moving averages. Every layer keeps
 * its Keras name ({@code inception_4a_3x3_conv2}), which is also the name of its OpenFace CSV files
 * ({@link OpenFaceWeights}); the batch norms store the plain variance, as those files do. Each inception branch is
 * the course's {@code conv2d_bn}: a 1x1 convolution, batch norm (epsilon 1e-5), relu, then optionally zero padding
 * and a second convolution with its batch norm and relu.
 */
public final class FaceNetGraph {

    /** The picture side the network reads. */
    public static final int SIDE = 96;
    /** The length of an encoding. */
    public static final int ENCODING = 128;
    /** Keras' parameter count of {@code faceRecoModel} ("Total Params: 3743280"). */
    public static final long PARAMETERS = 3_743_280;
    /** The name of the graph's output vertex. */
    public static final String OUTPUT = "l2_normalize";

    /** Epsilon of bn1 (Keras' default: the course gives it none) and of every other batch norm. */
    private static final double BN1_EPSILON = 1e-3, BN_EPSILON = 1e-5;

    private final ComputationGraphConfiguration.GraphBuilder g;

    private FaceNetGraph(ComputationGraphConfiguration.GraphBuilder g) {
        this.g = g;
    }

    /**
     * The untrained network, its weights drawn by DL4J's initialiser from {@code seed}: the shapes are FaceNet's, the
     * encodings mean nothing until {@link OpenFaceWeights#loadInto} has replaced every parameter.
     */
    public static ComputationGraph build(long seed) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .convolutionMode(ConvolutionMode.Truncate)       // Keras' padding='valid'; padding is explicit
                .graphBuilder()
                .addInputs("input_1")
                .setInputTypes(InputType.convolutional(SIDE, SIDE, 3));
        String x = new FaceNetGraph(g).body("input_1");
        g.setOutputs(x);
        return Graphs.initialized(g.build());
    }

    private String body(String input) {
        // X = ZeroPadding2D((3, 3))(X_input); Conv2D(64, (7, 7), strides=(2, 2), name='conv1'); BN bn1; relu
        String x = pad("zero_padding2d_1", input, 3, 3, 3, 3);
        x = convBnRelu(x, "conv1", "bn1", 64, 7, 2, BN1_EPSILON);
        // ZeroPadding2D((1, 1)); MaxPooling2D((3, 3), strides=2)
        x = maxPool("max_pooling2d_1", pad("zero_padding2d_2", x, 1, 1, 1, 1), 3, 2);
        // Conv2D(64, (1, 1), name='conv2'); BN bn2; relu; ZeroPadding2D((1, 1))
        x = pad("zero_padding2d_3", convBnRelu(x, "conv2", "bn2", 64, 1, 1, BN_EPSILON), 1, 1, 1, 1);
        // Conv2D(192, (3, 3), name='conv3'); BN bn3; relu; ZeroPadding2D((1, 1)); MaxPooling2D(3, strides=2)
        x = pad("zero_padding2d_4", convBnRelu(x, "conv3", "bn3", 192, 3, 1, BN_EPSILON), 1, 1, 1, 1);
        x = maxPool("max_pooling2d_2", x, 3, 2);
        for (Block block : BLOCKS) {
            x = inception(x, block);
        }
        // AveragePooling2D(pool_size=(3, 3), strides=(1, 1)); Flatten(); Dense(128, name='dense_layer')
        x = avgPool("average_pooling2d_4", x, 3, 1);
        g.addLayer("dense_layer", new DenseLayer.Builder().nOut(ENCODING).activation(Activation.IDENTITY).build(), x);
        // Lambda(lambda x: K.l2_normalize(x, axis=1)): x / sqrt(max(sum(x^2), 1e-12))
        g.addVertex(OUTPUT, new L2NormalizeVertex(new int[] {1}, 1e-6), "dense_layer");
        return OUTPUT;
    }

    /**
     * One inception block: a 3x3 branch (1x1 to {@code reduce3}, 3x3 to {@code out3}), a 5x5 branch (1x1 to
     * {@code reduce5}, 5x5 to {@code out5}; none when 0), both with stride {@code stride}; a pool branch (max 3/2 or
     * average 3/3, then a 1x1 convolution to {@code poolConv} when not 0, then zero padding {@code poolPad}); a 1x1
     * branch to {@code out1} (none when 0). The branches are concatenated in that order along the channels.
     */
    private record Block(String name, int reduce3, int out3, int reduce5, int out5, int stride, PoolingType pool,
            int poolConv, int[] poolPad, int out1) {
    }

    /** The course's inception_block_1a .. 3b, in order, with each block's output. */
    private static final List<Block> BLOCKS = List.of(
            // inception_block_1a: (256, 12, 12)
            new Block("inception_3a", 96, 128, 16, 32, 1, PoolingType.MAX, 32, new int[] {3, 4, 3, 4}, 64),
            // inception_block_1b: (320, 12, 12)
            new Block("inception_3b", 96, 128, 32, 64, 1, PoolingType.AVG, 64, same(4), 64),
            // inception_block_1c: (640, 6, 6); pool: MaxPooling2D then ZeroPadding2D(((0, 1), (0, 1)))
            new Block("inception_3c", 128, 256, 32, 64, 2, PoolingType.MAX, 0, new int[] {0, 1, 0, 1}, 0),
            // inception_block_2a: (640, 6, 6)
            new Block("inception_4a", 96, 192, 32, 64, 1, PoolingType.AVG, 128, same(2), 256),
            // inception_block_2b (inception 4e): (1024, 3, 3)
            new Block("inception_4e", 160, 256, 64, 128, 2, PoolingType.MAX, 0, new int[] {0, 1, 0, 1}, 0),
            // inception_block_3a: (736, 3, 3)
            new Block("inception_5a", 96, 384, 0, 0, 1, PoolingType.AVG, 96, same(1), 256),
            // inception_block_3b: (736, 3, 3)
            new Block("inception_5b", 96, 384, 0, 0, 1, PoolingType.MAX, 96, same(1), 256));

    private String inception(String x, Block b) {
        List<String> branches = new ArrayList<>();
        branches.add(conv2dBn(x, b.name() + "_3x3", b.reduce3(), same(1), b.out3(), 3, b.stride()));
        if (b.reduce5() > 0) {
            branches.add(conv2dBn(x, b.name() + "_5x5", b.reduce5(), same(2), b.out5(), 5, b.stride()));
        }
        // MaxPooling2D(pool_size=3, strides=2) or AveragePooling2D(pool_size=(3, 3), strides=(3, 3))
        String pool = b.pool() == PoolingType.MAX ? maxPool(b.name() + "_pool_max", x, 3, 2)
                : avgPool(b.name() + "_pool_avg", x, 3, 3);
        int[] p = b.poolPad();
        branches.add(b.poolConv() > 0 ? conv2dBn(pool, b.name() + "_pool", b.poolConv(), p, 0, 0, 0)
                : pad(b.name() + "_pool_pad", pool, p[0], p[1], p[2], p[3]));
        if (b.out1() > 0) {
            branches.add(conv2dBn(x, b.name() + "_1x1", b.out1(), null, 0, 0, 0));
        }
        // concatenate([...], axis=1): the branches stacked along the channels
        g.addVertex(b.name(), new MergeVertex(), branches.toArray(String[]::new));
        return b.name();
    }

    /**
     * The course's {@code conv2d_bn(x, layer, cv1_out, padding, cv2_out, cv2_filter, cv2_strides)}: a 1x1 convolution
     * ({@code layer_conv}, or {@code layer_conv1} when a second follows), batch norm, relu; then, when {@code padding}
     * is given, zero padding {top, bottom, left, right}; then, when {@code cv2Out > 0}, a second convolution
     * ({@code layer_conv2}), batch norm, relu.
     */
    private String conv2dBn(String input, String layer, int cv1Out, int[] padding, int cv2Out, int cv2Filter,
            int cv2Stride) {
        String num = cv2Out > 0 ? "1" : "";
        String x = convBnRelu(input, layer + "_conv" + num, layer + "_bn" + num, cv1Out, 1, 1, BN_EPSILON);
        if (padding == null) {
            return x;
        }
        x = pad(layer + "_pad", x, padding[0], padding[1], padding[2], padding[3]);
        if (cv2Out == 0) {
            return x;
        }
        return convBnRelu(x, layer + "_conv2", layer + "_bn2", cv2Out, cv2Filter, cv2Stride, BN_EPSILON);
    }

    private String convBnRelu(String input, String conv, String bn, int nOut, int kernel, int stride,
            double epsilon) {
        g.addLayer(conv, new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(nOut)
                .activation(Activation.IDENTITY).build(), input);
        g.addLayer(bn, new BatchNormalization.Builder().eps(epsilon).useLogStd(false).build(), conv);
        g.addLayer(bn + "_relu", new ReluLayer(), bn);
        return bn + "_relu";
    }

    private String pad(String name, String input, int top, int bottom, int left, int right) {
        g.addLayer(name, new ZeroPaddingLayer.Builder(top, bottom, left, right).build(), input);
        return name;
    }

    private String maxPool(String name, String input, int size, int stride) {
        return pool(name, input, PoolingType.MAX, size, stride);
    }

    private String avgPool(String name, String input, int size, int stride) {
        return pool(name, input, PoolingType.AVG, size, stride);
    }

    private String pool(String name, String input, PoolingType type, int size, int stride) {
        g.addLayer(name, new SubsamplingLayer.Builder(type).kernelSize(size, size).stride(stride, stride).build(),
                input);
        return name;
    }

    /** Symmetric zero padding {p, p, p, p}. */
    private static int[] same(int p) {
        return new int[] {p, p, p, p};
    }
}
