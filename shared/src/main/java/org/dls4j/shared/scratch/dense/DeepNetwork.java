package org.dls4j.shared.scratch.dense;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.dls4j.shared.NumpySum;
import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The building blocks of an L-layer network, one method per notebook function ({@code linear_forward},
 * {@code linear_activation_forward}, {@code L_model_forward}, {@code linear_backward},
 * {@code linear_activation_backward}, {@code L_model_backward}, {@code update_parameters}, {@code predict}), each
 * returning new arrays as the numpy code does. They are the readable reference; {@link GradientDescent} is the
 * same arithmetic engineered for speed (preallocated buffers, in-place updates, a workspace per iteration).
 *
 * <p>Shapes are checked with the message a learner's {@code assert} would give, e.g.
 * {@code W2 must have shape (7, 20) but was (20, 7)}.
 */
public final class DeepNetwork {

    /** {@code Z, cache = linear_forward(A, W, b)}. */
    public record LinearOutput(INDArray Z, LinearCache cache) {
    }

    /** {@code A, cache = linear_activation_forward(A_prev, W, b, activation)}. */
    public record LayerOutput(INDArray A, Cache cache) {
    }

    /** {@code AL, caches = L_model_forward(X, parameters)}; {@code len(caches) == L}. */
    public record ModelOutput(INDArray AL, List<Cache> caches) {
    }

    /** {@code dA_prev, dW, db = linear_backward(dZ, cache)}. */
    public record LinearGradients(INDArray dAPrev, INDArray dW, INDArray db) {
    }

    private DeepNetwork() {
    }

    /** {@code linear_forward}: {@code Z = np.dot(W, A) + b}, cache {@code (A, W, b)}. */
    public static LinearOutput linearForward(INDArray A, INDArray W, INDArray b) {
        requireMatrix(A, "A");
        requireMatrix(W, "W");
        Shapes.require(W, "W", W.size(0), A.size(0));
        Shapes.require(b, "b", W.size(0), 1);
        // Z = np.dot(W, A) + b
        INDArray Z = W.mmul(A).addiColumnVector(b);
        return new LinearOutput(Z, new LinearCache(A, W, b));
    }

    /** {@code linear_activation_forward(A_prev, W, b, activation)}: {@code A = g(np.dot(W, A_prev) + b)}. */
    public static LayerOutput linearActivationForward(INDArray aPrev, INDArray W, INDArray b, ActivationFunction activation) {
        // Z, linear_cache = linear_forward(A_prev, W, b)
        LinearOutput linear = linearForward(aPrev, W, b);
        // A, activation_cache = sigmoid(Z)  /  relu(Z)
        INDArray A = activation.forward(linear.Z());
        // cache = (linear_cache, activation_cache)
        return new LayerOutput(A, new Cache(linear.cache(), linear.Z()));
    }

    /** The same with the notebook's string: {@code "sigmoid"}, {@code "relu"} or {@code "tanh"}. */
    public static LayerOutput linearActivationForward(INDArray aPrev, INDArray W, INDArray b, String activation) {
        return linearActivationForward(aPrev, W, b, ActivationFunction.of(activation));
    }

    /** {@code L_model_forward(X, parameters)}: {@code [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID}. */
    public static ModelOutput lModelForward(INDArray X, Parameters parameters) {
        return lModelForward(X, parameters, ActivationFunction.RELU, ActivationFunction.SIGMOID);
    }

    /** {@code [LINEAR -> hidden] * (L-1) -> LINEAR -> output}, e.g. tanh hidden layers. */
    public static ModelOutput lModelForward(INDArray X, Parameters parameters, ActivationFunction hidden, ActivationFunction output) {
        int layers = checkModel(X, parameters);
        List<Cache> caches = new ArrayList<>(layers);
        INDArray A = X;
        // for l in range(1, L): A, cache = linear_activation_forward(A_prev, W_l, b_l, "relu"); caches.append(cache)
        for (int l = 1; l < layers; l++) {
            LayerOutput layer = linearActivationForward(A, parameters.W(l), parameters.b(l), hidden);
            A = layer.A();
            caches.add(layer.cache());
        }
        // AL, cache = linear_activation_forward(A, W_L, b_L, "sigmoid"); caches.append(cache)
        LayerOutput last = linearActivationForward(A, parameters.W(layers), parameters.b(layers), output);
        caches.add(last.cache());
        return new ModelOutput(last.A(), Collections.unmodifiableList(caches));
    }

