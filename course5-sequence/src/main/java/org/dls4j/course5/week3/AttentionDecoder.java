package org.dls4j.course5.week3;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.graph.JavaRecurrentLayer;
import org.dls4j.shared.graph.LstmCell;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The notebook's loop over the Ty outputs, as one DL4J layer: at each step {@code one_step_attention(a, s)} and the
 * shared {@code post_activation_LSTM_cell}. It reads the Bi-LSTM's sequence {@code a (m, Tx, 2 n_a)} and returns the
 * post-attention LSTM's hidden states {@code s<1..Ty> (m, Ty, n_s)}; the shared {@code output_layer} (Dense(11,
 * softmax)) that the notebook applies to each {@code s<t>} is the graph's {@code RnnOutputLayer} after it.
 *
 * <p><b>Why a layer of its own.</b> Each step's attention needs the decoder state of the step before, and the ten
 * steps share one set of weights. A DL4J graph has no shared layers: the ten steps unrolled as vertices would be ten
 * copies of the weights (and not the notebook's 52,960 parameters), and DL4J's LSTM cannot take a new input that is
 * computed from its own previous state inside one sequence. DL4J's attention layers ({@code AttentionVertex},
 * {@code RecurrentAttentionLayer}) are dot-product attention, not the notebook's small dense network. So the loop is
 * one layer whose forward and backward passes are written in Java ({@link AttentionDecoderRuntime}); a SameDiff
 * layer unrolled over the ten steps gives the same numbers, but spends most of a training step on its operations'
 * overhead.
 *
 * <p><b>One step</b>, with {@code W1 (2 n_a + n_s, 10)} the notebook's {@code densor1}:
 * <pre>
 * e      = tanh(concatenate([a, repeat(s_prev)]) W1 + b1)   computed as a W1[:2n_a] + s_prev W1[2n_a:] + b1
 * energy = relu(e W2 + b2)                                  densor2, (m, Tx, 1)
 * alpha  = softmax(energy) over the Tx axis                 the notebook's softmax(axis=1)
 * context = sum_t alpha_t a_t                               dot([alphas, a], axes=1)
 * s, c   = LSTM(context; s_prev, c_prev)                    Keras: gates i, f, c, o ({@link LstmCell})
 * </pre>
 * The concatenation times {@code W1} is the same sum of products as the two halves of {@code W1} times
 * {@code a} and {@code s_prev} apart; the half for {@code a} is the same for all Ty steps and is computed once.
 * The first step starts from {@code s0 = c0 = 0} (the notebook's zero inputs {@code s0}, {@code c0}). The LSTM's
 * parameters are stored in Keras' layout ({@code kernel (2 n_a, 4 n_s)}, {@code recurrent_kernel (n_s, 4 n_s)},
 * {@code bias (4 n_s)}), so a Keras file's weights copy in as they are. The gates are {@code hard_sigmoid}
 * ({@code clip(0.2 x + 0.5, 0, 1)}, Keras 2.0's default and what the shipped model declares), or the logistic sigmoid
 * with {@link #sigmoidGates()} (TF2 Keras' default). First values are Keras': Glorot-uniform kernels, an orthogonal
 * recurrent kernel, zero biases but the LSTM's forget gate's 1s.
 */
public class AttentionDecoder extends JavaRecurrentLayer {

    /**
     * Parameter names: the notebook's {@code densor1}, {@code densor2}, {@code post_activation_LSTM_cell}. No
     * underscores: DL4J's updater finds a gradient's layer by the key's last '_' ("layer_param").
     */
    public static final String DENSOR1_W = "densor1W", DENSOR1_B = "densor1b", DENSOR2_W = "densor2W",
            DENSOR2_B = "densor2b", LSTM_KERNEL = "lstmKernel", LSTM_RECURRENT = "lstmRecurrentKernel",
            LSTM_BIAS = "lstmBias";
    /** {@code densor1}'s units. */
    public static final int ATTENTION_UNITS = 10;

    private int ty;
    private boolean hardSigmoidGates = true;

    /** For the JSON form of the configuration. */
    protected AttentionDecoder() {
    }

    /**
     * @param ty the outputs (10)
     * @param nS the post-attention LSTM's units (64)
     */
    public AttentionDecoder(int ty, int nS) {
        super(nS, WeightInit.XAVIER_UNIFORM, RNNFormat.NWC);    // Keras' glorot_uniform
        this.ty = ty;
    }

    /** The logistic sigmoid in the LSTM's gates (TF2 Keras) instead of Keras 2.0's hard sigmoid. */
    public AttentionDecoder sigmoidGates() {
        this.hardSigmoidGates = false;
        return this;
    }

    public int getTy() {
        return ty;
    }

    /** The post-attention LSTM's units. */
    public int getNS() {
        return units();
    }

    public boolean isHardSigmoidGates() {
        return hardSigmoidGates;
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(units(), ty, RNNFormat.NWC);
    }

    @Override
    protected Layer runtime(NeuralNetConfiguration conf, DataType networkDataType) {
        return new AttentionDecoderRuntime(conf, networkDataType);
    }

    @Override
    public ParamInitializer initializer() {
        return AttentionDecoderParams.INSTANCE;
    }

    @Override
    public AttentionDecoder clone() {
        return (AttentionDecoder) super.clone();
    }
}
