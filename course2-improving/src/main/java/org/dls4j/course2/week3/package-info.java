/** Course 2, week 3: the TensorFlow lab done with DL4J, and hyperparameter search with Arbiter. */
package org.dls4j.course2.week3;