    /**
     * {@code linear_backward(dZ, cache)} ({@code dnn_app_utils_v3}'s arithmetic):
     * {@code dW = 1./m * np.dot(dZ, A_prev.T)}, {@code db = 1./m * np.sum(dZ, axis=1, keepdims=True)},
     * {@code dA_prev = np.dot(W.T, dZ)}.
     */
    public static LinearGradients linearBackward(INDArray dZ, LinearCache cache) {
        INDArray aPrev = cache.aPrev();
        INDArray W = cache.W();
        Shapes.require(dZ, "dZ", W.size(0), aPrev.size(1));
        long m = aPrev.size(1);
        // dW = 1./m * np.dot(dZ, A_prev.T)
        INDArray dW = Nd4j.gemm(dZ, aPrev, false, true).muli(1.0 / m);
        // db = 1./m * np.sum(dZ, axis=1, keepdims=True)
        INDArray db = NumpySum.rows(dZ).muli(1.0 / m);
        // dA_prev = np.dot(W.T, dZ)
        INDArray dAPrev = Nd4j.gemm(W, dZ, true, false);
        return new LinearGradients(dAPrev, dW, db);
    }

    /** {@code linear_activation_backward(dA, cache, activation)}: {@code dZ = g_backward(dA, Z)}, then linear. */
    public static LinearGradients linearActivationBackward(INDArray dA, Cache cache, ActivationFunction activation) {
        // dZ = relu_backward(dA, activation_cache)  /  sigmoid_backward(dA, activation_cache)
        INDArray dZ = activation.backward(dA, cache.Z());
        // dA_prev, dW, db = linear_backward(dZ, linear_cache)
        return linearBackward(dZ, cache.linear());
    }

    /** The same with the notebook's string activation. */
    public static LinearGradients linearActivationBackward(INDArray dA, Cache cache, String activation) {
        return linearActivationBackward(dA, cache, ActivationFunction.of(activation));
    }

    /** {@code L_model_backward(AL, Y, caches)} for {@code [LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID}. */
    public static Gradients lModelBackward(INDArray AL, INDArray Y, List<Cache> caches) {
        return lModelBackward(AL, Y, caches, ActivationFunction.RELU);
    }

    /**
     * {@code L_model_backward} with another hidden activation. Keys: {@code dA(l-1), dW(l), db(l)} for every layer
     * l (2019+ convention: {@code dA0} is the gradient with respect to X).
     */
    public static Gradients lModelBackward(INDArray AL, INDArray Y, List<Cache> caches, ActivationFunction hidden) {
        Gradients grads = new Gradients();
        int layers = caches.size();
        requireOneSigmoidUnit(AL);
        // Y = Y.reshape(AL.shape)
        if (Y.length() != AL.length()) {
            throw new IllegalArgumentException("Y must have the shape of AL, " + Shapes.format(AL.shape())
                    + ", but was " + Shapes.format(Y.shape()) + " (one row of labels, one per example)");
        }
        INDArray y = Y.reshape(AL.shape());
        // dAL = - (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
        INDArray dAL = y.div(AL).subi(y.rsub(1.0).divi(AL.rsub(1.0))).negi();
        // grads["dA"+str(L-1)], grads["dW"+str(L)], grads["db"+str(L)] = linear_activation_backward(dAL, caches[L-1], "sigmoid")
        LinearGradients last = linearActivationBackward(dAL, caches.get(layers - 1), ActivationFunction.SIGMOID);
        grads.put("dA" + (layers - 1), last.dAPrev()).put("dW" + layers, last.dW()).put("db" + layers, last.db());
        // for l in reversed(range(L-1)):
        for (int l = layers - 2; l >= 0; l--) {
            // dA_prev_temp, dW_temp, db_temp = linear_activation_backward(grads["dA" + str(l + 1)], caches[l], "relu")
            LinearGradients g = linearActivationBackward(grads.dA(l + 1), caches.get(l), hidden);
            grads.put("dA" + l, g.dAPrev()).put("dW" + (l + 1), g.dW()).put("db" + (l + 1), g.db());
        }
        return grads;
    }

    /**
     * {@code update_parameters(params, grads, learning_rate)}: {@code W_l = W_l - learning_rate * dW_l},
     * {@code b_l = b_l - learning_rate * db_l}. Returns new parameters (the 2021 notebook deep-copies {@code params}
     * first), leaving the input unchanged; entries other than the layers' {@code W}/{@code b} are copied along.
     */
    public static Parameters updateParameters(Parameters params, Gradients grads, double learningRate) {
        Parameters parameters = new Parameters();
        int layers = params.layers();
        params.asMap().forEach((name, value) -> parameters.put(name, value));
        // for l in range(L):
        for (int l = 1; l <= layers; l++) {
            Shapes.requireSameShape(params.W(l), "W" + l, grads.dW(l), "dW" + l);
            Shapes.requireSameShape(params.b(l), "b" + l, grads.db(l), "db" + l);
            // parameters["W" + str(l+1)] = parameters["W" + str(l+1)] - learning_rate * grads["dW" + str(l+1)]
            parameters.put("W" + l, params.W(l).sub(grads.dW(l).mul(learningRate)));
            // parameters["b" + str(l+1)] = parameters["b" + str(l+1)] - learning_rate * grads["db" + str(l+1)]
            parameters.put("b" + l, params.b(l).sub(grads.db(l).mul(learningRate)));
        }
        return parameters;
    }

