/**
 * From-scratch attention in ND4J float64: masks, scaled dot-product and multi-head attention, layer normalisation
 * ({@link org.dls4j.shared.scratch.attention.AttentionMath}) and the Transformer's given layers built from them
 * ({@link org.dls4j.shared.scratch.attention.TransformerNet}: multi-head attention, feed-forward, layer norm and
 * embedding, weights keyed by name in a {@link org.dls4j.shared.scratch.dense.Parameters}).
 */
package org.dls4j.shared.scratch.attention;
