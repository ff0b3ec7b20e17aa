package org.dls4j.course2.week1;

import static org.dls4j.shared.exercise.Expect.column;
import static org.dls4j.shared.exercise.Expect.matrix;
import static org.dls4j.shared.exercise.Expect.row;

import java.util.List;

import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.scratch.dense.Parameters;

/**
 * The notebook's test cells for {@link Initialization}'s three graded functions (reference section 7), with the
 * notebook's {@code np.random.seed(3)}.
 */
public final class InitializationChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(Initialization.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("initialize_parameters_zeros", expect -> {
                    Parameters p = Initialization.initializeParametersZeros(3, 2, 1);
                    expect.close("W1", matrix(new double[] {0, 0, 0}, new double[] {0, 0, 0}), p.W(1))
                            .close("b1", column(0, 0), p.b(1))
                            .close("W2", row(0, 0), p.W(2))
                            .close("b2", column(0), p.b(2));
                }),
                GradedCheck.of("initialize_parameters_random", expect -> {
                    Parameters p = Initialization.initializeParametersRandom(3, 3, 2, 1);
                    expect.close("W1", matrix(new double[] {17.88628473, 4.36509851, 0.96497468},
                                    new double[] {-18.63492703, -2.77388203, -3.54758979}), p.W(1))
                            .close("b1", column(0, 0), p.b(1))
                            .close("W2", row(-0.82741481, -6.27000677), p.W(2))
                            .close("b2", column(0), p.b(2));
                }),
                GradedCheck.of("initialize_parameters_he", expect -> {
                    Parameters p = Initialization.initializeParametersHe(3, 2, 4, 1);
                    expect.close("W1", matrix(new double[] {1.78862847, 0.43650985},
                                    new double[] {0.09649747, -1.8634927}, new double[] {-0.2773882, -0.35475898},
                                    new double[] {-0.08274148, -0.62700068}), p.W(1))
                            .close("b1", column(0, 0, 0, 0), p.b(1))
                            .close("W2", row(-0.03098412, -0.33744411, -0.92904268, 0.62552248), p.W(2))
                            .close("b2", column(0), p.b(2));
                }));
    }
}
