package org.dls4j.shared.scratch.dense;

import org.nd4j.linalg.api.ndarray.INDArray;

/** The notebook's {@code linear_cache = (A_prev, W, b)}, kept by the forward pass for {@code linear_backward}. */
public record LinearCache(INDArray aPrev, INDArray W, INDArray b) {
}
