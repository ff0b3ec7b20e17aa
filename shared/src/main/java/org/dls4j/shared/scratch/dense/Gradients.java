package org.dls4j.shared.scratch.dense;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The notebook's {@code grads} dictionary: {@code dW}<i>l</i>, {@code db}<i>l</i> and {@code dA}<i>l</i>.
 *
 * <p>Key convention of the 2019+ notebooks ({@code testCases_v4a}, 2021): {@code dA}<i>l</i> is the gradient with
 * respect to {@code A}<i>l</i>, so {@code dA0} is the gradient with respect to the input {@code X} and
 * {@code dA(L-1)} comes out of the output layer. (The 2018 {@code v3} notebook stored the same arrays one index
 * higher: its {@code dA1} is {@code dA0} here.)
 */
public final class Gradients extends NamedArrays<Gradients> {

    public Gradients() {
        super("grads");
    }

    /** {@code grads = {"dW1": ..., "db1": ..., ...}}: alternating names and arrays. */
    public static Gradients of(Object... namesAndArrays) {
        return new Gradients().putAll(namesAndArrays);
    }

    /** {@code grads["dW" + str(l)]}. */
    public INDArray dW(int l) {
        return get("dW" + l);
    }

    /** {@code grads["db" + str(l)]}. */
    public INDArray db(int l) {
        return get("db" + l);
    }

    /** {@code grads["dA" + str(l)]} (gradient with respect to {@code A}<i>l</i>; {@code dA0} is for {@code X}). */
    public INDArray dA(int l) {
        return get("dA" + l);
    }
}
