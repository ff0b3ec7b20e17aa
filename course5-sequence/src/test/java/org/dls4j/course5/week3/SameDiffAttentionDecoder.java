package org.dls4j.course5.week3;

import static org.dls4j.course5.week3.AttentionDecoder.ATTENTION_UNITS;
import static org.dls4j.course5.week3.AttentionDecoder.DENSOR1_B;
import static org.dls4j.course5.week3.AttentionDecoder.DENSOR1_W;
import static org.dls4j.course5.week3.AttentionDecoder.DENSOR2_B;
import static org.dls4j.course5.week3.AttentionDecoder.DENSOR2_W;
import static org.dls4j.course5.week3.AttentionDecoder.LSTM_BIAS;
import static org.dls4j.course5.week3.AttentionDecoder.LSTM_KERNEL;
import static org.dls4j.course5.week3.AttentionDecoder.LSTM_RECURRENT;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.testing.LayerGradients;
import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The reference for {@link AttentionDecoder}: the same loop written in SameDiff, unrolled over the Ty steps with one
 * set of variables (the decoder's parameters, by their keys), and differentiated by SameDiff. One step:
 * <pre>
 * e      = tanh(a W1[:2n_a] + s_prev W1[2n_a:] + b1)
 * energy = relu(e W2 + b2)
 * alpha  = softmax(energy) over the Tx axis
 * context = sum_t alpha_t a_t
 * s, c   = LSTM(context; s_prev, c_prev)     gates i, f, c, o; hard_sigmoid or sigmoid
 * </pre>
 * from {@code s0 = c0 = 0}. (Run as a DL4J {@code SameDiffLayer}, the same graph's gradients come out twice the
 * central differences; {@code calculateGradients} gives them as they are.)
 */
final class SameDiffAttentionDecoder {

    /** The states {@code (m, Ty, n_s)} and the gradients of {@code sum(states * weights)}, the input's as "input". */
    record Result(INDArray states, Map<String, INDArray> gradients) {
    }

    private final SameDiff sd = SameDiff.create();
    private final int tx;
    private final long nIn;
    private final int nS;
    private final boolean hardSigmoidGates;

    private SameDiffAttentionDecoder(INDArray a, int nS, boolean hardSigmoidGates) {
        this.tx = Math.toIntExact(a.size(1));
        this.nIn = a.size(2);
        this.nS = nS;
        this.hardSigmoidGates = hardSigmoidGates;
    }

    /** The decoder of {@code params} (copied) on {@code a (m, Tx, 2 n_a)}, Ty steps. */
    static Result run(Map<String, INDArray> params, INDArray a, INDArray weights, int ty, boolean hardSigmoidGates) {
        int nS = Math.toIntExact(params.get(LSTM_RECURRENT).size(0));
        SameDiffAttentionDecoder decoder = new SameDiffAttentionDecoder(a, nS, hardSigmoidGates);
        SameDiff sd = decoder.sd;
        Map<String, SDVariable> variables = new LinkedHashMap<>();
        params.forEach((key, value) -> variables.put(key, sd.var(key, value.dup())));
        SDVariable input = sd.var(LayerGradients.INPUT, a.dup());
        SDVariable states = decoder.states(input, variables, ty);
        sd.setLossVariables(states.mul(sd.constant(weights.castTo(a.dataType()))).sum());
        List<String> names = new ArrayList<>(variables.keySet());
        names.add(LayerGradients.INPUT);
        Map<String, INDArray> gradients = sd.calculateGradients(new HashMap<>(), names);
        return new Result(sd.output(new HashMap<>(), states.name()).get(states.name()), gradients);
    }

    private SDVariable states(SDVariable a, Map<String, SDVariable> params, int ty) {
        SDVariable w1 = params.get(DENSOR1_W);
        SDVariable w1a = w1.get(SDIndex.interval(0L, nIn), SDIndex.all());
        SDVariable w1s = w1.get(SDIndex.interval(nIn, nIn + nS), SDIndex.all());
        SDVariable encoderPart = a.reshape(-1, nIn).mmul(w1a).add(params.get(DENSOR1_B))
                .reshape(-1, tx, ATTENTION_UNITS);
        SDVariable kernel = params.get(LSTM_KERNEL);
        SDVariable recurrent = params.get(LSTM_RECURRENT);
        SDVariable bias = params.get(LSTM_BIAS);
        List<SDVariable> states = new ArrayList<>();
        SDVariable s = null;
        SDVariable c = null;
        for (int t = 0; t < ty; t++) {
            SDVariable e = s == null ? encoderPart : encoderPart.add(s.mmul(w1s).reshape(-1, 1, ATTENTION_UNITS));
            SDVariable energies = sd.nn.relu(sd.nn.tanh(e).reshape(-1, ATTENTION_UNITS).mmul(params.get(DENSOR2_W))
                    .add(params.get(DENSOR2_B)), 0).reshape(-1, tx);
            SDVariable alpha = sd.nn.softmax(energies, 1);
            SDVariable context = alpha.reshape(-1, tx, 1).mul(a).sum(1);
            SDVariable z = context.mmul(kernel).add(bias);
            if (s != null) {
                z = z.add(s.mmul(recurrent));
            }
            SDVariable i = gate(sd, z, 0);
            SDVariable candidate = sd.nn.tanh(block(z, 2));
            SDVariable o = gate(sd, z, 3);
            c = s == null ? i.mul(candidate) : gate(sd, z, 1).mul(c).add(i.mul(candidate));
            s = o.mul(sd.nn.tanh(c));
            states.add(s);
        }
        return sd.stack(1, states.toArray(SDVariable[]::new));
    }

    private SDVariable block(SDVariable z, int gate) {
        return z.get(SDIndex.all(), SDIndex.interval((long) gate * nS, (long) (gate + 1) * nS));
    }

    private SDVariable gate(SameDiff sd, SDVariable z, int gate) {
        SDVariable x = block(z, gate);
        return hardSigmoidGates ? sd.nn.hardSigmoid(x) : sd.nn.sigmoid(x);
    }
}
