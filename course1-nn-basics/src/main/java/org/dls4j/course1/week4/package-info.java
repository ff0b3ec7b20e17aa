/** Course 1, week 4: the deep network step by step, and its application to the cat pictures. */
package org.dls4j.course1.week4;
