package org.dls4j.shared.graph;

import java.util.ArrayList;
import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * DL4J's {@code RnnOutputLayer} with a softmax and multi-class cross-entropy ({@code MCXENT}) over every step of
 * {@code (m, n_in, T)} sequences (NCW), computed in float64 Java loops: the output of a character model (Dinosaur
 * Island's {@code y<t> = softmax(Wya a<t> + by)}, the loss summed over the characters). DL4J's own layer reshapes the
 * sequence to 2-d and back, multiplies, applies the softmax, computes the loss twice (once for the gradient, once
 * for the score) and the gradient in about 25 ND4J operations a step, each costing more than the arithmetic of a
 * 27-character vocabulary; this layer's object ({@link RnnSoftmaxOutputLayerRuntime}) does one forward pass that the
 * gradient and the score share. Same parameters ({@code W (n_in, n_out)}, {@code b (n_out)}), outputs, score and
 * gradients as DL4J's layer configured the same way ({@code RnnSoftmaxOutputLayerTest}); no masks.
 */
public class RnnSoftmaxOutputLayer extends RnnOutputLayer {

    /**
     * {@code nOut} softmax units over inputs of {@code nIn} features (0: from the graph's input types); weight
     * initialisation, updater and gradient normalization come from the network's configuration.
     */
    public RnnSoftmaxOutputLayer(long nIn, long nOut) {
        setNIn(nIn);
        setNOut(nOut);
        setActivationFn(new ActivationSoftmax());
        setLossFn(new LossMCXENT());
        setHasBias(true);
        setRnnDataFormat(RNNFormat.NCW);
        // unset, as DL4J's builders leave them: the network's configuration fills them in
        setBiasInit(Double.NaN);
        setGainInit(Double.NaN);
        setGradientNormalization(null);
        setGradientNormalizationThreshold(Double.NaN);
        setIUpdater(null);
        setBiasUpdater(null);
        setWeightInitFn(null);
        setRegularization(new ArrayList<>());
        setRegularizationBias(new ArrayList<>());
    }

    /** For restoring a saved network. */
    protected RnnSoftmaxOutputLayer() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("RnnSoftmaxOutputLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerObjects.wired(new RnnSoftmaxOutputLayerRuntime(conf, networkDataType), this, conf,
                trainingListeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public RnnSoftmaxOutputLayer clone() {
        return (RnnSoftmaxOutputLayer) super.clone();
    }
}
