package org.dls4j.course4.week4;

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
        x = block1a(x);
        x = block1b(x);
        x = block1c(x);
        x = block2a(x);
        x = block2b(x);
        x = block3a(x);
        x = block3b(x);
        // AveragePooling2D(pool_size=(3, 3), strides=(1, 1)); Flatten(); Dense(128, name='dense_layer')
        x = avgPool("average_pooling2d_4", x, 3, 1);
        g.addLayer("dense_layer", new DenseLayer.Builder().nOut(ENCODING).activation(Activation.IDENTITY).build(), x);
        // Lambda(lambda x: K.l2_normalize(x, axis=1)): x / sqrt(max(sum(x^2), 1e-12))
        g.addVertex(OUTPUT, new L2NormalizeVertex(new int[] {1}, 1e-6), "dense_layer");
        return OUTPUT;
    }

    /** inception_block_1a: 3x3 (96 -> 128), 5x5 (16 -> 32), max-pool -> 32, 1x1 64: (256, 12, 12). */
    private String block1a(String x) {
        String b3 = conv2dBn(x, "inception_3a_3x3", 96, same(1), 128, 3, 1);
        String b5 = conv2dBn(x, "inception_3a_5x5", 16, same(2), 32, 5, 1);
        // MaxPooling2D(pool_size=3, strides=2) -> conv 32 -> ZeroPadding2D(((3, 4), (3, 4)))
        String pool = conv2dBn(maxPool("inception_3a_pool_max", x, 3, 2), "inception_3a_pool", 32,
                new int[] {3, 4, 3, 4}, 0, 0, 0);
        String b1 = conv2dBn(x, "inception_3a_1x1", 64, null, 0, 0, 0);
        return concat("inception_3a", b3, b5, pool, b1);
    }

    /** inception_block_1b: 3x3 (96 -> 128), 5x5 (32 -> 64), avg-pool 3/3 -> 64, 1x1 64: (320, 12, 12). */
    private String block1b(String x) {
        String b3 = conv2dBn(x, "inception_3b_3x3", 96, same(1), 128, 3, 1);
        String b5 = conv2dBn(x, "inception_3b_5x5", 32, same(2), 64, 5, 1);
        String pool = conv2dBn(avgPool("inception_3b_pool_avg", x, 3, 3), "inception_3b_pool", 64, same(4), 0, 0,
                0);
        String b1 = conv2dBn(x, "inception_3b_1x1", 64, null, 0, 0, 0);
        return concat("inception_3b", b3, b5, pool, b1);
    }

    /** inception_block_1c: 3x3 (128 -> 256, stride 2), 5x5 (32 -> 64, stride 2), max-pool: (640, 6, 6). */
    private String block1c(String x) {
        String b3 = conv2dBn(x, "inception_3c_3x3", 128, same(1), 256, 3, 2);
        String b5 = conv2dBn(x, "inception_3c_5x5", 32, same(2), 64, 5, 2);
        // MaxPooling2D(pool_size=3, strides=2) -> ZeroPadding2D(((0, 1), (0, 1)))
        String pool = pad("inception_3c_pool_pad", maxPool("inception_3c_pool_max", x, 3, 2), 0, 1, 0, 1);
        return concat("inception_3c", b3, b5, pool);
    }

    /** inception_block_2a: 3x3 (96 -> 192), 5x5 (32 -> 64), avg-pool 3/3 -> 128, 1x1 256: (640, 6, 6). */
    private String block2a(String x) {
        String b3 = conv2dBn(x, "inception_4a_3x3", 96, same(1), 192, 3, 1);
        String b5 = conv2dBn(x, "inception_4a_5x5", 32, same(2), 64, 5, 1);
        String pool = conv2dBn(avgPool("inception_4a_pool_avg", x, 3, 3), "inception_4a_pool", 128, same(2), 0, 0,
                0);
        String b1 = conv2dBn(x, "inception_4a_1x1", 256, null, 0, 0, 0);
        return concat("inception_4a", b3, b5, pool, b1);
    }

    /** inception_block_2b: 3x3 (160 -> 256, stride 2), 5x5 (64 -> 128, stride 2), max-pool: (1024, 3, 3). */
    private String block2b(String x) {
        String b3 = conv2dBn(x, "inception_4e_3x3", 160, same(1), 256, 3, 2);
        String b5 = conv2dBn(x, "inception_4e_5x5", 64, same(2), 128, 5, 2);
        String pool = pad("inception_4e_pool_pad", maxPool("inception_4e_pool_max", x, 3, 2), 0, 1, 0, 1);
        return concat("inception_4e", b3, b5, pool);
    }

    /** inception_block_3a: 3x3 (96 -> 384), avg-pool 3/3 -> 96, 1x1 256: (736, 3, 3). */
    private String block3a(String x) {
        String b3 = conv2dBn(x, "inception_5a_3x3", 96, same(1), 384, 3, 1);
        String pool = conv2dBn(avgPool("inception_5a_pool_avg", x, 3, 3), "inception_5a_pool", 96, same(1), 0, 0,
                0);
        String b1 = conv2dBn(x, "inception_5a_1x1", 256, null, 0, 0, 0);
        return concat("inception_5a", b3, pool, b1);
    }

    /** inception_block_3b: 3x3 (96 -> 384), max-pool 3/2 -> 96, 1x1 256: (736, 3, 3). */
    private String block3b(String x) {
        String b3 = conv2dBn(x, "inception_5b_3x3", 96, same(1), 384, 3, 1);
        String pool = conv2dBn(maxPool("inception_5b_pool_max", x, 3, 2), "inception_5b_pool", 96, same(1), 0, 0,
                0);
        String b1 = conv2dBn(x, "inception_5b_1x1", 256, null, 0, 0, 0);
        return concat("inception_5b", b3, pool, b1);
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

    /** concatenate([...], axis=1): the branches stacked along the channels. */
    private String concat(String name, String... branches) {
        g.addVertex(name, new MergeVertex(), branches);
        return name;
    }

    /** Symmetric zero padding {p, p, p, p}. */
    private static int[] same(int p) {
        return new int[] {p, p, p, p};
    }
}
