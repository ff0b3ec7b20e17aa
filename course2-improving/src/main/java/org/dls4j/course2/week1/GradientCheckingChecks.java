package org.dls4j.course2.week1;

import java.util.List;
import java.util.Map;

import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The 2021 notebook's test cells for {@link GradientChecking}'s graded functions (reference section 9): the 1-D
 * values to the last digit (no exp or log), the N-D differences within their platform noise.
 */
public final class GradientCheckingChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(GradientChecking.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("forward_propagation", expect -> expect.digits("J = forward_propagation(2, 4)", 8,
                        GradientChecking.forwardPropagation(2, 4))),
                GradedCheck.of("backward_propagation", expect -> expect.digits("dtheta = backward_propagation(2, 4)",
                        2, GradientChecking.backwardPropagation(2, 4))),
                GradedCheck.of("gradient_check", expect -> expect.close("difference", 2.919335883291695e-10,
                        GradientChecking.gradientCheck(2, 4, 1e-7), 1e-6, 0)),
                GradedCheck.of("gradient_check_n", expect -> {
                    GradientChecking.TestCase tc = GradientChecking.gradientCheckNTestCase(1);
                    GradientChecking.Forward forward = GradientChecking.forwardPropagationN(tc.x(), tc.y(),
                            tc.parameters());
                    Map<String, INDArray> buggy = GradientChecking.backwardPropagationN(tc.x(), tc.y(),
                            forward.cache(), true);
                    Map<String, INDArray> fixed = GradientChecking.backwardPropagationN(tc.x(), tc.y(),
                            forward.cache(), false);
                    // numpy 2.4.6 gives 0.2850931567761623, 1.24.2 0.285093156839953: the digits past 1e-9 are noise
                    expect.close("difference, the notebook's buggy backward_propagation_n", 0.2850931567761623,
                                    GradientChecking.gradientCheckN(tc.parameters(), buggy, tc.x(), tc.y(), 1e-7), 0,
                                    1e-6)
                            // 1.1890913024229996e-07 (2.4.6) or 1.186249751058462e-07 (1.24.2): below 2e-7
                            .close("difference, the bugs fixed", 1.1890913024229996e-07,
                                    GradientChecking.gradientCheckN(tc.parameters(), fixed, tc.x(), tc.y(), 1e-7), 0,
                                    8e-8);
                }));
    }
}
