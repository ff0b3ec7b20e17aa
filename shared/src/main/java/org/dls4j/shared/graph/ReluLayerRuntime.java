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
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer object of {@link ReluLayer}: {@code max(x, 0)} written straight into the output, and {@code dx = dy} where
 * {@code x > 0}, else 0, straight into the input gradient; the input kept by the layer is what the backward pass reads.
 * Anything the fast path does not cover goes to DL4J's {@code ActivationLayer} code.
 */
final class ReluLayerRuntime extends ActivationLayer {

    ReluLayerRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** float32, no dropout on this layer, and the fast path on. */
    private boolean fast() {
        return input != null && input.dataType() == DataType.FLOAT && layerConf().getIDropout() == null
                && FastPath.enabled();
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (!fast()) {
            return super.activate(training, workspaceMgr);
        }
        assertInputSet(false);
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
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
        Nd4j.exec(new RectifiedLinearDerivative(input, epsilon, dx));
        return new Pair<>(new DefaultGradient(), dx);
    }
}
