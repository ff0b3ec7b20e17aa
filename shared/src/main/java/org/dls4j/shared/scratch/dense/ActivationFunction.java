package org.dls4j.shared.scratch.dense;

import java.util.Locale;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The activations the notebooks name by string ({@code activation = "relu"}): forward {@code A = g(Z)} and
 * backward {@code dZ = dA * g'(Z)}, delegating to {@link Activations}.
 */
public enum ActivationFunction {
    /** {@code A = np.maximum(0, Z)}; backward {@code dZ = dA} where {@code Z > 0}, else 0. */
    RELU,
    /** {@code A = 1 / (1 + np.exp(-Z))}; backward {@code dZ = dA * s * (1 - s)}. */
    SIGMOID,
    /** {@code A = np.tanh(Z)}; backward {@code dZ = dA * (1 - np.tanh(Z)**2)}. */
    TANH;

    /** {@code A = g(Z)}, a new array. */
    public INDArray forward(INDArray z) {
        return switch (this) {
            case RELU -> Activations.relu(z);
            case SIGMOID -> Activations.sigmoid(z);
            case TANH -> Activations.tanh(z);
        };
    }

    /** {@code dZ = dA * g'(Z)}, a new array; {@code Z} is the activation cache. */
    public INDArray backward(INDArray dA, INDArray z) {
        return switch (this) {
            case RELU -> Activations.reluBackward(dA, z);
            case SIGMOID -> Activations.sigmoidBackward(dA, z);
            case TANH -> Activations.tanhBackward(dA, z);
        };
    }

    /** The notebook's string: {@code "relu"}, {@code "sigmoid"} or {@code "tanh"} (any case). */
    public static ActivationFunction of(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("activation must be \"relu\", \"sigmoid\" or \"tanh\" but was \""
                    + name + "\"");
        }
    }

    /** The notebook's spelling, e.g. {@code "relu"}. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
