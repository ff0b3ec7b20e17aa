package org.dls4j.shared.graph;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.Deconvolution2DLayer;
import org.deeplearning4j.nn.params.DeconvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The layer object of {@link TransposedConvolution2D}: the forward pass, and the gradients with respect to the
 * input, the weights and the bias, on oneDNN's deconvolution primitives ({@link OneDnnConvolutionHelper} in its
 * transposed form), made once per input shape and kept. With an identity activation the backward pass does not
 * compute the forward pass again, as DL4J's layer does. Anything the fast path does not cover (the switch off,
 * float64, dilation, an input of the wrong depth, which DL4J's code reports) goes to DL4J's
 * {@code Deconvolution2DLayer} code.
 */
final class TransposedConvolution2DRuntime extends Deconvolution2DLayer {

    private static final String WEIGHTS = DeconvolutionParamInitializer.WEIGHT_KEY;
    private static final String BIAS = DeconvolutionParamInitializer.BIAS_KEY;

    private final OneDnnConvolutionHelper oneDnn = new OneDnnConvolutionHelper(true, true);
    /** Whether the last backward pass ran on oneDNN (for tests). */
    private boolean lastOnOneDnn;

    TransposedConvolution2DRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** float32 pictures of the depth the weights expect, no dilation, and the fast path on. */
    private boolean fast() {
        ConvolutionLayer conf = layerConf();
        int[] dilation = conf.getDilation();
        if (!FastPath.enabled() || input == null || input.rank() != 4 || input.dataType() != DataType.FLOAT
                || getParam(WEIGHTS).dataType() != DataType.FLOAT || dilation[0] != 1 || dilation[1] != 1) {
            return false;
        }
        int channels = conf.getCnn2dDataFormat() == CNN2DFormat.NHWC ? 3 : 1;
        return input.size(channels) == getParam(WEIGHTS).size(0);    // weights (in, out, kh, kw)
    }

    /** Whether the last backward pass ran on oneDNN. */
    boolean lastOnOneDnn() {
        return lastOnOneDnn;
    }

    @Override
    protected Pair<INDArray, INDArray> preOutput(boolean training, boolean forBackprop,
            LayerWorkspaceMgr workspaceMgr) {
        if (!fast()) {
            return super.preOutput(training, forBackprop, workspaceMgr);
        }
        assertInputSet(false);
        ConvolutionLayer conf = layerConf();
        INDArray w = getParamWithNoise(WEIGHTS, training, workspaceMgr);
        INDArray b = conf.hasBias() ? getParamWithNoise(BIAS, training, workspaceMgr) : null;
        INDArray z = oneDnn.preOutput(input, w, b, conf.getKernelSize(), conf.getStride(), conf.getPadding(), null,
                null, convolutionMode, conf.getDilation(), conf.getCnn2dDataFormat(), workspaceMgr);
        return new Pair<>(z, null);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        lastOnOneDnn = fast();
        if (!lastOnOneDnn) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        ConvolutionLayer conf = layerConf();
        IActivation activation = conf.getActivationFn();
        // dL/dz: an identity activation passes the gradient on and needs no z
        INDArray delta = activation instanceof ActivationIdentity ? epsilon
                : activation.backprop(preOutput(true, true, workspaceMgr).getFirst(), epsilon).getFirst();
        INDArray w = getParamWithNoise(WEIGHTS, true, workspaceMgr);
        INDArray b = conf.hasBias() ? getParamWithNoise(BIAS, true, workspaceMgr) : null;
        INDArray weightGradient = gradientViews.get(WEIGHTS);
        INDArray biasGradient = conf.hasBias() ? gradientViews.get(BIAS) : null;
        INDArray inputGradient = oneDnn.backpropGradient(input, w, b, delta, conf.getKernelSize(), conf.getStride(),
                conf.getPadding(), biasGradient, weightGradient, activation, null, null, null, convolutionMode,
                conf.getDilation(), conf.getCnn2dDataFormat(), workspaceMgr).getSecond();
        Gradient gradient = new DefaultGradient();
        if (biasGradient != null) {
            gradient.setGradientFor(BIAS, biasGradient);
        }
        gradient.setGradientFor(WEIGHTS, weightGradient, 'c');
        weightNoiseParams.clear();
        return new Pair<>(gradient, inputGradient);
    }
}
