package org.dls4j.shared.graph;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;

/**
 * The fast path's layer helpers read arrays as plain memory from their first element: oneDNN in the layout its data
 * format argument names (NCHW or NHWC), the Java batch norm in C order. A permuted view read so is read in the wrong
 * order (the gradients were wrong): such views are copied first.
 */
final class ContiguousArrays {

    private ContiguousArrays() {
    }

    /**
     * {@code array} itself when it has the default C-order strides for its shape, else a C-order copy. A view's
     * {@code data().addressPointer()} is its first element, which is what oneDNN is given.
     */
    static INDArray of(INDArray array) {
        return array == null || isRowMajor(array) ? array : array.dup('c');
    }

    /** {@link #of}, and a copy of a view that starts inside a larger buffer too (for reading it as a Java buffer). */
    static INDArray ownBuffer(INDArray array) {
        return array == null || isRowMajor(array) && array.offset() == 0 ? array : array.dup('c');
    }

    /**
     * Whether {@code array}'s strides are C order's for its shape ({@code Shape.hasDefaultStridesForShape} alone
     * also accepts F order's, a transposed view's).
     */
    private static boolean isRowMajor(INDArray array) {
        return array.ordering() == 'c' && Shape.hasDefaultStridesForShape(array);
    }
}
