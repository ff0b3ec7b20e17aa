package org.dls4j.shared.scratch.dense;

/**
 * {@code update_parameters_with_adam}: with {@code t} the number of updates so far (from 1),
 * {@code v = beta1 v + (1 - beta1) dW}, {@code s = beta2 s + (1 - beta2) dW**2}, both bias-corrected by
 * {@code 1 - beta**t}, and {@code W = W - learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon)}. The
 * averages start at zero ({@code initialize_adam}), the counter at 0.
 */
public final class AdamRule implements UpdateRule {

    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private double[][] v;
    private double[][] s;
    private int t;

    public AdamRule(double beta1, double beta2, double epsilon) {
        if (!(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta1 and beta2 must be in [0, 1) but were " + beta1 + " and " + beta2);
        }
        if (!(epsilon > 0 && Double.isFinite(epsilon))) {
            throw new IllegalArgumentException("epsilon must be a finite number greater than 0 but was " + epsilon);
        }
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
    }

    /** Adam's counter {@code t}: the number of updates so far. */
    public int t() {
        return t;
    }

    @Override
    public void update(double[][] parameters, double[][] gradients, double learningRate) {
        if (v == null) {
            // v, s = initialize_adam(parameters)
            v = UpdateRule.zerosLike(parameters);
            s = UpdateRule.zerosLike(parameters);
        }
        UpdateRule.requireSameSizes(v, parameters);
        // t = t + 1 (the model counts the updates)
        t++;
        // 1 - beta1 ** t, 1 - beta2 ** t
        double c1 = 1 - Math.pow(beta1, t);
        double c2 = 1 - Math.pow(beta2, t);
        for (int p = 0; p < parameters.length; p++) {
            double[] theta = parameters[p];
            double[] g = gradients[p];
            double[] vp = v[p];
            double[] sp = s[p];
            for (int k = 0; k < theta.length; k++) {
                double gk = g[k];
                // v["dW" + str(l)] = beta1 * v["dW" + str(l)] + (1 - beta1) * grads['dW' + str(l)]
                vp[k] = beta1 * vp[k] + (1 - beta1) * gk;
                // v_corrected["dW" + str(l)] = v["dW" + str(l)] / (1 - beta1 ** t)
                double vc = vp[k] / c1;
                // s["dW" + str(l)] = beta2 * s["dW" + str(l)] + (1 - beta2) * np.square(grads['dW' + str(l)])
                sp[k] = beta2 * sp[k] + (1 - beta2) * (gk * gk);
                // s_corrected["dW" + str(l)] = s["dW" + str(l)] / (1 - beta2 ** t)
                double sc = sp[k] / c2;
                // W = W - learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon)
                theta[k] = theta[k] - learningRate * vc / (Math.sqrt(sc) + epsilon);
            }
        }
    }
}
