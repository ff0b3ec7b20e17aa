package org.dls4j.course1.week4;

import static org.dls4j.shared.exercise.Expect.column;
import static org.dls4j.shared.exercise.Expect.row;

import java.util.List;

import org.dls4j.course1.week4.DeepNetworkApplication.Fit;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.train.CostRecorder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 2021 {@code public_tests.py} of {@link DeepNetworkApplication}'s graded functions (reference section 6): the
 * two models on {@code np.random.seed(1)}'s 10 x 10 inputs for 2 and 3 iterations, not the cats.
 */
public final class DeepNetworkApplicationChecks implements GradedChecks {

    private static final double[] L_LAYER_Y = {1, 1, 1, 1, 0, 0, 0, 1, 1, 0};

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(DeepNetworkApplication.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("two_layer_model", expect -> {
                    NumpyRandom rng = new NumpyRandom(1);
                    INDArray x = rng.randn(10, 10);
                    INDArray y = rng.randn(1, 10);
                    Fit fit = DeepNetworkApplication.twoLayerModel(x, y, new int[] {10, 4, 1}, 0.0075, 2, 1,
                            CostRecorder.every(100).andLast(2));
                    expect.close("costs", Nd4j.createFromArray(0.69315968), Nd4j.createFromArray(
                            fit.costs().every(100)));
                }),
                GradedCheck.of("L_layer_model", expect -> {
                    NumpyRandom rng = new NumpyRandom(1);
                    INDArray x = rng.randn(10, 10);
                    int[] dims = {10, 5, 6, 1};
                    Fit fit = DeepNetworkApplication.lLayerModel(x, row(L_LAYER_Y), dims, 0.0075, 2, 1,
                            CostRecorder.every(100).andLast(2));
                    expect.close("costs", Nd4j.createFromArray(0.70723944), Nd4j.createFromArray(
                                    fit.costs().every(100)))
                            .digits("cost after iteration 1", 0.7070709008912568, fit.costs().at(1))
                            .close("W3", row(-0.09079199, -0.08117381, 0.07667568, 0.16665535, 0.08029575,
                                    0.04805811), fit.parameters().W(3))
                            .close("b3", column(0.0013201), fit.parameters().b(3), 0, 5e-8)
                            .close("b1", column(-2.16491028e-04, 1.50999130e-04, 8.71516045e-06, 5.57557615e-05,
                                    -2.90746349e-05), fit.parameters().b(1));
                    Fit three = DeepNetworkApplication.lLayerModel(x, row(L_LAYER_Y), dims, 0.02, 3, 1,
                            CostRecorder.every(100).andLast(3));
                    expect.close("W3 (3 iterations, lr 0.02)", row(-0.09087434, -0.07882982, 0.07821609, 0.16442826,
                                    0.0783229, 0.04648216), three.parameters().W(3))
                            .close("b3 (3 iterations, lr 0.02)", column(0.00525865), three.parameters().b(3));
                }));
    }
}
