package org.dls4j.shared.scratch.dense;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.dls4j.shared.NumpyFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The notebook's {@code parameters} dictionary: {@code W1, b1, ..., WL, bL} (DOUBLE arrays) under their numpy
 * names, in insertion order. {@code W}<i>l</i> is {@code (n_l, n_{l-1})} and {@code b}<i>l</i> is {@code (n_l, 1)}.
 *
 * <p>Arrays are held by reference, as in the Python dictionary: {@link DeepNetwork#updateParameters} returns a new
 * object (2021 notebook: it deep-copies first), while {@link GradientDescent} updates the arrays in place.
 * Later courses add their own names (e.g. {@code gamma1}); only {@code W}/{@code b} pairs count as layers.
 */
public final class Parameters {

    private final LinkedHashMap<String, INDArray> values = new LinkedHashMap<>();

    public Parameters() {
    }

    /** {@code {"W1": W1, "b1": b1, ...}}: alternating names and arrays. */
    public static Parameters of(Object... namesAndArrays) {
        if (namesAndArrays.length % 2 != 0) {
            throw new IllegalArgumentException("Parameters.of takes name, array pairs");
        }
        Parameters p = new Parameters();
        for (int i = 0; i < namesAndArrays.length; i += 2) {
            p.put((String) namesAndArrays[i], (INDArray) namesAndArrays[i + 1]);
        }
        return p;
    }

    /** {@code parameters[name]}; a clear error when there is no such entry. */
    public INDArray get(String name) {
        INDArray value = values.get(name);
        if (value == null) {
            throw new IllegalArgumentException("parameters has no \"" + name + "\"; it has " + values.keySet());
        }
        return value;
    }

    /** {@code parameters["W" + str(l)]}. */
    public INDArray W(int l) {
        return get("W" + l);
    }

    /** {@code parameters["b" + str(l)]}. */
    public INDArray b(int l) {
        return get("b" + l);
    }

    public boolean contains(String name) {
        return values.containsKey(name);
    }

    /** {@code parameters[name] = value}; returns this. */
    public Parameters put(String name, INDArray value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        values.put(name, value);
        return this;
    }

    /** {@code L}, the number of layers: the number of {@code W}<i>l</i> entries (the notebook's {@code len(parameters) // 2}). */
    public int layers() {
        int l = 0;
        while (values.containsKey("W" + (l + 1))) {
            l++;
        }
        return l;
    }

    /** {@code layer_dims = [n_x, n_1, ..., n_L]} read off the weight shapes. */
    public int[] layerDims() {
        int layers = layers();
        int[] dims = new int[layers + 1];
        for (int l = 1; l <= layers; l++) {
            INDArray w = W(l);
            if (l == 1) {
                dims[0] = (int) w.size(1);
            }
            dims[l] = (int) w.size(0);
        }
        return dims;
    }

    /** {@code copy.deepcopy(parameters)}: every array duplicated, detached from any workspace. */
    public Parameters copy() {
        Parameters p = new Parameters();
        values.forEach((k, v) -> p.values.put(k, v.detach().dup('c')));
        return p;
    }

    /** The names in insertion order. */
    public Set<String> names() {
        return Collections.unmodifiableSet(values.keySet());
    }

    /** A read-only view of the dictionary. */
    public Map<String, INDArray> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /** Checks every array is DOUBLE, as numpy's float64 arrays are. */
    public void requireDouble() {
        values.forEach((k, v) -> {
            if (v.dataType() != DataType.DOUBLE) {
                throw new IllegalArgumentException(k + " must be DOUBLE (numpy float64) but was " + v.dataType());
            }
        });
    }

    /** The notebook's prints: {@code W1 = [[...]]} per line, numpy formatting. */
    @Override
    public String toString() {
        StringBuilder s = new StringBuilder();
        values.forEach((k, v) -> s.append(k).append(" = ").append(NumpyFormat.array(v)).append('\n'));
        return s.toString();
    }
}
