package org.dls4j.course4.week4;

import static org.dls4j.shared.exercise.Expect.matrix;

import java.util.List;
import java.util.Map;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The graded cost functions of {@link NeuralStyleTransfer}: the 2021 notebook's {@code total_cost} asserts and its
 * printed J; the notebook draws the other functions' inputs from TensorFlow's generator, so their cases here are
 * numpy's {@code np.random.seed(1)} draws of the same shapes, with numpy's values.
 */
public final class NeuralStyleTransferChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(NeuralStyleTransfer.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("compute_content_cost", expect -> {
                    INDArray[] pair = pair();
                    expect.digits("J_content", 7.58632218600255, NeuralStyleTransfer.computeContentCost(pair[0],
                                    pair[1]))
                            .digits("compute_content_cost(a_C, a_C)", 0, NeuralStyleTransfer.computeContentCost(
                                    pair[0], pair[0]));
                }),
                GradedCheck.of("gram_matrix", expect -> expect.close("GA", matrix(
                        new double[] {58.30461192, -3.57881211, 45.3250624},
                        new double[] {-3.57881211, 12.07451003, 22.04923328},
                        new double[] {45.3250624, 22.04923328, 87.24712327}),
                        NeuralStyleTransfer.gramMatrix(new NumpyRandom(1).randn(3, 2).muli(4).addi(1)))),
                GradedCheck.of("compute_layer_style_cost", expect -> {
                    INDArray[] pair = pair();
                    expect.digits("J_style_layer", 16.180008034601542,
                                    NeuralStyleTransfer.computeLayerStyleCost(pair[0], pair[1]))
                            .digits("compute_layer_style_cost(a_G, a_G)", 0,
                                    NeuralStyleTransfer.computeLayerStyleCost(pair[1], pair[1]));
                }),
                GradedCheck.of("compute_style_cost", expect -> {
                    INDArray[] pair = pair();
                    expect.digits("J_style (weights 0.2 and 0.8 of the same layer)", 16.180008034601542,
                            NeuralStyleTransfer.computeStyleCost(Map.of("a", pair[0], "b", pair[0]),
                                    Map.of("a", pair[1], "b", pair[1]), List.of(
                                            new NeuralStyleTransfer.StyleLayer("a", 0.2),
                                            new NeuralStyleTransfer.StyleLayer("b", 0.8))));
                }),
                GradedCheck.of("total_cost", expect -> {
                    NumpyRandom rng = new NumpyRandom(1);
                    double jContent = rng.uniform(0, 1);
                    double jStyle = rng.uniform(0, 1);
                    expect.digits("total_cost(0.2, 0.8)", 34, NeuralStyleTransfer.totalCost(0.2, 0.8, 10, 40))
                            .digits("total_cost(0.3, 0.5, 3, 8)", 4.9, NeuralStyleTransfer.totalCost(0.3, 0.5, 3, 8))
                            .digits("J", 32.98319978471206, NeuralStyleTransfer.totalCost(jContent, jStyle, 10, 40));
                }));
    }

    /** {@code np.random.seed(1)}: two {@code randn(1, 4, 4, 3) * 4 + 1} activations. */
    private static INDArray[] pair() {
        NumpyRandom rng = new NumpyRandom(1);
        return new INDArray[] {rng.randn(1, 4, 4, 3).muli(4).addi(1), rng.randn(1, 4, 4, 3).muli(4).addi(1)};
    }
}
