package org.dls4j.shared.graph;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.ActivationLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer object of {@link ReluLayer}: {@code max(x, 0)} (libnd4j's {@code relu}) written straight into the output,
 * and {@code dx = dy} where {@code x > 0}, else 0, straight into the input gradient ({@link ReluGradient}, oneDNN);
 * the input kept by the layer is what the backward pass reads. Anything the fast path does not cover goes to DL4J's {@code ActivationLayer} code.
 */
final class ReluLayerRuntime extends ActivationLayer {

    /** The batch normalization helper that applies this RELU in training passes, or null. */
    private OneDnnBatchNormHelper fusedInto;
    /** Whether the last forward pass handed its input on as it was (the RELU already applied). */
    private boolean passedOn;
    /** The gradient the last such backward pass received, and the one it passed on (the same values). */
    private INDArray lastGradientIn;
    private INDArray lastGradientOut;

    ReluLayerRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The batch normalization helper feeding this layer alone that applies the RELU (null: none). */
    void fuseInto(OneDnnBatchNormHelper helper) {
        fusedInto = helper;
    }

    /** The helper that applies this layer's RELU, or null. */
    OneDnnBatchNormHelper fusedInto() {
        return fusedInto;
    }

    /** The gradient this layer received, when {@code passedOn} is what it passed on for it unchanged; else null. */
    INDArray gradientSourceOf(INDArray passedOn) {
        return passedOn != null && passedOn == lastGradientOut ? lastGradientIn : null;
    }

    /** float32, no dropout on this layer, and the fast path on. */
    private boolean fast() {
        return input != null && input.dataType() == DataType.FLOAT && layerConf().getIDropout() == null
                && FastPath.enabled();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        passedOn = false;
        if (!fast()) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
        if (fusedInto != null && fusedInto.isReluOutput(input)) {
            passedOn = true;
            // fit keeps every activation in one workspace (no copy); output(train=true) alternates them (a copy)
            return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, input);
        }
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, input.shape(), 'c');
        Nd4j.exec(new RectifiedLinear(input, out, 0.0));
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (!fast()) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        if (passedOn) {
            // the batch norm's backward pass applies the mask; DL4J wants each layer's gradient in its own workspace
            lastGradientIn = epsilon;
            // a gradient whose values are only in the convolution's blocked memory, which the batch norm reads, is
            // not copied: the array passed on only has to be in this layer's workspace
            lastGradientOut = fusedInto.deferredGradient(epsilon)
                    ? workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, epsilon.shape(), 'c')
                    : workspaceMgr.leverageTo(ArrayType.ACTIVATION_GRAD, epsilon);
            return new Pair<>(new DefaultGradient(), lastGradientOut);
        }
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        ReluGradient.into(input, epsilon, dx);
        return new Pair<>(new DefaultGradient(), dx);
    }
}
