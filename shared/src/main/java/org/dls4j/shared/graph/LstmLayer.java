package org.dls4j.shared.graph;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Keras' {@code LSTM(units, return_sequences=True)} as a DL4J layer whose forward and backward passes are written in
 * Java ({@link LstmCell}'s equations), in Keras' layout: {@link #KERNEL} {@code (n_in, 4 units)},
 * {@link #RECURRENT_KERNEL} {@code (units, 4 units)}, {@link #BIAS} {@code (1, 4 units)}, gate blocks i, f, c, o, so a
 * Keras file's arrays copy in as they are ({@code 4 units (n_in + units + 1)} parameters). The gates are the logistic
 * sigmoid (TF2 Keras) or Keras 2.0's hard sigmoid. It reads sequences in the layout it is given ({@code (m, n_in, T)}
 * NCW or {@code (m, T, n_in)} NWC) and returns every step's state in the same layout; the first step starts from
 * {@code h = c = 0}. DL4J's {@code Bidirectional} wraps it as it wraps DL4J's {@code LSTM}.
 *
 * <p>Why not DL4J's {@code LSTM}: M2.1 has no CPU helper for it, and its built-in code runs a dozen ND4J operations
 * per step each way, whose call costs outweigh a small layer's arithmetic (the attention model's Bi-LSTM 32 took half
 * of its training step so). The layer object ({@link LstmLayerRuntime}) runs each example's steps in float64 Java
 * loops, the examples of a batch in parallel, and the kernels' gradients as products over the batch after them. First
 * values are Keras': a Glorot-uniform kernel, an orthogonal recurrent kernel, zero biases but the forget gate's 1s.
 */
public class LstmLayer extends JavaRecurrentLayer {

    /** Keras' names. */
    public static final String KERNEL = "kernel", RECURRENT_KERNEL = "recurrentKernel", BIAS = "bias";

    private boolean hardSigmoidGates;

    /** For the JSON form of the configuration. */
    protected LstmLayer() {
    }

    /** {@code LSTM(units, return_sequences=True)} on sequences in {@code format}; hard-sigmoid or sigmoid gates. */
    public LstmLayer(int units, boolean hardSigmoidGates, RNNFormat format) {
        super(units, WeightInit.XAVIER_UNIFORM, format);
        this.hardSigmoidGates = hardSigmoidGates;
    }

    /** Whether the gates are Keras 2.0's hard sigmoid (else the logistic sigmoid). */
    public boolean isHardSigmoidGates() {
        return hardSigmoidGates;
    }

    /** For the JSON form of the configuration. */
    public void setHardSigmoidGates(boolean hardSigmoidGates) {
        this.hardSigmoidGates = hardSigmoidGates;
    }

    @Override
    protected Layer runtime(NeuralNetConfiguration conf, DataType networkDataType) {
        return new LstmLayerRuntime(conf, networkDataType);
    }

    @Override
    public ParamInitializer initializer() {
        return LstmParams.INSTANCE;
    }

    @Override
    public LstmLayer clone() {
        return (LstmLayer) super.clone();
    }
}
