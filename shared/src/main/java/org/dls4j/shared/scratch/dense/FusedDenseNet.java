package org.dls4j.shared.scratch.dense;

import java.util.HashMap;
import java.util.Map;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.dls4j.shared.FdlibmTanh;
import org.dls4j.shared.NumpySum;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork.Scaling;

/**
 * The fused forward and backward pass of Course 2's networks ({@code init_utils}, {@code reg_utils},
 * {@code opt_utils_v1a}): {@code [LINEAR -> RELU] * (L-1) -> LINEAR -> output}, with exactly the arithmetic of the
 * readable helpers ({@link ThreeLayerNetwork}) and of the notebooks' graded functions, engineered for the long runs
 * (15000 to 30000 iterations, 5000 to 10000 epochs of mini-batches); and, with tanh hidden layers
 * ({@link Spec#tanhClassifier()}), the planar notebook's {@code nn_model} (10000 iterations). One
 * {@link #forwardBackward} is
 * <pre>
 *   a3, cache = forward_propagation(X, parameters)     ([A = A * D / keep_prob] on the hidden layers, {@link Dropout})
 *   cost = compute_cost(a3, Y)                         (1./m * np.nansum(logprobs) [+ L2], np.sum(logprobs), ...)
 *   grads = backward_propagation(X, Y, cache)          ([+ (lambd/m) W], {@link L2Penalty}; [dA * D / keep_prob])
 * </pre>
 * and leaves the gradients in {@link #gradientArrays()} for an {@link UpdateRule}; {@link TrainingLoop} puts the two
 * together. The products are the small-matrix loops of {@link Gemm}; every element-wise step is one pass over plain
 * row-major {@code double[]} in numpy's operation order; the buffers of each batch size are allocated once
 * ({@link BatchBuffers}).
 *
 * <p>The output layer is part of the description ({@link Spec#output()}, {@link NetworkOutput}): checked against
 * the last layer here and against {@code Y} by {@link TrainingData}.
 *
 * <p>Where the engine differs from numpy on purpose: {@code np.nansum} drops the {@code 0 * inf} terms of a
 * saturated sigmoid (the notebooks rely on it), but it would also drop the terms of a network whose activations
 * have become NaN and print a cost of {@code 0.0}. A NaN output activation makes the cost NaN here, so that training
 * stops ({@link org.dls4j.shared.train.CostRecorder}).
 *
 * <p>The caller's {@link Parameters} arrays are the ones trained: {@link #publish()} writes the trained values back
 * into them (copy them first to keep the initial values).
 */
public final class FusedDenseNet {

    /** How the cost is reported. */
    public enum Cost {
        /** {@code 1./m * np.nansum(logprobs)} (+ the L2 term): init_utils, reg_utils. */
        MEAN_NANSUM,
        /** {@code np.sum(logprobs)}, the batch's total (opt_utils_v1a; the model divides the epoch's total by m). */
        TOTAL,
        /**
         * {@code - np.sum(logprobs) / m} with {@code logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 -
         * A2), 1 - Y)} (the planar notebook's {@code compute_cost}): the same value as the total of the negated
         * terms divided by m, to the last bit. A {@code 0 * inf} term makes it NaN, as in numpy.
         */
        MEAN_SUM
    }

