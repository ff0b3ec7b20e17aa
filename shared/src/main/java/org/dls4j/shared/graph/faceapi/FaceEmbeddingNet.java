package org.dls4j.shared.graph.faceapi;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.graph.ChannelZeroPadVertex;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.ReluLayer;
import org.dls4j.shared.graph.TfjsWeights;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * face-api's face recognition network: dlib's 128-d face embedding ResNet (29 convolutions, 150 x 150 RGB in), with
 * its real pretrained weights ({@code faceapi/face_recognition_model}). Two pictures of the same person embed within
 * about 0.6 of each other (Euclidean), different people further apart: the role FaceNet plays in Course 4.
 *
 * <p>The architecture, from face-api's {@code FaceRecognitionNet}: a 7 x 7 stride-2 convolution to 32 maps and a 3 x 3
 * stride-2 max pool; residual blocks of two 3 x 3 convolutions at 32 (x3), 64 (x4), 128 (x3) and 256 (x4) maps, the
 * first of each stage and a last one ({@code conv256_down_out}) down-sampling: their first convolution has stride 2
 * without padding and their shortcut is a 2 x 2 average pool, its channels doubled with zeros
 * ({@link ChannelZeroPadVertex}); where the pool is one pixel larger than the convolution, the convolution's output
 * gets a zero row and column (bottom, right). Each convolution is followed by a per-channel scale and offset, folded
 * here into its filters and bias. Then the mean over the map and a 256 x 128 matrix without bias.
 */
public final class FaceEmbeddingNet {

    /** The side of the square input picture. */
    public static final int SIDE = 150;
    /** The embedding's length. */
    public static final int EMBEDDING = 128;
    /** Subtracted from each RGB channel before dividing by 255. */
    static final double[] MEAN_RGB = {122.782, 117.001, 104.298};
    static final String MODEL = "face_recognition_model";
    private static final String INPUT = "pictures";
    private static final String OUTPUT = "embedding";

    private final ComputationGraph graph;

    private FaceEmbeddingNet(ComputationGraph graph) {
        this.graph = graph;
    }

    /** The pretrained network, its files found and checked in the data folders. */
    public static FaceEmbeddingNet load() {
        return load(FaceApiWeights.load(MODEL));
    }

    /** The network with the weights of a face-api {@code face_recognition_model} manifest. */
    public static FaceEmbeddingNet load(TfjsWeights weights) {
        ComputationGraph graph = architecture();
        for (Stage stage : Stage.values()) {
            for (String block : stage.blocks()) {
                if (block.equals("conv32_down")) {
                    setConvolution(graph, weights, block, block);
                } else {
                    setConvolution(graph, weights, block + "/conv1", block + "_conv1");
                    setConvolution(graph, weights, block + "/conv2", block + "_conv2");
                }
            }
        }
        FaceApiWeights.set(graph, OUTPUT, "W", weights.get("fc", 256, EMBEDDING));
        return new FaceEmbeddingNet(graph);
    }

