package org.dls4j.course4.week4;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.graph.SameDiffGradients;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The notebook's {@code train_step} cost as one SameDiff graph built from {@link StyleCosts}: the content image's
 * activation {@code a_C} and the style image's {@code a_S} are constants, the generated image's activations
 * {@code a_G} variables whose arrays each evaluation sets (SameDiff differentiates only with respect to variables).
 * {@link #evaluate} gives {@code J_content}, {@code J_style}, {@code J} and the gradient of {@code J} with respect to
 * each activation, which {@link StyleFeatureExtractor#inputGradient} carries back to the pixels.
 *
 * <p>The activations arrive channels first from the DL4J graph, {@code (1, n_C, n_H, n_W)}; the graph permutes them to
 * the notebook's {@code (1, n_H, n_W, n_C)} before the costs, so their gradients come back in the graph's layout.
 * Everything here is float64.
 */
final class StyleCostGraph {

    private final SameDiff sd = SameDiff.create();
    private final List<String> generatedVariables = new ArrayList<>();
    private final Map<String, String> variableOfLayer = new LinkedHashMap<>();
    private final List<String> costs;

    /** What one evaluation gives: the three costs and {@code dJ/da_G} per layer, channels first. */
    record Evaluation(double jContent, double jStyle, double j, Map<String, INDArray> activationGradients) {
    }

    /**
     * @param contentLayer the layer whose activation is compared with {@code aC}
     * @param aC           the content image's activation there, channels first
     * @param styleLayers  the notebook's {@code STYLE_LAYERS}: layer and weight
     * @param aS           the style image's activation at each style layer, channels first
     */
    StyleCostGraph(String contentLayer, INDArray aC, List<NeuralStyleTransfer.StyleLayer> styleLayers,
            Map<String, INDArray> aS, double alpha, double beta) {
        // J_content = compute_content_cost(a_C, a_G)
        SDVariable jContent = StyleCosts.contentCost(channelsLast(sd.constant(aC.castTo(DataType.DOUBLE))),
                generated(contentLayer, aC.shape()), channelsLastShape(aC.shape()));
        // J_style = compute_style_cost(a_S, a_G, STYLE_LAYERS)
        SDVariable jStyle = sd.constant(0.0);
        for (NeuralStyleTransfer.StyleLayer layer : styleLayers) {
            INDArray styleActivation = aS.get(layer.name());
            // J_style += weight[1] * compute_layer_style_cost(a_S[i], a_G[i])
            jStyle = jStyle.add(StyleCosts.layerStyleCost(channelsLast(sd.constant(styleActivation.castTo(
                    DataType.DOUBLE))), generated(layer.name(), styleActivation.shape()),
                    channelsLastShape(styleActivation.shape())).mul(layer.weight()));
        }
        // J = total_cost(J_content, J_style, alpha, beta)
        SDVariable j = StyleCosts.totalCost(jContent, jStyle, alpha, beta);
        costs = List.of(jContent.name(), jStyle.name(), j.name());
        sd.setLossVariables(j);
        SameDiffGradients.createQuietly(sd);
    }

    private SDVariable generated(String layer, long[] shape) {
        String existing = variableOfLayer.get(layer);
        if (existing != null) {
            return channelsLast(sd.getVariable(existing));
        }
        String name = "a_G_" + generatedVariables.size();
        generatedVariables.add(name);
        variableOfLayer.put(layer, name);
        return channelsLast(sd.var(name, DataType.DOUBLE, shape));
    }

    private SDVariable channelsLast(SDVariable channelsFirst) {
        return sd.permute(channelsFirst, 0, 2, 3, 1);
    }

    private static long[] channelsLastShape(long[] channelsFirst) {
        return StyleCosts.activationShape("An activation", new long[] {channelsFirst[0], channelsFirst[2],
                channelsFirst[3], channelsFirst[1]});
    }

    /** The layers whose activations {@link #evaluate} needs, each once. */
    List<String> layers() {
        return new ArrayList<>(variableOfLayer.keySet());
    }

    /** The costs of the generated image's activations {@code aG} (by layer) and their gradients. */
    Evaluation evaluate(Map<String, INDArray> aG) {
        variableOfLayer.forEach((layer, name) -> sd.getVariable(name).setArray(aG.get(layer)
                .castTo(DataType.DOUBLE).dup('c')));
        OutAndGrad result = sd.calculateGradientsAndOutputs(Map.of(), costs, generatedVariables);
        Map<String, INDArray> gradients = new LinkedHashMap<>();
        variableOfLayer.forEach((layer, name) -> gradients.put(layer, result.getGradients().get(name)));
        Map<String, INDArray> outputs = result.getOutputs();
        return new Evaluation(outputs.get(costs.get(0)).getDouble(0), outputs.get(costs.get(1)).getDouble(0),
                outputs.get(costs.get(2)).getDouble(0), gradients);
    }
}
