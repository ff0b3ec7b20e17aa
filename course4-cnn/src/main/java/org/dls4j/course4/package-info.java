/** Course 4 of the Deep Learning Specialization, "Convolutional Neural Networks": one package per week, one class per assignment. */
package org.dls4j.course4;
