package org.dls4j.shared.scratch.dense;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.dls4j.shared.Numerics;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.NumpySum;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork.Scaling;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training step of Course 2's models ({@code init_utils}, {@code reg_utils}, {@code opt_utils_v1a}) for
 * {@code [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID}, engineered for the long runs (15000 to 30000 iterations,
 * 10000 epochs of mini-batches) with exactly the arithmetic of the readable helpers ({@link ThreeLayerNetwork},
 * {@link Dropout}, {@link Optimizers}, {@link MiniBatches}):
 * <pre>
 *   a3, cache = forward_propagation(X, parameters)          (with dropout: forward_propagation_with_dropout)
 *   cost = compute_cost(a3, Y)                              (1./m * np.nansum(logprobs) [+ L2], or np.sum(logprobs))
 *   grads = backward_propagation(X, Y, cache)               ([+ (lambd/m) W], [dA * D / keep_prob])
 *   parameters = update_parameters_with_gd / _momentum / _adam(...)
 * </pre>
 * As in {@link GradientDescent}: buffers allocated once (per batch size), the products by BLAS with transpose flags
 * and {@code X.T} stored row-major, every element-wise step one pass over raw memory in numpy's operation order,
 * parameters, velocities and Adam averages updated in place. The dropout masks are drawn once per batch size: the
 * notebook re-seeds numpy ({@code np.random.seed(1)}) on every call, so its masks are the same in every iteration.
 *
 * <p>The caller's {@link Parameters} arrays are the ones trained (copy them first to keep the initial values).
 */
public final class TrainingLoop {

    /** The update rule. */
    public enum Optimizer {
        GD, MOMENTUM, ADAM
    }

    /** How the cost is reported. */
    public enum Cost {
        /** {@code 1./m * np.nansum(logprobs)} (+ the L2 term when {@code lambd != 0}): init_utils, reg_utils. */
        MEAN_NANSUM,
        /** {@code np.sum(logprobs)}, the mini-batch total (opt_utils_v1a; the model divides the epoch total by m). */
        TOTAL
    }

    /**
     * @param scaling where {@code 1./m} goes in the backward pass
     * @param cost the cost the step returns
     * @param lambd L2 strength (0: none)
     * @param keepProb dropout keep probability (1: none)
     * @param dropoutSeed the seed {@code forward_propagation_with_dropout} sets on every call
     */
    public record Settings(Scaling scaling, Cost cost, double lambd, double keepProb, long dropoutSeed,
            Optimizer optimizer, double beta, double beta1, double beta2, double epsilon) {

        /** Gradient descent, no regularisation: the Initialization notebook ({@code SCALED_DZ3}, mean nansum). */
        public static Settings initUtils() {
            return new Settings(Scaling.SCALED_DZ3, Cost.MEAN_NANSUM, 0, 1, 1, Optimizer.GD, 0.9, 0.9, 0.999, 1e-8);
        }

        /** Gradient descent, reg_utils' backward ({@code SCALED_PRODUCTS}), mean nansum. */
        public static Settings regUtils() {
            return new Settings(Scaling.SCALED_PRODUCTS, Cost.MEAN_NANSUM, 0, 1, 1, Optimizer.GD, 0.9, 0.9, 0.999,
                    1e-8);
        }

        /** opt_utils_v1a: {@code SCALED_DZ3}, total cost per mini-batch, plain GD until an optimizer is set. */
        public static Settings optUtils() {
            return new Settings(Scaling.SCALED_DZ3, Cost.TOTAL, 0, 1, 1, Optimizer.GD, 0.9, 0.9, 0.999, 1e-8);
        }

        public Settings withL2(double newLambd) {
            return new Settings(scaling, cost, newLambd, keepProb, dropoutSeed, optimizer, beta, beta1, beta2,
                    epsilon);
        }

        public Settings withDropout(double newKeepProb, long seed) {
            Dropout.requireKeepProb(newKeepProb);
            return new Settings(scaling, cost, lambd, newKeepProb, seed, optimizer, beta, beta1, beta2, epsilon);
        }

        public Settings withGd() {
            return new Settings(scaling, cost, lambd, keepProb, dropoutSeed, Optimizer.GD, beta, beta1, beta2,
                    epsilon);
        }

        public Settings withMomentum(double newBeta) {
            return new Settings(scaling, cost, lambd, keepProb, dropoutSeed, Optimizer.MOMENTUM, newBeta, beta1,
                    beta2, epsilon);
        }

        public Settings withAdam(double newBeta1, double newBeta2, double newEpsilon) {
            return new Settings(scaling, cost, lambd, keepProb, dropoutSeed, Optimizer.ADAM, beta, newBeta1,
                    newBeta2, newEpsilon);
        }
    }

    /** The training data prepared once: X (n_x, m) as row-major values and as {@code X.T}, Y as values. */
    public static final class Data {
        private final int n;
        private final int m;
        private final double[] x;
        private final double[] y;
        private final List<double[]> batchX = new ArrayList<>();
        private final List<double[]> batchY = new ArrayList<>();

        private Data(INDArray X, INDArray Y) {
            Numerics.useFloat64();
            if (X.rank() != 2) {
                throw new IllegalArgumentException("X must be (n_x, m) but was " + Shapes.format(X.shape()));
            }
            n = (int) X.size(0);
            m = (int) X.size(1);
            Shapes.require(Y, "Y", 1, m);
            try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                x = X.castTo(DataType.DOUBLE).dup('c').data().asDouble();
                y = Y.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            }
        }

        public static Data of(INDArray X, INDArray Y) {
            return new Data(X, Y);
        }

        public int m() {
            return m;
        }
    }

    private final Parameters parameters;
    private final Settings settings;
    private final int layers;
    private final int[] dims;
    private final DoubleIndexer[] wOut;
    private final DoubleIndexer[] bOut;
    private final double[][] W;
    private final double[][] b;
    private final double[][] dW;
    private final double[][] db;
    private final double[][] vW;
    private final double[][] vb;
    private final double[][] sW;
    private final double[][] sb;
    private final Map<Integer, Buffers> buffers = new HashMap<>();
    private int t;

    /** Per batch size m: activations, dZ (also dA before the mask), dropout masks, the cost terms. */
    private final class Buffers {
        final int m;
        final double[][] A;
        final double[][] dZ;
        final double[][] mask;
        final double[] terms;

        Buffers(int m) {
            this.m = m;
            A = new double[layers + 1][];
            dZ = new double[layers + 1][];
            mask = new double[layers + 1][];
            terms = new double[m];
            for (int l = 1; l <= layers; l++) {
                A[l] = new double[dims[l] * m];
                dZ[l] = new double[dims[l] * m];
            }
            if (settings.keepProb() < 1) {
                // np.random.seed(1) on every call, then D1 = np.random.rand(n_1, m), D2 = np.random.rand(n_2, m)
                NumpyRandom rng = new NumpyRandom(settings.dropoutSeed());
                for (int l = 1; l < layers; l++) {
                    mask[l] = Dropout.mask(rng, dims[l], m, settings.keepProb()).data().asDouble();
                }
            }
        }
    }

    /**
     * Prepares the step for {@code parameters} ({@code W1..WL, b1..bL}, standalone row-major DOUBLE arrays: they
     * are updated in place after every step); velocities and Adam averages start at zero
     * ({@code initialize_velocity}, {@code initialize_adam}), Adam's counter at 0.
     */
    public TrainingLoop(Parameters parameters, Settings settings) {
        Numerics.useFloat64();
        this.parameters = parameters;
        this.settings = settings;
        this.layers = parameters.layers();
        this.dims = parameters.layerDims();
        Dropout.requireKeepProb(settings.keepProb());
        wOut = new DoubleIndexer[layers + 1];
        bOut = new DoubleIndexer[layers + 1];
        W = new double[layers + 1][];
        b = new double[layers + 1][];
        dW = new double[layers + 1][];
        db = new double[layers + 1][];
        vW = new double[layers + 1][];
        vb = new double[layers + 1][];
        sW = new double[layers + 1][];
        sb = new double[layers + 1][];
        for (int l = 1; l <= layers; l++) {
            Shapes.require(parameters.b(l), "b" + l, dims[l], 1);
            wOut[l] = RawArrays.doubles(parameters.W(l), "W" + l);
            bOut[l] = RawArrays.doubles(parameters.b(l), "b" + l);
            W[l] = parameters.W(l).data().asDouble();
            b[l] = parameters.b(l).data().asDouble();
            dW[l] = new double[dims[l] * dims[l - 1]];
            db[l] = new double[dims[l]];
            vW[l] = new double[dims[l] * dims[l - 1]];
            vb[l] = new double[dims[l]];
            sW[l] = new double[dims[l] * dims[l - 1]];
            sb[l] = new double[dims[l]];
        }
        if (dims[layers] != 1) {
            throw new IllegalArgumentException("the output layer must have one sigmoid unit but W" + layers
                    + " has " + dims[layers] + " rows");
        }
    }

    /** The parameters being trained (the caller's object, up to date after every step). */
    public Parameters parameters() {
        return parameters;
    }

    /** Adam's counter {@code t}: the number of Adam updates so far. */
    public int adamCounter() {
        return t;
    }

    /** One full-batch iteration on {@code data}; returns the cost of the parameters before the update. */
    public double fullBatchStep(Data data, double learningRate) {
        requireInput(data);
        return step(data.x, data.y, data.m, learningRate);
    }

    /**
     * One epoch of the 2019-21 model: {@code random_mini_batches(X, Y, mini_batch_size, seed)} (seed and
     * permutation as {@link MiniBatches#random}), then one step per mini-batch; returns {@code cost_total}, the sum
     * of the batches' costs (the model prints {@code cost_total / m}).
     */
    public double epoch(Data data, int miniBatchSize, long seed, double learningRate) {
        requireInput(data);
        if (miniBatchSize < 1) {
            throw new IllegalArgumentException("mini_batch_size must be at least 1 but was " + miniBatchSize);
        }
        int m = data.m;
        int n = data.n;
        // np.random.seed(seed); permutation = list(np.random.permutation(m))
        int[] permutation = MiniBatches.permutation(m, seed);
        // cost_total = 0
        double costTotal = 0;
        int batch = 0;
        for (int start = 0; start < m; start += miniBatchSize, batch++) {
            int size = Math.min(miniBatchSize, m - start);
            if (data.batchX.size() <= batch) {
                data.batchX.add(new double[n * size]);
                data.batchY.add(new double[size]);
            } else if (data.batchY.get(batch).length != size) {
                data.batchX.set(batch, new double[n * size]);
                data.batchY.set(batch, new double[size]);
            }
            double[] x = data.batchX.get(batch);
            double[] y = data.batchY.get(batch);
            for (int j = 0; j < size; j++) {
                // shuffled_X = X[:, permutation]; mini_batch_X = shuffled_X[:, k*size : (k+1)*size]
                int column = permutation[start + j];
                for (int i = 0; i < n; i++) {
                    x[i * size + j] = data.x[i * m + column];
                }
                y[j] = data.y[column];
            }
            // cost_total += compute_cost(a3, minibatch_Y)
            costTotal += step(x, y, size, learningRate);
        }
        return costTotal;
    }

    private void requireInput(Data data) {
        if (data.n != dims[0]) {
            throw new IllegalArgumentException("X has " + data.n + " features but W1 expects " + dims[0]);
        }
    }

    private double step(double[] x, double[] y, int m, double learningRate) {
        Buffers buf = buffers.computeIfAbsent(m, Buffers::new);
        // ---------------- a3, cache = forward_propagation(X, parameters)
        for (int l = 1; l <= layers; l++) {
            // Z = np.dot(W, A_prev)
            Gemm.nn(W[l], l == 1 ? x : buf.A[l - 1], buf.A[l], dims[l], dims[l - 1], m);
            // Z = Z + b; A = relu(Z) [A = A * D; A = A / keep_prob]  /  A = sigmoid(Z)
            activate(buf, l);
        }

        // ---------------- cost
        double cost = cost(buf, y);

        // ---------------- grads = backward_propagation(X, Y, cache)
        double scale = 1.0 / m;
        boolean products = settings.scaling() == Scaling.SCALED_PRODUCTS;
        double[] aL = buf.A[layers];
        double[] dzL = buf.dZ[layers];
        for (int j = 0; j < m; j++) {
            // dZ3 = A3 - Y                            (SCALED_DZ3: dz3 = 1./m * (a3 - Y))
            double d = aL[j] - y[j];
            dzL[j] = products ? d : scale * d;
        }
        double lambdOverM = settings.lambd() / m;
        for (int l = layers; l >= 1; l--) {
            // np.dot(dZ, A_prev.T)
            Gemm.nt(buf.dZ[l], l == 1 ? x : buf.A[l - 1], dW[l], dims[l], m, dims[l - 1]);
            // dW = 1./m * np.dot(...) [+ (lambd / m) * W]; db = 1./m * np.sum(dZ, axis=1, keepdims=True)
            finishGradients(buf, l, products, scale, lambdOverM);
            if (l > 1) {
                // dA_prev = np.dot(W.T, dZ)           into dZ[l-1]
                Gemm.tn(W[l], buf.dZ[l], buf.dZ[l - 1], dims[l - 1], dims[l], m);
                // [dA = dA * D; dA = dA / keep_prob]; dZ = np.multiply(dA, np.int64(A > 0))
                maskBackward(buf, l - 1);
            }
        }

        // ---------------- parameters = update_parameters_with_...(parameters, grads, ...)
        if (settings.optimizer() == Optimizer.ADAM) {
            // t = t + 1
            t++;
        }
        for (int l = 1; l <= layers; l++) {
            update(W[l], dW[l], vW[l], sW[l], learningRate);
            update(b[l], db[l], vb[l], sb[l], learningRate);
            for (int k = 0; k < W[l].length; k++) {
                wOut[l].put(k, W[l][k]);
            }
            for (int k = 0; k < b[l].length; k++) {
                bOut[l].put(k, b[l][k]);
            }
        }
        return cost;
    }

    private void activate(Buffers buf, int l) {
        double[] al = buf.A[l];
        double[] bl = b[l];
        int m = buf.m;
        int n = dims[l];
        boolean hidden = l < layers;
        double[] mask = buf.mask[l];
        double keepProb = settings.keepProb();
        for (int i = 0; i < n; i++) {
            double bi = bl[i];
            int row = i * m;
            for (int j = row; j < row + m; j++) {
                double z = al[j] + bi;
                double a;
                if (hidden) {
                    // relu: np.maximum(0, Z) (NaN stays NaN)
                    a = z > 0 || Double.isNaN(z) ? z : 0.0;
                    if (mask != null) {
                        // A = A * D; A = A / keep_prob
                        a = a * mask[j] / keepProb;
                    }
                } else {
                    // sigmoid: 1/(1+np.exp(-Z))
                    a = 1 / (1 + Math.exp(-z));
                }
                al[j] = a;
            }
        }
    }

    private double cost(Buffers buf, double[] y) {
        double[] aL = buf.A[layers];
        double[] terms = buf.terms;
        int m = buf.m;
        boolean nan = settings.cost() == Cost.MEAN_NANSUM;
        for (int j = 0; j < m; j++) {
            double a = aL[j];
            // logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)
            double term = -Math.log(a) * y[j] + -Math.log(1 - a) * (1 - y[j]);
            // np.nansum: NaN (0 * inf) counts as 0
            terms[j] = nan && Double.isNaN(term) ? 0.0 : term;
        }
        double total = NumpySum.sum(terms);
        if (settings.cost() == Cost.TOTAL) {
            // cost_total = np.sum(logprobs)
            return total;
        }
        // cost = 1./m * np.nansum(logprobs)
        double cost = 1.0 / m * total;
        if (settings.lambd() != 0) {
            // + (1/m)*(lambd/2)*(np.sum(np.square(W1)) + np.sum(np.square(W2)) + np.sum(np.square(W3)))
            double squares = 0;
            for (int l = 1; l <= layers; l++) {
                double[] sq = new double[W[l].length];
                for (int k = 0; k < sq.length; k++) {
                    sq[k] = W[l][k] * W[l][k];
                }
                squares += NumpySum.sum(sq);
            }
            cost += (1.0 / m) * (settings.lambd() / 2) * squares;
        }
        return cost;
    }

    private void finishGradients(Buffers buf, int l, boolean products, double scale, double lambdOverM) {
        double[] g = dW[l];
        double[] wl = W[l];
        boolean l2 = settings.lambd() != 0;
        for (int k = 0; k < g.length; k++) {
            double v = g[k];
            if (products) {
                v = scale * v;
            }
            if (l2) {
                v = v + lambdOverM * wl[k];
            }
            g[k] = v;
        }
        double[] dz = buf.dZ[l];
        for (int i = 0; i < dims[l]; i++) {
            // np.sum(dZ, axis=1, keepdims=True), numpy's pairwise order
            double sum = 0.0 + NumpySum.pairwise(dz, i * buf.m, buf.m);
            db[l][i] = products ? scale * sum : sum;
        }
    }

    private void maskBackward(Buffers buf, int l) {
        double[] al = buf.A[l];
        double[] dzl = buf.dZ[l];
        double[] mask = buf.mask[l];
        double keepProb = settings.keepProb();
        for (int k = 0; k < dzl.length; k++) {
            double d = dzl[k];
            if (mask != null) {
                // dA = dA * D; dA = dA / keep_prob
                d = d * mask[k] / keepProb;
            }
            // dZ = np.multiply(dA, np.int64(A > 0))
            dzl[k] = d * (al[k] > 0 ? 1.0 : 0.0);
        }
    }

    private void update(double[] theta, double[] g, double[] v, double[] s, double learningRate) {
        int size = theta.length;
        switch (settings.optimizer()) {
            case GD -> {
                for (int k = 0; k < size; k++) {
                    // W = W - learning_rate * dW
                    theta[k] = theta[k] - learningRate * g[k];
                }
            }
            case MOMENTUM -> {
                double beta = settings.beta();
                for (int k = 0; k < size; k++) {
                    // v = beta * v + (1 - beta) * dW; W = W - learning_rate * v
                    v[k] = beta * v[k] + (1 - beta) * g[k];
                    theta[k] = theta[k] - learningRate * v[k];
                }
            }
            case ADAM -> {
                double beta1 = settings.beta1();
                double beta2 = settings.beta2();
                double epsilon = settings.epsilon();
                // 1 - beta1 ** t, 1 - beta2 ** t
                double c1 = 1 - Math.pow(beta1, t);
                double c2 = 1 - Math.pow(beta2, t);
                for (int k = 0; k < size; k++) {
                    double gk = g[k];
                    // v = beta1 * v + (1 - beta1) * dW; v_corrected = v / (1 - beta1 ** t)
                    v[k] = beta1 * v[k] + (1 - beta1) * gk;
                    double vc = v[k] / c1;
                    // s = beta2 * s + (1 - beta2) * np.square(dW); s_corrected = s / (1 - beta2 ** t)
                    s[k] = beta2 * s[k] + (1 - beta2) * (gk * gk);
                    double sc = s[k] / c2;
                    // W = W - learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon)
                    theta[k] = theta[k] - learningRate * vc / (Math.sqrt(sc) + epsilon);
                }
            }
            default -> throw new IllegalStateException();
        }
    }
}