    /** The untrained graph: input {@code (m, 3, 150, 150)} normalized pictures, output {@code (m, 128)}. */
    public static ComputationGraph architecture() {
        ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(SIDE, SIDE, 3));
        // 150 -> 72: a 7 x 7 stride-2 convolution without padding, then a 3 x 3 stride-2 max pool: 35
        builder.addLayer("conv32_down", convolution(32, 7, 2, ConvolutionMode.Truncate, Activation.RELU), INPUT);
        builder.addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(2, 2)
                .convolutionMode(ConvolutionMode.Truncate).build(), "conv32_down");
        String previous = "pool";
        int size = 35;
        int channels = 32;
        for (Stage stage : Stage.values()) {
            for (String block : stage.blocks()) {
                if (block.equals("conv32_down")) {
                    continue;
                }
                if (block.contains("down")) {
                    previous = downBlock(builder, block, previous, channels, stage.channels, size);
                    size = size / 2;
                    channels = stage.channels;
                } else {
                    previous = block(builder, block, previous, channels);
                }
            }
        }
        builder.addLayer("mean", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), previous);
        builder.addLayer(OUTPUT, new DenseLayer.Builder().nOut(EMBEDDING).hasBias(false)
                .activation(Activation.IDENTITY).build(), "mean");
        builder.setOutputs(OUTPUT);
        return Graphs.initialized(builder.build());
    }

    /**
     * The embeddings of a batch of pictures {@code (m, 3, 150, 150)} RGB 0..255 (see {@link FacePictures#batch}),
     * {@code (m, 128)} FLOAT.
     */
    public INDArray embed(INDArray pictures) {
        FacePictures.requireBatch(pictures, SIDE, "The face embedding network");
        return graph.outputSingle(FacePictures.normalized(pictures, MEAN_RGB));
    }

    /** The embedding of one picture of any size {@code (h, w, 3)} RGB 0..255, padded evenly to a square: (1, 128). */
    public INDArray embedPicture(INDArray picture) {
        return embed(FacePictures.batch(picture, SIDE, true));
    }

    /** The DL4J graph: its input is a normalized batch, {@code (pixel - mean) / 255}. */
    public ComputationGraph graph() {
        return graph;
    }

    /** The residual stages and their blocks, in face-api's names. */
    private enum Stage {
        S32(32, "conv32_down", "conv32_1", "conv32_2", "conv32_3"),
        S64(64, "conv64_down", "conv64_1", "conv64_2", "conv64_3"),
        S128(128, "conv128_down", "conv128_1", "conv128_2"),
        S256(256, "conv256_down", "conv256_1", "conv256_2", "conv256_down_out");

        final int channels;
        private final String[] blocks;

        Stage(int channels, String... blocks) {
            this.channels = channels;
            this.blocks = blocks;
        }

        String[] blocks() {
            return blocks;
        }
    }

    /** conv 3x3 + relu, conv 3x3, add the input, relu. */
    private static String block(ComputationGraphConfiguration.GraphBuilder builder, String name, String in,
            int channels) {
        builder.addLayer(name + "_conv1", convolution(channels, 3, 1, ConvolutionMode.Same, Activation.RELU), in);
        builder.addLayer(name + "_conv2", convolution(channels, 3, 1, ConvolutionMode.Same, Activation.IDENTITY),
                name + "_conv1");
        builder.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), name + "_conv2", in);
        builder.addLayer(name, new ReluLayer(), name + "_add");
        return name;
    }

    /** The down-sampling block: stride-2 convolution, 2 x 2 average-pool shortcut padded to fit. */
    private static String downBlock(ComputationGraphConfiguration.GraphBuilder builder, String name, String in,
            int inChannels, int channels, int size) {
        builder.addLayer(name + "_conv1", convolution(channels, 3, 2, ConvolutionMode.Truncate, Activation.RELU), in);
        builder.addLayer(name + "_conv2", convolution(channels, 3, 1, ConvolutionMode.Same, Activation.IDENTITY),
                name + "_conv1");
        String residual = name + "_conv2";
        int convolved = (size - 3) / 2 + 1;
        int pooled = size / 2;
        if (pooled == convolved + 1) {
            builder.addLayer(name + "_fit", new ZeroPaddingLayer.Builder(0, 1, 0, 1).build(), residual);
            residual = name + "_fit";
        } else if (pooled != convolved) {
            throw new IllegalStateException(name + ": a " + size + "-pixel map pools to " + pooled
                    + " but convolves to " + convolved);
        }
        builder.addLayer(name + "_pool", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2)
                .stride(2, 2).convolutionMode(ConvolutionMode.Truncate).build(), in);
        String shortcut = name + "_pool";
        if (inChannels != channels) {
            builder.addVertex(name + "_widen", new ChannelZeroPadVertex(), shortcut);
            shortcut = name + "_widen";
        }
        builder.addVertex(name + "_add", new ElementWiseVertex(ElementWiseVertex.Op.Add), residual, shortcut);
        builder.addLayer(name, new ReluLayer(), name + "_add");
        return name;
    }

    private static ConvolutionLayer convolution(int filters, int kernel, int stride, ConvolutionMode mode,
            Activation activation) {
        return new ConvolutionLayer.Builder(kernel, kernel).stride(stride, stride).nOut(filters)
                .convolutionMode(mode).activation(activation).build();
    }

    /** filters and bias of {@code prefix/conv}, with {@code prefix/scale}'s weights and biases folded in. */
    private static void setConvolution(ComputationGraph graph, TfjsWeights weights, String prefix, String layer) {
        INDArray filters = weights.get(prefix + "/conv/filters");
        long filtersOut = filters.size(3);
        INDArray bias = weights.get(prefix + "/conv/bias", filtersOut);
        INDArray scale = weights.get(prefix + "/scale/weights", filtersOut);
        INDArray offset = weights.get(prefix + "/scale/biases", filtersOut);
        // (conv(x) + bias) * scale + offset = conv with filters * scale, plus bias * scale + offset
        FaceApiWeights.set(graph, layer, "W",
                FaceApiWeights.scaledFilters(FaceApiWeights.convolution(filters), scale));
        FaceApiWeights.set(graph, layer, "b", FaceApiWeights.row(bias.mul(scale).addi(offset)));
    }
}
