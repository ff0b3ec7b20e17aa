package org.dls4j.shared.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Keras' {@code GRU(units, return_sequences=True)} as a DL4J layer (DL4J 1.0.0-M2.1 has LSTM and SimpleRnn, no GRU),
 * written in SameDiff and unrolled over the sequence's steps, which are fixed by the input type. It reads
 * {@code x (m, n_in, T)} and returns every step's state {@code h (m, units, T)}, DL4J's NCW layout; the first step
 * starts from {@code h = 0}.
 *
 * <p>Parameters, one array per gate (z update, r reset, h candidate): {@code kernelZ (n_in, units)},
 * {@code recurrentZ (units, units)}, {@code biasZ (1, units)} and with reset-after {@code recurrentBiasZ (1, units)},
 * likewise for R and H. Keras' arrays are these side by side in the order z, r, h: {@code kernel = [W_z W_r W_h]},
 * {@code recurrent_kernel = [U_z U_r U_h]}, {@code bias = [b_z b_r b_h]} (with reset-after a second row
 * {@code [c_z c_r c_h]}), so the counts are Keras' ({@code 3 units (n_in + units + 2)} with reset-after):
 * <pre>
 * reset_after=True (TF2 Keras' default)             reset_after=False (Keras 2.0-2.2)
 * z  = g(x W_z + b_z + h U_z + c_z)                  z  = g(x W_z + b_z + h U_z)
 * r  = g(x W_r + b_r + h U_r + c_r)                  r  = g(x W_r + b_r + h U_r)
 * hh = tanh(x W_h + b_h + r * (h U_h + c_h))         hh = tanh(x W_h + b_h + (r * h) U_h)
 * h' = z * h + (1 - z) * hh                           h' = z * h + (1 - z) * hh
 * </pre>
 * The gate function {@code g} is the logistic sigmoid (TF2 Keras' default) or, with {@link #hardSigmoidGates()},
 * Keras 2.0's {@code hard_sigmoid = clip(0.2 x + 0.5, 0, 1)}. The input products {@code x W + b} are computed for all
 * steps at once; each step adds the recurrent ones. Initial weights: Glorot-uniform kernels (Keras' default), the
 * recurrent kernel Glorot-uniform too (Keras' orthogonal initialiser has no DL4J twin), zero biases.
 */
public class SameDiffGruLayer extends SameDiffLayer {

    /** The gates, in Keras' order: update, reset, candidate. */
    private static final String[] GATES = {"Z", "R", "H"};
    /**
     * Parameter name prefixes; a name is prefix + gate ({@code kernelZ}, {@code recurrentBiasH}). No '_': DL4J's
     * updater finds a gradient's layer by the key's last '_'.
     */
    public static final String KERNEL = "kernel", RECURRENT_KERNEL = "recurrent", BIAS = "bias",
            RECURRENT_BIAS = "recurrentBias";

    private long nIn;
    private int units;
    private int timeSteps;
    private boolean resetAfter = true;
    private boolean hardSigmoidGates;

    /** For the JSON form of the configuration. */
    protected SameDiffGruLayer() {
    }

    /** {@code GRU(units, return_sequences=True)} with TF2 Keras' defaults: reset after, sigmoid gates. */
    public SameDiffGruLayer(int units) {
        this.units = units;
        this.weightInit = WeightInit.XAVIER_UNIFORM;    // Keras' glorot_uniform
    }

    /** Keras 2.0-2.2's GRU: the reset gate applied before the recurrent product, one bias row. */
    public SameDiffGruLayer resetBefore() {
        this.resetAfter = false;
        return this;
    }

    /** Keras 2.0's {@code hard_sigmoid} in the z and r gates instead of the logistic sigmoid. */
    public SameDiffGruLayer hardSigmoidGates() {
        this.hardSigmoidGates = true;
        return this;
    }

    public long getNIn() {
        return nIn;
    }

    public int getUnits() {
        return units;
    }

    public int getTimeSteps() {
        return timeSteps;
    }

    public boolean isResetAfter() {
        return resetAfter;
    }

    public boolean isHardSigmoidGates() {
        return hardSigmoidGates;
    }

    /**
     * The number of steps, for an input type that does not carry it (after DL4J's feed-forward-to-RNN preprocessor);
     * a known input length must agree.
     */
    public SameDiffGruLayer steps(int steps) {
        this.timeSteps = steps;
        return this;
    }

    @Override
    public void setNIn(InputType inputType, boolean override) {
        if (!(inputType instanceof InputType.InputTypeRecurrent recurrent) || recurrent.getFormat() != RNNFormat.NCW) {
            throw new IllegalArgumentException("The GRU layer reads a sequence (m, features, T) in NCW format, not "
                    + inputType);
        }
        long length = recurrent.getTimeSeriesLength();
        if (length <= 0 && timeSteps <= 0 || length > 0 && timeSteps > 0 && length != timeSteps) {
            throw new IllegalArgumentException("The GRU layer is unrolled over a known number of steps: its input "
                    + inputType + " has " + length + ", steps(...) gave " + timeSteps);
        }
        if (nIn <= 0 || override) {
            nIn = recurrent.getSize();
            timeSteps = length > 0 ? (int) length : timeSteps;
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.recurrent(units, timeSteps, RNNFormat.NCW);
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        for (String gate : GATES) {
            params.addWeightParam(KERNEL + gate, nIn, units);
            params.addWeightParam(RECURRENT_KERNEL + gate, units, units);
            params.addBiasParam(BIAS + gate, 1, units);
            if (resetAfter) {
                params.addBiasParam(RECURRENT_BIAS + gate, 1, units);
            }
        }
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // Glorot-uniform over Keras' whole (n_in, 3 units) kernel: fan out 3 units
        for (String gate : GATES) {
            initWeights((int) nIn, 3 * units, weightInit, params.get(KERNEL + gate));
            initWeights(units, 3 * units, weightInit, params.get(RECURRENT_KERNEL + gate));
            params.get(BIAS + gate).assign(0);
            if (resetAfter) {
                params.get(RECURRENT_BIAS + gate).assign(0);
            }
        }
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable layerInput, Map<String, SDVariable> params,
            SDVariable mask) {
        // named: DL4J feeds the gradient from the next layer to the placeholder "<output name>-grad"
        return unroll(sd, layerInput, params);
    }

    /**
     * The steps, with one parameter array per gate and no slicing of arrays (libnd4j's strided-slice gradient
     * fails on several of the slices a fused (n_in, 3 units) kernel needs).
     */
    private SDVariable unroll(SameDiff sd, SDVariable x, Map<String, SDVariable> p) {
        SDVariable rows = x.permute(2, 0, 1).reshape(-1, nIn);                      // (T m, n_in), step-major
        // x W + b for every step at once, the recurrent biases of z and r folded in: T arrays (m, units) per gate
        SDVariable[] xz = inputSteps(sd, rows, p, "Z", resetAfter);
        SDVariable[] xr = inputSteps(sd, rows, p, "R", resetAfter);
        SDVariable[] xh = inputSteps(sd, rows, p, "H", false);
        SDVariable ch = resetAfter ? p.get(RECURRENT_BIAS + "H") : null;
        List<SDVariable> states = new ArrayList<>();
        SDVariable h = xz[0].mul(0);                          // h0 = 0, (m, units)
        SDVariable uz = p.get(RECURRENT_KERNEL + "Z");
        SDVariable ur = p.get(RECURRENT_KERNEL + "R");
        SDVariable uh = p.get(RECURRENT_KERNEL + "H");
        for (int t = 0; t < timeSteps; t++) {
            SDVariable z = gate(sd, xz[t].add(h.mmul(uz)));
            SDVariable r = gate(sd, xr[t].add(h.mmul(ur)));
            SDVariable hh = sd.nn.tanh(xh[t].add(resetAfter ? r.mul(h.mmul(uh).add(ch)) : r.mul(h).mmul(uh)));
            h = hh.add(z.mul(h.sub(hh)));                       // z h + (1 - z) hh
            states.add(h);
        }
        return sd.stack(2, states.toArray(SDVariable[]::new));
    }

    private SDVariable[] inputSteps(SameDiff sd, SDVariable rows, Map<String, SDVariable> p, String gate,
            boolean withRecurrentBias) {
        SDVariable bias = withRecurrentBias ? p.get(BIAS + gate).add(p.get(RECURRENT_BIAS + gate)) : p.get(BIAS + gate);
        return sd.unstack(rows.mmul(p.get(KERNEL + gate)).add(bias).reshape(timeSteps, -1, units), 0, timeSteps);
    }

    private SDVariable gate(SameDiff sd, SDVariable x) {
        return hardSigmoidGates ? sd.nn.hardSigmoid(x) : sd.nn.sigmoid(x);
    }
}
