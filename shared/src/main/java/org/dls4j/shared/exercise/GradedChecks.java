package org.dls4j.shared.exercise;

import java.util.List;

/**
 * The notebook's test cases of one assignment, one {@link GradedCheck} per graded function. An assignment
 * {@code Foo} keeps them in {@code FooChecks} beside it, in its package (main code, so that
 * {@code ./dls grade} can run them), and its JUnit test runs the same checks on the project's solutions, so the
 * tests and the grader cannot drift apart.
 *
 * <p>The checks call the assignment's functions directly. {@code ./dls grade} loads the checks class again beside
 * the learner's classes ({@link WorkspaceClassLoader}), so the same calls then reach the learner's code.
 */
public interface GradedChecks {

    /** The suffix of a checks class's name: {@code LogisticRegression} has {@code LogisticRegressionChecks}. */
    String SUFFIX = "Checks";

    /**
     * The classes whose {@link Graded} methods these checks grade, usually the assignment class alone. Their source
     * files are what {@code ./dls exercise} copies into the workspace.
     */
    List<Class<?>> gradedClasses();

    /** One check per graded function, in the notebook's order. */
    List<GradedCheck> checks();
}
