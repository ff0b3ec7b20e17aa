package org.dls4j.shared.scratch.dense;

import org.dls4j.shared.NumpySum;
import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The given helpers of Course 2's numpy notebooks ({@code init_utils.py}, {@code reg_utils.py},
 * {@code opt_utils_v1a.py}, {@code gc_utils.py}): the 3-layer network LINEAR -> RELU -> LINEAR -> RELU -> LINEAR ->
 * SIGMOID with its tuple cache, the backward pass that starts from {@code dZ3 = A3 - Y} directly (no {@code dAL}),
 * the {@code np.nansum} cost, {@code predict} with its {@code np.mean} accuracy and {@code predict_dec}. Readable,
 * one ND4J call per numpy line; {@link FusedDenseNet} is the same arithmetic engineered for the long runs. The
 * regularisation notebook's L2 and dropout variants are its graded functions, written in the assignment.
 *
 * <p>The helpers differ in one detail, kept as {@link Scaling}: {@code init_utils} and {@code opt_utils} scale
 * {@code dz3 = 1./m * (a3 - Y)} and then take plain products, {@code reg_utils} keeps {@code dZ3 = A3 - Y} and scales
 * each product, {@code dW3 = 1./m * np.dot(dZ3, A2.T)}. The two round differently in the last bit.
 */
public final class ThreeLayerNetwork {

    /** Where the backward pass applies {@code 1./m}. */
    public enum Scaling {
        /** {@code init_utils} / {@code opt_utils}: {@code dz3 = 1./m * (a3 - Y)}; {@code dW3 = np.dot(dz3, a2.T)}. */
        SCALED_DZ3,
        /** {@code reg_utils}: {@code dZ3 = A3 - Y}; {@code dW3 = 1./m * np.dot(dZ3, A2.T)}. */
        SCALED_PRODUCTS
    }

    /**
     * The helpers' {@code cache = (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)}; the regularisation notebook's
     * {@code forward_propagation_with_dropout} adds the masks {@code D1}, {@code D2} (null here) and its {@code A1},
     * {@code A2} are then the dropped, rescaled ones.
     */
    public record ForwardCache(INDArray Z1, INDArray D1, INDArray A1, INDArray W1, INDArray b1, INDArray Z2,
            INDArray D2, INDArray A2, INDArray W2, INDArray b2, INDArray Z3, INDArray A3, INDArray W3, INDArray b3) {
    }

    /** {@code a3, cache = forward_propagation(X, parameters)}. */
    public record Output(INDArray A3, ForwardCache cache) {
    }

    private ThreeLayerNetwork() {
    }

    /** {@code forward_propagation(X, parameters)}. */
    public static Output forwardPropagation(INDArray X, Parameters parameters) {
        check(X, parameters);
        // Z1 = np.dot(W1, X) + b1; A1 = relu(Z1)
        INDArray Z1 = parameters.W(1).mmul(X).addiColumnVector(parameters.b(1));
        INDArray A1 = Activations.relu(Z1);
        // Z2 = np.dot(W2, A1) + b2; A2 = relu(Z2)
        INDArray Z2 = parameters.W(2).mmul(A1).addiColumnVector(parameters.b(2));
        INDArray A2 = Activations.relu(Z2);
        // Z3 = np.dot(W3, A2) + b3; A3 = sigmoid(Z3)
        INDArray Z3 = parameters.W(3).mmul(A2).addiColumnVector(parameters.b(3));
        INDArray A3 = sigmoid(Z3);
        return new Output(A3, new ForwardCache(Z1, null, A1, parameters.W(1), parameters.b(1), Z2, null, A2,
                parameters.W(2), parameters.b(2), Z3, A3, parameters.W(3), parameters.b(3)));
    }

    /**
     * {@code backward_propagation(X, Y, cache)}: gradients {@code dW1..dW3, db1..db3} (plus {@code dZ3, dA2, dZ2,
     * dA1, dZ1} under those names), with {@code 1./m} where {@code scaling} says.
     */
    public static Gradients backwardPropagation(INDArray X, INDArray Y, ForwardCache cache, Scaling scaling) {
        long m = X.size(1);
        Shapes.require(Y, "Y", 1, m);
        double scale = 1.0 / m;
        boolean products = scaling == Scaling.SCALED_PRODUCTS;
        // dZ3 = A3 - Y                                   (opt/init_utils: dz3 = 1./m * (a3 - Y))
        INDArray dZ3 = cache.A3().sub(Y);
        if (!products) {
            dZ3 = dZ3.muli(scale);
        }
        Gradients grads = new Gradients().put("dZ3", dZ3);
        // dW3 = 1./m * np.dot(dZ3, A2.T); db3 = 1./m * np.sum(dZ3, axis=1, keepdims=True)
        linear(grads, 3, dZ3, cache.A2(), products ? scale : 1.0);
        // dA2 = np.dot(W3.T, dZ3); dZ2 = np.multiply(dA2, np.int64(A2 > 0))
        INDArray dA2 = Nd4j.gemm(cache.W3(), dZ3, true, false);
        INDArray dZ2 = reluMask(dA2, cache.A2());
        linear(grads.put("dA2", dA2).put("dZ2", dZ2), 2, dZ2, cache.A1(), products ? scale : 1.0);
        // dA1 = np.dot(W2.T, dZ2); dZ1 = np.multiply(dA1, np.int64(A1 > 0))
        INDArray dA1 = Nd4j.gemm(cache.W2(), dZ2, true, false);
        INDArray dZ1 = reluMask(dA1, cache.A1());
        linear(grads.put("dA1", dA1).put("dZ1", dZ1), 1, dZ1, X, products ? scale : 1.0);
        return grads;
    }