    /**
     * What the network computes besides its weights.
     *
     * @param output the output layer and its loss
     * @param hidden the hidden layers' activation, {@link ActivationFunction#RELU} or {@link ActivationFunction#TANH}
     * @param scaling where the backward pass applies {@code 1./m}
     * @param cost the cost {@link #forwardBackward} returns
     * @param l2 L2 regularisation ({@link L2Penalty#NONE}: none)
     * @param dropout inverted dropout on the hidden layers ({@link Dropout#NONE}: none)
     */
    public record Spec(NetworkOutput output, ActivationFunction hidden, Scaling scaling, Cost cost, L2Penalty l2,
            Dropout dropout) {

        public Spec {
            if (hidden == ActivationFunction.SIGMOID) {
                throw new IllegalArgumentException("hidden layers must be relu or tanh here");
            }
        }

        /** The Initialization notebook's {@code init_utils}: sigmoid output, {@code SCALED_DZ3}, mean nansum. */
        public static Spec initUtils() {
            return new Spec(NetworkOutput.SIGMOID, ActivationFunction.RELU, Scaling.SCALED_DZ3, Cost.MEAN_NANSUM,
                    L2Penalty.NONE, Dropout.NONE);
        }

        /** The Regularization notebook's {@code reg_utils}: sigmoid output, {@code SCALED_PRODUCTS}, mean nansum. */
        public static Spec regUtils() {
            return new Spec(NetworkOutput.SIGMOID, ActivationFunction.RELU, Scaling.SCALED_PRODUCTS,
                    Cost.MEAN_NANSUM, L2Penalty.NONE, Dropout.NONE);
        }

        /** The Optimization notebook's {@code opt_utils_v1a}: sigmoid output, {@code SCALED_DZ3}, batch total. */
        public static Spec optUtils() {
            return new Spec(NetworkOutput.SIGMOID, ActivationFunction.RELU, Scaling.SCALED_DZ3, Cost.TOTAL,
                    L2Penalty.NONE, Dropout.NONE);
        }

        /**
         * The planar notebook's {@code nn_model}: tanh hidden layers ({@code A1 = np.tanh(Z1)}, {@code dZ1 =
         * np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))}), sigmoid output, {@code dZ2 = A2 - Y} with {@code 1 / m} on
         * the products and sums ({@code SCALED_PRODUCTS}), {@code cost = - np.sum(logprobs) / m} ({@code MEAN_SUM}).
         */
        public static Spec tanhClassifier() {
            return new Spec(NetworkOutput.SIGMOID, ActivationFunction.TANH, Scaling.SCALED_PRODUCTS, Cost.MEAN_SUM,
                    L2Penalty.NONE, Dropout.NONE);
        }

        public Spec with(L2Penalty newL2) {
            return new Spec(output, hidden, scaling, cost, newL2, dropout);
        }

        public Spec with(Dropout newDropout) {
            return new Spec(output, hidden, scaling, cost, l2, newDropout);
        }
    }

    private final Parameters parameters;
    private final Spec spec;
    private final int layers;
    private final int[] dims;
    /** W1, b1, W2, b2, ...: the values being trained, in the order {@link UpdateRule}s see them. */
    private final double[][] theta;
    /** dW1, db1, dW2, db2, ... of the last {@link #forwardBackward}, in the order of {@link #theta}. */
    private final double[][] grads;
    private final double[][] W;
    private final double[][] b;
    private final double[][] dW;
    private final double[][] db;
    private final DoubleIndexer[] published;
    private final double[] squares;
    /**
     * The buffers of each batch size seen so far: one entry for full-batch training, two for mini-batches when the
     * last batch is smaller (64 and 44 for the 300 moons). Allocated at the first step of a size, reused after.
     */
    private final Map<Integer, BatchBuffers> buffersBySize = new HashMap<>();

    /**
     * Prepares the pass for {@code parameters} ({@code W1..WL, b1..bL}, standalone row-major DOUBLE arrays, which
     * {@link #publish()} updates in place).
     *
     * @throws IllegalArgumentException when the shapes do not fit together or the last layer does not fit the output
     */
    public FusedDenseNet(Parameters parameters, Spec spec) {
        this.parameters = parameters;
        this.spec = spec;
        this.layers = parameters.layers();
        this.dims = parameters.layerDims();
        spec.output().checkUnits(dims[layers], "W" + layers);
        theta = new double[2 * layers][];
        grads = new double[2 * layers][];
        W = new double[layers + 1][];
        b = new double[layers + 1][];
        dW = new double[layers + 1][];
        db = new double[layers + 1][];
        published = new DoubleIndexer[2 * layers];
        int widest = 0;
        for (int l = 1; l <= layers; l++) {
            Shapes.require(parameters.b(l), "b" + l, dims[l], 1);
            published[2 * l - 2] = RawArrays.doubles(parameters.W(l), "W" + l);
            published[2 * l - 1] = RawArrays.doubles(parameters.b(l), "b" + l);
            W[l] = parameters.W(l).data().asDouble();
            b[l] = parameters.b(l).data().asDouble();
            dW[l] = new double[W[l].length];
            db[l] = new double[b[l].length];
            theta[2 * l - 2] = W[l];
            theta[2 * l - 1] = b[l];
            grads[2 * l - 2] = dW[l];
            grads[2 * l - 1] = db[l];
            widest = Math.max(widest, W[l].length);
        }
        squares = new double[widest];
    }

