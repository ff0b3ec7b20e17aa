/**
 * Exercise mode: {@code ./dls exercise ASSIGNMENT} writes a learner workspace in which every {@link
 * org.dls4j.shared.exercise.Graded} method's body is a {@code TODO}, and {@code ./dls grade ASSIGNMENT} compiles that
 * workspace, loads its classes in place of the project's ({@link org.dls4j.shared.exercise.WorkspaceClassLoader}) and
 * runs the notebook's test cases ({@link org.dls4j.shared.exercise.GradedChecks}, the same checks the JUnit tests
 * run) against them: expected value beside the learner's, and a score.
 */
package org.dls4j.shared.exercise;
