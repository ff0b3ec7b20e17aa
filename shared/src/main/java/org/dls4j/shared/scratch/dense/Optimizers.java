package org.dls4j.shared.scratch.dense;

import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The update rules of Course 2 week 2, on the notebook's dictionaries: plain gradient descent, momentum (an
 * exponentially weighted average of the gradients), Adam (momentum plus RMSprop, with bias correction) and the two
 * learning-rate decays of the 2021 notebook. Like the notebook's functions they return updated dictionaries; unlike
 * them they update the arrays in place (the notebook rebinds its dictionary entries, which has the same effect on a
 * training loop). {@link TrainingLoop} runs the same arithmetic fused over raw memory for the long runs.
 *
 * <p>Velocity and squared-gradient averages are {@link Gradients} keyed {@code dW1, db1, ...}, as the notebook's
 * {@code v} and {@code s} dictionaries are.
 */
public final class Optimizers {

    /** {@code decay(learning_rate0, epoch_num, decay_rate)}: {@link #updateLr} or {@link #scheduleLrDecay}. */
    @FunctionalInterface
    public interface LearningRateDecay {
        double apply(double learningRate0, int epochNum, double decayRate);
    }

    private Optimizers() {
    }

    /** {@code update_parameters_with_gd}: {@code W = W - learning_rate * dW} for every layer, in place. */
    public static Parameters gd(Parameters parameters, Gradients grads, double learningRate) {
        for (int l = 1; l <= parameters.layers(); l++) {
            for (String p : new String[] {"W", "b"}) {
                INDArray theta = parameters.get(p + l);
                INDArray g = grads.get("d" + p + l);
                Shapes.requireSameShape(theta, p + l, g, "d" + p + l);
                // parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
                theta.subi(g.mul(learningRate));
            }
        }
        return parameters;
    }

    /** {@code initialize_velocity(parameters)} (also Adam's {@code v} and {@code s}): zeros like every W and b. */
    public static Gradients zerosLike(Parameters parameters) {
        Gradients v = new Gradients();
        for (int l = 1; l <= parameters.layers(); l++) {
            // v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
            v.put("dW" + l, parameters.W(l).ulike().assign(0.0));
            v.put("db" + l, parameters.b(l).ulike().assign(0.0));
        }
        return v;
    }

    /**
     * {@code update_parameters_with_momentum}: {@code v = beta * v + (1 - beta) * dW}, {@code W = W -
     * learning_rate * v}, in place in {@code parameters} and {@code v}.
     */
    public static Parameters momentum(Parameters parameters, Gradients grads, Gradients v, double beta,
            double learningRate) {
        for (int l = 1; l <= parameters.layers(); l++) {
            for (String p : new String[] {"W", "b"}) {
                String d = "d" + p + l;
                // v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads['dW' + str(l)]
                INDArray vl = v.get(d);
                vl.muli(beta).addi(grads.get(d).mul(1 - beta));
                // parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
                parameters.get(p + l).subi(vl.mul(learningRate));
            }
        }
        return parameters;
    }

    /**
     * {@code update_parameters_with_adam} (t counts the updates from 1): {@code v = beta1 v + (1-beta1) g},
     * {@code v_corrected = v / (1 - beta1**t)}, {@code s = beta2 s + (1-beta2) g**2}, {@code s_corrected = s / (1 -
     * beta2**t)}, {@code W = W - learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon)}; in place.
     */
    public static Parameters adam(Parameters parameters, Gradients grads, Gradients v, Gradients s, int t,
            double learningRate, double beta1, double beta2, double epsilon) {
        if (t < 1) {
            throw new IllegalArgumentException("Adam's counter t starts at 1 but was " + t);
        }
        for (int l = 1; l <= parameters.layers(); l++) {
            for (String p : new String[] {"W", "b"}) {
                String d = "d" + p + l;
                INDArray g = grads.get(d);
                // v["dW" + str(l)] = beta1 * v["dW" + str(l)] + (1 - beta1) * grads['dW' + str(l)]
                INDArray vl = v.get(d).muli(beta1).addi(g.mul(1 - beta1));
                // v_corrected["dW" + str(l)] = v["dW" + str(l)] / (1 - beta1 ** t)
                INDArray vCorrected = vl.div(1 - Math.pow(beta1, t));
                // s["dW" + str(l)] = beta2 * s["dW" + str(l)] + (1 - beta2) * np.square(grads['dW' + str(l)])
                INDArray sl = s.get(d).muli(beta2).addi(g.mul(g).muli(1 - beta2));
                // s_corrected["dW" + str(l)] = s["dW" + str(l)] / (1 - beta2 ** t)
                INDArray sCorrected = sl.div(1 - Math.pow(beta2, t));
                // parameters["W" + str(l)] -= learning_rate * v_corrected / (np.sqrt(s_corrected) + epsilon)
                INDArray denominator = Transforms.sqrt(sCorrected, false).addi(epsilon);
                parameters.get(p + l).subi(vCorrected.muli(learningRate).divi(denominator));
            }
        }
        return parameters;
    }

    /** 2021 {@code update_lr(learning_rate0, epoch_num, decay_rate)}: {@code lr0 / (1 + decay_rate * epoch_num)}. */
    public static double updateLr(double learningRate0, int epochNum, double decayRate) {
        // learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
        return learningRate0 / (1 + decayRate * epochNum);
    }

    /**
     * 2021 {@code schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000)}:
     * {@code lr0 / (1 + decay_rate * np.floor(epoch_num / time_interval))}.
     */
    public static double scheduleLrDecay(double learningRate0, int epochNum, double decayRate, int timeInterval) {
        // learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))
        return learningRate0 / (1 + decayRate * Math.floor((double) epochNum / timeInterval));
    }

    /** {@link #scheduleLrDecay} with the notebook's {@code time_interval=1000}. */
    public static double scheduleLrDecay(double learningRate0, int epochNum, double decayRate) {
        return scheduleLrDecay(learningRate0, epochNum, decayRate, 1000);
    }
}
