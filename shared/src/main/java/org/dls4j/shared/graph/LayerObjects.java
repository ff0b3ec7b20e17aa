package org.dls4j.shared.graph;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What a layer configuration's {@code instantiate} does with the layer object it makes, as DL4J's own layers do. */
final class LayerObjects {

    private LayerObjects() {
    }

    /**
     * {@code layer} with its listeners, index, parameters (views of {@code paramsView}, initialised when asked) and
     * configuration set; {@code config} is {@code conf}'s layer configuration, whose initializer lays out the
     * parameters.
     */
    static <T extends Layer> T wired(T layer, org.deeplearning4j.nn.conf.layers.Layer config,
            NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index, INDArray paramsView,
            boolean initializeParams) {
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        layer.setParamTable(config.initializer().init(conf, paramsView, initializeParams));
        layer.setConf(conf);
        return layer;
    }
}
