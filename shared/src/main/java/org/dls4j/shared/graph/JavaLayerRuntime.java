package org.dls4j.shared.graph;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer object of a {@link JavaRecurrentLayer} whose passes are written in Java over a whole sequence
 * ({@link GruLayer}, {@link LstmLayer}, ...): the subclass computes a forward pass ({@link #forward}), its output
 * ({@link #output}) and the backward pass from it ({@link #backward}), outside DL4J's workspaces; this class hands
 * them to DL4J. The training forward pass is kept for the backward pass; a backward pass on another input runs the
 * forward pass again first.
 *
 * @param <L> the layer's configuration
 * @param <P> what one forward pass keeps
 */
public abstract class JavaLayerRuntime<L extends JavaRecurrentLayer, P extends JavaLayerRuntime.Pass>
        extends BaseLayer<L> {

    /** What a forward pass keeps for the backward pass: at least the input it ran on. */
    public interface Pass {
        INDArray input();
    }

    private P lastPass;

    protected JavaLayerRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The forward pass on {@code x}. */
    protected abstract P forward(INDArray x);

    /** The layer's output of {@code pass} (any view of the right shape). */
    protected abstract INDArray output(P pass);

    /**
     * The backward pass of {@code pass} with {@code epsilon} the gradient of the output: writes the parameters'
     * gradients into {@code gradientViews} and returns the input's (any view of the input's shape).
     */
    protected abstract INDArray backward(P pass, INDArray epsilon);

    @Override
    public Layer.Type type() {
        return Layer.Type.RECURRENT;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        P pass;
        INDArray output;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            pass = forward(input);
            output = output(pass);
        }
        lastPass = training ? pass : null;
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), output.shape(), 'c');
        return out.assign(output);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray dx;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            P pass = lastPass != null && lastPass.input() == input ? lastPass : forward(input);
            lastPass = null;
            dx = backward(pass, epsilon);
        }
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : layerConf().initializer().paramKeys(layerConf())) {
            gradient.setGradientFor(key, gradientViews.get(key));
        }
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape(), 'c');
        inputGradient.assign(dx);
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
    }
}
