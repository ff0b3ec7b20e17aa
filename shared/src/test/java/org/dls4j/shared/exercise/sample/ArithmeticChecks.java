package org.dls4j.shared.exercise.sample;

import java.util.List;

import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;

/** The checks of {@link Arithmetic}. */
public final class ArithmeticChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(Arithmetic.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("square", expect -> expect.digits("square(3)", 9, Arithmetic.square(3))),
                GradedCheck.of("half", expect -> expect.digits("half(3)", 1.5, Arithmetic.half(3))));
    }
}
