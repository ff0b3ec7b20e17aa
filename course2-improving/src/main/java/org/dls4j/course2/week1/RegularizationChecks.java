package org.dls4j.course2.week1;

import static org.dls4j.shared.exercise.Expect.matrix;
import static org.dls4j.shared.exercise.Expect.row;

import java.util.List;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.scratch.dense.Gradients;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork.ForwardCache;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The notebook's test cells ({@code testCases.py}) for {@link Regularization}'s four graded functions (reference
 * section 8).
 */
public final class RegularizationChecks implements GradedChecks {

    static final double[] Y5 = {1, 1, 0, 1, 0};

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(Regularization.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("compute_cost_with_regularization", expect -> {
                    Parameters p = testParameters(new NumpyRandom(1));
                    expect.digits("cost", 1.7864859451590758, Regularization.computeCostWithRegularization(
                            row(0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402), row(Y5), p, 0.1));
                }),
                GradedCheck.of("backward_propagation_with_regularization", expect -> {
                    INDArray x = new NumpyRandom(1).randn(3, 5);
                    Gradients g = Regularization.backwardPropagationWithRegularization(x, row(Y5), l2Cache(), 0.7);
                    expect.close("dW1", matrix(new double[] {-0.25604646, 0.12298827, -0.28297129},
                                    new double[] {-0.17706303, 0.34536094, -0.4410571}), g.dW(1))
                            .close("dW2", matrix(new double[] {0.79276486, 0.85133918},
                                    new double[] {-0.0957219, -0.01720463}, new double[] {-0.13100772, -0.03750433}),
                                    g.dW(2))
                            .close("dW3", row(-1.77691347, -0.11832879, -0.09397446), g.dW(3));
                }),
                GradedCheck.of("forward_propagation_with_dropout", expect -> {
                    NumpyRandom r = new NumpyRandom(1);
                    INDArray x = r.randn(3, 5);
                    Parameters p = testParameters(r);
                    expect.close("A3", row(0.36974721, 0.00305176, 0.04565099, 0.49683389, 0.36974721),
                            Regularization.forwardPropagationWithDropout(x, p, 0.7).A3());
                }),
                GradedCheck.of("backward_propagation_with_dropout", expect -> {
                    INDArray x = new NumpyRandom(1).randn(3, 5);
                    Gradients g = Regularization.backwardPropagationWithDropout(x, row(Y5), dropoutCache(), 0.8);
                    expect.close("dA1", matrix(new double[] {0.36544439, 0, -0.00188233, 0, -0.17408748},
                                    new double[] {0.65515713, 0, -0.00337459, 0, 0}), g.get("dA1"))
                            .close("dA2", matrix(new double[] {0.58180856, 0, -0.00299679, 0, -0.27715731},
                                    new double[] {0, 0.53159854, 0, 0.53159854, -0.34089673},
                                    new double[] {0, 0, -0.00292733, 0, 0}), g.get("dA2"));
                }));
    }

    /** {@code np.random.seed(1)} drawn into W1 (2,3), b1, W2 (3,2), b2, W3 (1,3), b3 (after X when the case has one). */
    static Parameters testParameters(NumpyRandom r) {
        return Parameters.of("W1", r.randn(2, 3), "b1", r.randn(2, 1), "W2", r.randn(3, 2), "b2", r.randn(3, 1),
                "W3", r.randn(1, 3), "b3", r.randn(1, 1));
    }

    /** {@code backward_propagation_with_regularization_test_case}'s literal cache. */
    static ForwardCache l2Cache() {
        return new ForwardCache(
                matrix(new double[] {-1.52855314, 3.32524635, 2.13994541, 2.60700654, -0.75942115},
                        new double[] {-1.98043538, 4.1600994, 0.79051021, 1.46493512, -0.45506242}),
                null,
                matrix(new double[] {0, 3.32524635, 2.13994541, 2.60700654, 0},
                        new double[] {0, 4.1600994, 0.79051021, 1.46493512, 0}),
                matrix(new double[] {-1.09989127, -0.17242821, -0.87785842},
                        new double[] {0.04221375, 0.58281521, -1.10061918}),
                matrix(new double[] {1.14472371}, new double[] {0.90159072}),
                matrix(new double[] {0.53035547, 5.94892323, 2.31780174, 3.16005701, 0.53035547},
                        new double[] {-0.69166075, -3.47645987, -2.25194702, -2.65416996, -0.69166075},
                        new double[] {-0.39675353, -4.62285846, -2.61101729, -3.22874921, -0.39675353}),
                null,
                matrix(new double[] {0.53035547, 5.94892323, 2.31780174, 3.16005701, 0.53035547},
                        new double[] {0, 0, 0, 0, 0}, new double[] {0, 0, 0, 0, 0}),
                matrix(new double[] {0.50249434, 0.90085595}, new double[] {-0.68372786, -0.12289023},
                        new double[] {-0.93576943, -0.26788808}),
                matrix(new double[] {0.53035547}, new double[] {-0.69166075}, new double[] {-0.39675353}),
                row(-0.3771104, -4.10060224, -1.60539468, -2.18416951, -0.3771104),
                row(0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402),
                row(-0.6871727, -0.84520564, -0.67124613),
                matrix(new double[] {-0.0126646}));
    }

    /** {@code backward_propagation_with_dropout_test_case}'s literal cache, with its masks D1 and D2. */
    static ForwardCache dropoutCache() {
        return new ForwardCache(
                matrix(new double[] {-1.52855314, 3.32524635, 2.13994541, 2.60700654, -0.75942115},
                        new double[] {-1.98043538, 4.1600994, 0.79051021, 1.46493512, -0.45506242}),
                matrix(new double[] {1, 0, 1, 1, 1}, new double[] {1, 1, 1, 1, 0}),
                matrix(new double[] {0, 0, 4.27989081, 5.21401307, 0},
                        new double[] {0, 8.32019881, 1.58102041, 2.92987024, 0}),
                matrix(new double[] {-1.09989127, -0.17242821, -0.87785842},
                        new double[] {0.04221375, 0.58281521, -1.10061918}),
                matrix(new double[] {1.14472371}, new double[] {0.90159072}),
                matrix(new double[] {0.53035547, 8.02565606, 4.10524802, 5.78975856, 0.53035547},
                        new double[] {-0.69166075, -1.71413186, -3.81223329, -4.61667916, -0.69166075},
                        new double[] {-0.39675353, -2.62563561, -4.82528105, -6.0607449, -0.39675353}),
                matrix(new double[] {1, 0, 1, 0, 1}, new double[] {0, 1, 0, 1, 1}, new double[] {0, 0, 1, 0, 0}),
                matrix(new double[] {1.06071093, 0, 8.21049603, 0, 1.06071093}, new double[] {0, 0, 0, 0, 0},
                        new double[] {0, 0, 0, 0, 0}),
                matrix(new double[] {0.50249434, 0.90085595}, new double[] {-0.68372786, -0.12289023},
                        new double[] {-0.93576943, -0.26788808}),
                matrix(new double[] {0.53035547}, new double[] {-0.69166075}, new double[] {-0.39675353}),
                row(-0.7415562, -0.0126646, -5.65469333, -0.0126646, -0.7415562),
                row(0.32266394, 0.49683389, 0.00348883, 0.49683389, 0.32266394),
                row(-0.6871727, -0.84520564, -0.67124613),
                matrix(new double[] {-0.0126646}));
    }
}