    /** What this network computes. */
    public Spec spec() {
        return spec;
    }

    /** {@code [n_x, n_1, ..., n_L]}. */
    public int[] layerDims() {
        return dims.clone();
    }

    /** The parameters being trained (the caller's object, up to date after {@link #publish()}). */
    public Parameters parameters() {
        return parameters;
    }

    /** {@code W1, b1, W2, b2, ...}: the values being trained, to be updated in place. */
    double[][] parameterArrays() {
        return theta;
    }

    /** {@code dW1, db1, dW2, db2, ...} of the last {@link #forwardBackward}. */
    double[][] gradientArrays() {
        return grads;
    }

    /** Writes the trained values into the caller's {@link Parameters} arrays. */
    void publish() {
        for (int k = 0; k < theta.length; k++) {
            double[] values = theta[k];
            DoubleIndexer target = published[k];
            for (int i = 0; i < values.length; i++) {
                target.put(i, values[i]);
            }
        }
    }

    /** Throws when {@code data} was not prepared for this network's input and output. */
    void requireFits(TrainingData data) {
        if (data.features() != dims[0]) {
            throw new IllegalArgumentException("X has " + data.features() + " features but W1 expects " + dims[0]);
        }
        if (data.output() != spec.output()) {
            throw new IllegalArgumentException("the labels were checked for a " + data.output() + " output, but this"
                    + " network has a " + spec.output() + " output");
        }
    }

    /**
     * Forward pass, cost and backward pass on the batch {@code x} ({@code (n_x, m)} row-major), {@code y}
     * ({@code (n_L, m)}); returns the cost of the current parameters and leaves the gradients in
     * {@link #gradientArrays()}.
     */
    double forwardBackward(double[] x, double[] y, int m) {
        BatchBuffers buf = buffersBySize.computeIfAbsent(m, size -> new BatchBuffers(dims, size, spec.dropout()));
        // ---------------- a3, cache = forward_propagation(X, parameters)
        for (int l = 1; l <= layers; l++) {
            // Z = np.dot(W, A_prev)
            Gemm.nn(W[l], l == 1 ? x : buf.A[l - 1], buf.A[l], dims[l], dims[l - 1], m);
            // Z = Z + b; A = relu(Z) or np.tanh(Z) [A = A * D; A = A / keep_prob]  /  the output's activation
            if (l < layers) {
                hiddenForward(buf, l);
            } else {
                addBias(buf.A[l], b[l], dims[l], m);
                spec.output().activate(buf.A[l], dims[l], m);
            }
        }

        // ---------------- cost = compute_cost(a3, Y) [+ L2]
        double cost = cost(buf, y);

        // ---------------- grads = backward_propagation(X, Y, cache)
        double scale = 1.0 / m;
        boolean products = spec.scaling() == Scaling.SCALED_PRODUCTS;
        double[] aL = buf.A[layers];
        double[] dzL = buf.dZ[layers];
        for (int k = 0; k < aL.length; k++) {
            // dZ3 = A3 - Y                            (SCALED_DZ3: dz3 = 1./m * (a3 - Y))
            double d = aL[k] - y[k];
            dzL[k] = products ? d : scale * d;
        }
        for (int l = layers; l >= 1; l--) {
            // np.dot(dZ, A_prev.T)
            Gemm.nt(buf.dZ[l], l == 1 ? x : buf.A[l - 1], dW[l], dims[l], m, dims[l - 1]);
            // dW = 1./m * np.dot(...) [+ (lambd / m) * W]; db = 1./m * np.sum(dZ, axis=1, keepdims=True)
            finishGradients(buf, l, products, scale);
            if (l > 1) {
                // dA_prev = np.dot(W.T, dZ)           into dZ[l-1]
                Gemm.tn(W[l], buf.dZ[l], buf.dZ[l - 1], dims[l - 1], dims[l], m);
                // [dA = dA * D; dA = dA / keep_prob]; dZ = np.multiply(dA, np.int64(A > 0)) / dA * (1 - A**2)
                hiddenBackward(buf, l - 1);
            }
        }
        return cost;
    }

