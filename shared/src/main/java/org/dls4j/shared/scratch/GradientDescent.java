package org.dls4j.shared.scratch;

import java.util.Arrays;

import org.dls4j.shared.Numerics;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.Workspaces;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Full-batch gradient descent on {@code [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID}: the loop of the notebook's
 * {@code two_layer_model} and {@code L_layer_model}, with exactly their arithmetic, engineered to run fast in little
 * memory. One iteration is
 * <pre>
 *   AL, caches = L_model_forward(X, parameters)
 *   cost = compute_cost(AL, Y)                       (dot form, see {@link Costs})
 *   grads = L_model_backward(AL, Y, caches)
 *   parameters = update_parameters(parameters, grads, learning_rate)
 * </pre>
 * What is different from {@link DeepNetwork}'s readable blocks (none of it changes a printed digit; the unit tests
 * compare both paths):
 * <ul>
 *   <li>every activation, gradient and weight-gradient buffer is allocated once, before the loop; the few
 *       temporaries an iteration makes live in a {@link Workspaces#iteration workspace} that is reset after it;</li>
 *   <li>the products go straight to BLAS ({@code Nd4j.gemm} with transpose flags, no transposed copies);</li>
 *   <li>{@code Z} is computed in the activation's buffer and the activation applied in place: the backward steps
 *       only need {@code A} ({@code relu_backward}'s test {@code Z > 0} is {@code A > 0}; {@code sigmoid_backward}'s
 *       recomputed {@code s = sigmoid(Z)} is {@code AL});</li>
 *   <li>{@code dA0 = np.dot(W1.T, dZ1)}, the gradient with respect to the input, is not computed: nothing uses it,
 *       and with 12288 inputs it costs as much as the forward product;</li>
 *   <li>parameters are updated in place ({@code W -= learning_rate * dW}, the same two roundings as numpy).</li>
 * </ul>
 * The caller's {@link Parameters} arrays are the ones trained (copy them first to keep the initial values).
 */
public final class GradientDescent {

    /** Receives the cost of the iterations that are recorded (printed) by the notebook. */
    @FunctionalInterface
    public interface CostListener {
        void onCost(int iteration, double cost);
    }

    /** The recorded costs: at every {@code recordEvery}-th iteration and at the last one. */
    public record CostCurve(int[] iterations, double[] costs) {

        /** The cost recorded at {@code iteration}; an exception when it was not recorded. */
        public double at(int iteration) {
            int i = Arrays.binarySearch(iterations, iteration);
            if (i < 0) {
                throw new IllegalArgumentException("no cost recorded at iteration " + iteration);
            }
            return costs[i];
        }

        /** The cost after the last iteration that was run. */
        public double last() {
            return costs[costs.length - 1];
        }

        /** The notebook's {@code costs} list: only the iterations that are multiples of {@code every}. */
        public double[] every(int every) {
            return java.util.stream.IntStream.range(0, iterations.length).filter(i -> iterations[i] % every == 0)
                    .mapToDouble(i -> costs[i]).toArray();
        }
    }

    private final INDArray X;
    private final INDArray Y;
    private final INDArray oneMinusY;
    private final Parameters parameters;
    private final int layers;
    private final long m;
    /** A[l] = activation of layer l (A[0] = X); dZ[l] = gradient w.r.t. Z of layer l, also holding dA[l]. */
    private final INDArray[] A;
    private final INDArray[] dZ;
    private final INDArray[] dW;
    private final INDArray[] db;
    private final INDArray[] W;
    private final INDArray[] b;

    /**
     * Prepares a loop over {@code X (n_x, m)}, {@code Y (1, m)} that trains {@code parameters} in place.
     *
     * @throws IllegalArgumentException when the shapes do not fit together (notebook-style message)
     */
    public GradientDescent(INDArray X, INDArray Y, Parameters parameters) {
        Numerics.useFloat64();
        this.layers = DeepNetwork.checkModel(X, parameters);
        this.m = X.size(1);
        Shapes.require(Y, "Y", 1, m);
        Shapes.require(parameters.W(layers), "W" + layers, 1, parameters.W(layers).size(1));
        this.parameters = parameters;
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            // The loop reads X once per product; a C-ordered (row-major) copy is what BLAS streams fastest here.
            this.X = X.ordering() == 'c' && !X.isView() ? X : X.dup('c');
            this.Y = Y.castTo(Nd4j.dataType()).dup('c');
            this.oneMinusY = this.Y.rsub(1.0);
            A = new INDArray[layers + 1];
            dZ = new INDArray[layers + 1];
            dW = new INDArray[layers + 1];
            db = new INDArray[layers + 1];
            W = new INDArray[layers + 1];
            b = new INDArray[layers + 1];
            A[0] = this.X;
            for (int l = 1; l <= layers; l++) {
                W[l] = parameters.W(l);
                b[l] = parameters.b(l);
                requireOwnBuffer(W[l], "W" + l);
                requireOwnBuffer(b[l], "b" + l);
                long n = W[l].size(0);
                A[l] = Nd4j.createUninitialized(Nd4j.dataType(), new long[] {n, m}, 'c');
                dZ[l] = Nd4j.createUninitialized(Nd4j.dataType(), new long[] {n, m}, 'c');
                dW[l] = Nd4j.createUninitialized(Nd4j.dataType(), W[l].shape(), 'c');
                db[l] = Nd4j.createUninitialized(Nd4j.dataType(), new long[] {n, 1}, 'c');
            }
        }
    }

    /**
     * Runs {@code iterations} iterations; records (and passes to {@code listener}) the cost at every
     * {@code recordEvery}-th iteration and at the last one, as the 2021 notebook prints them.
     *
     * @throws org.dls4j.shared.TrainingDivergedException when the cost becomes NaN or infinite
     */
    public CostCurve run(double learningRate, int iterations, int recordEvery, CostListener listener) {
        if (iterations < 1 || recordEvery < 1) {
            throw new IllegalArgumentException("iterations and the print interval must be at least 1 but were "
                    + iterations + " and " + recordEvery);
        }
        int records = (iterations - 1) / recordEvery + 1 + ((iterations - 1) % recordEvery == 0 ? 0 : 1);
        int[] at = new int[records];
        double[] costs = new double[records];
        int r = 0;
        for (int i = 0; i < iterations; i++) {
            double cost = Workspaces.iteration(() -> step(learningRate));
            Numerics.requireFinite(cost, i, "Try a smaller learning rate.");
            if (i % recordEvery == 0 || i == iterations - 1) {
                at[r] = i;
                costs[r++] = cost;
                if (listener != null) {
                    listener.onCost(i, cost);
                }
            }
        }
        return new CostCurve(at, costs);
    }

    /** One iteration: forward, cost, backward, update; returns the cost of the parameters before the update. */
    double step(double learningRate) {
        // ---- AL, caches = L_model_forward(X, parameters)
        for (int l = 1; l <= layers; l++) {
            // Z = np.dot(W, A_prev) + b          (into A[l]'s buffer)
            Nd4j.gemm(W[l], A[l - 1], A[l], false, false, 1.0, 0.0);
            A[l].addiColumnVector(b[l]);
            if (l < layers) {
                // A = np.maximum(0, Z)
                Activations.reluInPlace(A[l]);
            } else {
                // AL = 1/(1+np.exp(-Z))
                Activations.sigmoidInPlace(A[l]);
            }
        }
        INDArray aL = A[layers];
        // ---- cost = compute_cost(AL, Y)
        INDArray oneMinusAL = aL.rsub(1.0);
        double cost = Costs.crossEntropy(aL, oneMinusAL, Y, oneMinusY);

        // ---- grads = L_model_backward(AL, Y, caches)
        // dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        INDArray dAL = Y.div(aL).subi(oneMinusY.div(oneMinusAL)).negi();
        // sigmoid_backward: s = 1/(1+np.exp(-Z)) (= AL); dZ = dA * s * (1-s)
        dZ[layers].assign(dAL).muli(aL).muli(oneMinusAL);
        for (int l = layers; l >= 1; l--) {
            // dW = 1./m * np.dot(dZ, A_prev.T)
            Nd4j.gemm(dZ[l], A[l - 1], dW[l], false, true, 1.0, 0.0);
            dW[l].muli(1.0 / m);
            // db = 1./m * np.sum(dZ, axis=1, keepdims=True)
            double[] sums = NumpySum.rowSums(dZ[l]);
            for (int i = 0; i < sums.length; i++) {
                db[l].putScalar(i, (1.0 / m) * sums[i]);
            }
            if (l > 1) {
                // dA_prev = np.dot(W.T, dZ)      (into dZ[l-1]'s buffer; skipped for l = 1: dA0 is never used)
                Nd4j.gemm(W[l], dZ[l], dZ[l - 1], true, false, 1.0, 0.0);
                // relu_backward: dZ = np.array(dA, copy=True); dZ[Z <= 0] = 0     (Z > 0 exactly where A > 0)
                Activations.reluBackwardInto(dZ[l - 1], A[l - 1], dZ[l - 1]);
            }
        }
        // ---- parameters = update_parameters(parameters, grads, learning_rate)
        for (int l = 1; l <= layers; l++) {
            // W = W - learning_rate * dW
            W[l].subi(dW[l].muli(learningRate));
            // b = b - learning_rate * db
            b[l].subi(db[l].muli(learningRate));
        }
        return cost;
    }

    /** The parameters being trained (the caller's object). */
    public Parameters parameters() {
        return parameters;
    }

    /** Convenience: {@code new GradientDescent(X, Y, parameters).run(...)}. */
    public static CostCurve train(INDArray X, INDArray Y, Parameters parameters, double learningRate, int iterations,
            int recordEvery, CostListener listener) {
        return new GradientDescent(X, Y, parameters).run(learningRate, iterations, recordEvery, listener);
    }

    private static void requireOwnBuffer(INDArray a, String name) {
        if (a.isView() || a.isAttached()) {
            throw new IllegalArgumentException(name + " must be a standalone array (not a view or a workspace array)"
                    + " because training updates it in place; pass parameters.copy()");
        }
    }
}
