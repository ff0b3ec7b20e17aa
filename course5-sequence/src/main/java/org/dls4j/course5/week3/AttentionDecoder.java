package org.dls4j.course5.week3;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The notebook's loop over the Ty outputs, as one DL4J layer: at each step {@code one_step_attention(a, s)} and the
 * shared {@code post_activation_LSTM_cell}. It reads the Bi-LSTM's sequence {@code a (m, Tx, 2 n_a)} and returns the
 * post-attention LSTM's hidden states {@code s<1..Ty> (m, Ty, n_s)}; the shared {@code output_layer} (Dense(11,
 * softmax)) that the notebook applies to each {@code s<t>} is the graph's {@code RnnOutputLayer} after it.
 *
 * <p><b>Why a SameDiff layer.</b> Each step's attention needs the decoder state of the step before, and the ten steps
 * share one set of weights. A DL4J graph has no shared layers: the ten steps unrolled as vertices would be ten
 * copies of the weights (and not the notebook's 52,960 parameters), and DL4J's LSTM cannot take a new input that is
 * computed from its own previous state inside one sequence. DL4J's attention layers ({@code AttentionVertex},
 * {@code RecurrentAttentionLayer}) are dot-product attention, not the notebook's small dense network. So the loop is
 * written in SameDiff, unrolled over the Ty steps with the same variables, and DL4J trains it with SameDiff's
 * gradients like any other layer.
 *
 * <p><b>One step</b> ({@link #decode}), with {@code W1 (2 n_a + n_s, 10)} the notebook's {@code densor1}:
 * <pre>
 * e      = tanh(concatenate([a, repeat(s_prev)]) W1 + b1)   computed as a W1[:2n_a] + s_prev W1[2n_a:] + b1
 * energy = relu(e W2 + b2)                                  densor2, (m, Tx, 1)
 * alpha  = softmax(energy) over the Tx axis                 the notebook's softmax(axis=1)
 * context = sum_t alpha_t a_t                               dot([alphas, a], axes=1)
 * s, c   = LSTM(context; s_prev, c_prev)                    Keras 2.0: gates i, f, c, o; hard_sigmoid gates
 * </pre>
 * The concatenation times {@code W1} is the same sum of products as the two halves of {@code W1} times
 * {@code a} and {@code s_prev} apart; the half for {@code a} is the same for all Ty steps and is computed once.
 * The first step starts from {@code s0 = c0 = 0} (the notebook's zero inputs {@code s0}, {@code c0}), so its
 * {@code s_prev} terms are left out. The LSTM's parameters are stored in Keras' layout ({@code kernel (2 n_a, 4 n_s)},
 * {@code recurrent_kernel (n_s, 4 n_s)}, {@code bias (4 n_s)}, gates i, f, c, o), so a Keras file's weights copy
 * in as they are. The gates are {@code hard_sigmoid} ({@code clip(0.2 x + 0.5, 0, 1)}, Keras 2.0's default and what
 * the shipped model declares), or the logistic sigmoid with {@link #sigmoidGates()} (TF2 Keras' default).
 */
public class AttentionDecoder extends SameDiffLayer {

    /**
     * Parameter names: the notebook's {@code densor1}, {@code densor2}, {@code post_activation_LSTM_cell}. No
     * underscores: DL4J's updater finds a gradient's layer by the key's last '_' ("layer_param").
     */
    public static final String DENSOR1_W = "densor1W", DENSOR1_B = "densor1b", DENSOR2_W = "densor2W",
            DENSOR2_B = "densor2b", LSTM_KERNEL = "lstmKernel", LSTM_RECURRENT = "lstmRecurrentKernel",
            LSTM_BIAS = "lstmBias";
    /** {@code densor1}'s units. */
    public static final int ATTENTION_UNITS = 10;

    private long nIn;
    private int tx;
    private int ty;
    private int nS;
    private boolean hardSigmoidGates = true;

    /** For the JSON form of the configuration. */
    protected AttentionDecoder() {
    }

    /**
     * @param tx the encoder's steps (30)
     * @param ty the outputs (10)
     * @param nS the post-attention LSTM's units (64)
     */
    public AttentionDecoder(int tx, int ty, int nS) {
        this.tx = tx;
        this.ty = ty;
        this.nS = nS;
        this.weightInit = WeightInit.XAVIER_UNIFORM;    // Keras' glorot_uniform
    }

    /** The logistic sigmoid in the LSTM's gates (TF2 Keras) instead of Keras 2.0's hard sigmoid. */
    public AttentionDecoder sigmoidGates() {
        this.hardSigmoidGates = false;
        return this;
    }

    public int getTx() {
        return tx;
    }

    public int getTy() {
        return ty;
    }

    public int getNS() {
        return nS;
    }

    public long getNIn() {
        return nIn;
    }

    public boolean isHardSigmoidGates() {
        return hardSigmoidGates;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent)
                || recurrent.getFormat() != RNNFormat.NWC) {
            throw new IllegalArgumentException("The attention decoder reads a sequence (m, Tx, features) in NWC "
                    + "format, not " + inputType);
        }
        if (nIn <= 0 || override) {
            nIn = recurrent.getSize();
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(nS, ty, RNNFormat.NWC);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(DENSOR1_W, nIn + nS, ATTENTION_UNITS);
        params.addBiasParam(DENSOR1_B, 1, ATTENTION_UNITS);
        params.addWeightParam(DENSOR2_W, ATTENTION_UNITS, 1);
        params.addBiasParam(DENSOR2_B, 1, 1);
        params.addWeightParam(LSTM_KERNEL, nIn, 4L * nS);
        params.addWeightParam(LSTM_RECURRENT, nS, 4L * nS);
        params.addBiasParam(LSTM_BIAS, 1, 4L * nS);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        initWeights((int) (nIn + nS), ATTENTION_UNITS, weightInit, params.get(DENSOR1_W));
        initWeights(ATTENTION_UNITS, 1, weightInit, params.get(DENSOR2_W));
        initWeights((int) nIn, 4 * nS, weightInit, params.get(LSTM_KERNEL));
        // Keras' orthogonal recurrent initialiser has no DL4J twin: Glorot-uniform as the kernels
        initWeights(nS, 4 * nS, weightInit, params.get(LSTM_RECURRENT));
        params.get(DENSOR1_B).assign(0);
        params.get(DENSOR2_B).assign(0);
        params.get(LSTM_BIAS).assign(0);
        // Keras' unit_forget_bias: the forget gate (the second block) starts at 1
        params.get(LSTM_BIAS).get(NDArrayIndex.all(), NDArrayIndex.interval(nS, 2L * nS)).assign(1);
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> params,
            SDVariable mask) {
        // named: DL4J feeds the gradient from the next layer to the placeholder "<output name>-grad"
        return sd.identity("decoder_states", decode(sd, layerInput, params, tx, ty, nS, hardSigmoidGates, false).states());
    }

    /** The decoder's outputs: the states {@code (m, Ty, n_s)} and the attention weights {@code (m, Ty, Tx)}. */
    public record Decoded(SDVariable states, SDVariable alphas) {
    }

    /**
     * The Ty steps on {@code a (m, Tx, 2 n_a)} with the parameters {@code params} (the keys above), in {@code sd}:
     * the layer's forward pass, and the attention map's ({@link NmtModel#attention}).
     */
    public static Decoded decode(SameDiff sd, SDVariable a, Map<String, SDVariable> params, int tx, int ty, int nS,
            boolean hardSigmoidGates, boolean withAlphas) {
        SDVariable w1 = params.get(DENSOR1_W);
        long features = w1.getShape()[0] - nS;
        SDVariable w1a = w1.get(SDIndex.interval(0L, features), SDIndex.all());
        SDVariable w1s = w1.get(SDIndex.interval(features, features + nS), SDIndex.all());
        // a W1[:2n_a] + b1 for every encoder step, once: (m, Tx, 10)
        SDVariable encoderPart = a.reshape(-1, features).mmul(w1a).add(params.get(DENSOR1_B))
                .reshape(-1, tx, ATTENTION_UNITS);
        SDVariable kernel = params.get(LSTM_KERNEL);
        SDVariable recurrent = params.get(LSTM_RECURRENT);
        SDVariable bias = params.get(LSTM_BIAS);
        List<SDVariable> states = new ArrayList<>();
        List<SDVariable> alphas = new ArrayList<>();
        SDVariable s = null;
        SDVariable c = null;
        for (int t = 0; t < ty; t++) {
            // one_step_attention(a, s_prev)
            SDVariable e = s == null ? encoderPart : encoderPart.add(s.mmul(w1s).reshape(-1, 1, ATTENTION_UNITS));
            SDVariable energies = sd.nn.relu(sd.nn.tanh(e).reshape(-1, ATTENTION_UNITS).mmul(params.get(DENSOR2_W))
                    .add(params.get(DENSOR2_B)), 0).reshape(-1, tx);
            SDVariable alpha = sd.nn.softmax(energies, 1);                          // over the Tx axis
            SDVariable context = alpha.reshape(-1, tx, 1).mul(a).sum(1);           // (m, 2 n_a)
            // post_activation_LSTM_cell(context, initial_state=[s, c])
            SDVariable z = context.mmul(kernel).add(bias);
            if (s != null) {
                z = z.add(s.mmul(recurrent));
            }
            SDVariable i = gate(sd, z, 0, nS, hardSigmoidGates);
            SDVariable candidate = sd.nn.tanh(block(z, 2, nS));
            SDVariable o = gate(sd, z, 3, nS, hardSigmoidGates);
            c = s == null ? i.mul(candidate) : gate(sd, z, 1, nS, hardSigmoidGates).mul(c).add(i.mul(candidate));
            s = o.mul(sd.nn.tanh(c));
            states.add(s);
            alphas.add(alpha);
        }
        return new Decoded(sd.stack(1, states.toArray(SDVariable[]::new)),
                withAlphas ? sd.stack(1, alphas.toArray(SDVariable[]::new)) : null);
    }

    /** The decoder's states {@code s<1..Ty> (m, Ty, n_s)} and attention weights {@code (m, Ty, Tx)}, evaluated. */
    public record Steps(INDArray states, INDArray alphas) {
    }

    /**
     * {@link #decode} on {@code a (m, Tx, 2 n_a)} with the parameters {@code params} (a layer's parameter table, or
     * float64 arrays under the same keys), in a SameDiff of its own.
     */
    public static Steps run(Map<String, INDArray> params, INDArray a, int ty, int nS, boolean hardSigmoidGates) {
        SameDiff sd = SameDiff.create();
        Map<String, SDVariable> variables = new LinkedHashMap<>();
        params.forEach((name, value) -> variables.put(name, sd.constant(name, value.dup())));
        Decoded decoded = decode(sd, sd.constant("a", a), variables, (int) a.size(1), ty, nS, hardSigmoidGates,
                true);
        sd.identity("states", decoded.states());
        sd.identity("alphas", decoded.alphas());
        Map<String, INDArray> out = sd.output(Map.of(), "states", "alphas");
        return new Steps(out.get("states"), out.get("alphas"));
    }

    private static SDVariable block(SDVariable z, int gate, int nS) {
        return z.get(SDIndex.all(), SDIndex.interval((long) gate * nS, (long) (gate + 1) * nS));
    }

    private static SDVariable gate(SameDiff sd, SDVariable z, int gate, int nS, boolean hardSigmoid) {
        SDVariable x = block(z, gate, nS);
        return hardSigmoid ? sd.nn.hardSigmoid(x) : sd.nn.sigmoid(x);
    }
}
