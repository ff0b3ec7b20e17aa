package org.dls4j.shared.scratch.dense;

/** {@code update_parameters_with_gd}: {@code W = W - learning_rate * dW} for every array. No state. */
public final class GdRule implements UpdateRule {

    @Override
    public void update(double[][] parameters, double[][] gradients, double learningRate) {
        for (int p = 0; p < parameters.length; p++) {
            double[] theta = parameters[p];
            double[] g = gradients[p];
            for (int k = 0; k < theta.length; k++) {
                // parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads['dW' + str(l)]
                theta[k] = theta[k] - learningRate * g[k];
            }
        }
    }
}
