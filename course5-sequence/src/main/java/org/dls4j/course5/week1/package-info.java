/**
 * Course 5 week 1, "Recurrent Neural Networks": improvise a jazz solo with an LSTM
 * ({@link org.dls4j.course5.week1.JazzImprovisation}).
 */
package org.dls4j.course5.week1;
