/**
 * From-scratch attention in ND4J float64: masks, scaled dot-product and multi-head attention, layer normalisation
 * ({@link org.dls4j.shared.scratch.attention.AttentionMath}) and the encoder-decoder Transformer built from them
 * ({@link org.dls4j.shared.scratch.attention.TransformerNet}, weights keyed by name in a
 * {@link org.dls4j.shared.scratch.dense.Parameters}).
 */
package org.dls4j.shared.scratch.attention;
