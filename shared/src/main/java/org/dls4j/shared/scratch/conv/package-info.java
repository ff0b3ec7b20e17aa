/**
 * The from-scratch convolution and pooling layers of Course 4 week 1, channels last ({@code (m, n_H, n_W, n_C)}, the
 * notebook's layout) in float64: {@link org.dls4j.shared.scratch.conv.Convolution} and
 * {@link org.dls4j.shared.scratch.conv.Pooling} run the notebook's four loops fused over plain row-major
 * {@code double[]}, in numpy's operation order, so they give the readable numpy-style functions' doubles bit for bit.
 */
package org.dls4j.shared.scratch.conv;
