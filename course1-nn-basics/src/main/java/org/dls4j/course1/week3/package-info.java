/** Course 1, week 3: planar data classification with one hidden layer. */
package org.dls4j.course1.week3;
