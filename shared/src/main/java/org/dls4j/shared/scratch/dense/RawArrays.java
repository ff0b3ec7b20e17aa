package org.dls4j.shared.scratch.dense;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Direct access to the memory of the arrays the fused training loops update in place. */
final class RawArrays {

    private RawArrays() {
    }

    /** The raw buffer of a parameter that training updates in place; refuses views, workspace and non-DOUBLE arrays. */
    static DoubleIndexer doubles(INDArray array, String name) {
        if (array.isView() || array.isAttached() || array.offset() != 0 || array.ordering() != 'c'
                || array.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException(name + " must be a standalone row-major DOUBLE array (not a view or a"
                    + " workspace array) because training updates it in place; pass parameters.copy()");
        }
        return (DoubleIndexer) array.data().indexer();
    }
}