    /** The probabilities {@code AL} for {@code X} ({@code L_model_forward} without the caches). */
    public static INDArray predictProbabilities(INDArray X, Parameters parameters) {
        return lModelForward(X, parameters).AL();
    }

    /** {@code predict(X, y, parameters)}'s {@code p}: 1 where the probability is strictly above 0.5, else 0; (1, m). */
    public static INDArray predict(INDArray X, Parameters parameters) {
        INDArray probas = predictProbabilities(X, parameters);
        // p[0,i] = 1 if probas[0,i] > 0.5 else 0
        return probas.gt(0.5).castTo(DataType.DOUBLE);
    }

    /**
     * The accuracy {@code predict} prints, {@code np.sum((p == y)/m)}: a fraction, summed in numpy's order (so 209
     * right out of 209 prints {@code 0.9999999999999998}, as in the 2021 notebook). {@code y} must be 0/1 labels
     * ({@link #requireBinaryLabels}).
     */
    public static double accuracy(INDArray p, INDArray y) {
        requireBinaryLabels(y, "y");
        Shapes.requireSameShape(y, "y", p, "p");
        double[] pv = p.dup('c').data().asDouble();
        double[] yv = y.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        int m = pv.length;
        double[] right = new double[m];
        for (int i = 0; i < m; i++) {
            // (p == y)/m
            right[i] = pv[i] == yv[i] ? 1.0 / m : 0.0;
        }
        // np.sum(...)
        return NumpySum.sum(right);
    }

    /**
     * Checks what this network's output assumes of its labels: {@code Y} is one row {@code (1, m)} of 0/1 labels, one
     * per example, as the single sigmoid unit of {@code L_model_forward} predicts. (The training loops only need the
     * row: the 2021 notebook's own {@code two_layer_model_test} trains on {@code Y = np.random.randn(1, 10)}.)
     *
     * @throws IllegalArgumentException naming the shape, or the first label that is not 0 or 1
     */
    public static void requireBinaryLabels(INDArray Y, String name) {
        if (Y.rank() != 2 || Y.size(0) != 1) {
            throw new IllegalArgumentException(name + " must be one row (1, m) of 0/1 labels (this network has one"
                    + " sigmoid output unit) but has shape " + Shapes.format(Y.shape()));
        }
        for (long i = 0; i < Y.size(1); i++) {
            double label = Y.getDouble(0, i);
            if (label != 0 && label != 1) {
                throw new IllegalArgumentException(name + " must be one row (1, m) of 0/1 labels (this network has"
                        + " one sigmoid output unit), but " + name + "[0, " + i + "] is " + label);
            }
        }
    }

    /**
     * {@code L_model_backward}'s {@code dAL} is the derivative of the cross-entropy of <em>one</em> sigmoid unit (the
     * notebook's design): {@code AL} must be one row {@code (1, m)}.
     */
    private static void requireOneSigmoidUnit(INDArray AL) {
        if (AL.rank() != 2 || AL.size(0) != 1) {
            throw new IllegalArgumentException("AL must be one row (1, m): L_model_backward's dAL is the cross-entropy"
                    + " of one sigmoid output unit, but AL has shape " + Shapes.format(AL.shape()));
        }
    }

    /** Checks X and every W/b pair against each other; returns L. */
    static int checkModel(INDArray X, Parameters parameters) {
        requireMatrix(X, "X");
        if (X.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException("X must be DOUBLE (numpy float64) but was " + X.dataType()
                    + "; build X as DOUBLE (ND4J's default data type is DOUBLE in every assignment)");
        }
        int layers = parameters.layers();
        if (layers == 0) {
            throw new IllegalArgumentException("parameters has no W1; it has " + parameters.names());
        }
        parameters.requireDouble();
        Shapes.requireDim(X, "X", 0, parameters.W(1).size(1));
        long previous = X.size(0);
        for (int l = 1; l <= layers; l++) {
            INDArray w = parameters.W(l);
            requireMatrix(w, "W" + l);
            Shapes.require(w, "W" + l, w.size(0), previous);
            Shapes.require(parameters.b(l), "b" + l, w.size(0), 1);
            previous = w.size(0);
        }
        return layers;
    }

    private static void requireMatrix(INDArray a, String name) {
        if (a == null || a.rank() != 2) {
            throw new IllegalArgumentException(name + " must be a 2-D array (rows, columns) but was "
                    + (a == null ? "null" : "of shape " + Shapes.format(a.shape())));
        }
    }
}
