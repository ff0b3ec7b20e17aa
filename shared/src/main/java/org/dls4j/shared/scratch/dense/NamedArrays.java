package org.dls4j.shared.scratch.dense;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.dls4j.shared.NumpyFormat;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A notebook dictionary of arrays under their numpy names, in insertion order, the arrays held by reference as in
 * the Python dictionary: {@link Parameters} ({@code parameters}) and {@link Gradients} ({@code grads}).
 *
 * @param <D> the dictionary's own type, returned by {@link #put} for chaining
 */
public abstract sealed class NamedArrays<D extends NamedArrays<D>> permits Parameters, Gradients {

    /** The entries; package-private for {@link Parameters#copy()}. */
    final LinkedHashMap<String, INDArray> values = new LinkedHashMap<>();
    private final String dictionary;

    NamedArrays(String dictionary) {
        this.dictionary = dictionary;
    }

    /** {@code dictionary[name]}; a clear error, naming what there is, when there is no such entry. */
    public INDArray get(String name) {
        INDArray value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException(dictionary + " has no \"" + name + "\"; it has " + values.keySet());
        }
        return value;
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** {@code dictionary[name] = value}; returns this. */
    @SuppressWarnings("unchecked")
    public D put(String name, INDArray value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        values.put(name, value);
        return (D) this;
    }

    /** Puts alternating names and arrays, {@code {"W1": W1, "b1": b1, ...}}; returns this. */
    @SuppressWarnings("unchecked")
    D putAll(Object... namesAndArrays) {
        if (namesAndArrays.length % 2 != 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ".of takes name, array pairs");
        }
        for (int i = 0; i < namesAndArrays.length; i += 2) {
            put((String) namesAndArrays[i], (INDArray) namesAndArrays[i + 1]);
        }
        return (D) this;
    }

    /** The names in insertion order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** A read-only view of the dictionary. */
    public Map<String, INDArray> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** The notebook's prints: {@code W1 = [[...]]} per line, numpy formatting. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(k).append(" = ").append(NumpyFormat.array(v)).append('\n'));
        return s.toString();
    }
}
