/** Course 3 of the Deep Learning Specialization, "Structuring Machine Learning Projects": one package per week, one class per assignment. */
package org.dls4j.course3;
