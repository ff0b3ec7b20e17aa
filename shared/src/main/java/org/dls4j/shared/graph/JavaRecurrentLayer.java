package org.dls4j.shared.graph;

import java.util.Collection;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The configuration of a recurrent layer whose layer object the project writes, forward and backward through time
 * in Java ({@link GruLayer}, {@link BasicRnnLayer}, {@link LstmLayer}): {@code units} tanh units over sequences in
 * one layout, {@code (m, features, T)} (NCW) unless the layer says {@code (m, T, features)} (NWC); it makes its layer
 * object ({@link #runtime}) and hands it its parameter views as DL4J's layers do.
 */
public abstract class JavaRecurrentLayer extends BaseRecurrentLayer {

    /** For the JSON form of the configuration. */
    protected JavaRecurrentLayer() {
    }

    /** {@code units} units, the kernels initialised by {@code weightInit} (a layer's initializer may do more). */
    protected JavaRecurrentLayer(int units, WeightInit weightInit) {
        this(units, weightInit, RNNFormat.NCW);
    }

    /** The same over sequences in {@code format}. */
    protected JavaRecurrentLayer(int units, WeightInit weightInit, RNNFormat format) {
        super(new Builder().nOut(units).weightInit(weightInit).activation(Activation.TANH).dataFormat(format));
    }

    /** The number of units ({@code nOut}). */
    public int units() {
        return Math.toIntExact(getNOut());
    }

    /** The layer object for {@code conf}, before its parameters are set. */
    protected abstract Layer runtime(NeuralNetConfiguration conf, DataType networkDataType);

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent) || recurrent.getFormat() != rnnDataFormat) {
            throw new IllegalArgumentException("The " + getClass().getSimpleName() + " reads a sequence "
                    + (rnnDataFormat == RNNFormat.NCW ? "(m, features, T)" : "(m, T, features)") + " in "
                    + rnnDataFormat + " format, not " + inputType);
        }
        super.setNIn(inputType, override);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        return LayerObjects.wired(runtime(conf, networkDataType), this, conf, trainingListeners,
                layerIndex, layerParamsView, initializeParams);
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(layerName, getClass(), inputType, getOutputType(-1, inputType))
                .standardMemory(initializer().numParams(this), 0)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(0, 0)
                .build();
    }

    @Override
    public JavaRecurrentLayer clone() {
        return (JavaRecurrentLayer) super.clone();
    }

    /** The builder DL4J's base class wants; a subclass's constructor makes the layer. */
    private static final class Builder extends BaseRecurrentLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public JavaRecurrentLayer build() {
            throw new UnsupportedOperationException("use the layer's constructor");
        }
    }
}
