package org.dls4j.course1.week3;

import static org.dls4j.shared.exercise.Expect.column;
import static org.dls4j.shared.exercise.Expect.matrix;
import static org.dls4j.shared.exercise.Expect.row;

import java.util.List;

import org.dls4j.course1.week3.PlanarClassifier.ForwardCache;
import org.dls4j.course1.week3.PlanarClassifier.LayerSizes;
import org.dls4j.course1.week3.PlanarClassifier.Model;
import org.dls4j.course1.week3.PlanarClassifier.TwoLayerGradients;
import org.dls4j.course1.week3.PlanarClassifier.TwoLayerParameters;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.train.CostRecorder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The planar notebook's test cells (2018-2021 test cases, {@code np.random.seed(1)} streams) and 2021
 * {@code public_tests.py} for {@link PlanarClassifier}'s graded functions (reference section 4.1); literals printed
 * with 8 decimals are compared as {@code np.allclose} does.
 */
public final class PlanarClassifierChecks implements GradedChecks {

    static final double[][] W1_LITERAL = {{-0.00416758, -0.00056267}, {-0.02136196, 0.01640271},
        {-0.01793436, -0.00841747}, {0.00502881, -0.01245288}};
    static final double[][] W2_LITERAL = {{-0.01057952, -0.00909008, 0.00551454, 0.02292208}};

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(PlanarClassifier.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("layer_sizes", expect -> {
                    NumpyRandom rng = new NumpyRandom(1);
                    expect.equal("layer_sizes(randn(5, 3), randn(2, 3))", new LayerSizes(5, 4, 2),
                            PlanarClassifier.layerSizes(rng.randn(5, 3), rng.randn(2, 3)));
                    expect.equal("layer_sizes(randn(7, 5), randn(5, 5))", new LayerSizes(7, 4, 5),
                            PlanarClassifier.layerSizes(rng.randn(7, 5), rng.randn(5, 5)));
                }),
                GradedCheck.of("initialize_parameters", expect -> {
                    TwoLayerParameters p = PlanarClassifier.initializeParameters(2, 4, 1, new NumpyRandom(2));
                    expect.close("W1", matrix(W1_LITERAL), p.W1()).close("b1", column(0, 0, 0, 0), p.b1())
                            .close("W2", matrix(W2_LITERAL), p.W2()).close("b2", column(0), p.b2());
                }),
                GradedCheck.of("forward_propagation", expect -> {
                    NumpyRandom rng = new NumpyRandom(1);
                    INDArray x = rng.randn(2, 3);
                    INDArray b1 = rng.randn(4, 1);
                    ForwardCache c = PlanarClassifier.forwardPropagation(x, new TwoLayerParameters(matrix(W1_LITERAL),
                            b1, matrix(W2_LITERAL), column(-1.3)));
                    expect.digits("mean(Z1)", 0.26281864019752443, c.Z1().meanNumber().doubleValue())
                            .digits("mean(A1)", 0.09199904522700109, c.A1().meanNumber().doubleValue())
                            .digits("mean(Z2)", -1.3076660128732143, c.Z2().meanNumber().doubleValue())
                            .close("A2", row(0.21292656, 0.21274673, 0.21295976), c.A2());
                }),
                GradedCheck.of("compute_cost", expect -> expect
                        .digits("cost", 0.6930587610394646, PlanarClassifier.computeCost(
                                row(0.5002307, 0.49985831, 0.50023963), positive(new NumpyRandom(1).randn(1, 3))))
                        .digits("cost (public test)", 0.5447066599017815, PlanarClassifier.computeCost(
                                row(0.5002307, 0.49985831, 0.50023963, 0.25, 0.7),
                                positive(new NumpyRandom(1).randn(1, 5))))),
                GradedCheck.of("backward_propagation", expect -> {
                    NumpyRandom rng = new NumpyRandom(1);
                    INDArray x = rng.randn(2, 3);
                    INDArray y = positive(rng.randn(1, 3));
                    TwoLayerGradients g = PlanarClassifier.backwardPropagation(literalParameters(), literalCache(), x,
                            y);
                    expect.close("dW1", matrix(new double[] {0.00301023, -0.00747267},
                                    new double[] {0.00257968, -0.00641288}, new double[] {-0.00156892, 0.003893},
                                    new double[] {-0.00652037, 0.01618243}), g.dW1())
                            .close("db1", column(0.00176201, 0.00150995, -0.00091736, -0.00381422), g.db1())
                            .close("dW2", row(0.00078841, 0.01765429, -0.00084166, -0.01022527), g.dW2())
                            .close("db2", column(-0.16655712), g.db2());
                }),
                GradedCheck.of("update_parameters", expect -> {
                    TwoLayerGradients g = new TwoLayerGradients(
                            matrix(new double[] {0.00023322, -0.00205423}, new double[] {0.00082222, -0.00700776},
                                    new double[] {-0.00031831, 0.0028636}, new double[] {-0.00092857, 0.00809933}),
                            column(1.05570087e-07, -3.81814487e-06, -1.90155145e-07, 5.46467802e-07),
                            row(-1.75740039e-05, 3.70231337e-03, -1.25683095e-03, -2.55715317e-03),
                            column(-1.08923140e-05));
                    TwoLayerParameters p = PlanarClassifier.updateParameters(updatedLiteralParameters(), g, 1.2);
                    expect.close("W1", matrix(new double[] {-0.00643025, 0.01936718},
                                    new double[] {-0.02410458, 0.03978052}, new double[] {-0.01653973, -0.02096177},
                                    new double[] {0.01046864, -0.05990141}), p.W1())
                            .close("b1", column(-1.02420756e-06, 1.27373948e-05, 8.32996807e-07, -3.20136836e-06),
                                    p.b1(), 1e-7, 0)
                            .close("W2", row(-0.01041081, -0.04463285, 0.01758031, 0.04747113), p.W2())
                            .close("b2", column(0.00010457), p.b2());
                }),
                GradedCheck.of("nn_model", expect -> {
                    // nn_model_test_case: X = randn(2, 3), Y = randn(1, 3) > 0; n_h 4, 10000 iterations, seed 3
                    NumpyRandom rng = new NumpyRandom(1);
                    INDArray x = rng.randn(2, 3);
                    INDArray y = positive(rng.randn(1, 3));
                    Model model = PlanarClassifier.nnModel(x, y, 4, 10000, 1.2, PlanarClassifier.NOTEBOOK_SEED,
                            CostRecorder.every(1000));
                    TwoLayerParameters p = model.parameters();
                    expect.close("W1", matrix(new double[] {0.56305445, -1.03925886},
                                    new double[] {0.7345426, -1.36286875}, new double[] {-0.72533346, 1.33753027},
                                    new double[] {0.74757629, -1.38274074}), p.W1())
                            .close("b1", column(-0.22240654, -0.34662093, 0.33663708, -0.35296113), p.b1())
                            .close("W2", row(1.82196893, 3.09657075, -2.98193564, 3.19946508), p.W2())
                            .close("b2", column(0.21344644), p.b2());
                }),
                GradedCheck.of("predict", expect -> expect.close("predictions", row(1, 0, 1),
                        PlanarClassifier.predict(updatedLiteralParameters(), new NumpyRandom(1).randn(2, 3)))));
    }

    /** {@code Y = randn(...) > 0} as 0/1 doubles. */
    static INDArray positive(INDArray a) {
        return a.gt(0).castTo(DataType.DOUBLE);
    }

    /** The test cases' literal W1 and W2, zero biases. */
    static TwoLayerParameters literalParameters() {
        return new TwoLayerParameters(matrix(W1_LITERAL), Nd4j.zeros(DataType.DOUBLE, 4, 1), matrix(W2_LITERAL),
                Nd4j.zeros(DataType.DOUBLE, 1, 1));
    }

    /** {@code update_parameters_test_case} / {@code predict_test_case} parameters (all versions). */
    static TwoLayerParameters updatedLiteralParameters() {
        return new TwoLayerParameters(matrix(new double[] {-0.00615039, 0.0169021},
                new double[] {-0.02311792, 0.03137121}, new double[] {-0.0169217, -0.01752545},
                new double[] {0.00935436, -0.05018221}),
                column(-8.97523455e-07, 8.15562092e-06, 6.04810633e-07, -2.54560700e-06),
                row(-0.0104319, -0.04019007, 0.01607211, 0.04440255), column(9.14954378e-05));
    }

    /** {@code backward_propagation_test_case}'s cache. */
    static ForwardCache literalCache() {
        return new ForwardCache(
                matrix(new double[] {-0.00616586, 0.0020626, 0.0034962},
                        new double[] {-0.05229879, 0.02726335, -0.02646869},
                        new double[] {-0.02009991, 0.00368692, 0.02884556},
                        new double[] {0.02153007, -0.01385322, 0.02600471}),
                matrix(new double[] {-0.00616578, 0.0020626, 0.00349619},
                        new double[] {-0.05225116, 0.02725659, -0.02646251},
                        new double[] {-0.02009721, 0.0036869, 0.02883756},
                        new double[] {0.02152675, -0.01385234, 0.02599885}),
                row(0.00092281, -0.00056678, 0.00095853), row(0.5002307, 0.49985831, 0.50023963));
    }
}
