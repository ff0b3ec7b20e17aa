/** Course 2 of the Deep Learning Specialization, "Improving Deep Neural Networks": one package per week, one class per assignment. */
package org.dls4j.course2;
