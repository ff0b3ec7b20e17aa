/**
 * Course 5 week 1, "Recurrent Neural Networks": the RNN and LSTM step by step, Dinosaur Island (and its "Writing
 * like Shakespeare" part), jazz improvisation.
 */
package org.dls4j.course5.week1;
