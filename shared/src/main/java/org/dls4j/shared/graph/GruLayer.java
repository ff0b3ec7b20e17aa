package org.dls4j.shared.graph;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;

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
public class GruLayer extends JavaRecurrentLayer {

    /** For the JSON form of the configuration. */
    protected GruLayer() {
    }

    /** {@code GRU(units, return_sequences=True)}. */
    public GruLayer(int units) {
        super(units, WeightInit.XAVIER_UNIFORM);
    }

    @Override
    protected Layer runtime(NeuralNetConfiguration conf, DataType networkDataType) {
        return new GruLayerRuntime(conf, networkDataType);
    }

    @Override
    public ParamInitializer initializer() {
        return GruParams.INSTANCE;
    }

    @Override
    public GruLayer clone() {
        return (GruLayer) super.clone();
    }
}
