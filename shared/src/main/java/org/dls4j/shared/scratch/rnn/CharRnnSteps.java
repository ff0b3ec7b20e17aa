package org.dls4j.shared.scratch.rnn;

import java.util.ArrayList;
import java.util.List;

import org.dls4j.shared.GlibcLog;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The character-level RNN language model's given helpers ({@code utils.py} of "Dinosaur Island"), readable, in ND4J
 * float64: one example (a list of character indices) at a time, the hidden state {@code (n_a, 1)}, the parameters
 * {@code Wax (n_a, vocab)}, {@code Waa (n_a, n_a)}, {@code Wya (vocab, n_a)}, {@code b (n_a, 1)},
 * {@code by (vocab, 1)}. {@link CharRnn} is the same arithmetic fused, for training.
 *
 * <p>An input index of {@link #NONE} stands for Python's {@code None}: the zero vector the notebook feeds first.
 */
public final class CharRnnSteps {

    /** {@code X[0] = None}: no character, a zero input vector. */
    public static final int NONE = -1;

    /** The parameters' names, in the notebook's order. */
    public static final List<String> NAMES = List.of("Wax", "Waa", "Wya", "b", "by");

    /** {@code rnn_step_forward}'s {@code a_next, p_t}. */
    public record Step(INDArray aNext, INDArray pT) {
    }

    /** {@code rnn_forward}'s {@code loss} and {@code cache = (y_hat, a, x)}; {@code a.get(0)} is {@code a[-1]}. */
    public record Forward(double loss, List<INDArray> yHat, List<INDArray> a, List<INDArray> x) {
    }

    private CharRnnSteps() {
    }

    /**
     * {@code initialize_parameters(n_a, n_x, n_y)}: {@code np.random.seed(1)}; {@code Wax = randn(n_a, n_x)*0.01};
     * {@code Waa = randn(n_a, n_a)*0.01}; {@code Wya = randn(n_y, n_a)*0.01}; {@code b}, {@code by} zeros.
     */
    public static Parameters initializeParameters(int nA, int nX, int nY) {
        NumpyRandom random = new NumpyRandom(1);
        INDArray wax = random.randn(nA, nX).muli(0.01);
        INDArray waa = random.randn(nA, nA).muli(0.01);
        INDArray wya = random.randn(nY, nA).muli(0.01);
        return Parameters.of("Wax", wax, "Waa", waa, "Wya", wya, "b", Nd4j.zeros(nA, 1), "by", Nd4j.zeros(nY, 1));
    }

    /** {@code get_initial_loss(vocab_size, seq_length)}: {@code -np.log(1.0/vocab_size)*seq_length}. */
    public static double initialLoss(int vocabSize, int seqLength) {
        return -GlibcLog.log(1.0 / vocabSize) * seqLength;
    }

    /** {@code smooth(loss, cur_loss)}: {@code loss * 0.999 + cur_loss * 0.001}. */
    public static double smooth(double loss, double curLoss) {
        return loss * 0.999 + curLoss * 0.001;
    }

    /** The one-hot column {@code (vocab, 1)} of {@code index}, zeros for {@link #NONE}. */
    public static INDArray oneHot(int index, int vocabSize) {
        INDArray x = Nd4j.zeros(vocabSize, 1);
        if (index != NONE) {
            x.putScalar(index, 0, 1.0);
        }
        return x;
    }

    /**
     * {@code rnn_step_forward(parameters, a_prev, x)}: {@code a_next = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev)
     * + b)}; {@code p_t = softmax(np.dot(Wya, a_next) + by)}.
     */
    public static Step rnnStepForward(Parameters parameters, INDArray aPrev, INDArray x) {
        INDArray aNext = RnnUtils.tanh(parameters.get("Wax").mmul(x).addi(parameters.get("Waa").mmul(aPrev))
                .addi(parameters.get("b")));
        INDArray pT = RnnUtils.softmax(parameters.get("Wya").mmul(aNext).addi(parameters.get("by")));
        return new Step(aNext, pT);
    }

    /**
     * {@code rnn_forward(X, Y, a0, parameters, vocab_size)}: for each t, {@code x[t]} one-hot of {@code X[t]},
     * {@code a[t], y_hat[t] = rnn_step_forward(parameters, a[t-1], x[t])},
     * {@code loss -= np.log(y_hat[t][Y[t], 0])}.
     */
    public static Forward rnnForward(int[] X, int[] Y, INDArray a0, Parameters parameters, int vocabSize) {
        requireSameLength(X, Y);
        List<INDArray> x = new ArrayList<>();
        List<INDArray> a = new ArrayList<>();
        List<INDArray> yHat = new ArrayList<>();
        a.add(a0.dup());
        double loss = 0;
        for (int t = 0; t < X.length; t++) {
            x.add(oneHot(X[t], vocabSize));
            Step step = rnnStepForward(parameters, a.get(t), x.get(t));
            a.add(step.aNext());
            yHat.add(step.pT());
            loss -= GlibcLog.log(step.pT().getDouble(Y[t], 0));
        }
        return new Forward(loss, yHat, a, x);
    }

    /**
     * {@code rnn_step_backward(dy, gradients, parameters, x, a, a_prev)}: {@code dWya += np.dot(dy, a.T)};
     * {@code dby += dy}; {@code da = np.dot(Wya.T, dy) + da_next}; {@code daraw = (1 - a * a) * da};
     * {@code db += daraw}; {@code dWax += np.dot(daraw, x.T)}; {@code dWaa += np.dot(daraw, a_prev.T)};
     * {@code da_next = np.dot(Waa.T, daraw)}. Updates {@code gradients} in place.
     */
    public static void rnnStepBackward(INDArray dy, Parameters gradients, Parameters parameters, INDArray x,
            INDArray a, INDArray aPrev) {
        gradients.get("dWya").addi(dy.mmul(a.transpose()));
        gradients.get("dby").addi(dy);
        INDArray da = parameters.get("Wya").transpose().mmul(dy).addi(gradients.get("da_next"));
        INDArray daraw = a.mul(a).rsubi(1).muli(da);
        gradients.get("db").addi(daraw);
        gradients.get("dWax").addi(daraw.mmul(x.transpose()));
        gradients.get("dWaa").addi(daraw.mmul(aPrev.transpose()));
        gradients.put("da_next", parameters.get("Waa").transpose().mmul(daraw));
    }

    /**
     * {@code rnn_backward(X, Y, parameters, cache)}: zero gradients, then for t from last to first
     * {@code dy = np.copy(y_hat[t]); dy[Y[t]] -= 1} and {@link #rnnStepBackward}.
     *
     * @return {@code dWax}, {@code dWaa}, {@code dWya}, {@code db}, {@code dby}, {@code da_next}
     */
    public static Parameters rnnBackward(int[] X, int[] Y, Parameters parameters, Forward cache) {
        Parameters gradients = new Parameters();
        for (String name : NAMES) {
            gradients.put("d" + name, Nd4j.zerosLike(parameters.get(name)));
        }
        gradients.put("da_next", Nd4j.zerosLike(cache.a().get(0)));
        for (int t = X.length - 1; t >= 0; t--) {
            INDArray dy = cache.yHat().get(t).dup();
            dy.putScalar(Y[t], 0, dy.getDouble(Y[t], 0) - 1);
            rnnStepBackward(dy, gradients, parameters, cache.x().get(t), cache.a().get(t + 1), cache.a().get(t));
        }
        return gradients;
    }

    /** {@code update_parameters(parameters, gradients, lr)}: {@code W += -lr * dW} for each, in place. */
    public static void updateParameters(Parameters parameters, Parameters gradients, double lr) {
        for (String name : NAMES) {
            parameters.get(name).addi(gradients.get("d" + name).mul(-lr));
        }
    }

    static void requireSameLength(int[] X, int[] Y) {
        if (X.length != Y.length || X.length == 0) {
            throw new IllegalArgumentException("X and Y must be non-empty and of the same length, not " + X.length
                    + " and " + Y.length);
        }
    }
}
