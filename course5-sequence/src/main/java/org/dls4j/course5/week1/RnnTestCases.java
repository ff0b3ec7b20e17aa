package org.dls4j.course5.week1;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The inputs of the "Building a Recurrent Neural Network - Step by Step" test cells and of the 2021
 * {@code public_tests.py}, drawn with {@code np.random.seed(s)} and {@code np.random.randn} in the notebook's order
 * (the order matters: {@code Waa} before {@code Wax} in the forward cells, after it in the backward cells).
 */
public final class RnnTestCases {

    /** A sequence {@code x}, the first hidden state and the parameters; {@code extra} what the cell draws next. */
    public record Case(INDArray x, INDArray a0, Parameters parameters, INDArray... extra) {
    }

    private RnnTestCases() {
    }

    /**
     * {@code seed}: {@code x = randn(n_x, m[, T])}, {@code a0 = randn(n_a, m)}, then the basic RNN's weights,
     * {@code Waa} first when {@code waaFirst}, then {@code Wya}, {@code ba}, {@code by}.
     */
    static Case rnn(long seed, int nX, int m, int steps, int nA, int nY, boolean waaFirst) {
        NumpyRandom random = new NumpyRandom(seed);
        INDArray x = steps == 0 ? random.randn(nX, m) : random.randn(nX, m, steps);
        INDArray a0 = random.randn(nA, m);
        INDArray first = waaFirst ? random.randn(nA, nA) : random.randn(nA, nX);
        INDArray second = waaFirst ? random.randn(nA, nX) : random.randn(nA, nA);
        INDArray waa = waaFirst ? first : second;
        INDArray wax = waaFirst ? second : first;
        INDArray wya = random.randn(nY, nA);
        INDArray ba = random.randn(nA, 1);
        INDArray by = random.randn(nY, 1);
        Parameters parameters = Parameters.of("Waa", waa, "Wax", wax, "Wya", wya, "ba", ba, "by", by);
        if (steps == 0) {
            // the backward cell's da_next
            return new Case(x, a0, parameters, random.randn(nA, m));
        }
        return new Case(x, a0, parameters, random.randn(nA, m, steps));
    }

    /**
     * {@code seed}: {@code x = randn(n_x, m[, T])}, {@code a0 = randn(n_a, m)}, [{@code c_prev = randn(n_a, m)} for a
     * cell], then {@code Wf, bf, Wi, bi, Wo, bo, Wc, bc}, then {@code Wy, by} drawn or zeros; then
     * {@code extra} arrays of {@code (n_a, m[, daSteps])}.
     */
    static Case lstm(long seed, int nX, int m, int steps, int nA, int nY, boolean drawWy, int daSteps, int extra) {
        NumpyRandom random = new NumpyRandom(seed);
        INDArray x = steps == 0 ? random.randn(nX, m) : random.randn(nX, m, steps);
        INDArray a0 = random.randn(nA, m);
        INDArray cPrev = steps == 0 ? random.randn(nA, m) : null;
        Parameters parameters = new Parameters();
        for (String gate : new String[] {"f", "i", "o", "c"}) {
            parameters.put("W" + gate, random.randn(nA, nA + nX));
            parameters.put("b" + gate, random.randn(nA, 1));
        }
        parameters.put("Wy", drawWy ? random.randn(nY, nA) : Nd4j.zeros(nY, nA));
        parameters.put("by", drawWy ? random.randn(nY, 1) : Nd4j.zeros(nY, 1));
        INDArray[] more = new INDArray[extra + (cPrev == null ? 0 : 1)];
        int k = 0;
        if (cPrev != null) {
            more[k++] = cPrev;
        }
        for (int e = 0; e < extra; e++) {
            more[k++] = daSteps == 0 ? random.randn(nA, m) : random.randn(nA, m, daSteps);
        }
        return new Case(x, a0, parameters, more);
    }

    /** rnn_cell_forward: seed(1); xt (3, 10), a_prev (5, 10), Waa, Wax, Wya, ba, by. */
    public static Case rnnCellForward() {
        return rnn(1, 3, 10, 0, 5, 2, true);
    }

    /** rnn_forward: seed(1); x (3, 10, 4), a0 (5, 10), Waa, Wax, Wya, ba, by. */
    public static Case rnnForward() {
        return rnn(1, 3, 10, 4, 5, 2, true);
    }

    /** rnn_cell_backward (2021): seed(1); xt, a_prev, Wax, Waa, Wya, ba, by; then da_next (5, 10) in extra[0]. */
    public static Case rnnCellBackward() {
        return rnn(1, 3, 10, 0, 5, 2, false);
    }

    /**
     * rnn_cell_backward (2018): the same draws, but the cell drew {@code b} (unused) where 2021 draws {@code ba}, and
     * the {@code ba} used is the stale global of the rnn_forward cell.
     */
    public static Case rnnCellBackward2018() {
        Case c = rnnCellBackward();
        c.parameters().put("ba", rnnForward().parameters().get("ba"));
        return c;
    }

    /** rnn_backward: seed(1); x (3, 10, 4), a0, Wax, Waa, Wya, ba, by; then da (5, 10, 4) in extra[0]. */
    public static Case rnnBackward() {
        return rnn(1, 3, 10, 4, 5, 2, false);
    }

    /** lstm_cell_forward: seed(1); xt (3, 10), a_prev (5, 10), c_prev (5, 10) in extra[0], the ten parameters. */
    public static Case lstmCellForward() {
        return lstm(1, 3, 10, 0, 5, 2, true, 0, 0);
    }

    /** lstm_forward: seed(1); x (3, 10, 7), a0 (5, 10), the ten parameters. */
    public static Case lstmForward() {
        return lstm(1, 3, 10, 7, 5, 2, true, 0, 0);
    }

    /** lstm_cell_backward: as lstm_cell_forward, then da_next, dc_next (5, 10) in extra[1], extra[2]. */
    public static Case lstmCellBackward() {
        return lstm(1, 3, 10, 0, 5, 2, true, 0, 2);
    }

    /** lstm_backward (2021): seed(1); x (3, 10, 7), a0, eight gate draws, Wy, by zeros; da (5, 10, 4) in extra[0]. */
    public static Case lstmBackward() {
        return lstm(1, 3, 10, 7, 5, 2, false, 4, 1);
    }

    /** public_tests.rnn_forward_test: seed(17); x (4, 8, 13), a0 (7, 8), Waa, Wax, Wya (3, 7), ba, by. */
    public static Case rnnForwardPublicTest() {
        return rnn(17, 4, 8, 13, 7, 3, true);
    }

    /** public_tests.lstm_cell_forward_test: seed(212); x (4, 8), a0 (7, 8), c0 (7, 8), Wf (7, 11), ..., Wy (3, 7). */
    public static Case lstmCellForwardPublicTest() {
        return lstm(212, 4, 8, 0, 7, 3, true, 0, 0);
    }

    /** public_tests.lstm_forward_test: seed(45); x (4, 13, 16), a0 (3, 13), Wf (3, 7), ..., Wy (2, 3). */
    public static Case lstmForwardPublicTest() {
        return lstm(45, 4, 13, 16, 3, 2, true, 0, 0);
    }
}
