package org.dls4j.course1.week4;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.scratch.dense.Cache;
import org.dls4j.shared.scratch.dense.Costs;
import org.dls4j.shared.scratch.dense.DeepNetwork.LayerOutput;
import org.dls4j.shared.scratch.dense.DeepNetwork.LinearGradients;
import org.dls4j.shared.scratch.dense.DeepNetwork.LinearOutput;
import org.dls4j.shared.scratch.dense.DeepNetwork.ModelOutput;
import org.dls4j.shared.scratch.dense.DeepNetwork;
import org.dls4j.shared.scratch.dense.Gradients;
import org.dls4j.shared.scratch.dense.Initializers;
import org.dls4j.shared.scratch.dense.LinearCache;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;

/**
 * Course 1, week 4: <b>Building your Deep Neural Network: Step by Step</b>. The graded functions, in the notebook's
 * order, each a thin readable wrapper over the one shared implementation in {@code org.dls4j.shared.scratch} (which
 * later assignments call as their given helpers), so there is a single copy of the arithmetic; the numpy lines
 * each one stands for are in its Javadoc and, line by line, in the engine's source.
 *
 * <p>What the learner sees ({@code ./dls run c1w4-step-by-step}): every unit check of the 2021 notebook, run on the
 * notebook's own test cases ({@link DeepNetworkTestCases}, its {@code testCases.py}) and printed as numpy prints, e.g.
 * <pre>
 * W1 = [[ 0.01624345 -0.00611756 -0.00528172]
 *  [-0.01072969  0.00865408 -0.02301539]]
 * ...
 * Z = [[ 3.26295337 -1.23429987]]
 * With sigmoid: A = [[0.96890023 0.11013289]]
 * With ReLU: A = [[3.43896131 0.        ]]
 * AL = [[0.03921668 0.70498921 0.19734387 0.04728177]]
 * Cost: 0.2797765635793422
 * ...
 * </pre>
 * With {@code -q} the values only, without the {@code == function} headings. No plots: this notebook has none.
 */
public final class DeepNetworkStepByStep {

    /** The notebook has no settings: only the common options. */
    @Command(name = "c1w4-step-by-step",
            description = "Course 1 week 4: the L-layer network's building blocks, each run on the notebook's test case.")
    public static final class Options extends AssignmentOptions {
    }

    /** What the run computed, under the names it printed. */
    public record Result(Map<String, INDArray> arrays, double cost) {
    }

