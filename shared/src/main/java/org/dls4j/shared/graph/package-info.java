/**
 * DL4J {@code ComputationGraph}s: where every graph comes from ({@link org.dls4j.shared.graph.Graphs}), the fast path
 * its layers run on ({@link org.dls4j.shared.graph.FastPath}: oneDNN convolutions, Java batch normalization, a RELU
 * layer without copies), recurrent layers written in Java forward and backward ({@link
 * org.dls4j.shared.graph.LstmLayer}, {@link org.dls4j.shared.graph.GruLayer}, {@link
 * org.dls4j.shared.graph.BasicRnnLayer}), and the DL4J faces of the from-scratch dense networks ({@link
 * org.dls4j.shared.graph.DenseGraphs}): building them and moving weights between layouts.
 */
package org.dls4j.shared.graph;
