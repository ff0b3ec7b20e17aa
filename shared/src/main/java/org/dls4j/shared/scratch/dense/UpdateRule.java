package org.dls4j.shared.scratch.dense;

/**
 * How a {@link TrainingLoop} moves the parameters after each step: the fused counterpart of the notebooks'
 * {@code update_parameters_with_gd / _momentum / _adam}, on plain arrays. The parameters come as
 * {@code W1, b1, W2, b2, ...} and the gradients in the same order; the rule updates the parameters in place and
 * keeps its own state (velocities, Adam's averages and counter), which starts at zero
 * ({@code initialize_velocity}, {@code initialize_adam}) with the sizes of the first call.
 */
public interface UpdateRule {

    /** One update of every parameter array from its gradient, in place. */
    void update(double[][] parameters, double[][] gradients, double learningRate);

    /** State arrays shaped like {@code parameters}, zeros ({@code np.zeros(parameters["W" + str(l)].shape)}). */
    static double[][] zerosLike(double[][] parameters) {
        double[][] zeros = new double[parameters.length][];
        for (int k = 0; k < parameters.length; k++) {
            zeros[k] = new double[parameters[k].length];
        }
        return zeros;
    }

    /** Throws when {@code state} was made for other parameters than {@code parameters}. */
    static void requireSameSizes(double[][] state, double[][] parameters) {
        boolean same = state.length == parameters.length;
        for (int k = 0; same && k < state.length; k++) {
            same = state[k].length == parameters[k].length;
        }
        if (!same) {
            throw new IllegalArgumentException("an update rule keeps state for one set of parameters; make a new one"
                    + " for other parameters");
        }
    }
}
