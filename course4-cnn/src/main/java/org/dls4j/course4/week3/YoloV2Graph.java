package org.dls4j.course4.week3;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataLocator;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.KerasH5Weights;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The notebook's {@code yolo_model}: YOLOv2 as YAD2K converted it ({@code yolo_body}), 608x608x3 pictures in,
 * 19x19x425 raw features out (5 anchors x (5 + 80 classes)), as a DL4J graph, channels first:
 * <pre>
 * Darknet-19 body: 18 convolutions 3x3 / 1x1 (no bias) -> batch norm -> leaky ReLU 0.1, five 2x2 max-pools
 *   -> conv 3x3 1024 (conv2d_19), conv 3x3 1024 (conv2d_20)                           19x19x1024
 * passthrough: the 13th convolution's output (38x38x512) -> conv 1x1 64 (conv2d_21) -> space_to_depth 2 -> 19x19x256
 * concatenate [passthrough, conv2d_20] (19x19x1280) -> conv 3x3 1024 (conv2d_22) -> conv 1x1 425 with bias (conv2d_23)
 * </pre>
 * 50,983,561 parameters, 20,672 of them batch norm's moving averages (Keras' "non-trainable"). The layer names are
 * the Keras ones of {@code yolo.h5} ({@code conv2d_1 ... conv2d_23}, {@code batch_normalization_1 ... 22}). DL4J's
 * model zoo has the same network as {@code YOLO2} (its Darknet helper, a {@code SpaceToDepthLayer} and a
 * {@code Yolo2OutputLayer}); here the graph ends at the last convolution, as the Keras model does, so that
 * {@code yolo_head} reads the raw features.
 */
public final class YoloV2Graph {

    /** Picture side, grid side, anchors, classes. */
    public static final int SIDE = 608, GRID = 19, ANCHORS = 5, CLASSES = 80;
    /** The Keras model's summary: Total params, Trainable params. */
    public static final long NOTEBOOK_TOTAL_PARAMS = 50_983_561L, NOTEBOOK_TRAINABLE_PARAMS = 50_962_889L;
    /** Where the course's weights go, inside a data folder. */
    public static final String WEIGHTS_FILE = "yolo/model_data/yolo.h5";

    /** Darknet-19's convolutions: filters and kernel side, in order; a 0 is a 2x2 max-pool. */
    private static final int[][] DARKNET_BODY = {
        {32, 3}, {0, 0}, {64, 3}, {0, 0},
        {128, 3}, {64, 1}, {128, 3}, {0, 0},
        {256, 3}, {128, 1}, {256, 3}, {0, 0},
        {512, 3}, {256, 1}, {512, 3}, {256, 1}, {512, 3}, {0, 0},
        {1024, 3}, {512, 1}, {1024, 3}, {512, 1}, {1024, 3}};
    /** The convolution whose output feeds the passthrough (the 13th, before the fifth max-pool). */
    private static final int PASSTHROUGH_CONV = 13;

    private YoloV2Graph() {
    }

    /** The network with DL4J's initial weights (float32, as Keras), ready for {@link #loadKerasWeights}. */
    public static ComputationGraph build(long seed) {
        return Graphs.initialized(configuration(seed));
    }

    /** The graph's configuration: {@code setInputType} 608x608x3, every nIn inferred. */
    public static ComputationGraphConfiguration configuration(long seed) {
        ComputationGraphConfiguration.GraphBuilder graph = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .convolutionMode(ConvolutionMode.Same)               // DarknetConv2D: padding='same'
                .graphBuilder()
                .addInputs("input_1")
                .setInputTypes(InputType.convolutional(SIDE, SIDE, 3));
        String previous = "input_1";
        int conv = 0;
        int pool = 0;
        String passthrough = null;
        for (int[] step : DARKNET_BODY) {
            if (step[0] == 0) {
                // MaxPooling2D(): 2x2, stride 2
                String name = "max_pooling2d_" + ++pool;
                graph.addLayer(name, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .convolutionMode(ConvolutionMode.Truncate).build(), previous);
                previous = name;
            } else {
                previous = convBnLeaky(graph, ++conv, step[0], step[1], previous);
                if (conv == PASSTHROUGH_CONV) {
                    passthrough = previous;
                }
            }
        }
        // conv20 = compose(DarknetConv2D_BN_Leaky(1024, (3, 3)), DarknetConv2D_BN_Leaky(1024, (3, 3)))(darknet.output)
        previous = convBnLeaky(graph, ++conv, 1024, 3, previous);
        String conv20 = convBnLeaky(graph, ++conv, 1024, 3, previous);
        // conv21 = DarknetConv2D_BN_Leaky(64, (1, 1))(conv13)
        String conv21 = convBnLeaky(graph, ++conv, 64, 1, passthrough);
        // conv21_reshaped = Lambda(space_to_depth_x2)(conv21): 38x38x64 -> 19x19x256
        graph.addLayer("space_to_depth_x2", new SpaceToDepthLayer.Builder(2, CNN2DFormat.NCHW).build(), conv21);
        // x = concatenate([conv21_reshaped, conv20])
        graph.addVertex("concatenate_1", new MergeVertex(), "space_to_depth_x2", conv20);
        // x = DarknetConv2D_BN_Leaky(1024, (3, 3))(x)
        previous = convBnLeaky(graph, ++conv, 1024, 3, "concatenate_1");
        // x = DarknetConv2D(num_anchors * (num_classes + 5), (1, 1))(x): with a bias, no activation
        String output = "conv2d_" + ++conv;
        graph.addLayer(output, new ConvolutionLayer.Builder(1, 1).nOut(ANCHORS * (5 + CLASSES)).hasBias(true)
                .activation(Activation.IDENTITY).build(), previous);
        return graph.setOutputs(output).build();
    }

