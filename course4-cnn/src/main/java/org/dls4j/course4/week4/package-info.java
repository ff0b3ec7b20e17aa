/**
 * Course 4 week 4: neural style transfer ({@link org.dls4j.course4.week4.NeuralStyleTransfer}).
 */
package org.dls4j.course4.week4;
