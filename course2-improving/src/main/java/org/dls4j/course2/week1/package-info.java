/** Course 2, week 1: initialization, regularization and gradient checking. */
package org.dls4j.course2.week1;
