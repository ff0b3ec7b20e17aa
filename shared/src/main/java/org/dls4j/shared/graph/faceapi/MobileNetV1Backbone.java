package org.dls4j.shared.graph.faceapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.TfjsWeights;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The MobileNetV1 backbone of face-api's SSD face detector ({@code faceapi/ssd_mobilenetv1_model}), with its real
 * pretrained weights: a convolutional feature extractor for transfer learning and style transfer. MobileNetV1
 * (Howard et al. 2017, width 1.0): a 3 x 3 stride-2 convolution to 32 maps, then 13 depthwise-separable blocks (a
 * 3 x 3 depthwise convolution with batch norm, then a 1 x 1 convolution), stride 2 in blocks 2, 4, 6 and 12, maps
 * 64, 128, 128, 256, 256, 512 (x6), 1024, 1024, every convolution followed by RELU6; 'same' padding throughout, so a
 * {@code h x w} picture ends as an {@code h/32 x w/32} map of 1024 features.
 *
 * <p>The graph's layers are named as face-api names the blocks: {@code conv_0}, then {@code conv_<i>_depthwise} and
 * {@code conv_<i>} (the block's output, its pointwise convolution) for i = 1..13 ({@link #BLOCKS}). The batch norms
 * (epsilon 0.001) are folded into the depthwise filters and a bias; the pointwise convolutions carry theirs already.
 * Its input is the picture scaled to [-1, 1] ({@link #pixels}).
 */
public final class MobileNetV1Backbone {

    /** The block outputs, shallow to deep: {@code conv_0} ... {@code conv_13}. */
    public static final List<String> BLOCKS;
    /** The output maps of each block. */
    private static final int[] FILTERS = {32, 64, 128, 128, 256, 256, 512, 512, 512, 512, 512, 512, 1024, 1024};
    private static final double BATCH_NORM_EPSILON = 0.0010000000474974513;
    static final String MODEL = "ssd_mobilenetv1_model";
    private static final String PREFIX = "MobilenetV1/Conv2d_";
    private static final String INPUT = "pixels";

    static {
        List<String> blocks = new ArrayList<>();
        for (int i = 0; i < FILTERS.length; i++) {
            blocks.add("conv_" + i);
        }
        BLOCKS = Collections.unmodifiableList(blocks);
    }

    private MobileNetV1Backbone() {
    }

    /** The number of maps block {@code conv_<i>} gives. */
    public static int maps(String block) {
        int i = BLOCKS.indexOf(block);
        if (i < 0) {
            throw new IllegalArgumentException("MobileNetV1 has blocks conv_0 to conv_13, not '" + block + "'");
        }
        return FILTERS[i];
    }

    /** The pretrained backbone for {@code height x width} pictures, its files found and checked in the data folders. */
    public static ComputationGraph load(int height, int width) {
        return load(FaceApiWeights.load(MODEL), height, width);
    }

    /** The backbone with the weights of a face-api {@code ssd_mobilenetv1_model} manifest. */
    public static ComputationGraph load(TfjsWeights weights, int height, int width) {
        ComputationGraph graph = architecture(height, width);
        FaceApiWeights.set(graph, "conv_0", "W", FaceApiWeights.convolution(
                weights.get(PREFIX + "0_pointwise/weights", 3, 3, 3, FILTERS[0])));
        FaceApiWeights.set(graph, "conv_0", "b", FaceApiWeights.row(
                weights.get(PREFIX + "0_pointwise/convolution_bn_offset")));
        for (int i = 1; i < FILTERS.length; i++) {
            int in = FILTERS[i - 1];
            String depthwise = PREFIX + i + "_depthwise/";
            INDArray scale = FaceApiWeights.batchNormScale(weights.get(depthwise + "BatchNorm/gamma", in),
                    weights.get(depthwise + "BatchNorm/moving_variance", in), BATCH_NORM_EPSILON);
            INDArray filters = weights.get(depthwise + "depthwise_weights", 3, 3, in, 1);
            // batch norm: (x - mean) * scale + beta, folded: filters * scale, bias beta - mean * scale
            FaceApiWeights.set(graph, "conv_" + i + "_depthwise", "W",
                    filters.mul(scale.reshape(1, 1, in, 1)));
            FaceApiWeights.set(graph, "conv_" + i + "_depthwise", "b", FaceApiWeights.row(
                    weights.get(depthwise + "BatchNorm/beta", in)
                            .sub(weights.get(depthwise + "BatchNorm/moving_mean", in).mul(scale))));
            String pointwise = PREFIX + i + "_pointwise/";
            FaceApiWeights.set(graph, "conv_" + i, "W", FaceApiWeights.convolution(
                    weights.get(pointwise + "weights", 1, 1, in, FILTERS[i])));
            FaceApiWeights.set(graph, "conv_" + i, "b", FaceApiWeights.row(
                    weights.get(pointwise + "convolution_bn_offset", FILTERS[i])));
        }
        return graph;
    }

    /** The untrained backbone for {@code height x width} pictures; its output is {@code conv_13}. */
    public static ComputationGraph architecture(int height, int width) {
        ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Same)           // TensorFlow's 'same' everywhere
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(height, width, 3));
        builder.addLayer("conv_0", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(FILTERS[0])
                .activation(Activation.RELU6).build(), INPUT);
        for (int i = 1; i < FILTERS.length; i++) {
            int stride = i == 2 || i == 4 || i == 6 || i == 12 ? 2 : 1;
            builder.addLayer("conv_" + i + "_depthwise", new DepthwiseConvolution2D.Builder(3, 3)
                    .stride(stride, stride).depthMultiplier(1).activation(Activation.RELU6).build(), "conv_" + (i - 1));
            builder.addLayer("conv_" + i, new ConvolutionLayer.Builder(1, 1).nOut(FILTERS[i])
                    .activation(Activation.RELU6).build(), "conv_" + i + "_depthwise");
        }
        builder.setOutputs(BLOCKS.get(BLOCKS.size() - 1));
        return Graphs.initialized(builder.build());
    }

    /** A picture {@code (h, w, 3)} RGB 0..255 as the backbone's input {@code (1, 3, h, w)} FLOAT in [-1, 1]. */
    public static INDArray pixels(INDArray picture) {
        return picture.permute(2, 0, 1).reshape('c', 1, 3, picture.size(0), picture.size(1))
                .castTo(DataType.FLOAT).div(127.5).subi(1.0);
    }
}