    /** {@code dW = scale * np.dot(dZ, A_prev.T)}, {@code db = scale * np.sum(dZ, axis=1, keepdims=True)}. */
    private static void linear(Gradients grads, int l, INDArray dZ, INDArray aPrev, double scale) {
        // np.dot(dZ, A_prev.T)
        INDArray dW = Nd4j.gemm(dZ, aPrev, false, true);
        // np.sum(dZ, axis=1, keepdims=True)
        INDArray db = NumpySum.rows(dZ);
        if (scale != 1.0) {
            // 1./m * ...
            dW.muli(scale);
            db.muli(scale);
        }
        grads.put("dW" + l, dW).put("db" + l, db);
    }

    /** {@code np.multiply(dA, np.int64(A > 0))}: {@code dA} where {@code A > 0}, {@code dA * 0} elsewhere. */
    public static INDArray reluMask(INDArray dA, INDArray A) {
        Shapes.requireSameShape(A, "A", dA, "dA");
        // np.int64(A > 0)
        INDArray mask = A.gt(0.0).castTo(DataType.DOUBLE);
        // np.multiply(dA, mask)
        return dA.mul(mask);
    }

    /** {@code sigmoid(x) = 1/(1+np.exp(-x))}, element by element with Java's {@code Math.exp}. */
    public static INDArray sigmoid(INDArray z) {
        double[] v = z.dup('c').data().asDouble();
        for (int i = 0; i < v.length; i++) {
            // s = 1/(1+np.exp(-x))
            v[i] = 1 / (1 + Math.exp(-v[i]));
        }
        return Nd4j.create(v, z.shape(), 'c');
    }

    /** {@code logprobs = np.multiply(-np.log(a3), Y) + np.multiply(-np.log(1 - a3), 1 - Y)}. */
    public static INDArray logprobs(INDArray a3, INDArray Y) {
        Shapes.requireSameShape(a3, "a3", Y, "Y");
        // np.multiply(-np.log(a3), Y)
        INDArray first = Transforms.log(a3, true).negi().muli(Y);
        // np.multiply(-np.log(1 - a3), 1 - Y)
        INDArray second = Transforms.log(a3.rsub(1.0), false).negi().muli(Y.rsub(1.0));
        return first.addi(second);
    }

    /**
     * {@code compute_loss(a3, Y)} / {@code compute_cost(a3, Y)} of {@code init_utils} and {@code reg_utils}:
     * {@code 1./m * np.nansum(logprobs)}. A saturated sigmoid gives {@code 0 * inf = nan} terms (dropped) and
     * {@code 1 * inf = inf} terms (kept: the cost is then {@code inf}, as the x10 random initialisation prints).
     */
    public static double computeLoss(INDArray a3, INDArray Y) {
        long m = Y.size(1);
        // 1./m * np.nansum(logprobs)
        return 1.0 / m * nansum(logprobs(a3, Y));
    }

    /** {@code opt_utils_v1a.compute_cost(a3, Y)}: {@code np.sum(logprobs)}, the total over the mini-batch. */
    public static double computeCostTotal(INDArray a3, INDArray Y) {
        // cost_total = np.sum(logprobs)
        return NumpySum.sum(logprobs(a3, Y));
    }

    /** {@code np.nansum(a)}: NaN counted as zero, numpy's pairwise order. */
    public static double nansum(INDArray a) {
        double[] v = a.dup('c').data().asDouble();
        for (int i = 0; i < v.length; i++) {
            if (Double.isNaN(v[i])) {
                v[i] = 0.0;
            }
        }
        return NumpySum.sum(v);
    }

    /** {@code update_parameters(parameters, grads, learning_rate)}: {@code W = W - learning_rate * dW}. */
    public static Parameters updateParameters(Parameters parameters, Gradients grads, double learningRate) {
        return DeepNetwork.updateParameters(parameters, grads, learningRate);
    }

    /** {@code predict(X, y, parameters)}'s {@code p}: 1 where {@code a3 > 0.5}, shape (1, m), DOUBLE. */
    public static INDArray predict(INDArray X, Parameters parameters) {
        // a3, caches = forward_propagation(X, parameters); p[0,i] = 1 if a3[0,i] > 0.5 else 0
        return forwardPropagation(X, parameters).A3().gt(0.5).castTo(DataType.DOUBLE);
    }

    /** {@code predict_dec(parameters, X)}: {@code a3 > 0.5} (the decision-boundary plots). */
    public static INDArray predictDec(Parameters parameters, INDArray X) {
        return predict(X, parameters);
    }

    /** The printed accuracy {@code np.mean(p[0,:] == y[0,:])}: right answers divided by m. */
    public static double accuracy(INDArray p, INDArray y) {
        Shapes.requireSameShape(y, "y", p, "p");
        double[] pv = p.dup('c').data().asDouble();
        double[] yv = y.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double right = 0;
        for (int i = 0; i < pv.length; i++) {
            // p[0,:] == y[0,:]
            if (pv[i] == yv[i]) {
                right += 1;
            }
        }
        // np.mean(...): the sum of the 0/1 values (exact) divided by m
        return right / pv.length;
    }

    static void check(INDArray X, Parameters parameters) {
        if (parameters.layers() != 3) {
            throw new IllegalArgumentException("the Course 2 helpers' network has 3 layers (W1, W2, W3) but"
                    + " parameters has " + parameters.names());
        }
        DeepNetwork.checkModel(X, parameters);
    }
}
