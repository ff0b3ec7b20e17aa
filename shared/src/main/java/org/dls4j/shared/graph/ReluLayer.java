package org.dls4j.shared.graph;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A RELU layer: DL4J's {@code ActivationLayer} with {@code Activation.RELU}, computed in one pass each way on the
 * fast path ({@link FastPath}). DL4J's own layer copies its input before the forward RELU and again before the
 * backward one, five passes over the maps where one each way suffices: in a ResNet50 step those copies cost more
 * than the RELUs themselves. The configuration is an {@code ActivationLayer} subclass (a saved network names this
 * class, which a restore then needs on its class path); the layer object that {@code init()} makes is a
 * {@link ReluLayerRuntime}, which runs DL4J's own code with {@code -Ddls.onednn=false}, in float64, or with dropout.
 */
public class ReluLayer extends ActivationLayer {

    /** A RELU layer. */
    public ReluLayer() {
        super(new ActivationLayer.Builder().activation(Activation.RELU));
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerObjects.wired(new ReluLayerRuntime(conf, networkDataType), this, conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public ReluLayer clone() {
        return (ReluLayer) super.clone();
    }
}
