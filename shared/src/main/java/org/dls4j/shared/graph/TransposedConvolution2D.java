package org.dls4j.shared.graph;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A transposed convolution (Keras' {@code Conv2DTranspose}): DL4J's {@code Deconvolution2D}, computed on oneDNN on
 * the fast path. DL4J M2.1's deconvolution layer has no helper to hand its work to: it calls libnd4j's generic
 * {@code deconv2d} (im2col and GEMM), computes the forward pass again for its backward pass, and was half of a U-Net
 * training step. The configuration is a {@code Deconvolution2D} subclass, built from a {@code Deconvolution2D.Builder}
 * (a saved network names this class); the layer object that {@code init()} makes is a
 * {@link TransposedConvolution2DRuntime}, which runs DL4J's own code with {@code -Ddls.onednn=false}, in float64 or
 * with dilation.
 */
public class TransposedConvolution2D extends Deconvolution2D {

    /** A transposed convolution configured by {@code builder} (kernel, stride, filters, activation...). */
    public TransposedConvolution2D(Deconvolution2D.Builder builder) {
        super(builder);
    }

    /** For restoring a saved network. */
    public TransposedConvolution2D() {
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("TransposedConvolution2D", getLayerName(), layerIndex, getNIn(), getNOut());
        return LayerObjects.wired(new TransposedConvolution2DRuntime(conf, networkDataType), this, conf,
                trainingListeners, layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public TransposedConvolution2D clone() {
        return (TransposedConvolution2D) super.clone();
    }
}
