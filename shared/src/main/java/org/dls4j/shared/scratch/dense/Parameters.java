package org.dls4j.shared.scratch.dense;

import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The notebook's {@code parameters} dictionary: {@code W1, b1, ..., WL, bL} (DOUBLE arrays) under their numpy
 * names, in insertion order. {@code W}<i>l</i> is {@code (n_l, n_{l-1})} and {@code b}<i>l</i> is {@code (n_l, 1)}.
 *
 * <p>Arrays are held by reference, as in the Python dictionary: {@link DeepNetwork#updateParameters} returns a new
 * object (2021 notebook: it deep-copies first), while {@link GradientDescent} updates the arrays in place.
 * Later courses add their own names (e.g. {@code gamma1}); only {@code W}/{@code b} pairs count as layers. This is a
 * dense network's dictionary: {@link #layerDims()} refuses a {@code W} that is not a matrix.
 */
public final class Parameters extends NamedArrays<Parameters> {

    public Parameters() {
        super("parameters");
    }

    /** {@code {"W1": W1, "b1": b1, ...}}: alternating names and arrays. */
    public static Parameters of(Object... namesAndArrays) {
        return new Parameters().putAll(namesAndArrays);
    }

    /** {@code parameters["W" + str(l)]}. */
    public INDArray W(int l) {
        return get("W" + l);
    }

    /** {@code parameters["b" + str(l)]}. */
    public INDArray b(int l) {
        return get("b" + l);
    }

    /** {@code L}, the number of layers: the number of {@code W}<i>l</i> entries (the notebook's {@code len(parameters) // 2}). */
    public int layers() {
        int l = 0;
        while (values.containsKey("W" + (l + 1))) {
            l++;
        }
        return l;
    }

    /**
     * {@code layer_dims = [n_x, n_1, ..., n_L]} of a <em>dense</em> network, read off the weight shapes: every
     * {@code W}<i>l</i> must be a matrix {@code (n_l, n_{l-1})} whose columns are the previous layer's units.
     *
     * @throws IllegalStateException when a {@code W} is not 2-D (a convolution kernel {@code (f, f, n_C_prev, n_C)}
     *     has no layer widths to read) or does not take the previous layer's units; the message names the key and
     *     its shape
     */
    public int[] layerDims() {
        int layers = layers();
        int[] dims = new int[layers + 1];
        for (int l = 1; l <= layers; l++) {
            INDArray w = W(l);
            if (w.rank() != 2) {
                throw new IllegalStateException("layerDims() reads dense weights (n_l, n_{l-1}), but W" + l
                        + " has shape " + Shapes.format(w.shape()) + " (" + w.rank() + "-D: a convolution kernel?)");
            }
            if (l == 1) {
                dims[0] = (int) w.size(1);
            } else if (w.size(1) != dims[l - 1]) {
                throw new IllegalStateException("layerDims() reads dense weights (n_l, n_{l-1}), but W" + l
                        + " has shape " + Shapes.format(w.shape()) + " after W" + (l - 1) + " of shape "
                        + Shapes.format(W(l - 1).shape()) + ": it should take " + dims[l - 1] + " inputs");
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

    /** Checks every array is DOUBLE, as numpy's float64 arrays are. */
    public void requireDouble() {
        values.forEach((k, v) -> {
            if (v.dataType() != DataType.DOUBLE) {
                throw new IllegalArgumentException(k + " must be DOUBLE (numpy float64) but was " + v.dataType());
            }
        });
    }
}
