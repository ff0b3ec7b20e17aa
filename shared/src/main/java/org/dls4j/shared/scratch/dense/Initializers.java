package org.dls4j.shared.scratch.dense;

import org.dls4j.shared.NumpyRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The seeded initialisations of Course 1 week 4, each re-seeding numpy inside as the notebook's function does, so the
 * weights are the notebook's to the last bit ({@link NumpyRandom}; {@code randn(a, b)} fills row by row).
 * Biases are zeros (no draws). Every array is DOUBLE, whatever ND4J's default data type.
 */
public final class Initializers {

    /** The step-by-step notebook's {@code initialize_parameters}: {@code np.random.seed(1)}. */
    public static final long TWO_LAYER_SEED = 1;
    /** The step-by-step notebook's {@code initialize_parameters_deep}: {@code np.random.seed(3)}. */
    public static final long DEEP_SEED = 3;
    /** {@code dnn_app_utils_v3.initialize_parameters_deep}: {@code np.random.seed(1)}. */
    public static final long DEEP_SCALED_SEED = 1;

    private Initializers() {
    }

    /** {@code initialize_parameters(n_x, n_h, n_y)} with the notebook's seed 1. */
    public static Parameters initializeParameters(int nX, int nH, int nY) {
        return initializeParameters(nX, nH, nY, TWO_LAYER_SEED);
    }

    /**
     * {@code np.random.seed(seed); W1 = np.random.randn(n_h, n_x)*0.01; b1 = np.zeros((n_h, 1));
     * W2 = np.random.randn(n_y, n_h)*0.01; b2 = np.zeros((n_y, 1))}.
     */
    public static Parameters initializeParameters(int nX, int nH, int nY, long seed) {
        requirePositive(nX, nH, nY);
        // np.random.seed(1)
        NumpyRandom rng = new NumpyRandom(seed);
        // W1 = np.random.randn(n_h, n_x)*0.01
        INDArray w1 = rng.randn(nH, nX).muli(0.01);
        // b1 = np.zeros((n_h, 1))
        INDArray b1 = Nd4j.zeros(DataType.DOUBLE, nH, 1);
        // W2 = np.random.randn(n_y, n_h)*0.01
        INDArray w2 = rng.randn(nY, nH).muli(0.01);
        // b2 = np.zeros((n_y, 1))
        INDArray b2 = Nd4j.zeros(DataType.DOUBLE, nY, 1);
        return Parameters.of("W1", w1, "b1", b1, "W2", w2, "b2", b2);
    }

    /** {@code initialize_parameters_deep(layer_dims)} of the step-by-step notebook: seed 3, weights {@code *0.01}. */
    public static Parameters initializeParametersDeep(int... layerDims) {
        return initializeParametersDeep(DEEP_SEED, layerDims);
    }

    /**
     * {@code np.random.seed(seed)}, then for l = 1..L-1: {@code W_l = np.random.randn(n_l, n_{l-1}) * 0.01},
     * {@code b_l = np.zeros((n_l, 1))}.
     */
    public static Parameters initializeParametersDeep(long seed, int... layerDims) {
        return deep(seed, false, layerDims);
    }

    /**
     * The application's {@code dnn_app_utils_v3.initialize_parameters_deep}: seed 1, weights divided by
     * {@code np.sqrt(n_{l-1})} instead of multiplied by 0.01 (it trains the 4-layer cats model much faster).
     */
    public static Parameters initializeParametersDeepScaled(int... layerDims) {
        return initializeParametersDeepScaled(DEEP_SCALED_SEED, layerDims);
    }

    /** {@code np.random.seed(seed)}; {@code W_l = np.random.randn(n_l, n_{l-1}) / np.sqrt(n_{l-1})}. */
    public static Parameters initializeParametersDeepScaled(long seed, int... layerDims) {
        return deep(seed, true, layerDims);
    }

    private static Parameters deep(long seed, boolean scaled, int... layerDims) {
        if (layerDims.length < 2) {
            throw new IllegalArgumentException("layer_dims needs at least the input and one layer, e.g. [5, 4, 3]");
        }
        requirePositive(layerDims);
        // np.random.seed(3)
        NumpyRandom rng = new NumpyRandom(seed);
        Parameters parameters = new Parameters();
        // for l in range(1, L):
        for (int l = 1; l < layerDims.length; l++) {
            INDArray w = rng.randn(layerDims[l], layerDims[l - 1]);
            if (scaled) {
                // parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l-1]) / np.sqrt(layer_dims[l-1])
                w.divi(Math.sqrt(layerDims[l - 1]));
            } else {
                // parameters['W' + str(l)] = np.random.randn(layer_dims[l], layer_dims[l-1]) * 0.01
                w.muli(0.01);
            }
            parameters.put("W" + l, w);
            // parameters['b' + str(l)] = np.zeros((layer_dims[l], 1))
            parameters.put("b" + l, Nd4j.zeros(DataType.DOUBLE, layerDims[l], 1));
        }
        return parameters;
    }

    private static void requirePositive(int... dims) {
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("layer sizes must be positive but were "
                        + java.util.Arrays.toString(dims));
            }
        }
    }
}
