package org.dls4j.shared.graph;

import java.util.Arrays;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.recurrent.BaseRecurrentLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer object of {@link BasicRnnLayer}: forward and backward through time in float64 Java loops over the
 * layer's parameters read once per pass, the examples of a batch one after the other. An input element that is 0
 * (most of a one-hot character) adds nothing and is skipped.
 *
 * <p>Three hidden states: the carried one ({@link #carriedState()}, training passes of a {@code carryState} layer
 * start from it and leave their last state in it), DL4J's {@code rnnTimeStep} state and DL4J's truncated-BPTT state
 * ({@code rnnActivateUsingStoredState}). The training forward pass keeps its states for the backward pass; a backward
 * pass without one runs the forward pass again from zeros.
 */
public final class BasicRnnLayerRuntime extends BaseRecurrentLayer<BasicRnnLayer> {

    /** The key of the state in DL4J's state maps. */
    static final String STATE = "state";

    /**
     * One forward pass: {@code x (m, n_in, T)} row-major, and per example {@code e} the {@code T + 1} states
     * {@code states[e]} of {@code units} values each, the first the starting state.
     */
    private record Pass(INDArray input, double[] x, int nIn, int steps, double[][] states) {

        /** The last state of every example, {@code (m, units)}. */
        double[][] last(int units) {
            double[][] last = new double[states.length][];
            for (int e = 0; e < states.length; e++) {
                last[e] = Arrays.copyOfRange(states[e], steps * units, (steps + 1) * units);
            }
            return last;
        }
    }

    private Pass lastPass;
    private double[][] carried;

    BasicRnnLayerRuntime(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    /** The state the next training pass starts from, {@code (m, units)}, or null for zeros. */
    public INDArray carriedState() {
        return carried == null ? null : Nd4j.createFromArray(carried);
    }

    /** Sets the state the next training pass starts from, {@code (m, units)}; null for zeros. */
    public void carryState(INDArray state) {
        carried = state == null ? null : matrix(state);
    }

    /** Zeros the carried state. */
    public void resetState() {
        carried = null;
    }

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
        boolean carry = training && layerConf().isCarryState();
        Pass pass = forward(input, carry ? carried : null);
        if (carry) {
            carried = pass.last(units());
        }
        lastPass = training ? pass : null;
        return output(pass, workspaceMgr);
    }

    @Override
    public INDArray rnnTimeStep(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activateFromState(stateMap, true, workspaceMgr);
    }

    @Override
    public INDArray rnnActivateUsingStoredState(INDArray input, boolean training, boolean storeLastForTBPTT,
            LayerWorkspaceMgr workspaceMgr) {
        setInput(input, workspaceMgr);
        return activateFromState(tBpttStateMap, storeLastForTBPTT, workspaceMgr);
    }

    private INDArray activateFromState(Map<String, INDArray> states, boolean store, LayerWorkspaceMgr workspaceMgr) {
        INDArray previous = states.get(STATE);
        Pass pass = forward(input, previous == null ? null : matrix(previous));
        if (store) {
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                states.put(STATE, Nd4j.createFromArray(pass.last(units())));
            }
        }
        return output(pass, workspaceMgr);
    }

    /** {@code a<t> = tanh(x<t> W + a<t-1> RW + b)} for every step, from {@code start} (null: zeros). */
    private Pass forward(INDArray input, double[][] start) {
        if (maskArray != null) {
            throw new UnsupportedOperationException("The basic RNN layer takes no mask: every step of every example"
                    + " counts.");
        }
        int m = Math.toIntExact(input.size(0)), nIn = Math.toIntExact(input.size(1));
        int steps = Math.toIntExact(input.size(2)), u = units();
        if (start != null && start.length != m) {
            throw new IllegalStateException("The carried state has " + start.length + " examples; this batch has "
                    + m + ". Reset the state (resetState()) to change the batch size.");
        }
        double[] params = JavaArrays.read(params());
        int recurrentAt = nIn * u, biasAt = recurrentAt + u * u;
        double[] x = JavaArrays.read(input);
        double[][] states = new double[m][(steps + 1) * u];
        double[] pre = new double[u];
        for (int e = 0; e < m; e++) {
            double[] a = states[e];
            if (start != null) {
                System.arraycopy(start[e], 0, a, 0, u);
            }
            int example = e * nIn * steps;
            for (int t = 0; t < steps; t++) {
                System.arraycopy(params, biasAt, pre, 0, u);
                for (int i = 0; i < nIn; i++) {                          // + x<t> W
                    double xi = x[example + i * steps + t];
                    if (xi != 0) {
                        int row = i * u;
                        for (int j = 0; j < u; j++) {
                            pre[j] += xi * params[row + j];
                        }
                    }
                }
                int previous = t * u;
                for (int k = 0; k < u; k++) {                            // + a<t-1> RW
                    double ak = a[previous + k];
                    int row = recurrentAt + k * u;
                    for (int j = 0; j < u; j++) {
                        pre[j] += ak * params[row + j];
                    }
                }
                for (int j = 0; j < u; j++) {
                    a[previous + u + j] = Math.tanh(pre[j]);
                }
            }
        }
        return new Pass(input, x, nIn, steps, states);
    }

    /** The states after the starting one as {@code (m, units, T)} in the network's type. */
    private INDArray output(Pass pass, LayerWorkspaceMgr workspaceMgr) {
        int m = pass.states().length, u = units(), steps = pass.steps();
        double[] out = new double[m * u * steps];
        for (int e = 0; e < m; e++) {
            double[] a = pass.states()[e];
            for (int t = 0; t < steps; t++) {
                for (int j = 0; j < u; j++) {
                    out[(e * u + j) * steps + t] = a[(t + 1) * u + j];
                }
            }
        }
        INDArray activations = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, dataType,
                new long[] {m, u, steps}, 'c');
        JavaArrays.write(out, activations);
        return activations;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        Pass pass = lastPass != null && lastPass.input() == input ? lastPass : forward(input, null);
        lastPass = null;
        int m = pass.states().length, nIn = pass.nIn(), steps = pass.steps(), u = units();
        double[] params = JavaArrays.read(params());
        int recurrentAt = nIn * u, biasAt = recurrentAt + u * u;
        double[] eps = JavaArrays.read(epsilon);
        double[] grads = new double[params.length];
        double[] dx = new double[m * nIn * steps];
        double[] dNext = new double[u];
        double[] dRaw = new double[u];
        for (int e = 0; e < m; e++) {
            double[] a = pass.states()[e];
            int example = e * nIn * steps;
            Arrays.fill(dNext, 0);
            for (int t = steps - 1; t >= 0; t--) {
                int current = (t + 1) * u, previous = t * u;
                for (int j = 0; j < u; j++) {                            // da_raw = (1 - a^2) (da + da_next)
                    double aj = a[current + j];
                    dRaw[j] = (1 - aj * aj) * (eps[(e * u + j) * steps + t] + dNext[j]);
                    grads[biasAt + j] += dRaw[j];
                }
                // dW += x<t>^T da_raw; dx<t> = da_raw W^T
                for (int i = 0; i < nIn; i++) {
                    double xi = pass.x()[example + i * steps + t];
                    int row = i * u;
                    double s = 0;
                    for (int j = 0; j < u; j++) {
                        s += params[row + j] * dRaw[j];
                        grads[row + j] += xi * dRaw[j];
                    }
                    dx[example + i * steps + t] = s;
                }
                // dRW += a<t-1>^T da_raw; da_next = da_raw RW^T
                for (int k = 0; k < u; k++) {
                    double ak = a[previous + k];
                    int row = recurrentAt + k * u;
                    double s = 0;
                    for (int j = 0; j < u; j++) {
                        s += params[row + j] * dRaw[j];
                        grads[row + j] += ak * dRaw[j];
                    }
                    dNext[k] = s;
                }
            }
        }
        JavaArrays.write(grads, gradientsFlattened);
        Gradient gradient = new DefaultGradient(gradientsFlattened);
        for (String key : BasicRnnParams.INSTANCE.paramKeys(layerConf())) {
            gradient.setGradientFor(key, gradientViews.get(key));
        }
        INDArray inputGradient = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, input.dataType(),
                input.shape(), 'c');
        JavaArrays.write(dx, inputGradient);
        return new Pair<>(gradient, backpropDropOutIfPresent(inputGradient));
    }

    @Override
    public Pair<Gradient, INDArray> tbpttBackpropGradient(INDArray epsilon, int tbpttBackLength,
            LayerWorkspaceMgr workspaceMgr) {
        if (tbpttBackLength < input.size(2)) {
            throw new UnsupportedOperationException("The basic RNN layer back-propagates through the whole segment ("
                    + input.size(2) + " steps), not " + tbpttBackLength + ": carry the state (carryState) instead.");
        }
        return backpropGradient(epsilon, workspaceMgr);
    }

    private int units() {
        return layerConf().units();
    }

    private static double[][] matrix(INDArray state) {
        return state.castTo(DataType.DOUBLE).toDoubleMatrix();
    }
}
