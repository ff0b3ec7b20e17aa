package org.dls4j.shared.graph;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.data.DataException;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code tf.keras.applications.MobileNetV2(include_top=False)} (Sandler et al. 2018) as a DL4J graph, channels
 * first, with Keras' layer names, so that Keras' ImageNet weight file loads by name ({@link #loadKerasWeights}) and a
 * position in {@link #kerasLayers} means what it means in {@code base_model.layers}:
 * <pre>
 * input_1 -> Conv1_pad -> Conv1 3x3 /2 -> bn_Conv1 -> Conv1_relu (ReLU6)
 *   -> expanded_conv: depthwise 3x3 -> BN -> ReLU6 -> project 1x1 -> BN
 *   -> block_1 .. block_16: expand 1x1 (6x) -> BN -> ReLU6 -> [block_i_pad, stride 2] -> depthwise 3x3 -> BN -> ReLU6
 *        -> project 1x1 -> BN -> [block_i_add with the block's input, where stride 1 and the channels match]
 *   -> Conv_1 1x1 (1280) -> Conv_1_bn -> out_relu
 * </pre>
 * Output channels 16, 24 x2, 32 x3, 64 x4, 96 x3, 160 x3, 320 (times {@code alpha}, rounded to multiples of 8),
 * stride 2 in blocks 1, 3, 6 and 13; no convolution has a bias; batch norm epsilon 1e-3, momentum 0.999. A stride-2
 * convolution is 'valid' after a zero padding of 0 before and 1 after an even side (1 and 1 for an odd one), as Keras'
 * {@code correct_pad}; the others are 'same'. At 160 x 160 the 155 layers (the input included) hold 2,257,984
 * parameters, 34,112 of them batch norm's moving averages, and give 5 x 5 x 1280 features.
 */
public final class MobileNetV2 {

    /** The input's and the output's names. */
    public static final String INPUT = "input_1", OUTPUT = "out_relu";
    /** The last inverted residual block. */
    public static final int LAST_BLOCK = 16;
    /** Keras' batch norm settings in MobileNetV2. */
    public static final double BN_EPSILON = 1e-3, BN_MOMENTUM = 0.999;

    /** Where Keras' weight file comes from: one sentence for a message. */
    public static final String WEIGHTS_ADVICE = "It is the file Keras' MobileNetV2(weights='imagenet', "
            + "include_top=False, alpha=1.0) downloads into ~/.keras/models/, e.g. "
            + "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_160_no_top.h5 from "
            + "https://storage.googleapis.com/tensorflow/keras-applications/mobilenet_v2/";

    /** Per block (index = block id, 0 = expanded_conv): output channels at alpha 1, stride, expansion. */
    private static final int[][] BLOCKS = {
        {16, 1, 1}, {24, 2, 6}, {24, 1, 6}, {32, 2, 6}, {32, 1, 6}, {32, 1, 6}, {64, 2, 6}, {64, 1, 6}, {64, 1, 6},
        {64, 1, 6}, {96, 1, 6}, {96, 1, 6}, {96, 1, 6}, {160, 2, 6}, {160, 1, 6}, {160, 1, 6}, {320, 1, 6}};

    private MobileNetV2() {
    }

    /** The whole network (width {@code alpha}) for {@code side x side} RGB pictures, DL4J's initial weights. */
    public static ComputationGraph architecture(int side, double alpha) {
        return Graphs.initialized(configuration(side, alpha, LAST_BLOCK));
    }

    /**
     * The network up to {@code block_<lastBlock>} (its output: the last layer of that block); with {@code lastBlock}
     * 16, the whole network, {@code Conv_1}, {@code Conv_1_bn} and {@code out_relu} included.
     */
    public static ComputationGraphConfiguration configuration(int side, double alpha, int lastBlock) {
        if (lastBlock < 0 || lastBlock > LAST_BLOCK) {
            throw new IllegalArgumentException("MobileNetV2 has blocks 0 to 16, not " + lastBlock);
        }
        Builder b = new Builder(side);
        b.pad("Conv1_pad", INPUT);
        b.conv("Conv1", makeDivisible(32 * alpha), 3, 2, "Conv1_pad");
        b.batchNormAndRelu6("bn_Conv1", "Conv1_relu");
        int channels = makeDivisible(32 * alpha);
        for (int block = 0; block <= lastBlock; block++) {
            int out = makeDivisible(BLOCKS[block][0] * alpha);
            b.invertedResidual(block, channels, out, BLOCKS[block][1], BLOCKS[block][2]);
            channels = out;
        }
        if (lastBlock == LAST_BLOCK) {
            int last = alpha > 1.0 ? makeDivisible(1280 * alpha) : 1280;
            b.conv("Conv_1", last, 1, 1, b.last);
            b.batchNormAndRelu6("Conv_1_bn", OUTPUT);
        }
        return b.graph.setOutputs(b.last).build();
    }

    /**
     * The layers in the order Keras creates them, i.e. {@code base_model.layers}: the input first, then each
     * vertex of the configuration as it was added (for the whole network at any side: 155 names).
     */
    public static List<String> kerasLayers(ComputationGraphConfiguration configuration) {
        List<String> names = new ArrayList<>(configuration.getNetworkInputs());
        names.addAll(configuration.getVertices().keySet());
        return names;
    }

    /**
     * Keras' weights, {@code mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_<side>_no_top.h5} (what
     * {@code weights='imagenet'} downloads; any side: the weights do not depend on it), in the whole network at
     * alpha 1 for {@code side x side} pictures.
     *
     * @throws DataException when the file is missing or is not MobileNetV2 at alpha 1 (names the layer or shape)
     */
    public static ComputationGraph load(Path file, int side) {
        return load(readWeights(file), side);
    }

    /** The whole network at alpha 1 for {@code side x side} pictures with the weights of {@link #readWeights}. */
    public static ComputationGraph load(KerasH5Weights weights, int side) {
        ComputationGraph graph = architecture(side, 1.0);
        loadKerasWeights(graph, weights);
        return graph;
    }

    /**
     * Reads a Keras weight file.
     *
     * @throws DataException when it is missing or not a Keras HDF5 weight file
     */
    public static KerasH5Weights readWeights(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DataException("MobileNetV2 weights " + file + ": no such file. " + WEIGHTS_ADVICE);
        }
        return KerasH5Weights.read(file, "MobileNetV2 ImageNet weights");
    }

    /**
     * Copies every weight of {@code keras} into the graph's layer of the same name: a convolution's kernel
     * {@code (kh, kw, in, out)} as DL4J's {@code (out, in, kh, kw)}; a depthwise kernel {@code (kh, kw, in, 1)} as it
     * is (DL4J's depthwise layout is Keras'); batch norm's gamma, beta, moving mean and moving variance as DL4J's
     * gamma, beta, mean and var. Layers without weights (input, pads, ReLU6, adds) are skipped.
     *
     * @throws DataException when a layer of the graph is not in the file or has another shape there
     */
    public static void loadKerasWeights(ComputationGraph graph, KerasH5Weights keras) {
        for (Layer layer : graph.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            Object conf = layer.conf().getLayer();
            if (conf instanceof DepthwiseConvolution2D) {
                long[] w = layer.getParam("W").shape();
                layer.setParam("W", keras.weight(name, "depthwise_kernel", w).dup('c'));
            } else if (conf instanceof ConvolutionLayer) {
                long[] w = layer.getParam("W").shape();
                INDArray kernel = keras.weight(name, "kernel", w[2], w[3], w[1], w[0]);
                layer.setParam("W", kernel.permute(3, 2, 0, 1).dup('c'));
            } else if (conf instanceof BatchNormalization) {
                long n = layer.getParam("gamma").length();
                layer.setParam("gamma", keras.weight(name, "gamma", n).reshape(1, n));
                layer.setParam("beta", keras.weight(name, "beta", n).reshape(1, n));
                layer.setParam("mean", keras.weight(name, "moving_mean", n).reshape(1, n));
                layer.setParam("var", keras.weight(name, "moving_variance", n).reshape(1, n));
            }
        }
    }

    /** Keras' {@code _make_divisible(v, 8)}: the nearest multiple of 8, at least 8, never 10% below {@code v}. */
    static int makeDivisible(double v) {
        int divisor = 8;
        int rounded = Math.max(divisor, (int) (v + divisor / 2.0) / divisor * divisor);
        return rounded < 0.9 * v ? rounded + divisor : rounded;
    }

    /** Adds layers one after another, keeping track of the last one and of the maps' side. */
    private static final class Builder {
        final ComputationGraphConfiguration.GraphBuilder graph;
        String last;
        int side;

        Builder(int side) {
            this.side = side;
            graph = new NeuralNetConfiguration.Builder()
                    .dataType(DataType.FLOAT)                       // Keras' float32
                    .convolutionMode(ConvolutionMode.Truncate)      // 'valid' unless a layer says 'same'
                    .graphBuilder()
                    .addInputs(INPUT)
                    .setInputTypes(InputType.convolutional(side, side, 3));
            last = INPUT;
        }

        /** A convolution without bias: 'same' for stride 1, 'valid' (after a {@link #pad}) for stride 2. */
        void conv(String name, int filters, int kernel, int stride, String input) {
            add(name, new ConvolutionLayer.Builder(kernel, kernel).nOut(filters).stride(stride, stride)
                    .convolutionMode(stride == 1 ? ConvolutionMode.Same : ConvolutionMode.Truncate).hasBias(false)
                    .activation(Activation.IDENTITY).build(), input);
            side = stride == 2 ? (side - kernel) / 2 + 1 : side;
        }

        /** Keras' {@code correct_pad} for a 3x3 stride-2 convolution: 0 before and 1 after an even side, else 1, 1. */
        String pad(String name, String input) {
            int before = side % 2 == 0 ? 0 : 1;
            add(name, new ZeroPaddingLayer.Builder(before, 1, before, 1).build(), input);
            side += before + 1;
            return name;
        }

        void batchNormAndRelu6(String norm, String relu) {
            add(norm, batchNorm(), last);
            add(relu, new ActivationLayer.Builder().activation(Activation.RELU6).build(), last);
        }

        void invertedResidual(int block, int in, int out, int stride, int expansion) {
            String prefix = block == 0 ? "expanded_conv_" : "block_" + block + "_";
            String input = last;
            if (block > 0) {
                add(prefix + "expand", pointwise(in * expansion), last);
                batchNormAndRelu6(prefix + "expand_BN", prefix + "expand_relu");
            }
            String from = stride == 2 ? pad(prefix + "pad", last) : last;
            add(prefix + "depthwise", new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(1)
                    .stride(stride, stride).hasBias(false).activation(Activation.IDENTITY)
                    .convolutionMode(stride == 1 ? ConvolutionMode.Same : ConvolutionMode.Truncate).build(), from);
            side = stride == 2 ? (side - 3) / 2 + 1 : side;
            batchNormAndRelu6(prefix + "depthwise_BN", prefix + "depthwise_relu");
            add(prefix + "project", pointwise(out), last);
            add(prefix + "project_BN", batchNorm(), last);
            if (stride == 1 && in == out) {
                graph.addVertex(prefix + "add", new ElementWiseVertex(ElementWiseVertex.Op.Add), input, last);
                last = prefix + "add";
            }
        }

        /** Keras' batch norm here; DL4J keeps the variance itself (not its log), as Keras' file does. */
        private static BatchNormalization batchNorm() {
            return new BatchNormalization.Builder().eps(BN_EPSILON).decay(BN_MOMENTUM).useLogStd(false).build();
        }

        private static ConvolutionLayer pointwise(int filters) {
            return new ConvolutionLayer.Builder(1, 1).nOut(filters).hasBias(false).activation(Activation.IDENTITY)
                    .build();
        }

        private void add(String name, org.deeplearning4j.nn.conf.layers.Layer layer, String input) {
            graph.addLayer(name, layer, input);
            last = name;
        }
    }
}
