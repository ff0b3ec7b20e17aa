package org.dls4j.course2.week3;

import static org.dls4j.shared.exercise.Expect.column;
import static org.dls4j.shared.exercise.Expect.matrix;

import java.util.List;

import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The TensorFlow notebook's small graded exercises in {@link SignsClassifier} (reference section 11): float32 values
 * within float32 precision, {@code linear_function} (numpy, float64) to every digit.
 */
public final class SignsClassifierChecks implements GradedChecks {

    /** One float32 ulp around 1, twice: TF1, TF2 and ND4J's float32 kernels differ by an ulp. */
    private static final double FLOAT32 = 1.2e-7;

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(SignsClassifier.class);
    }

    @Override
    public List<GradedCheck> checks() {
        INDArray logits = Nd4j.createFromArray(new float[] {0.2f, 0.4f, 0.7f, 0.9f});
        INDArray labels = Nd4j.createFromArray(new float[] {0, 0, 1, 1});
        return List.of(
                GradedCheck.of("linear_function", expect -> expect.digits("result", column(-2.1565738152972127,
                        2.958914457451934, -1.0892678106543534, -0.8453804221514385),
                        SignsClassifier.linearFunction())),
                GradedCheck.of("sigmoid", expect -> expect
                        .close("sigmoid(0)", 0.5, SignsClassifier.sigmoid(0), 0, FLOAT32)
                        .close("sigmoid(12)", 0.9999939, SignsClassifier.sigmoid(12), 0, FLOAT32)
                        .close("sigmoid(-1)", 0.26894143, SignsClassifier.sigmoid(-1), 0, FLOAT32)),
                GradedCheck.of("cost", expect -> expect.close("cost(logits, labels)",
                        Nd4j.createFromArray(0.79813886, 0.91301525, 0.40318605, 0.34115386),
                        SignsClassifier.cost(logits, labels), 0, FLOAT32)),
                GradedCheck.of("one_hot_matrix", expect -> expect.close("one_hot_matrix([1, 2, 3, 0, 2, 1], 4)",
                        matrix(new double[] {0, 0, 0, 1, 0, 0}, new double[] {1, 0, 0, 0, 0, 1},
                                new double[] {0, 1, 0, 0, 1, 0}, new double[] {0, 0, 1, 0, 0, 0}),
                        SignsClassifier.oneHotMatrix(new int[] {1, 2, 3, 0, 2, 1}, 4))),
                GradedCheck.of("ones", expect -> expect.close("ones([3])", Nd4j.createFromArray(1.0, 1.0, 1.0),
                        SignsClassifier.ones(3))));
    }
}
