package org.dls4j.shared.graph;

import java.util.Collection;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
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
 * Keras' {@code GRU(units, return_sequences=True)} with TF2's defaults (reset after, sigmoid gates, tanh candidate) as
 * a DL4J layer (DL4J 1.0.0-M2.1 has LSTM and SimpleRnn, no GRU). It reads {@code x (m, n_in, T)} and returns every
 * step's state {@code h (m, units, T)}, DL4J's NCW layout; the first step starts from {@code h = 0}.
 *
 * <p>Parameters are Keras' arrays, the gate blocks z (update), r (reset), h (candidate) side by side:
 * {@code kernel (n_in, 3 units) = [W_z W_r W_h]}, {@code recurrent_kernel (units, 3 units) = [U_z U_r U_h]} and
 * {@code bias (2, 3 units)}, input biases {@code [b_z b_r b_h]} over recurrent ones {@code [c_z c_r c_h]}, so the
 * count is Keras' {@code 3 units (n_in + units + 2)}:
 * <pre>
 * z  = sigmoid(x W_z + b_z + h U_z + c_z)
 * r  = sigmoid(x W_r + b_r + h U_r + c_r)
 * hh = tanh(x W_h + b_h + r * (h U_h + c_h))
 * h' = z * h + (1 - z) * hh
 * </pre>
 * Initial weights are Keras': a Glorot-uniform kernel, an orthogonal recurrent kernel, zero biases. The layer object
 * ({@link GruLayerRuntime}) computes the input products of all steps as one matrix product, then one recurrent
 * product and a few element-wise operations per step; its backward pass runs through time by hand.
 */
public class GruLayer extends BaseRecurrentLayer {

    /** For the JSON form of the configuration. */
    protected GruLayer() {
    }

    /** {@code GRU(units, return_sequences=True)}. */
    public GruLayer(int units) {
        super(new Builder().nOut(units).weightInit(WeightInit.XAVIER_UNIFORM).activation(Activation.TANH)
                .dataFormat(RNNFormat.NCW));
    }

    /** The number of units ({@code nOut}). */
    public int units() {
        return Math.toIntExact(getNOut());
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent) || recurrent.getFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException("The GRU layer reads a sequence (m, features, T) in NCW format, not "
                    + inputType);
        }
        super.setNIn(inputType, override);
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> trainingListeners,
            int layerIndex, INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        GruLayerRuntime layer = new GruLayerRuntime(conf, networkDataType);
        layer.setListeners(trainingListeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> parameters = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(parameters);
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return GruParams.INSTANCE;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        return new LayerMemoryReport.Builder(layerName, GruLayer.class, inputType, getOutputType(-1, inputType))
                .standardMemory(GruParams.INSTANCE.numParams(this), 0)
                .workingMemory(0, 0, 0, 0)
                .cacheMemory(0, 0)
                .build();
    }

    @Override
    public GruLayer clone() {
        return (GruLayer) super.clone();
    }

    /** The builder DL4J's base class wants; {@link GruLayer#GruLayer(int)} is the way to make one. */
    private static final class Builder extends BaseRecurrentLayer.Builder<Builder> {
        @Override
        @SuppressWarnings("unchecked")
        public GruLayer build() {
            throw new UnsupportedOperationException("new GruLayer(units)");
        }
    }
}
