/**
 * From-scratch recurrent networks in ND4J float64: the basic RNN and the LSTM over sequences {@code x (n_x, m, T_x)}
 * ({@link org.dls4j.shared.scratch.rnn.BasicRnn}, {@link org.dls4j.shared.scratch.rnn.Lstm}), the character-level
 * language model of a one-example-at-a-time RNN ({@link org.dls4j.shared.scratch.rnn.CharRnnSteps} readable,
 * {@link org.dls4j.shared.scratch.rnn.CharRnn} fused) and the numpy helpers they share
 * ({@link org.dls4j.shared.scratch.rnn.RnnUtils}), all keyed by the numpy names in a
 * {@link org.dls4j.shared.scratch.dense.Parameters}.
 */
package org.dls4j.shared.scratch.rnn;
