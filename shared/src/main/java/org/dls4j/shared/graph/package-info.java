/** DL4J {@code ComputationGraph} faces of the from-scratch networks: building them and moving weights between layouts. */
package org.dls4j.shared.graph;
