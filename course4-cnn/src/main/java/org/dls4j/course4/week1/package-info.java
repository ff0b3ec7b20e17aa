/**
 * Course 4 week 1, "Foundations of Convolutional Neural Networks": the convolution and pooling layers step by step
 * ({@link org.dls4j.course4.week1.ConvolutionStepByStep}, with DL4J's layers beside them in
 * {@link org.dls4j.course4.week1.ConvolutionLayersInDl4j}) and the SIGNS ConvNet
 * ({@link org.dls4j.course4.week1.SignsConvNet}).
 */
package org.dls4j.course4.week1;
