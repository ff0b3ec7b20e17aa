package org.dls4j.shared.scratch.dense;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.dls4j.shared.NumpyFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The notebook's {@code grads} dictionary: {@code dW}<i>l</i>, {@code db}<i>l</i> and {@code dA}<i>l</i>.
 *
 * <p>Key convention of the 2019+ notebooks ({@code testCases_v4a}, 2021): {@code dA}<i>l</i> is the gradient with
 * respect to {@code A}<i>l</i>, so {@code dA0} is the gradient with respect to the input {@code X} and
 * {@code dA(L-1)} comes out of the output layer. (The 2018 {@code v3} notebook stored the same arrays one index
 * higher: its {@code dA1} is {@code dA0} here.)
 */
public final class Gradients {

    private final LinkedHashMap<String, INDArray> values = new LinkedHashMap<>();

    /** {@code grads[name]}; a clear error when there is no such entry. */
    public INDArray get(String name) {
        INDArray value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("grads has no \"" + name + "\"; it has " + values.keySet());
        }
        return value;
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

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** {@code grads[name] = value}; returns this. */
    public Gradients put(String name, INDArray value) {
        values.put(name, value);
        return this;
    }

    /** {@code grads = {"dW1": ..., "db1": ..., ...}}: alternating names and arrays. */
    public static Gradients of(Object... namesAndArrays) {
        if (namesAndArrays.length % 2 != 0) {
            throw new IllegalArgumentException("Gradients.of takes name, array pairs");
        }
        Gradients g = new Gradients();
        for (int i = 0; i < namesAndArrays.length; i += 2) {
            g.put((String) namesAndArrays[i], (INDArray) namesAndArrays[i + 1]);
        }
        return g;
    }

    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    public Map<String, INDArray> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(k).append(" = ").append(NumpyFormat.array(v)).append('\n'));
        return s.toString();
    }
}
