package org.dls4j.course4.week4;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.dls4j.shared.graph.Graphs;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A pretrained (or random) convolution graph as the notebook's {@code vgg_model_outputs}: the activations of chosen
 * layers for a picture, and the gradient with respect to the picture's pixels of a cost of those activations.
 *
 * <p>DL4J's {@code ComputationGraph} takes external errors at its output vertices ({@code backpropGradient}), but a
 * vertex that is an output and also feeds later layers does not receive the errors of those layers. So each chosen
 * layer gets an identity "tap" layer ({@code tap_<layer>}) and the taps are the outputs; the layers after the deepest
 * chosen one are dropped. The graph keeps the gradient with respect to its input ({@link Graphs#initialized}, no
 * workspaces, so that the input vertex's error can be read after the backward pass).
 *
 * <p>Pictures are {@code (1, n_H, n_W, 3)} in [0, 1], channels last as in the notebook; the network sees
 * {@code pixelScale * picture + pixelShift}, channels first, in its own data type.
 */
final class StyleFeatureExtractor {

    private static final String TAP = "tap_";

    private final InputGradientGraph graph;
    private final List<String> layers;
    private final double pixelScale;
    private final double pixelShift;
    private final DataType dataType;

    /**
     * @param source     the network (its parameters are copied)
     * @param layers     the layers whose activations are wanted
     * @param pixelScale what the [0, 1] pixels are multiplied by before the network (2 for a [-1, 1] network)
     * @param pixelShift what is added after that (-1 for a [-1, 1] network)
     */
    StyleFeatureExtractor(ComputationGraph source, List<String> layers, double pixelScale, double pixelShift) {
        this.layers = List.copyOf(layers);
        this.pixelScale = pixelScale;
        this.pixelShift = pixelShift;
        this.graph = tapped(source, this.layers);
        this.dataType = graph.params().dataType();
    }

    private static InputGradientGraph tapped(ComputationGraph source, List<String> layers) {
        ComputationGraphConfiguration sourceConf = source.getConfiguration();
        for (String layer : layers) {
            if (!sourceConf.getVertices().containsKey(layer)) {
                throw new IllegalArgumentException("The network has no layer '" + layer + "'; it has "
                        + sourceConf.getVertices().keySet());
            }
        }
        Set<String> needed = ancestors(sourceConf.getVertexInputs(), layers);
        TransferLearning.GraphBuilder builder = new TransferLearning.GraphBuilder(source);
        for (String vertex : sourceConf.getVertices().keySet()) {
            if (!needed.contains(vertex)) {
                builder.removeVertexAndConnections(vertex);
            }
        }
        List<String> taps = new ArrayList<>();
        for (String layer : layers) {
            builder.addLayer(TAP + layer, new ActivationLayer.Builder().activation(Activation.IDENTITY).build(), layer);
            taps.add(TAP + layer);
        }
        ComputationGraph rebuilt = builder.setOutputs(taps.toArray(String[]::new)).build();
        ComputationGraphConfiguration conf = rebuilt.getConfiguration();
        conf.setTrainingWorkspaceMode(WorkspaceMode.NONE);
        conf.setInferenceWorkspaceMode(WorkspaceMode.NONE);
        conf.setDataType(sourceConf.getDataType());     // TransferLearning rebuilds in the default type
        InputGradientGraph graph = new InputGradientGraph(conf);
        graph.init();
        for (Layer layer : graph.getLayers()) {     // the source's own values, its type
            String name = layer.getConfig().getLayerName();
            if (layer.numParams() > 0) {
                layer.setParams(source.getLayer(name).params().dup());
            }
        }
        return (InputGradientGraph) Graphs.onFastPath(graph);
    }

    private static Set<String> ancestors(Map<String, List<String>> inputsOf, List<String> layers) {
        Set<String> seen = new HashSet<>();
        Deque<String> open = new ArrayDeque<>(layers);
        while (!open.isEmpty()) {
            String vertex = open.pop();
            if (seen.add(vertex)) {
                open.addAll(inputsOf.getOrDefault(vertex, List.of()));
            }
        }
        return seen;
    }

    /** The chosen layers, in the order given. */
    List<String> layers() {
        return layers;
    }

    /**
     * {@code vgg_model_outputs(image)}: the activations {@code (1, n_C, n_H, n_W)} of the chosen layers for a picture
     * {@code (1, n_H, n_W, 3)} in [0, 1]. The graph keeps what {@link #inputGradient} needs.
     */
    Map<String, INDArray> activations(INDArray picture) {
        INDArray input = picture.permute(0, 3, 1, 2).mul(pixelScale).addi(pixelShift).castTo(dataType).dup('c');
        Map<String, INDArray> all = graph.feedForward(new INDArray[] {input}, false, false);
        Map<String, INDArray> chosen = new LinkedHashMap<>();
        for (String layer : layers) {
            chosen.put(layer, all.get(TAP + layer));
        }
        return chosen;
    }

    /**
     * The gradient {@code (1, n_H, n_W, 3)} with respect to the picture last given to {@link #activations} of a cost
     * whose gradients with respect to the chosen layers' activations are {@code activationGradients} (by layer; a
     * layer left out contributes nothing). {@code activations} are what {@link #activations} returned.
     */
    INDArray inputGradient(Map<String, INDArray> activationGradients, Map<String, INDArray> activations) {
        INDArray[] errors = new INDArray[layers.size()];
        for (int i = 0; i < layers.size(); i++) {
            INDArray gradient = activationGradients.get(layers.get(i));
            INDArray activation = activations.get(layers.get(i));
            errors[i] = gradient == null ? activation.like().assign(0) : gradient.castTo(dataType).dup('c');
        }
        INDArray inputError = graph.inputGradient(errors);
        return inputError.castTo(DataType.DOUBLE).permute(0, 2, 3, 1).mul(pixelScale).dup('c');
    }

    /** A graph whose backward pass from external errors leaves the error at its input vertex readable. */
    static final class InputGradientGraph extends ComputationGraph {

        InputGradientGraph(ComputationGraphConfiguration conf) {
            super(conf);
        }

        /** The backward pass from the outputs' errors, after a forward pass that kept its inputs. */
        INDArray inputGradient(INDArray... outputErrors) {
            calcBackpropGradients(false, false, outputErrors);
            INDArray error = getVertex(getConfiguration().getNetworkInputs().get(0)).getEpsilon();
            if (error == null) {
                throw new IllegalStateException("The network's first layers do not compute the gradient with respect"
                        + " to their input (a graph from Graphs.forTraining?)");
            }
            return error.dup();
        }
    }
}
