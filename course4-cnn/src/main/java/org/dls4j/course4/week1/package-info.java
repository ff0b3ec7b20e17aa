/**
 * Course 4 week 1, "Foundations of Convolutional Neural Networks":
 * the SIGNS ConvNet ({@link org.dls4j.course4.week1.SignsConvNet}).
 */
package org.dls4j.course4.week1;
