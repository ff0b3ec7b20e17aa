package org.dls4j.shared.scratch.dense;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.bytedeco.javacpp.DoublePointer;
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
 * {@code two_layer_model} and {@code L_layer_model}, with their arithmetic, engineered to run fast in little memory.
 * One iteration is
 * <pre>
 *   AL, caches = L_model_forward(X, parameters)
 *   cost = compute_cost(AL, Y)                       (dot form, see {@link Costs})
 *   grads = L_model_backward(AL, Y, caches)
 *   parameters = update_parameters(parameters, grads, learning_rate)
 * </pre>
 * How it differs from {@link DeepNetwork}'s readable blocks (the tests compare both paths iteration by iteration):
 * <ul>
 *   <li>every buffer (activations, {@code dZ}, {@code dW}) is allocated once, before the loop, and the iteration
 *       runs inside a {@link Workspaces#iteration workspace}, so nothing piles up off-heap;</li>
 *   <li>the matrix products go straight to OpenBLAS ({@link Gemm#blas}, transpose flags, no transposed copies, no
 *       ND4J call overhead);</li>
 *   <li>the two products over the input {@code X (n_x, m)}, {@code np.dot(dZ1, X.T)} and the next iteration's
 *       {@code np.dot(W1, X)}, are one pass over {@code X} in blocks of {@value #BLOCK_ROWS} input features: for each
 *       block {@code X_b}, {@code dW1_b = dZ1 . X_b.T}, then {@code W1_b = W1_b - learning_rate * dW1_b} (its part
 *       of {@code update_parameters}), then {@code Z1 += W1_b . X_b} with the new weights while {@code X_b} is still
 *       in the core's cache. With 12288 inputs these two products are nine tenths of the work and {@code X} is 20 MB.
 *       {@code X} is kept as {@code X.T (m, n_x)}, row-major, made once: a block is a column block of it, the layout
 *       in which OpenBLAS packed and multiplied these blocks fastest (measured, one thread: 9.2 ms for both products
 *       against 10.4 ms for two whole products and 10.5 ms for blocks of a row-major {@code X}). With a single
 *       first-layer unit (logistic regression) each block's two products are matrix-vector products
 *       ({@link Gemm#blasGemv}), which read the block without packing it;</li>
 *   <li>the blocks go in chunks of {@value #CHUNK_BLOCKS} to as many Java threads as OpenBLAS was given (ND4J sets
 *       them from {@code OMP_NUM_THREADS} or the cores), each taking the next chunk when it is done with one and
 *       making single-threaded BLAS calls; OpenBLAS's own threading is off while {@link #run} runs and restored
 *       after. On 2 cores this halves the pass, where OpenBLAS's own two threads on a 20-row product gained a fifth,
 *       and a thread slowed by another process leaves its chunks to the other. Each chunk sums its share of
 *       {@code Z1}, and the shares are added in chunk order: the result depends neither on timing nor on the number
 *       of threads. {@code Z1} summed chunk by chunk rounds differently from one {@code np.dot} in the last bits,
 *       far inside what the notebook's printed costs can show (the tests pin them);</li>
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
 *
 * <p>{@link #withL2} adds Course 2's L2 regularisation ({@link L2Penalty}, as {@link FusedDenseNet} has it): the cost
 * gains {@code (1/m)*(lambd/2)*(np.sum(np.square(W1)) + ... + np.sum(np.square(WL)))} and each weight's update reads
 * {@code W - learning_rate * (1./m * np.dot(...) + (lambd / m) * W)}; the biases are not penalised.
 *
 * <p>{@link #withOutput} {@link OutputArithmetic#PROPAGATE} gives the sigmoid output the logistic-regression
 * notebook's arithmetic: with one layer ({@code W1 = w.T}, {@code b1 = [[b]]}) the loop is that notebook's
 * {@code optimize}, its two products over the 12288 inputs in one pass.
 */
public final class GradientDescent {

    /** How the sigmoid output's cost and {@code dZ} are written: the notebooks write them two ways. */
    public enum OutputArithmetic {
        /**
         * {@code dnn_app_utils_v3}: {@code cost = (1./m) * (-np.dot(Y, np.log(AL).T) - np.dot(1-Y, np.log(1-AL).T))};
         * {@code dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))}, then {@code sigmoid_backward}.
         */
        DNN_APP_UTILS,
        /**
         * The logistic-regression notebook's {@code propagate}: {@code cost = -1/m * np.sum(Y * np.log(A) + (1 - Y)
         * * np.log(1 - A))} (numpy's pairwise sum); {@code dZ = A - Y}.
         */
        PROPAGATE
    }

    /** Input features per block of the pass over {@code X} (with the 209 cat pictures, 428 KB: a core's L2). */
    static final int BLOCK_ROWS = 256;

    /** Blocks per chunk, the unit of work a thread takes (12 chunks with 12288 inputs). */
    static final int CHUNK_BLOCKS = 4;

    /** The threads that run the blocks besides the caller's (daemons, made when first needed). */
    private static final ExecutorService HELPERS = Executors.newCachedThreadPool(task -> {
        Thread t = new Thread(task, "dls4j-gradient-descent");
        t.setDaemon(true);
        return t;
    });

    /**
     * An array with its memory's indexer (element-wise passes) and pointer (BLAS calls), kept together so that the
     * memory lives as long as they are used.
     */
    private record Raw(INDArray array, DoubleIndexer values, DoublePointer pointer, int rows, int columns) {
        static Raw of(INDArray array, String name) {
            return new Raw(array, RawArrays.doubles(array, name), Gemm.pointer(array, name), (int) array.size(0),
                    (int) array.size(1));
        }

        static Raw zeros(int rows, int columns, String name) {
            return of(Nd4j.create(DataType.DOUBLE, rows, columns), name);
        }
    }

    private final Parameters parameters;
    private final ActivationFunction hidden;
    private final int layers;
    private final int m;
    /** n_x, the input features. */
    private final int inputs;
    /** X.T (m, n_x), row-major: a block of input features is a column block of it. */
    private final Raw xT;
    private final Raw yRow;
    private final INDArray oneMinusYRow;
    private final Raw logAL;
    private final Raw logOneMinusAL;
    /** Per layer l = 1..L: the parameters (the caller's arrays), the activation, dZ (also dA before the mask), dW. */
    private final Raw[] W;
    private final DoubleIndexer[] bias;
    private final Raw[] A;
    private final Raw[] dZ;
    private final Raw[] dW;
    private final double[] rowSums;
    /** Chunk c's share of Z1, the sum over its blocks (chunk 0's in A[1]); Z1 is their sum in chunk order. */
    private final Raw[] zChunk;
    /** Threads that work through the chunks beside the caller's. */
    private final int helpers;
    /** L2 regularisation of the weights ({@link L2Penalty#NONE}: none). */
    private L2Penalty l2 = L2Penalty.NONE;
    private OutputArithmetic output = OutputArithmetic.DNN_APP_UTILS;
    /** The cost's terms per example ({@link OutputArithmetic#PROPAGATE}). */
    private final double[] terms;

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
        if (hidden == ActivationFunction.SIGMOID) {
            throw new IllegalArgumentException("hidden layers must be relu or tanh here");
        }
        this.hidden = hidden;
        this.layers = DeepNetwork.checkModel(X, parameters);
        if (X.size(1) > Integer.MAX_VALUE / 64 || X.size(0) > Integer.MAX_VALUE / X.size(1)) {
            throw new IllegalArgumentException("too large for one full batch: " + Shapes.format(X.shape()));
        }
        this.m = (int) X.size(1);
        this.inputs = (int) X.size(0);
        Shapes.require(Y, "Y", 1, m);
        Shapes.require(parameters.W(layers), "W" + layers, 1, parameters.W(layers).size(1));
        this.parameters = parameters;
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            xT = Raw.of(X.castTo(DataType.DOUBLE).transpose().dup('c'), "X.T");
            yRow = Raw.of(Y.castTo(DataType.DOUBLE).dup('c'), "Y");
            oneMinusYRow = yRow.array().rsub(1.0);
            logAL = Raw.zeros(1, m, "log AL");
            logOneMinusAL = Raw.zeros(1, m, "log 1-AL");
            W = new Raw[layers + 1];
            bias = new DoubleIndexer[layers + 1];
            A = new Raw[layers + 1];
            dZ = new Raw[layers + 1];
            dW = new Raw[layers + 1];
            int widest = 0;
            for (int l = 1; l <= layers; l++) {
                W[l] = Raw.of(parameters.W(l), "W" + l);
                bias[l] = RawArrays.doubles(parameters.b(l), "b" + l);
                int n = W[l].rows();
                widest = Math.max(widest, n);
                A[l] = Raw.zeros(n, m, "A");
                dZ[l] = Raw.zeros(n, m, "dZ");
                dW[l] = Raw.zeros(n, W[l].columns(), "dW");
            }
            rowSums = new double[widest];
            terms = new double[m];

            int chunks = (inputs + CHUNK_BLOCKS * BLOCK_ROWS - 1) / (CHUNK_BLOCKS * BLOCK_ROWS);
            helpers = Math.max(0, Math.min(Gemm.blasThreads(), chunks) - 1);
            zChunk = new Raw[chunks];
            zChunk[0] = A[1];
            for (int c = 1; c < chunks; c++) {
                zChunk[c] = Raw.zeros(A[1].rows(), m, "Z1 chunk");
            }
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
        // the threads each make single-threaded BLAS calls side by side: OpenBLAS's own threads are off meanwhile
        // (switching them per iteration cost more than the products)
        int blasThreads = Gemm.blasThreads();
        boolean ownThreads = helpers > 0;
        if (ownThreads) {
            Gemm.blasThreads(1);
        }
        try {
            // Z1 = np.dot(W1, X) of the first iteration; later iterations get theirs from the previous update
            passOverX(false, true, 0);
            for (int i = 0; i < iterations; i++) {
                boolean last = i == iterations - 1;
                double cost = Workspaces.iteration(() -> step(learningRate, !last));
                Numerics.requireFinite(cost, i, "Try a smaller learning rate.");
                if (i % recordEvery == 0 || last) {
                    at[r] = i;
                    costs[r++] = cost;
                    if (listener != null) {
                        listener.onCost(i, cost);
                    }
                }
            }
        } finally {
            if (ownThreads) {
                Gemm.blasThreads(blasThreads);
            }
        }
        return new CostCurve(at, costs);
    }

    /** This loop with L2 regularisation of strength {@code penalty.lambd()} (see the class comment); returns this. */
    public GradientDescent withL2(L2Penalty penalty) {
        this.l2 = penalty;
        return this;
    }

    /** This loop with the output's cost and {@code dZ} written as {@code arithmetic} says; returns this. */
    public GradientDescent withOutput(OutputArithmetic arithmetic) {
        this.output = arithmetic;
        return this;
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

    /**
     * One iteration: forward (from {@code Z1 = np.dot(W1, X)}, already summed in chunks), cost, backward, update;
     * returns the cost of the parameters before the update. With {@code next}, also sums the next iteration's
     * {@code np.dot(W1, X)}.
     */
    double step(double learningRate, boolean next) {
        // ---------------- AL, caches = L_model_forward(X, parameters)
        for (int l = 1; l <= layers; l++) {
            if (l == 1) {
                // Z = np.dot(W1, X): the sum of the chunks, into A[1]'s buffer
                addChunksOfZ1();
            } else {
                // Z = np.dot(W, A_prev), into A[l]'s buffer
                Gemm.blas(false, false, A[l].rows(), m, A[l - 1].rows(), W[l].pointer(), W[l].columns(),
                        A[l - 1].pointer(), m, 0.0, A[l].pointer(), m);
            }
            // Z = Z + b; A = np.maximum(0, Z) / np.tanh(Z) / 1/(1+np.exp(-Z)), one pass
            biasAndActivate(l, l < layers ? hidden : ActivationFunction.SIGMOID);
        }

        // ---------------- cost = compute_cost(AL, Y)
        DoubleIndexer aL = A[layers].values();
        DoubleIndexer y = yRow.values();
        double cost = output == OutputArithmetic.PROPAGATE ? propagateCost(aL, y) : computeCost(aL);
        if (l2.active()) {
            // + (1/m)*(lambd/2)*(np.sum(np.square(W1)) + ... + np.sum(np.square(WL)))
            cost += l2Cost();
        }

        // ---------------- grads = L_model_backward(AL, Y, caches)
        DoubleIndexer dzL = dZ[layers].values();
        boolean propagate = output == OutputArithmetic.PROPAGATE;
        for (int j = 0; j < m; j++) {
            double al = aL.get(j);
            double yj = y.get(j);
            if (propagate) {
                // dZ = A - Y
                dzL.put(j, al - yj);
                continue;
            }
            double oneMinusAl = 1.0 - al;
            // dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
            double dAL = -(yj / al - (1.0 - yj) / oneMinusAl);
            // sigmoid_backward: s = 1/(1+np.exp(-Z)) (= AL); dZ = dA * s * (1-s)
            dzL.put(j, dAL * al * oneMinusAl);
        }
        for (int l = layers; l > 1; l--) {
            int n = A[l].rows();
            int nPrev = A[l - 1].rows();
            // np.dot(dZ, A_prev.T); the 1./m comes in the update pass
            Gemm.blas(false, true, n, nPrev, m, dZ[l].pointer(), m, A[l - 1].pointer(), m, 0.0, dW[l].pointer(),
                    nPrev);
            // dA_prev = np.dot(W.T, dZ)          into dZ[l-1] (not for l = 1: dA0 is never used)
            Gemm.blas(true, false, nPrev, m, n, W[l].pointer(), nPrev, dZ[l].pointer(), m, 0.0,
                    dZ[l - 1].pointer(), m);
            // relu_backward: dZ = np.array(dA, copy=True); dZ[Z <= 0] = 0   (Z > 0 exactly where A > 0)
            // tanh: dZ = dA * (1 - np.power(A, 2))
            activationBackward(l - 1);
        }

        // ---------------- parameters = update_parameters(parameters, grads, learning_rate)
        // layer 1: dW1 = 1./m * np.dot(dZ1, X.T) and W1's update, block by block, with the next np.dot(W1, X)
        passOverX(true, next, learningRate);
        for (int l = 1; l <= layers; l++) {
            if (l > 1) {
                updateWeights(l, 0, W[l].columns(), learningRate);
            }
            updateBias(l, learningRate);
        }
        return cost;
    }

    /** dnn_app_utils' {@code compute_cost(AL, Y)}. */
    private double computeCost(DoubleIndexer aL) {
        DoubleIndexer logA = logAL.values();
        DoubleIndexer logNotA = logOneMinusAL.values();
        for (int j = 0; j < m; j++) {
            double al = aL.get(j);
            // np.log(AL), np.log(1-AL)
            logA.put(j, Math.log(al));
            logNotA.put(j, Math.log(1.0 - al));
        }
        // (1./m) * (-np.dot(Y, np.log(AL).T) - np.dot(1-Y, np.log(1-AL).T)), the dots by BLAS ddot as numpy's
        return (1.0 / m) * (-Nd4j.getBlasWrapper().dot(yRow.array(), logAL.array())
                - Nd4j.getBlasWrapper().dot(oneMinusYRow, logOneMinusAL.array()));
    }

    /** {@code propagate}'s cost. */
    private double propagateCost(DoubleIndexer a, DoubleIndexer y) {
        for (int j = 0; j < m; j++) {
            double aj = a.get(j);
            double yj = y.get(j);
            // Y * np.log(A) + (1 - Y) * np.log(1 - A)
            terms[j] = yj * Math.log(aj) + (1.0 - yj) * Math.log(1.0 - aj);
        }
        // -1/m * np.sum(...), numpy's pairwise order
        return -1.0 / m * (0.0 + NumpySum.pairwise(terms, 0, m));
    }

    /**
     * The pass over X in blocks, chunk by chunk, the chunks taken in turn by the caller and the helpers: with
     * {@code backward}, each block's {@code dW1_b = np.dot(dZ1, X_b.T)} and {@code W1_b}'s update; with
     * {@code forward}, then {@code Z1_chunk += np.dot(W1_b, X_b)}.
     */
    private void passOverX(boolean backward, boolean forward, double learningRate) {
        AtomicInteger next = new AtomicInteger();
        Runnable work = () -> {
            for (int c = next.getAndIncrement(); c < zChunk.length; c = next.getAndIncrement()) {
                chunk(c, backward, forward, learningRate);
            }
        };
        if (helpers == 0) {
            work.run();
            return;
        }
        try {
            List<Future<?>> running = new ArrayList<>(helpers);
            for (int h = 0; h < helpers; h++) {
                running.add(HELPERS.submit(work));
            }
            work.run();
            for (Future<?> helper : running) {
                helper.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while training", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    /** Chunk {@code c}'s blocks of the pass over X (see {@link #passOverX}). */
    private void chunk(int c, boolean backward, boolean forward, double learningRate) {
        int n1 = A[1].rows();
        int first = c * CHUNK_BLOCKS;
        for (int block = first; block < first + CHUNK_BLOCKS && block * BLOCK_ROWS < inputs; block++) {
            int k0 = block * BLOCK_ROWS;
            int columns = Math.min(BLOCK_ROWS, inputs - k0);
            // X[k0:k1].T = X.T[:, k0:k1], (m, k1 - k0) with row stride n_x
            DoublePointer xtBlock = Gemm.at(xT.pointer(), k0);
            if (backward) {
                // dW1[:, k0:k1] = np.dot(dZ1, X[k0:k1].T)   (one row: X[k0:k1] . dZ1[0], a matrix-vector product)
                DoublePointer dW1Block = Gemm.at(dW[1].pointer(), k0);
                if (n1 == 1) {
                    Gemm.blasGemv(true, m, columns, xtBlock, inputs, dZ[1].pointer(), 0.0, dW1Block);
                } else {
                    Gemm.blas(false, false, n1, columns, m, dZ[1].pointer(), m, xtBlock, inputs, 0.0, dW1Block,
                            inputs);
                }
                // W1[:, k0:k1] = W1[:, k0:k1] - learning_rate * dW1[:, k0:k1]
                updateWeights(1, k0, k0 + columns, learningRate);
            }
            if (forward) {
                // Z1 (this chunk's sum) += np.dot(W1[:, k0:k1], X[k0:k1])   (one row: X[k0:k1].T . W1[0, k0:k1])
                DoublePointer w1Block = Gemm.at(W[1].pointer(), k0);
                double beta = block == first ? 0.0 : 1.0;
                if (n1 == 1) {
                    Gemm.blasGemv(false, m, columns, xtBlock, inputs, w1Block, beta, zChunk[c].pointer());
                } else {
                    Gemm.blas(false, true, n1, m, columns, w1Block, inputs, xtBlock, inputs, beta,
                            zChunk[c].pointer(), m);
                }
            }
        }
    }

    /** {@code np.dot(W1, X)} as the sum of the chunks' sums, in chunk order, into A[1]. */
    private void addChunksOfZ1() {
        long size = (long) A[1].rows() * m;
        DoubleIndexer z = A[1].values();
        for (int c = 1; c < zChunk.length; c++) {
            DoubleIndexer chunk = zChunk[c].values();
            for (long k = 0; k < size; k++) {
                z.put(k, z.get(k) + chunk.get(k));
            }
        }
    }

    private void biasAndActivate(int l, ActivationFunction activation) {
        DoubleIndexer al = A[l].values();
        DoubleIndexer bl = bias[l];
        for (int i = 0; i < A[l].rows(); i++) {
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
        DoubleIndexer al = A[l].values();
        DoubleIndexer dzl = dZ[l].values();
        long size = (long) A[l].rows() * m;
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

    /** The L2 term of the cost for the current weights. */
    private double l2Cost() {
        double[][] weights = new double[layers + 1][];
        int widest = 0;
        for (int l = 1; l <= layers; l++) {
            weights[l] = W[l].array().data().asDouble();
            widest = Math.max(widest, weights[l].length);
        }
        return l2.cost(weights, m, new double[widest]);
    }

    /**
     * Columns {@code [from, to)} of {@code W = W - learning_rate * dW}, with {@code dW = 1./m * np.dot(...)} [+
     * {@code (lambd / m) * W}].
     */
    private void updateWeights(int l, int from, int to, double learningRate) {
        double scale = 1.0 / m;
        double lambdOverM = l2.lambd() / m;
        boolean regularised = l2.active();
        DoubleIndexer wl = W[l].values();
        DoubleIndexer dwl = dW[l].values();
        long columns = W[l].columns();
        for (int i = 0; i < W[l].rows(); i++) {
            long row = i * columns;
            for (long k = row + from; k < row + to; k++) {
                double w = wl.get(k);
                double dw = scale * dwl.get(k);
                if (regularised) {
                    dw = dw + lambdOverM * w;
                }
                wl.put(k, w - learningRate * dw);
            }
        }
    }

    /** {@code b = b - learning_rate * db}, {@code db = 1./m * np.sum(dZ, axis=1, keepdims=True)} (numpy's order). */
    private void updateBias(int l, double learningRate) {
        double scale = 1.0 / m;
        int n = A[l].rows();
        NumpySum.rowSums(dZ[l].values(), n, m, rowSums);
        DoubleIndexer bl = bias[l];
        for (int i = 0; i < n; i++) {
            bl.put(i, bl.get(i) - learningRate * (scale * rowSums[i]));
        }
    }
}
