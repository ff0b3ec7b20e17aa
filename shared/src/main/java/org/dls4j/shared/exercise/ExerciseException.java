package org.dls4j.shared.exercise;

/** A problem the learner can fix (an unknown assignment, a missing workspace): printed as one line, exit code 2. */
public final class ExerciseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ExerciseException(String message) {
        super(message);
    }
}
