package org.dls4j.shared.scratch.dense;

import java.util.Arrays;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.dls4j.shared.Numerics;
import org.dls4j.shared.NumpySum;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.Workspaces;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostListener;
import org.nd4j.linalg.api.buffer.DataType;
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
 * How it differs from {@link DeepNetwork}'s readable blocks (none of it changes a printed digit; the tests compare
 * both paths iteration by iteration):
 * <ul>
 *   <li>every buffer (activations, {@code dZ}, {@code dW}, {@code db}) is allocated once, before the loop, and the
 *       iteration runs inside a {@link Workspaces#iteration workspace}, so nothing piles up off-heap;</li>
 *   <li>the matrix products go to BLAS ({@code Nd4j.gemm} with transpose flags, no transposed copies), and the two
 *       products over the input use {@code X.T}, stored row-major once before the loop: the layout in which both
 *       {@code np.dot(W1, X)} and {@code np.dot(dZ1, X.T)} stream fastest (measured);</li>
 *   <li>the element-wise steps (bias and activation, cost terms, {@code dAL}, {@code sigmoid_backward},
 *       {@code relu_backward}, the {@code 1./m} scaling, {@code np.sum(dZ, axis=1)} in numpy's pairwise order, the
 *       update) are fused into one pass each over the arrays' memory, with numpy's operation order and roundings
 *       ({@code W - learning_rate * (1./m * dot)}). Each ND4J call costs 10-100 microseconds of overhead whatever the
 *       array size, which was 2 ms per iteration here for the small layers;</li>
 *   <li>{@code Z} is computed in the activation's buffer and activated in place: the backward steps only need
 *       {@code A} ({@code relu_backward}'s {@code Z > 0} is {@code A > 0}; {@code sigmoid_backward}'s recomputed
 *       {@code s = sigmoid(Z)} is {@code AL}; tanh's derivative is {@code 1 - A**2});</li>
 *   <li>{@code dA0 = np.dot(W1.T, dZ1)}, the gradient with respect to the input, is not computed: nothing uses it,
 *       and with 12288 inputs it costs as much as the forward product.</li>
 * </ul>
 * The caller's {@link Parameters} arrays are the ones trained, in place (copy them first to keep the initial values).
 */
public final class GradientDescent {

    private final Parameters parameters;
    private final ActivationFunction hidden;
    private final int layers;
    private final int m;
    private final INDArray xT;
    private final INDArray yRow;
    private final INDArray oneMinusYRow;
    private final INDArray logAL;
    private final INDArray logOneMinusAL;
    /** A[l]: activation of layer l (A[0] = X, unused: layer 1 reads xT); dZ[l] also holds dA[l] before the mask. */
    private final INDArray[] W;
    private final INDArray[] b;
    private final INDArray[] A;
    private final INDArray[] dZ;
    private final INDArray[] dW;
    private final DoubleIndexer[] w;
    private final DoubleIndexer[] bias;
    private final DoubleIndexer[] a;
    private final DoubleIndexer[] dz;
    private final DoubleIndexer[] dw;
    private final DoubleIndexer y;
    private final DoubleIndexer logA;
    private final DoubleIndexer logNotA;
    private final double[] rowSums;

    /**
     * Prepares a loop over {@code X (n_x, m)}, {@code Y (1, m)} that trains {@code parameters} in place, with ReLU
     * hidden layers.
     *
     * @throws IllegalArgumentException when the shapes do not fit together (notebook-style message)
     */
    public GradientDescent(INDArray X, INDArray Y, Parameters parameters) {
        this(X, Y, parameters, ActivationFunction.RELU);
    }

    /** The same with {@code hidden} ({@link ActivationFunction#RELU} or {@link ActivationFunction#TANH}) for the hidden layers. */
    public GradientDescent(INDArray X, INDArray Y, Parameters parameters, ActivationFunction hidden) {
        Numerics.useFloat64();
        if (hidden == ActivationFunction.SIGMOID) {
            throw new IllegalArgumentException("hidden layers must be relu or tanh here");
        }
        this.hidden = hidden;
        this.layers = DeepNetwork.checkModel(X, parameters);
        if (X.size(1) > Integer.MAX_VALUE / 64) {
            throw new IllegalArgumentException("too many examples for one full batch: " + X.size(1));
        }
        this.m = (int) X.size(1);
        Shapes.require(Y, "Y", 1, m);
        Shapes.require(parameters.W(layers), "W" + layers, 1, parameters.W(layers).size(1));
        this.parameters = parameters;
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            // X.T, (m, n_x) row-major, made once for the two products over X (see the class comment).
            xT = X.transpose().dup('c');
            yRow = Y.castTo(DataType.DOUBLE).dup('c');
            oneMinusYRow = yRow.rsub(1.0);
            logAL = Nd4j.create(DataType.DOUBLE, 1, m);
            logOneMinusAL = Nd4j.create(DataType.DOUBLE, 1, m);
            W = new INDArray[layers + 1];
            b = new INDArray[layers + 1];
            A = new INDArray[layers + 1];
            dZ = new INDArray[layers + 1];
            dW = new INDArray[layers + 1];
            w = new DoubleIndexer[layers + 1];
            bias = new DoubleIndexer[layers + 1];
            a = new DoubleIndexer[layers + 1];
            dz = new DoubleIndexer[layers + 1];
            dw = new DoubleIndexer[layers + 1];
            int widest = 0;
            for (int l = 1; l <= layers; l++) {
                W[l] = parameters.W(l);
                b[l] = parameters.b(l);
                int n = (int) W[l].size(0);
                widest = Math.max(widest, n);
                A[l] = Nd4j.create(DataType.DOUBLE, n, m);
                dZ[l] = Nd4j.create(DataType.DOUBLE, n, m);
                dW[l] = Nd4j.create(DataType.DOUBLE, W[l].shape());
                w[l] = RawArrays.doubles(W[l], "W" + l);
                bias[l] = RawArrays.doubles(b[l], "b" + l);
                a[l] = RawArrays.doubles(A[l], "A");
                dz[l] = RawArrays.doubles(dZ[l], "dZ");
                dw[l] = RawArrays.doubles(dW[l], "dW");
            }
            y = RawArrays.doubles(yRow, "Y");
            logA = RawArrays.doubles(logAL, "log AL");
            logNotA = RawArrays.doubles(logOneMinusAL, "log 1-AL");
            rowSums = new double[widest];
        }
    }

    /**
     * Runs {@code iterations} iterations; records (and passes to {@code listener}) the cost at every
     * {@code recordEvery}-th iteration and at the last one, as the 2021 notebook prints them.
     *
     * @throws org.dls4j.shared.train.TrainingDivergedException when the cost becomes NaN or infinite
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

    /** The parameters being trained (the caller's object). */
    public Parameters parameters() {
        return parameters;
    }

    /** Convenience: {@code new GradientDescent(X, Y, parameters).run(...)}. */
    public static CostCurve train(INDArray X, INDArray Y, Parameters parameters, double learningRate, int iterations,
            int recordEvery, CostListener listener) {
        return new GradientDescent(X, Y, parameters).run(learningRate, iterations, recordEvery, listener);
    }

    /** One iteration: forward, cost, backward, update; returns the cost of the parameters before the update. */
    double step(double learningRate) {
        // ---------------- AL, caches = L_model_forward(X, parameters)
        for (int l = 1; l <= layers; l++) {
            // Z = np.dot(W, A_prev)              (layer 1: np.dot(W1, X_T.T)), into A[l]'s buffer
            if (l == 1) {
                Nd4j.gemm(W[1], xT, A[1], false, true, 1.0, 0.0);
            } else {
                Nd4j.gemm(W[l], A[l - 1], A[l], false, false, 1.0, 0.0);
            }
            // Z = Z + b; A = np.maximum(0, Z) / np.tanh(Z) / 1/(1+np.exp(-Z)), one pass
            biasAndActivate(l, l < layers ? hidden : ActivationFunction.SIGMOID);
        }

        // ---------------- cost = compute_cost(AL, Y)
        DoubleIndexer aL = a[layers];
        for (int j = 0; j < m; j++) {
            double al = aL.get(j);
            // np.log(AL), np.log(1-AL)
            logA.put(j, Math.log(al));
            logNotA.put(j, Math.log(1.0 - al));
        }
        // (1./m) * (-np.dot(Y, np.log(AL).T) - np.dot(1-Y, np.log(1-AL).T)), the dots by BLAS ddot as numpy's
        double cost = (1.0 / m) * (-Nd4j.getBlasWrapper().dot(yRow, logAL)
                - Nd4j.getBlasWrapper().dot(oneMinusYRow, logOneMinusAL));

        // ---------------- grads = L_model_backward(AL, Y, caches)
        DoubleIndexer dzL = dz[layers];
        for (int j = 0; j < m; j++) {
            double al = aL.get(j);
            double yj = y.get(j);
            double oneMinusAl = 1.0 - al;
            // dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
            double dAL = -(yj / al - (1.0 - yj) / oneMinusAl);
            // sigmoid_backward: s = 1/(1+np.exp(-Z)) (= AL); dZ = dA * s * (1-s)
            dzL.put(j, dAL * al * oneMinusAl);
        }
        for (int l = layers; l >= 1; l--) {
            // np.dot(dZ, A_prev.T)               (layer 1: np.dot(dZ1, X_T)); the 1./m comes in the update pass
            if (l == 1) {
                Nd4j.gemm(dZ[1], xT, dW[1], false, false, 1.0, 0.0);
            } else {
                Nd4j.gemm(dZ[l], A[l - 1], dW[l], false, true, 1.0, 0.0);
            }
            if (l > 1) {
                // dA_prev = np.dot(W.T, dZ)      into dZ[l-1] (not for l = 1: dA0 is never used)
                Nd4j.gemm(W[l], dZ[l], dZ[l - 1], true, false, 1.0, 0.0);
                // relu_backward: dZ = np.array(dA, copy=True); dZ[Z <= 0] = 0   (Z > 0 exactly where A > 0)
                // tanh: dZ = dA * (1 - np.power(A, 2))
                activationBackward(l - 1);
            }
        }

        // ---------------- parameters = update_parameters(parameters, grads, learning_rate)
        for (int l = 1; l <= layers; l++) {
            update(l, learningRate);
        }
        return cost;
    }

    private void biasAndActivate(int l, ActivationFunction activation) {
        DoubleIndexer al = a[l];
        DoubleIndexer bl = bias[l];
        int n = (int) A[l].size(0);
        for (int i = 0; i < n; i++) {
            double bi = bl.get(i);
            long row = (long) i * m;
            switch (activation) {
                case RELU -> {
                    for (int j = 0; j < m; j++) {
                        double z = al.get(row + j) + bi;
                        // np.maximum(0, Z): NaN stays NaN, as in numpy
                        al.put(row + j, z > 0 || Double.isNaN(z) ? z : 0.0);
                    }
                }
                case TANH -> {
                    for (int j = 0; j < m; j++) {
                        al.put(row + j, Math.tanh(al.get(row + j) + bi));
                    }
                }
                case SIGMOID -> {
                    for (int j = 0; j < m; j++) {
                        double z = al.get(row + j) + bi;
                        al.put(row + j, 1 / (1 + Math.exp(-z)));
                    }
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    private void activationBackward(int l) {
        DoubleIndexer al = a[l];
        DoubleIndexer dzl = dz[l];
        long size = A[l].length();
        if (hidden == ActivationFunction.RELU) {
            for (long k = 0; k < size; k++) {
                if (!(al.get(k) > 0)) {
                    dzl.put(k, 0.0);
                }
            }
        } else {
            for (long k = 0; k < size; k++) {
                double ak = al.get(k);
                dzl.put(k, dzl.get(k) * (1 - ak * ak));
            }
        }
    }

    private void update(int l, double learningRate) {
        double scale = 1.0 / m;
        // W = W - learning_rate * dW, with dW = 1./m * np.dot(dZ, A_prev.T)
        DoubleIndexer wl = w[l];
        DoubleIndexer dwl = dw[l];
        long size = W[l].length();
        for (long k = 0; k < size; k++) {
            wl.put(k, wl.get(k) - learningRate * (scale * dwl.get(k)));
        }
        // b = b - learning_rate * db, with db = 1./m * np.sum(dZ, axis=1, keepdims=True) (numpy's pairwise order)
        int n = (int) A[l].size(0);
        NumpySum.rowSums(dz[l], n, m, rowSums);
        DoubleIndexer bl = bias[l];
        for (int i = 0; i < n; i++) {
            bl.put(i, bl.get(i) - learningRate * (scale * rowSums[i]));
        }
    }
}
