package org.dls4j.course4.week4;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.KerasH5Weights;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code VGG19(include_top=False)} as a DL4J graph with Keras' layer names: five blocks of 3 x 3 'same'
 * convolutions with ReLU ({@code block1_conv1}, {@code block1_conv2}; {@code block2_conv1}, {@code block2_conv2};
 * four each in blocks 3 to 5), 64, 128, 256, 512 and 512 filters, each block ending in a 2 x 2 max-pool
 * ({@code block1_pool} ...). The graph stops at the deepest layer a run needs.
 *
 * <p>{@link #pretrained} fills it from Keras' {@value #WEIGHTS_FILE} (80 MB, not redistributable here);
 * {@link #random} is the same architecture with every width divided by a factor and He-initialised weights, the
 * offline stand-in.
 */
final class Vgg19Graph {

    /** Keras' VGG-19 ImageNet weights without the classifier, what the 2021 notebook loads. */
    static final String WEIGHTS_FILE = "vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5";
    /** Where the loader looks in the data folders: the notebook's {@code pretrained-model/} under {@code nst/}. */
    static final String WEIGHTS_PATH = "nst/pretrained-model/" + WEIGHTS_FILE;
    private static final int[] FILTERS = {64, 128, 256, 512, 512};
    private static final int[] CONVOLUTIONS = {2, 2, 4, 4, 4};
    private static final String INPUT = "input_1";

    private Vgg19Graph() {
    }

    /** The layer names in order, {@code block1_conv1} ... {@code block5_pool}. */
    static List<String> layerNames() {
        List<String> names = new ArrayList<>();
        for (int block = 1; block <= FILTERS.length; block++) {
            for (int conv = 1; conv <= CONVOLUTIONS[block - 1]; conv++) {
                names.add("block" + block + "_conv" + conv);
            }
            names.add("block" + block + "_pool");
        }
        return names;
    }

    /**
     * The architecture up to {@code lastLayer}, every width divided by {@code widthDivisor}, He-normal weights from
     * {@code seed}, in {@code dataType}.
     */
    static ComputationGraph random(int widthDivisor, String lastLayer, long seed, DataType dataType) {
        ComputationGraphConfiguration.GraphBuilder builder = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(dataType)
                .weightInit(WeightInit.RELU)                    // He normal: activations keep their scale with depth
                .convolutionMode(ConvolutionMode.Same)          // padding='same'
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(224, 224, 3));
        String previous = INPUT;
        for (String name : layerNames()) {
            int block = name.charAt(5) - '0';
            if (name.endsWith("_pool")) {
                // MaxPooling2D((2, 2), strides=(2, 2))
                builder.addLayer(name, new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build(), previous);
            } else {
                // Conv2D(filters, (3, 3), activation='relu', padding='same')
                builder.addLayer(name, new ConvolutionLayer.Builder(3, 3).nOut(Math.max(1, FILTERS[block - 1]
                        / widthDivisor)).activation(Activation.RELU).build(), previous);
            }
            previous = name;
            if (name.equals(lastLayer)) {
                break;
            }
        }
        if (!previous.equals(lastLayer)) {
            throw new IllegalArgumentException("VGG-19 has no layer '" + lastLayer + "'; its layers: " + layerNames());
        }
        return Graphs.initialized(builder.setOutputs(previous).build());
    }

    /** VGG-19 up to {@code lastLayer} with the ImageNet weights of Keras' {@value #WEIGHTS_FILE}. */
    static ComputationGraph pretrained(Path weightsFile, String lastLayer) {
        KerasH5Weights weights = KerasH5Weights.read(weightsFile, "VGG-19 (Keras, no top)");
        ComputationGraph graph = random(1, lastLayer, 0, DataType.FLOAT);
        int in = 3;
        for (String name : layerNames()) {
            if (graph.getConfiguration().getVertices().get(name) == null) {
                break;
            }
            if (name.endsWith("_pool")) {
                continue;
            }
            int out = FILTERS[name.charAt(5) - '1'];
            graph.getLayer(name).getParam("W").assign(kerasKernelToDl4j(weights.weight(name, "kernel", 3, 3, in,
                    out)));
            INDArray bias = graph.getLayer(name).getParam("b");
            bias.assign(weights.weight(name, "bias", out).reshape(bias.shape()));
            in = out;
        }
        return graph;
    }

    /** A Keras convolution kernel {@code (kH, kW, in, out)} as DL4J's {@code (out, in, kH, kW)}. */
    static INDArray kerasKernelToDl4j(INDArray kernel) {
        return kernel.permute(3, 2, 0, 1).dup('c');
    }

    /**
     * The weights file: {@code option} when given, else {@value #WEIGHTS_PATH} in a data folder; null when neither
     * is there.
     */
    static Path findWeights(Path option) {
        if (option != null) {
            if (!Files.isRegularFile(option)) {
                throw new DataException("--vgg19-weights: " + option + " does not exist (or is not a file). It should"
                        + " be Keras' " + WEIGHTS_FILE + " (80 MB).");
            }
            return option;
        }
        return DataFiles.standard().locator().find(WEIGHTS_PATH).orElse(null);
    }

    /** The message for a run that asked for VGG-19 when its weights are nowhere. */
    static DataException missingWeights() {
        return new DataException("VGG-19's weights are missing: the file " + WEIGHTS_FILE + " (Keras' ImageNet"
                + " VGG-19 without its classifier, 80 MB, what the 2021 notebook loads from pretrained-model/) was not"
                + " found as " + WEIGHTS_PATH + ".\nSearched, in this order:\n"
                + DataFiles.standard().locator().describeRoots()
                + "\nWhat to do: copy it from your course download (pretrained-model/" + WEIGHTS_FILE + ") into the"
                + " project's datasets/ folder as " + WEIGHTS_PATH + ", or pass --vgg19-weights FILE, or run with"
                + " --network " + Network.OFFLINE_DEFAULT + " (the offline default) or another network.");
    }
}