    private static void addBias(double[] z, double[] bias, int n, int m) {
        for (int i = 0; i < n; i++) {
            double bi = bias[i];
            for (int j = i * m; j < (i + 1) * m; j++) {
                z[j] = z[j] + bi;
            }
        }
    }

    private void hiddenForward(BatchBuffers buf, int l) {
        double[] al = buf.A[l];
        double[] bl = b[l];
        double[] mask = buf.masks[l];
        Dropout dropout = spec.dropout();
        boolean tanh = spec.hidden() == ActivationFunction.TANH;
        int m = buf.m;
        for (int i = 0; i < dims[l]; i++) {
            double bi = bl[i];
            for (int j = i * m; j < (i + 1) * m; j++) {
                double z = al[j] + bi;
                // np.tanh(Z) (Math.tanh's values, FdlibmTanh)  /  relu: np.maximum(0, Z) (NaN stays NaN)
                double a = tanh ? FdlibmTanh.tanh(z) : z > 0 || Double.isNaN(z) ? z : 0.0;
                al[j] = mask == null ? a : dropout.apply(a, mask[j]);
            }
        }
    }

    private double cost(BatchBuffers buf, double[] y) {
        double[] aL = buf.A[layers];
        double[] terms = buf.terms;
        int m = buf.m;
        spec.output().losses(aL, y, dims[layers], m, terms);
        boolean nansum = spec.cost() == Cost.MEAN_NANSUM;
        boolean diverged = false;
        for (int k = 0; k < aL.length; k++) {
            diverged |= Double.isNaN(aL[k]);
        }
        if (nansum) {
            for (int j = 0; j < m; j++) {
                // np.nansum: NaN (0 * inf) counts as 0
                if (Double.isNaN(terms[j])) {
                    terms[j] = 0.0;
                }
            }
        }
        // np.sum / np.nansum, numpy's pairwise order
        double total = 0.0 + NumpySum.pairwise(terms, 0, m);
        if (diverged) {
            // the parameters are NaN: np.nansum would hide it (see the class comment)
            return Double.NaN;
        }
        if (spec.cost() == Cost.TOTAL) {
            // cost_total = np.sum(logprobs)
            return total;
        }
        // cost = 1./m * np.nansum(logprobs)  /  cost = - np.sum(logprobs) / m (total: the negated terms' sum)
        double cost = spec.cost() == Cost.MEAN_SUM ? total / m : 1.0 / m * total;
        if (spec.l2().active()) {
            // + (1/m)*(lambd/2)*(np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
            cost += spec.l2().cost(W, m, squares);
        }
        return cost;
    }

    private void finishGradients(BatchBuffers buf, int l, boolean products, double scale) {
        double[] g = dW[l];
        if (products) {
            for (int k = 0; k < g.length; k++) {
                g[k] = scale * g[k];
            }
        }
        if (spec.l2().active()) {
            spec.l2().addGradient(g, W[l], buf.m);
        }
        double[] dz = buf.dZ[l];
        for (int i = 0; i < dims[l]; i++) {
            // np.sum(dZ, axis=1, keepdims=True), numpy's pairwise order
            double sum = 0.0 + NumpySum.pairwise(dz, i * buf.m, buf.m);
            db[l][i] = products ? scale * sum : sum;
        }
    }

    private void hiddenBackward(BatchBuffers buf, int l) {
        double[] al = buf.A[l];
        double[] dzl = buf.dZ[l];
        double[] mask = buf.masks[l];
        Dropout dropout = spec.dropout();
        boolean tanh = spec.hidden() == ActivationFunction.TANH;
        for (int k = 0; k < dzl.length; k++) {
            double d = dzl[k];
            if (mask != null) {
                // dA = dA * D; dA = dA / keep_prob
                d = dropout.apply(d, mask[k]);
            }
            double a = al[k];
            // dZ1 = dA1 * (1 - np.power(A1, 2))  /  dZ = np.multiply(dA, np.int64(A > 0))
            dzl[k] = tanh ? d * (1 - a * a) : d * (a > 0 ? 1.0 : 0.0);
        }
    }
}
