/** Course 2, week 2: optimization methods (mini-batches, momentum, Adam, learning-rate decay). */
package org.dls4j.course2.week2;
