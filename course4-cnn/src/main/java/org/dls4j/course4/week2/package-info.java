/**
 * Course 4 week 2, "Deep Convolutional Models":
 * the residual blocks and ResNet50 ({@link org.dls4j.course4.week2.ResNetGraphs}).
 */
package org.dls4j.course4.week2;
