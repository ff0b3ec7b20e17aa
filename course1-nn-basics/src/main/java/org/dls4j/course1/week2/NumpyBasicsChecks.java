package org.dls4j.course1.week2;

import static org.dls4j.shared.exercise.Expect.column;
import static org.dls4j.shared.exercise.Expect.matrix;

import java.util.Arrays;
import java.util.List;

import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The notebook's test cells for {@link NumpyBasics}' graded functions (v3a and 2021 use the same inputs), against
 * the reference's full-precision values (section 3.1).
 */
public final class NumpyBasicsChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(NumpyBasics.class);
    }

    @Override
    public List<GradedCheck> checks() {
        INDArray x = Nd4j.createFromArray(1.0, 2.0, 3.0);
        INDArray yhat = Nd4j.createFromArray(.9, 0.2, 0.1, .4, .9);
        INDArray y = Nd4j.createFromArray(1.0, 0, 0, 1, 1);
        double e = 0.00012105238865619453;
        return List.of(
                GradedCheck.of("basic_sigmoid", expect -> expect
                        .digits("basic_sigmoid(1)", 0.7310585786300049, NumpyBasics.basicSigmoid(1))
                        .digits("basic_sigmoid(3)", 0.9525741268224334, NumpyBasics.basicSigmoid(3))),
                GradedCheck.of("sigmoid", expect -> expect.digits("sigmoid([1, 2, 3])",
                        Nd4j.createFromArray(0.7310585786300049, 0.8807970779778825, 0.9525741268224334),
                        NumpyBasics.sigmoid(x))),
                GradedCheck.of("sigmoid_derivative", expect -> expect
                        .digits("sigmoid_derivative([1, 2, 3])",
                                Nd4j.createFromArray(0.19661193324148185, 0.10499358540350645, 0.045176659730912),
                                NumpyBasics.sigmoidDerivative(x))
                        .close("x left as it was", Nd4j.createFromArray(1.0, 2.0, 3.0), x)),
                GradedCheck.of("image2vector", expect -> expect.close("image2vector(image)", flattened(),
                        NumpyBasics.image2vector(Nd4j.createFromArray(NumpyBasics.NOTEBOOK_IMAGE)))),
                GradedCheck.of("normalizeRows", expect -> expect.digits("normalizeRows([[0, 3, 4], [1, 6, 4]])",
                        matrix(new double[] {0, 0.6, 0.8},
                                new double[] {0.13736056394868904, 0.8241633836921342, 0.5494422557947561}),
                        NumpyBasics.normalizeRows(matrix(new double[] {0, 3, 4}, new double[] {1, 6, 4})))),
                GradedCheck.of("softmax", expect -> expect.digits("softmax([[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]])",
                        matrix(new double[] {0.9808976649146187, 0.0008944628906901777, 0.017965767417378736, e, e},
                                new double[] {0.87867985588699, 0.11891638717077183, 0.0008012523140793875,
                                    0.0008012523140793875, 0.0008012523140793875}),
                        NumpyBasics.softmax(matrix(new double[] {9, 2, 5, 0, 0}, new double[] {7, 5, 0, 0, 0})))),
                GradedCheck.of("L1", expect -> expect.digits("L1", 1.1, NumpyBasics.l1(yhat, y))),
                GradedCheck.of("L2", expect -> expect.digits("L2", 0.43, NumpyBasics.l2(yhat, y))));
    }

    /** The notebook's image, its numbers in reading order as one column (what reshape(-1, 1) gives). */
    private static INDArray flattened() {
        return column(Arrays.stream(NumpyBasics.NOTEBOOK_IMAGE).flatMap(Arrays::stream).flatMapToDouble(Arrays::stream)
                .toArray());
    }
}
