package org.dls4j.shared.graph;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.shade.jackson.annotation.JsonCreator;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Binary cross-entropy for a sigmoid output layer, computed from the logits z as TensorFlow does:
 * {@code max(z, 0) - z * y + log(1 + exp(-|z|))}, and its gradient {@code sigmoid(z) - y}.
 *
 * <p>Why not DL4J's {@code LossBinaryXENT}: it works on the probabilities {@code p = sigmoid(z)}, clipping them to
 * [1e-5, 1 - 1e-5], and takes the gradient through the sigmoid, {@code dL/dp * p (1 - p)}. Once a float32 sigmoid
 * saturates ({@code p} exactly 1.0) that product is 0, and the layer never moves again: a Happy House model whose
 * 32,768-input dense layer took one large Adam step froze at a constant prediction (loss 5.0423 for 40 epochs in
 * three of four seeds). Keras' {@code binary_crossentropy} on a sigmoid layer uses the logits, so its gradient never
 * vanishes; this loss does the same. The layer's output stays the probability.
 *
 * <p>Use it with {@code Activation.SIGMOID}: {@code new OutputLayer.Builder(new SigmoidCrossEntropy())}. The score
 * per example is the sum over its outputs (one for a binary classifier), averaged over the batch like DL4J's losses.
 *
 * <p>{@code new SigmoidCrossEntropy(w)} weighs the positive labels' term by {@code w}, as TensorFlow's
 * {@code weighted_cross_entropy_with_logits(labels, logits, pos_weight=w)}:
 * {@code (1 - y) z + (1 + (w - 1) y) log(1 + exp(-z))}, gradient {@code (1 + (w - 1) y) sigmoid(z) - w y}; for rare
 * positives (a few percent of the steps of a sequence) it keeps "always 0" from being the cheapest answer.
 */
public final class SigmoidCrossEntropy implements ILossFunction {

    private static final long serialVersionUID = 1L;

    @JsonProperty("positiveWeight")
    private final double positiveWeight;

    /** Keras' binary cross-entropy. */
    public SigmoidCrossEntropy() {
        this(1);
    }

    /** The positive labels' term weighed by {@code positiveWeight} (1: Keras' binary cross-entropy). */
    public SigmoidCrossEntropy(double positiveWeight) {
        if (!(positiveWeight > 0) || Double.isInfinite(positiveWeight)) {
            throw new IllegalArgumentException("the positive weight must be a positive number, not " + positiveWeight);
        }
        this.positiveWeight = positiveWeight;
    }

    /** From a saved configuration; one saved before the weight existed has none: Keras' loss. */
    @JsonCreator
    static SigmoidCrossEntropy restored(@JsonProperty("positiveWeight") Double positiveWeight) {
        return new SigmoidCrossEntropy(positiveWeight == null ? 1 : positiveWeight);
    }

    /** The weight of the positive labels' term. */
    public double positiveWeight() {
        return positiveWeight;
    }

    private static void requireSigmoid(IActivation activation) {
        if (!(activation instanceof ActivationSigmoid)) {
            throw new IllegalArgumentException("SigmoidCrossEntropy works from the logits of a SIGMOID output layer, "
                    + "not " + activation);
        }
    }

    /**
     * The loss of each output, masked: {@code max(z, 0) - z y + log1p(exp(-|z|))}; weighted, {@code (1 - y) z + (1 +
     * (w - 1) y) (log1p(exp(-|z|)) + max(-z, 0))}.
     */
    private INDArray elementLoss(INDArray labels, INDArray preOutput, IActivation activation, INDArray mask) {
        requireSigmoid(activation);
        INDArray z = preOutput.castTo(labels.dataType());
        INDArray softplusOfMinusZ = Transforms.log1p(Transforms.exp(Transforms.abs(z, true).negi(), false), false);
        INDArray loss;
        if (positiveWeight == 1) {
            loss = Transforms.max(z, 0.0, true).subi(z.mul(labels)).addi(softplusOfMinusZ);
        } else {
            INDArray scale = labels.mul(positiveWeight - 1).addi(1);
            loss = labels.rsub(1).muli(z).addi(softplusOfMinusZ.addi(Transforms.max(z.neg(), 0.0, false)).muli(scale));
        }
        return mask == null ? loss : loss.muli(mask.castTo(loss.dataType()));
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
            boolean average) {
        double sum = elementLoss(labels, preOutput, activationFn, mask).sumNumber().doubleValue();
        return average ? sum / labels.size(0) : sum;
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return elementLoss(labels, preOutput, activationFn, mask).sum(true, 1);
    }

    /**
     * {@code dL/dz = sigmoid(z) - y} ({@code (1 + (w - 1) y) sigmoid(z) - w y} weighted), masked (DL4J divides by the
     * batch size afterwards).
     */
    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        requireSigmoid(activationFn);
        INDArray y = labels.castTo(preOutput.dataType());
        INDArray gradient = positiveWeight == 1 ? Transforms.sigmoid(preOutput, true).subi(y)
                : Transforms.sigmoid(preOutput, true).muli(y.mul(positiveWeight - 1).addi(1))
                        .subi(y.mul(positiveWeight));
        return mask == null ? gradient : gradient.muli(mask.castTo(gradient.dataType()));
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
            INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return "SigmoidCrossEntropy";
    }

    @Override
    public String toString() {
        return name() + (positiveWeight == 1 ? "()" : "(positiveWeight=" + positiveWeight + ")");
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SigmoidCrossEntropy loss && loss.positiveWeight == positiveWeight;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(positiveWeight);
    }
}