    private DeepNetworkStepByStep() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), DeepNetworkStepByStep::run, args));
    }

    // -------------------------------------------------------------------------------- graded functions

    /**
     * {@code initialize_parameters(n_x, n_h, n_y)}: {@code np.random.seed(1)};
     * {@code W1 = np.random.randn(n_h, n_x)*0.01}; {@code b1 = np.zeros((n_h, 1))};
     * {@code W2 = np.random.randn(n_y, n_h)*0.01}; {@code b2 = np.zeros((n_y, 1))}.
     */
    @Graded("initialize_parameters")
    public static Parameters initializeParameters(int nX, int nH, int nY) {
        return Initializers.initializeParameters(nX, nH, nY);
    }

    /**
     * {@code initialize_parameters_deep(layer_dims)}: {@code np.random.seed(3)}; for l in 1..L-1:
     * {@code W_l = np.random.randn(layer_dims[l], layer_dims[l-1]) * 0.01}, {@code b_l = np.zeros((layer_dims[l], 1))}.
     */
    @Graded("initialize_parameters_deep")
    public static Parameters initializeParametersDeep(int... layerDims) {
        return Initializers.initializeParametersDeep(layerDims);
    }

    /** {@code linear_forward(A, W, b)}: {@code Z = np.dot(W, A) + b}; {@code cache = (A, W, b)}. */
    @Graded("linear_forward")
    public static LinearOutput linearForward(INDArray A, INDArray W, INDArray b) {
        return DeepNetwork.linearForward(A, W, b);
    }

    /**
     * {@code linear_activation_forward(A_prev, W, b, activation)}: {@code Z, linear_cache = linear_forward(A_prev, W,
     * b)}; {@code A, activation_cache = sigmoid(Z)} or {@code relu(Z)}; {@code cache = (linear_cache,
     * activation_cache)}.
     */
    @Graded("linear_activation_forward")
    public static LayerOutput linearActivationForward(INDArray aPrev, INDArray W, INDArray b, String activation) {
        return DeepNetwork.linearActivationForward(aPrev, W, b, activation);
    }

    /**
     * {@code L_model_forward(X, parameters)}: {@code [LINEAR -> RELU] * (L-1)} with {@code "relu"} for l in 1..L-1,
     * then {@code LINEAR -> SIGMOID}; every layer's cache appended to {@code caches}.
     */
    @Graded("L_model_forward")
    public static ModelOutput lModelForward(INDArray X, Parameters parameters) {
        return DeepNetwork.lModelForward(X, parameters);
    }

    /**
     * {@code compute_cost(AL, Y)}: {@code cost = (1./m) * (-np.dot(Y, np.log(AL).T) - np.dot(1-Y, np.log(1-AL).T))},
     * {@code np.squeeze(cost)} (the notebook's dot form; see {@link Costs} for the np.sum form's last bit).
     */
    @Graded("compute_cost")
    public static double computeCost(INDArray AL, INDArray Y) {
        return Costs.crossEntropy(AL, Y);
    }

    /**
     * {@code linear_backward(dZ, cache)}: {@code dW = 1./m * np.dot(dZ, A_prev.T)};
     * {@code db = 1./m * np.sum(dZ, axis=1, keepdims=True)}; {@code dA_prev = np.dot(W.T, dZ)}.
     */
    @Graded("linear_backward")
    public static LinearGradients linearBackward(INDArray dZ, LinearCache cache) {
        return DeepNetwork.linearBackward(dZ, cache);
    }

    /**
     * {@code linear_activation_backward(dA, cache, activation)}: {@code dZ = relu_backward(dA, activation_cache)} or
     * {@code sigmoid_backward(...)}, then {@code linear_backward(dZ, linear_cache)}.
     */
    @Graded("linear_activation_backward")
    public static LinearGradients linearActivationBackward(INDArray dA, Cache cache, String activation) {
        return DeepNetwork.linearActivationBackward(dA, cache, activation);
    }

    /**
     * {@code L_model_backward(AL, Y, caches)}: {@code dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))}; the
     * sigmoid layer's gradients into {@code dA(L-1), dW(L), db(L)}; then for l = L-2..0 the ReLU layers' into
     * {@code dA(l), dW(l+1), db(l+1)}.
     */
    @Graded("L_model_backward")
    public static Gradients lModelBackward(INDArray AL, INDArray Y, List<Cache> caches) {
        return DeepNetwork.lModelBackward(AL, Y, caches);
    }

    /**
     * {@code update_parameters(params, grads, learning_rate)}: {@code parameters = params.copy()}; for l in 1..L:
     * {@code W_l = W_l - learning_rate * dW_l}, {@code b_l = b_l - learning_rate * db_l}.
     */
    @Graded("update_parameters")
    public static Parameters updateParameters(Parameters params, Gradients grads, double learningRate) {
        return DeepNetwork.updateParameters(params, grads, learningRate);
    }

    // -------------------------------------------------------------------------------- the notebook's test cells

    /**
     * Runs every unit check of the notebook on its test cases and prints what the notebook prints: a heading per
     * function (dropped by {@code -q}), then its values (always printed: they are the Expected Output).
     */
    public static Result run(Options options, Report report) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();

        report.say("== initialize_parameters(3, 2, 1)");
        Parameters two = initializeParameters(3, 2, 1);
        show(report, arrays, "", two);

        report.say("== initialize_parameters_deep([5, 4, 3])");
        Parameters deep = initializeParametersDeep(5, 4, 3);
        show(report, arrays, "deep ", deep);

        report.say("== linear_forward");
        INDArray[] lf = DeepNetworkTestCases.linearForward();
        LinearOutput z = linearForward(lf[0], lf[1], lf[2]);
        put(report, arrays, "Z = ", "Z", z.Z());

        report.say("== linear_activation_forward");
        INDArray[] laf = DeepNetworkTestCases.linearActivationForward();
        put(report, arrays, "With sigmoid: A = ", "sigmoid A",
                linearActivationForward(laf[0], laf[1], laf[2], "sigmoid").A());
        put(report, arrays, "With ReLU: A = ", "relu A", linearActivationForward(laf[0], laf[1], laf[2], "relu").A());

        report.say("== L_model_forward");
        DeepNetworkTestCases.Model lmf = DeepNetworkTestCases.lModelForward2Hidden();
        ModelOutput forward = lModelForward(lmf.X(), lmf.parameters());
        put(report, arrays, "AL = ", "AL", forward.AL());
        report.result("Length of caches list = " + forward.caches().size());

        report.say("== compute_cost");
        INDArray[] cc = DeepNetworkTestCases.computeCost();
        double cost = computeCost(cc[0], cc[1]);
        report.result("Cost: " + NumpyFormat.repr(cost));

        report.say("== linear_backward");
        INDArray dZ = DeepNetworkTestCases.linearBackwardDZ();
        LinearGradients lb = linearBackward(dZ, DeepNetworkTestCases.linearBackwardCache());
        put(report, arrays, "dA_prev: ", "linear dA_prev", lb.dAPrev());
        put(report, arrays, "dW: ", "linear dW", lb.dW());
        put(report, arrays, "db: ", "linear db", lb.db());

        report.say("== linear_activation_backward");
        DeepNetworkTestCases.Backward lab = DeepNetworkTestCases.linearActivationBackward();
        LinearGradients s = linearActivationBackward(lab.dA(), lab.cache(), "sigmoid");
        put(report, arrays, "With sigmoid: dA_prev = ", "sigmoid dA_prev", s.dAPrev());
        put(report, arrays, "With sigmoid: dW = ", "sigmoid dW", s.dW());
        put(report, arrays, "With sigmoid: db = ", "sigmoid db", s.db());
        LinearGradients r = linearActivationBackward(lab.dA(), lab.cache(), "relu");
        put(report, arrays, "With relu: dA_prev = ", "relu dA_prev", r.dAPrev());
        put(report, arrays, "With relu: dW = ", "relu dW", r.dW());
        put(report, arrays, "With relu: db = ", "relu db", r.db());

        report.say("== L_model_backward");
        DeepNetworkTestCases.ModelBackward lmb = DeepNetworkTestCases.lModelBackward();
        Gradients grads = lModelBackward(lmb.AL(), lmb.Y(), lmb.caches());
        for (String name : List.of("dA0", "dA1", "dW1", "dW2", "db1", "db2")) {
            put(report, arrays, name + " = ", name, grads.get(name));
        }

        report.say("== update_parameters (learning_rate = 0.1)");
        DeepNetworkTestCases.Update up = DeepNetworkTestCases.updateParameters();
        show(report, arrays, "updated ", updateParameters(up.parameters(), up.grads(), 0.1));
        return new Result(Collections.unmodifiableMap(arrays), cost);
    }

    private static void show(Report report, Map<String, INDArray> arrays, String prefix, Parameters p) {
        p.asMap().forEach((name, value) -> put(report, arrays, name + " = ", prefix + name, value));
    }

    private static void put(Report report, Map<String, INDArray> arrays, String label, String key, INDArray value) {
        arrays.put(key, value);
        // print("Z = " + str(Z))
        report.result(label + NumpyFormat.array(value));
    }
}
