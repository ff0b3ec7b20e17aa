package org.dls4j.course4.week1;

import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;

/**
 * {@link SignsConvNet}'s {@code convolutional_model}: the 2021 summary's parameters per layer (Conv2D 8 4x4, Conv2D 16
 * 2x2, Dense 6) and the TF1 version's (convolutions without bias).
 */
public final class SignsConvNetChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(SignsConvNet.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(GradedCheck.of("convolutional_model", expect -> {
            ComputationGraph keras = SignsConvNet.graph(SignsConvNet.Version.KERAS, 1, 0.009);
            expect.equal("A1 params", 392L, keras.getLayer("A1").numParams())
                    .equal("A2 params", 528L, keras.getLayer("A2").numParams())
                    .equal("outputs params", 390L, keras.getLayer("outputs").numParams())
                    .equal("Total params", 1310L, keras.numParams())
                    .equal("Total params (TF1, no convolution bias)", 1286L,
                            SignsConvNet.graph(SignsConvNet.Version.TF1, 1, 0.009).numParams());
        }));
    }
}
