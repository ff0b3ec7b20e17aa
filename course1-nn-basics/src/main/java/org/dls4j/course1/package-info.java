/** Course 1 of the Deep Learning Specialization, "Neural Networks and Deep Learning": one package per week, one class per assignment. */
package org.dls4j.course1;
