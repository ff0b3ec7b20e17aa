package org.dls4j.shared.graph;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * libnd4j's oneDNN glue reads an array's layout from its data format argument (NCHW or NHWC), not from its strides:
 * a permuted view handed to it is read in the wrong order. The helpers copy such views first.
 */
final class ContiguousArrays {

    private ContiguousArrays() {
    }

    /** {@code array} itself when its strides are the default C-order strides for its shape, else a C-order copy. */
    static INDArray of(INDArray array) {
        return array == null || Shape.hasDefaultStridesForShape(array) ? array : array.dup('c');
    }
}