    /** DarknetConv2D_BN_Leaky: conv (no bias) -> BatchNormalization() -> LeakyReLU(alpha=0.1). */
    private static String convBnLeaky(ComputationGraphConfiguration.GraphBuilder graph, int index, int filters,
            int kernel, String input) {
        String conv = "conv2d_" + index;
        String norm = "batch_normalization_" + index;
        String leaky = "leaky_re_lu_" + index;
        graph.addLayer(conv, new ConvolutionLayer.Builder(kernel, kernel).nOut(filters).hasBias(false)
                .activation(Activation.IDENTITY).build(), input);
        // Keras' BatchNormalization(): epsilon 1e-3, momentum 0.99; the variance kept as Keras keeps it
        graph.addLayer(norm, new BatchNormalization.Builder().eps(1e-3).decay(0.99).useLogStd(false).build(), conv);
        graph.addLayer(leaky, new ActivationLayer.Builder().activation(new ActivationLReLU(0.1)).build(), norm);
        return leaky;
    }

    /** The output type DL4J infers: channels, height, width of the raw features (425, 19, 19). */
    public static long[] outputShape(ComputationGraphConfiguration configuration) {
        InputType type = configuration.getLayerActivationTypes(InputType.convolutional(SIDE, SIDE, 3))
                .get(configuration.getNetworkOutputs().get(0));
        InputType.InputTypeConvolutional conv = (InputType.InputTypeConvolutional) type;
        return new long[] {conv.getChannels(), conv.getHeight(), conv.getWidth()};
    }

    /** {@code yolo.h5} when {@code file} names it or a data folder has it; empty when nobody supplied it. */
    public static Optional<Path> locateWeights(Path file) {
        if (file != null) {
            return Optional.of(file);
        }
        return DataLocator.fromEnvironment().find(WEIGHTS_FILE);
    }

    /** What to do when {@code yolo.h5} is not there: one paragraph for the run's output. */
    public static String missingWeightsMessage() {
        return "The course's pretrained YOLOv2 weights, " + WEIGHTS_FILE + " (about 194 MB, the YAD2K conversion the"
                + " notebook loads), are in no data folder and in no public copy (the course repositories hold a"
                + " Git-LFS pointer or a zip). To run the pretrained part, put the course's yolo.h5 into"
                + " <data folder>/yolo/model_data/ (searched:\n" + DataLocator.fromEnvironment().describeRoots()
                + ")\nor pass --weights FILE. Everything else in this run works without it.";
    }

    /**
     * Copies the weights of a Keras {@code yolo.h5} into {@code graph}: the Keras convolutions and batch norms in the
     * order Keras created them ({@code conv2d_1 ... conv2d_23}, or TF2's {@code conv2d, conv2d_1, ...}) onto ours.
     * A Keras kernel {@code (kh, kw, in, out)} becomes DL4J's {@code (out, in, kh, kw)}; batch norm's gamma, beta,
     * moving mean and moving variance are DL4J's gamma, beta, mean and var.
     *
     * @throws DataException when the file is not this network (names which layer or shape differs)
     */
    public static void loadKerasWeights(ComputationGraph graph, Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException("--weights " + file + ": no such file. " + missingWeightsMessage());
        }
        KerasH5Weights keras = KerasH5Weights.read(file, "yolo");
        List<String> convs = kerasLayers(keras, "conv2d");
        List<String> norms = kerasLayers(keras, "batch_normalization");
        int convCount = 23;
        if (convs.size() != convCount || norms.size() != convCount - 1) {
            throw DataException.wrongStructure(file, "yolo", "YOLOv2's 23 convolutions and 22 batch norms",
                    convs.size() + " convolutions and " + norms.size() + " batch norms");
        }
        for (int i = 0; i < convCount; i++) {
            org.deeplearning4j.nn.api.Layer conv = graph.getLayer("conv2d_" + (i + 1));
            long[] w = conv.getParam("W").shape();
            INDArray kernel = keras.weight(convs.get(i), "kernel", w[2], w[3], w[1], w[0]);
            conv.setParam("W", kernel.permute(3, 2, 0, 1).dup('c'));
            if (i == convCount - 1) {
                conv.setParam("b", keras.weight(convs.get(i), "bias", w[0]).reshape(1, w[0]));
            } else {
                org.deeplearning4j.nn.api.Layer norm = graph.getLayer("batch_normalization_" + (i + 1));
                long n = w[0];
                norm.setParam("gamma", keras.weight(norms.get(i), "gamma", n).reshape(1, n));
                norm.setParam("beta", keras.weight(norms.get(i), "beta", n).reshape(1, n));
                norm.setParam("mean", keras.weight(norms.get(i), "moving_mean", n).reshape(1, n));
                norm.setParam("var", keras.weight(norms.get(i), "moving_variance", n).reshape(1, n));
            }
        }
    }

    /** The Keras layers called {@code prefix}, {@code prefix_1}, ... that hold weights, by their number. */
    static List<String> kerasLayers(KerasH5Weights keras, String prefix) {
        List<String> layers = new ArrayList<>();
        for (String name : keras.layerNames()) {
            if ((name.equals(prefix) || name.matches(prefix + "_\\d+")) && !keras.weights(name).isEmpty()) {
                layers.add(name);
            }
        }
        layers.sort(Comparator.comparingInt(YoloV2Graph::suffix));
        return layers;
    }

    private static int suffix(String name) {
        int underscore = name.lastIndexOf('_');
        String tail = name.substring(underscore + 1);
        return tail.chars().allMatch(Character::isDigit) ? Integer.parseInt(tail) : 0;
    }
}
