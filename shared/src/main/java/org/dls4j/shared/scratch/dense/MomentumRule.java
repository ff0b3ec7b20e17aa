package org.dls4j.shared.scratch.dense;

/**
 * {@code update_parameters_with_momentum}: {@code v = beta * v + (1 - beta) * dW}, {@code W = W - learning_rate * v}.
 * The velocities start at zero ({@code initialize_velocity}).
 */
public final class MomentumRule implements UpdateRule {

    private final double beta;
    private double[][] v;

    public MomentumRule(double beta) {
        if (!(beta >= 0 && beta < 1)) {
            throw new IllegalArgumentException("beta must be in [0, 1) but was " + beta);
        }
        this.beta = beta;
    }

    @Override
    public void update(double[][] parameters, double[][] gradients, double learningRate) {
        if (v == null) {
            // v = initialize_velocity(parameters)
            v = UpdateRule.zerosLike(parameters);
        }
        UpdateRule.requireSameSizes(v, parameters);
        for (int p = 0; p < parameters.length; p++) {
            double[] theta = parameters[p];
            double[] g = gradients[p];
            double[] vp = v[p];
            for (int k = 0; k < theta.length; k++) {
                // v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads['dW' + str(l)]
                vp[k] = beta * vp[k] + (1 - beta) * g[k];
                // parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
                theta[k] = theta[k] - learningRate * vp[k];
            }
        }
    }
}
