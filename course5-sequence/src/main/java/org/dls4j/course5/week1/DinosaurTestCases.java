package org.dls4j.course5.week1;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The inputs of the Dinosaur Island test cells, drawn as the notebook draws them. */
public final class DinosaurTestCases {

    /** {@code optimize}'s test: {@code X}, {@code Y}, {@code a_prev} and the parameters. */
    public record OptimizeCase(int[] X, int[] Y, INDArray aPrev, Parameters parameters) {
    }

    private DinosaurTestCases() {
    }

    /**
     * {@code clip}'s test: {@code np.random.seed(3)}; {@code dWax = randn(5, 3) * 10}, {@code dWaa = randn(5, 5) * 10},
     * {@code dWya = randn(2, 5) * 10}, {@code db = randn(5, 1) * 10}, {@code dby = randn(2, 1) * 10}.
     */
    public static Parameters clipGradients() {
        NumpyRandom random = new NumpyRandom(3);
        return Parameters.of("dWax", random.randn(5, 3).muli(10), "dWaa", random.randn(5, 5).muli(10),
                "dWya", random.randn(2, 5).muli(10), "db", random.randn(5, 1).muli(10),
                "dby", random.randn(2, 1).muli(10));
    }

    /**
     * {@code sample}'s test: {@code np.random.seed(seed)} (2018: 2; 2021: 24); n_a = 100, vocab 27;
     * {@code Wax = randn(100, 27)}, {@code Waa = randn(100, 100)}, {@code Wya = randn(27, 100)},
     * {@code b = randn(100, 1)}, {@code by = randn(27, 1)}.
     */
    public static Parameters sampleParameters(long seed) {
        return parameters(new NumpyRandom(seed));
    }

    /**
     * {@code optimize}'s test: {@code np.random.seed(1)}; {@code a_prev = randn(100, 1)}, then the parameters as in
     * {@link #sampleParameters}; {@code X = [12, 3, 5, 11, 22, 3]}, {@code Y = [4, 14, 11, 22, 25, 26]}.
     */
    public static OptimizeCase optimizeCase() {
        NumpyRandom random = new NumpyRandom(1);
        INDArray aPrev = random.randn(100, 1);
        return new OptimizeCase(new int[] {12, 3, 5, 11, 22, 3}, new int[] {4, 14, 11, 22, 25, 26}, aPrev,
                parameters(random));
    }

    private static Parameters parameters(NumpyRandom random) {
        INDArray wax = random.randn(100, 27);
        INDArray waa = random.randn(100, 100);
        INDArray wya = random.randn(27, 100);
        INDArray b = random.randn(100, 1);
        INDArray by = random.randn(27, 1);
        return Parameters.of("Wax", wax, "Waa", waa, "Wya", wya, "b", b, "by", by);
    }
}
