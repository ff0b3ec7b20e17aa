package org.dls4j.course4.week4;

import java.util.Arrays;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * The notebook's graded cost functions as SameDiff operations, each TensorFlow line as a {@code // tf.} comment above
 * its twin: written once, they are both what {@link NeuralStyleTransfer#computeContentCost} and its siblings evaluate
 * on arrays and what {@link StyleCostGraph} differentiates during the optimisation.
 *
 * <p>Activations are channels last, {@code (1, n_H, n_W, n_C)}, as in the notebook.
 */
final class StyleCosts {

    private StyleCosts() {
    }

    /** {@code compute_content_cost(a_C, a_G)}: {@code sum((a_C - a_G)^2) / (4 n_H n_W n_C)}. */
    static SDVariable contentCost(SDVariable aC, SDVariable aG, long[] shape) {
        SameDiff sd = aG.getSameDiff();
        // m, n_H, n_W, n_C = a_G.get_shape().as_list()
        long m = shape[0], nH = shape[1], nW = shape[2], nC = shape[3];
        // a_C_unrolled = tf.reshape(a_C, shape=[m, -1, n_C])
        SDVariable aCUnrolled = sd.reshape(aC, m, -1, nC);
        // a_G_unrolled = tf.reshape(a_G, shape=[m, -1, n_C])
        SDVariable aGUnrolled = sd.reshape(aG, m, -1, nC);
        // J_content = tf.reduce_sum(tf.square(tf.subtract(a_C_unrolled, a_G_unrolled)))/(4.0 * n_H * n_W * n_C)
        return sd.math.square(aCUnrolled.sub(aGUnrolled)).sum().div(4.0 * nH * nW * nC);
    }

    /** {@code gram_matrix(A)}: {@code A A^T} for {@code A} of shape {@code (n_C, n_H*n_W)}. */
    static SDVariable gramMatrix(SDVariable a) {
        // GA = tf.matmul(A, tf.transpose(A))
        return a.mmul(a.getSameDiff().transpose(a));
    }

    /**
     * {@code compute_layer_style_cost(a_S, a_G)}: the squared distance of the two Gram matrices over
     * {@code 4 n_C^2 (n_H n_W)^2}.
     */
    static SDVariable layerStyleCost(SDVariable aS, SDVariable aG, long[] shape) {
        SameDiff sd = aG.getSameDiff();
        // m, n_H, n_W, n_C = a_G.get_shape().as_list()
        long nH = shape[1], nW = shape[2], nC = shape[3];
        // a_S = tf.transpose(tf.reshape(a_S, shape=[-1, n_C]))
        SDVariable aSUnrolled = sd.transpose(sd.reshape(aS, -1, nC));
        // a_G = tf.transpose(tf.reshape(a_G, shape=[-1, n_C]))
        SDVariable aGUnrolled = sd.transpose(sd.reshape(aG, -1, nC));
        // GS = gram_matrix(a_S)
        SDVariable gs = gramMatrix(aSUnrolled);
        // GG = gram_matrix(a_G)
        SDVariable gg = gramMatrix(aGUnrolled);
        // J_style_layer = tf.reduce_sum(tf.square(tf.subtract(GS, GG)))/(4.0 *(( n_H * n_W * n_C)**2))
        double size = (double) nH * nW * nC;
        return sd.math.square(gs.sub(gg)).sum().div(4.0 * size * size);
    }

    /** {@code total_cost(J_content, J_style, alpha, beta)}: {@code alpha J_content + beta J_style}. */
    static SDVariable totalCost(SDVariable jContent, SDVariable jStyle, double alpha, double beta) {
        // J = alpha * J_content + beta * J_style
        return jContent.mul(alpha).add(jStyle.mul(beta));
    }

    /** Checks that an activation has the notebook's shape {@code (1, n_H, n_W, n_C)} and returns it. */
    static long[] activationShape(String name, long[] shape) {
        if (shape.length != 4 || shape[0] != 1 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException(name + " must have shape (1, n_H, n_W, n_C), channels last, not "
                    + Arrays.toString(shape));
        }
        return shape;
    }
}
