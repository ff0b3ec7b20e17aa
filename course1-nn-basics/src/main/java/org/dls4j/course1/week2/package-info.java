/** Course 1, week 2: numpy basics (as ND4J basics) and logistic regression with a neural network mindset. */
package org.dls4j.course1.week2;
