package org.dls4j.shared.graph;

import java.io.File;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where the project's {@link ComputationGraph}s come from: built, restored, copied or rebuilt for transfer learning,
 * each on the fast path ({@link FastPath}: its layer helpers installed), since DL4J makes the layer objects anew
 * each time.
 */
public final class Graphs {

    private Graphs() {
    }

    /** A new graph of {@code conf}, initialised, on the fast path. */
    public static ComputationGraph initialized(ComputationGraphConfiguration conf) {
        return onFastPath(built(conf));
    }

    /**
     * A new graph of {@code conf} for training with {@code fit}: on the fast path, and its convolution layers fed
     * straight by the network's inputs do not compute the gradient with respect to those inputs, which {@code fit}
     * throws away (for the first convolution of a ConvNet, about a third of its backward pass). Such a graph's
     * gradient with respect to its inputs reads zeros: a graph whose input gradient is wanted (style transfer,
     * saliency) comes from {@link #initialized}.
     */
    public static ComputationGraph forTraining(ComputationGraphConfiguration conf) {
        ComputationGraph graph = built(conf);
        FastPath.installForTraining(graph);
        return graph;
    }

    /** The graph saved in {@code file} (with its updater state), on the fast path. */
    public static ComputationGraph restored(File file) throws IOException {
        return onFastPath(ModelSerializer.restoreComputationGraph(file, true));
    }

    /** A copy of {@code graph} (parameters, updater state, configuration), on the fast path. */
    public static ComputationGraph copied(ComputationGraph graph) {
        return onFastPath(graph.clone());
    }

    /**
     * {@code graph} itself with the helpers installed into its current layer objects: for a graph made elsewhere,
     * such as {@code TransferLearning.GraphBuilder.build()}.
     */
    public static ComputationGraph onFastPath(ComputationGraph graph) {
        FastPath.install(graph);
        return graph;
    }

    /**
     * {@code builder.build()} for a builder made from {@code original}, on the fast path, with every weight array of
     * {@code original}'s layers it kept put back by layer and parameter name. M2.1's rebuild copies each layer's weights as
     * one flat vector, and a {@code DepthwiseConvolution2D}'s flat view orders them otherwise than its filter array:
     * built as is, a transferred MobileNet's depthwise filters come out scrambled.
     */
    public static ComputationGraph transferred(ComputationGraph original, TransferLearning.GraphBuilder builder) {
        Map<String, Map<String, INDArray>> weights = new LinkedHashMap<>();
        for (Layer layer : original.getLayers()) {
            Map<String, INDArray> parameters = new LinkedHashMap<>();
            layer.paramTable().forEach((key, value) -> parameters.put(key, value.dup()));
            weights.put(layer.conf().getLayer().getLayerName(), parameters);
        }
        ComputationGraph graph = builder.build();
        weights.forEach((name, parameters) -> {
            if (graph.getVertex(name) != null) {               // a layer the builder removed has none
                parameters.forEach((key, value) -> graph.getLayer(name).getParam(key).assign(value));
            }
        });
        return onFastPath(graph);
    }

    private static ComputationGraph built(ComputationGraphConfiguration conf) {
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}
