package org.dls4j.shared.graph.faceapi;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.TfjsWeights;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * face-api's Tiny Face Detector: a Tiny-YOLOv2-style detector with depthwise-separable convolutions and its real
 * pretrained weights ({@code faceapi/tiny_face_detector_model}). A 416 x 416 picture gives a 13 x 13 grid; each cell
 * predicts 5 boxes, one per anchor ({@link #ANCHORS}), each as 5 numbers: {@code tx, ty, tw, th} and the objectness
 * logit {@code to} (one class, faces, so no class scores). YOLO's decoding turns them into a box: centre
 * {@code ((col + sigmoid(tx)) / 13, (row + sigmoid(ty)) / 13)}, size {@code (exp(tw) * anchor_w / 13,
 * exp(th) * anchor_h / 13)} as fractions of the padded square picture, score {@code sigmoid(to)}; face-api keeps
 * scores above 0.5 and suppresses boxes overlapping a better one by more than {@link #IOU_THRESHOLD}.
 *
 * <p>The architecture, from face-api's {@code TinyYolov2Base.runMobilenet}: a 3 x 3 convolution without padding to
 * 16 maps, then five depthwise-separable 3 x 3 convolutions (32, 64, 128, 256, 512 maps, padding 1), each block
 * followed by a 2 x 2 max pool ('same' padding, stride 2, the last stride 1), every convolution with a bias (batch
 * norm folded in by the converter) and a leaky RELU of slope 0.1; a 1 x 1 convolution to 5 x 5 = 25 maps.
 */
public final class TinyFaceDetectorNet {

    /** The side of the square input picture. */
    public static final int SIDE = 416;
    /** Cells per side of the output grid. */
    public static final int GRID = 13;
    /** The anchor boxes (width, height) in grid cells, in the order of the output's box slots. */
    public static final double[][] ANCHORS = {
        {1.603231, 2.094468}, {6.041143, 7.080126}, {2.882459, 3.518061}, {4.266906, 5.178857}, {9.041765, 10.66308}};
    /** Numbers per box: tx, ty, tw, th, objectness. */
    public static final int BOX_VALUES = 5;
    /** face-api's non-max-suppression threshold for this detector. */
    public static final double IOU_THRESHOLD = 0.4;
    /** Subtracted from each RGB channel before dividing by 255. */
    static final double[] MEAN_RGB = {117.001, 114.697, 97.404};
    static final String MODEL = "tiny_face_detector_model";
    private static final int[] FILTERS = {16, 32, 64, 128, 256, 512};
    private static final double LEAK = 0.1;
    private static final String INPUT = "pictures";
    private static final String OUTPUT = "conv8";
    private static final String DEPTHWISE = "_depthwise";

    private final ComputationGraph graph;

    private TinyFaceDetectorNet(ComputationGraph graph) {
        this.graph = graph;
    }

    /** The pretrained detector, its files found and checked in the data folders. */
    public static TinyFaceDetectorNet load() {
        return load(FaceApiWeights.load(MODEL));
    }

    /** The detector with the weights of a face-api {@code tiny_face_detector_model} manifest. */
    public static TinyFaceDetectorNet load(TfjsWeights weights) {
        ComputationGraph graph = architecture();
        FaceApiWeights.set(graph, "conv0", "W", FaceApiWeights.convolution(weights.get("conv0/filters", 3, 3, 3, 16)));
        FaceApiWeights.set(graph, "conv0", "b", FaceApiWeights.row(weights.get("conv0/bias")));
        for (int i = 1; i < FILTERS.length; i++) {
            String name = "conv" + i;
            int in = FILTERS[i - 1];
            int out = FILTERS[i];
            // DL4J's depthwise filters are (kH, kW, in, multiplier), as TensorFlow's
            FaceApiWeights.set(graph, name + DEPTHWISE, "W", weights.get(name + "/depthwise_filter", 3, 3, in, 1));
            FaceApiWeights.set(graph, name, "W", FaceApiWeights.convolution(
                    weights.get(name + "/pointwise_filter", 1, 1, in, out)));
            FaceApiWeights.set(graph, name, "b", FaceApiWeights.row(weights.get(name + "/bias", out)));
        }
        int outputs = ANCHORS.length * BOX_VALUES;
        FaceApiWeights.set(graph, OUTPUT, "W", FaceApiWeights.convolution(
                weights.get("conv8/filters", 1, 1, FILTERS[FILTERS.length - 1], outputs)));
        FaceApiWeights.set(graph, OUTPUT, "b", FaceApiWeights.row(weights.get("conv8/bias", outputs)));
        return new TinyFaceDetectorNet(graph);
    }

    /** The untrained graph: input {@code (m, 3, 416, 416)} normalized pictures, output {@code (m, 25, 13, 13)}. */
    public static ComputationGraph architecture() {
        ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(SIDE, SIDE, 3));
        // 416 -> 414 (no padding) -> pools: 207, 104, 52, 26, 13, then 13 (stride 1)
        builder.addLayer("conv0", new ConvolutionLayer.Builder(3, 3).nOut(FILTERS[0])
                .convolutionMode(ConvolutionMode.Truncate).activation(new ActivationLReLU(LEAK)).build(), INPUT);
        builder.addLayer("pool0", pool(2), "conv0");
        for (int i = 1; i < FILTERS.length; i++) {
            // tf.separableConv2d as its two halves: a depthwise 3 x 3 without bias or activation, then a 1 x 1
            // convolution with the bias and the leaky RELU (DL4J's SeparableConvolution2D computes the same, but
            // through libnd4j's generic loops: 6.4 s a batch of four pictures against 0.38 s, ./dls bench tiny-yolo)
            builder.addLayer("conv" + i + DEPTHWISE, new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(1)
                    .hasBias(false).convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(),
                    "pool" + (i - 1));
            builder.addLayer("conv" + i, new ConvolutionLayer.Builder(1, 1).nOut(FILTERS[i])
                    .convolutionMode(ConvolutionMode.Truncate).activation(new ActivationLReLU(LEAK)).build(),
                    "conv" + i + DEPTHWISE);
            builder.addLayer("pool" + i, pool(i == FILTERS.length - 1 ? 1 : 2), "conv" + i);
        }
        builder.addLayer(OUTPUT, new ConvolutionLayer.Builder(1, 1).nOut(ANCHORS.length * BOX_VALUES)
                .convolutionMode(ConvolutionMode.Truncate).activation(Activation.IDENTITY).build(),
                "pool" + (FILTERS.length - 1));
        builder.setOutputs(OUTPUT);
        return Graphs.initialized(builder.build());
    }

    /**
     * The raw grid for a batch of pictures {@code (m, 3, 416, 416)} RGB 0..255 (see {@link FacePictures#batch} with
     * {@code centered = false}, as face-api pads for detection): {@code (m, 13, 13, 25)} channels last, as TensorFlow
     * gives it; reshaped to {@code (m, 13, 13, 5, 5)} the last axis is {@code tx, ty, tw, th, to} of each anchor.
     */
    public INDArray rawOutput(INDArray pictures) {
        FacePictures.requireBatch(pictures, SIDE, "The tiny face detector");
        return graph.outputSingle(FacePictures.normalized(pictures, MEAN_RGB)).permute(0, 2, 3, 1).dup('c');
    }

    /** The DL4J graph: its input is a normalized batch, {@code (pixel - mean) / 255}, its output channels first. */
    public ComputationGraph graph() {
        return graph;
    }

    private static SubsamplingLayer pool(int stride) {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(stride, stride)
                .convolutionMode(ConvolutionMode.Same).build();
    }
}
