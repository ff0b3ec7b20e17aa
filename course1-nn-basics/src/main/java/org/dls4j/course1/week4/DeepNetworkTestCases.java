package org.dls4j.course1.week4;

import java.util.List;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.scratch.dense.Cache;
import org.dls4j.shared.scratch.dense.Gradients;
import org.dls4j.shared.scratch.dense.LinearCache;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The step-by-step notebook's {@code testCases.py} (2021, identical to {@code testCases_v4a.py}): each generator seeds
 * numpy and draws its arrays in the notebook's order ({@link NumpyRandom}), so the inputs are the notebook's to the
 * last bit. It belongs to the assignment, as the Python file does: {@link DeepNetworkStepByStep} runs each graded
 * function on them and prints what the notebook prints, and {@code DeepNetworkStepByStepTest} checks the results
 * against the notebook's Expected Output.
 */
public final class DeepNetworkTestCases {

    private DeepNetworkTestCases() {
    }

    /** {@code np.random.seed(1)}; {@code A = randn(3,2)}, {@code W = randn(1,3)}, {@code b = randn(1,1)}. */
    public static INDArray[] linearForward() {
        NumpyRandom rng = new NumpyRandom(1);
        return new INDArray[] {rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1)};
    }

    /** {@code np.random.seed(2)}; {@code A_prev = randn(3,2)}, {@code W = randn(1,3)}, {@code b = randn(1,1)}. */
    public static INDArray[] linearActivationForward() {
        NumpyRandom rng = new NumpyRandom(2);
        return new INDArray[] {rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1)};
    }

    /** Input and parameters of a test case. */
    public record Model(INDArray X, Parameters parameters) {
    }

    /** {@code L_model_forward_test_case_2hidden}: {@code np.random.seed(6)}; X (5,4), W1..W3, b1..b3. */
    public static Model lModelForward2Hidden() {
        NumpyRandom rng = new NumpyRandom(6);
        INDArray X = rng.randn(5, 4);
        Parameters p = Parameters.of("W1", rng.randn(4, 5), "b1", rng.randn(4, 1), "W2", rng.randn(3, 4),
                "b2", rng.randn(3, 1), "W3", rng.randn(1, 3), "b3", rng.randn(1, 1));
        return new Model(X, p);
    }

    /** {@code Y = np.asarray([[1, 1, 0]])}, {@code aL = np.array([[.8, .9, 0.4]])}: returns {AL, Y}. */
    public static INDArray[] computeCost() {
        return new INDArray[] {Nd4j.createFromArray(new double[][] {{.8, .9, .4}}),
            Nd4j.createFromArray(new double[][] {{1, 1, 0}})};
    }

    /** {@code np.random.seed(1)}; {@code dZ = randn(3,4)} (then A, W, b of {@link #linearBackwardCache}). */
    public static INDArray linearBackwardDZ() {
        return new NumpyRandom(1).randn(3, 4);
    }

    /** The same stream after dZ: {@code A = randn(5,4)}, {@code W = randn(3,5)}, {@code b = randn(3,1)}. */
    public static LinearCache linearBackwardCache() {
        NumpyRandom rng = new NumpyRandom(1);
        rng.randn(3, 4);
        return new LinearCache(rng.randn(5, 4), rng.randn(3, 5), rng.randn(3, 1));
    }

    /** Gradient and cache of a test case. */
    public record Backward(INDArray dA, Cache cache) {
    }

    /** {@code np.random.seed(2)}; dA (1,2), A (3,2), W (1,3), b (1,1), Z (1,2). */
    public static Backward linearActivationBackward() {
        NumpyRandom rng = new NumpyRandom(2);
        INDArray dA = rng.randn(1, 2);
        LinearCache linear = new LinearCache(rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1));
        return new Backward(dA, new Cache(linear, rng.randn(1, 2)));
    }

    /** Output, labels and caches of a test case. */
    public record ModelBackward(INDArray AL, INDArray Y, List<Cache> caches) {
    }

    /**
     * {@code np.random.seed(3)}; {@code AL = randn(1,2)}, {@code Y = [[1, 0]]}, then A1 (4,2), W1 (3,4), b1 (3,1),
     * Z1 (3,2), A2 (3,2), W2 (1,3), b2 (1,1), Z2 (1,2).
     */
    public static ModelBackward lModelBackward() {
        NumpyRandom rng = new NumpyRandom(3);
        INDArray AL = rng.randn(1, 2);
        INDArray Y = Nd4j.createFromArray(new double[][] {{1, 0}});
        // arguments are evaluated left to right: A1, W1, b1, then Z1; A2, W2, b2, then Z2
        Cache first = new Cache(new LinearCache(rng.randn(4, 2), rng.randn(3, 4), rng.randn(3, 1)), rng.randn(3, 2));
        Cache second = new Cache(new LinearCache(rng.randn(3, 2), rng.randn(1, 3), rng.randn(1, 1)), rng.randn(1, 2));
        return new ModelBackward(AL, Y, List.of(first, second));
    }

    /** Parameters and gradients of a test case. */
    public record Update(Parameters parameters, Gradients grads) {
    }

    /** {@code np.random.seed(2)}: W1 (3,4), b1 (3,1), W2 (1,3), b2 (1,1); {@code np.random.seed(3)}: the grads. */
    public static Update updateParameters() {
        NumpyRandom rng = new NumpyRandom(2);
        Parameters p = Parameters.of("W1", rng.randn(3, 4), "b1", rng.randn(3, 1), "W2", rng.randn(1, 3),
                "b2", rng.randn(1, 1));
        rng.seed(3);
        Gradients g = Gradients.of("dW1", rng.randn(3, 4), "db1", rng.randn(3, 1), "dW2", rng.randn(1, 3),
                "db2", rng.randn(1, 1));
        return new Update(p, g);
    }
}
