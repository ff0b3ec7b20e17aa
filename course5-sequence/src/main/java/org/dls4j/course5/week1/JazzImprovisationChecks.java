package org.dls4j.course5.week1;

import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;

/**
 * {@link JazzImprovisation#djmodel}: the notebook's {@code model.summary()} parameters (LSTM 36,608 + Dense 5,070 =
 * 41,678 for Tx 30, n_a 64, 78 values). The inference model and the sampling use the trained network, not a small
 * test case: {@code JazzImprovisationTest} checks them.
 */
public final class JazzImprovisationChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(JazzImprovisation.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(GradedCheck.of("djmodel", expect -> {
            ComputationGraph model = JazzImprovisation.djmodel(30, 64, 78, 1, 0.01, 0.01);
            expect.equal("Total params", (long) JazzImprovisation.NOTEBOOK_PARAMS, model.numParams())
                    .equal("lstm params", 36_608L, model.getLayer("lstm").numParams())
                    .equal("dense params", 5_070L, model.getLayer("dense").numParams());
        }));
    }
}
