package org.dls4j.course4.week4;

import java.util.ArrayList;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.course4.week4.NeuralStyleTransfer.StyleLayer;

/**
 * A feature extractor and the layers the costs read: the content layer and the weighted style layers (the notebook's
 * {@code content_layer} and {@code STYLE_LAYERS}), with a line saying what they are.
 */
record StyleTransfer(StyleFeatureExtractor extractor, String contentLayer, List<StyleLayer> styleLayers,
        String description) {

    /** The extractor of {@code network} for the content layer and the style layers, pixels mapped as given. */
    static StyleTransfer of(ComputationGraph network, String contentLayer, List<StyleLayer> styleLayers,
            double pixelScale, double pixelShift, String description) {
        List<String> layers = new ArrayList<>();
        styleLayers.forEach(layer -> layers.add(layer.name()));
        if (!layers.contains(contentLayer)) {
            layers.add(contentLayer);
        }
        return new StyleTransfer(new StyleFeatureExtractor(network, layers, pixelScale, pixelShift), contentLayer,
                List.copyOf(styleLayers), description);
    }
}
