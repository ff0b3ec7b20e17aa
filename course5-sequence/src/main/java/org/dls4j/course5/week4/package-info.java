/** Course 5, week 4: the Transformer network, from scratch in ND4J and in SameDiff. */
package org.dls4j.course5.week4;
