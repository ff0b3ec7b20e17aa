/** A small graded "assignment" ({@code Arithmetic}) and its checks, for the exercise-mode tests. */
package org.dls4j.shared.exercise.sample;
