/** Course 5 of the Deep Learning Specialization, "Sequence Models": one package per week, one class per assignment. */
package org.dls4j.course5;
