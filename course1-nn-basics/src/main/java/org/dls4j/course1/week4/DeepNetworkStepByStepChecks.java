package org.dls4j.course1.week4;

import static org.dls4j.shared.exercise.Expect.column;
import static org.dls4j.shared.exercise.Expect.matrix;
import static org.dls4j.shared.exercise.Expect.row;

import java.util.List;

import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.scratch.dense.DeepNetwork.LayerOutput;
import org.dls4j.shared.scratch.dense.DeepNetwork.LinearGradients;
import org.dls4j.shared.scratch.dense.DeepNetwork.LinearOutput;
import org.dls4j.shared.scratch.dense.DeepNetwork.ModelOutput;
import org.dls4j.shared.scratch.dense.Gradients;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The 2021 notebook's test cells for {@link DeepNetworkStepByStep}'s graded functions, on its {@code testCases.py}
 * ({@link DeepNetworkTestCases}), against the Expected Output (reference section 5; 8 printed decimals, compared as
 * {@code np.allclose} does; the cost to every digit).
 */
public final class DeepNetworkStepByStepChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(DeepNetworkStepByStep.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("initialize_parameters", expect -> {
                    Parameters p = DeepNetworkStepByStep.initializeParameters(3, 2, 1);
                    expect.close("W1", matrix(new double[] {0.01624345, -0.00611756, -0.00528172},
                                    new double[] {-0.01072969, 0.00865408, -0.02301539}), p.W(1))
                            .close("b1", column(0, 0), p.b(1))
                            .close("W2", row(0.01744812, -0.00761207), p.W(2))
                            .close("b2", column(0), p.b(2));
                }),
                GradedCheck.of("initialize_parameters_deep", expect -> {
                    Parameters p = DeepNetworkStepByStep.initializeParametersDeep(5, 4, 3);
                    expect.close("W1", matrix(new double[] {0.01788628, 0.0043651, 0.00096497, -0.01863493,
                        -0.00277388}, new double[] {-0.00354759, -0.00082741, -0.00627001, -0.00043818, -0.00477218},
                            new double[] {-0.01313865, 0.00884622, 0.00881318, 0.01709573, 0.00050034},
                            new double[] {-0.00404677, -0.0054536, -0.01546477, 0.00982367, -0.01101068}), p.W(1))
                            .close("b1", column(0, 0, 0, 0), p.b(1))
                            .close("W2", matrix(new double[] {-0.01185047, -0.0020565, 0.01486148, 0.00236716},
                                    new double[] {-0.01023785, -0.00712993, 0.00625245, -0.00160513},
                                    new double[] {-0.00768836, -0.00230031, 0.00745056, 0.01976111}), p.W(2))
                            .close("b2", column(0, 0, 0), p.b(2));
                }),
                GradedCheck.of("linear_forward", expect -> {
                    INDArray[] aWb = DeepNetworkTestCases.linearForward();
                    LinearOutput out = DeepNetworkStepByStep.linearForward(aWb[0], aWb[1], aWb[2]);
                    expect.close("Z", row(3.26295337, -1.23429987), out.Z())
                            .equal("cache = (A, W, b)", true, out.cache().aPrev() == aWb[0]
                                    && out.cache().W() == aWb[1] && out.cache().b() == aWb[2]);
                }),
                GradedCheck.of("linear_activation_forward", expect -> {
                    INDArray[] in = DeepNetworkTestCases.linearActivationForward();
                    LayerOutput sigmoid = DeepNetworkStepByStep.linearActivationForward(in[0], in[1], in[2],
                            "sigmoid");
                    LayerOutput relu = DeepNetworkStepByStep.linearActivationForward(in[0], in[1], in[2], "relu");
                    expect.close("With sigmoid: A", row(0.96890023, 0.11013289), sigmoid.A())
                            .close("With ReLU: A", row(3.43896131, 0), relu.A())
                            .close("activation cache (Z)", row(3.43896131, -2.08938436), relu.cache().Z());
                }),
                GradedCheck.of("L_model_forward", expect -> {
                    DeepNetworkTestCases.Model model = DeepNetworkTestCases.lModelForward2Hidden();
                    ModelOutput out = DeepNetworkStepByStep.lModelForward(model.X(), model.parameters());
                    expect.close("AL", row(0.03921668, 0.70498921, 0.19734387, 0.04728177), out.AL())
                            .equal("len(caches)", 3, out.caches().size());
                }),
                GradedCheck.of("compute_cost", expect -> {
                    INDArray[] alY = DeepNetworkTestCases.computeCost();
                    expect.digits("cost", 0.2797765635793422, DeepNetworkStepByStep.computeCost(alY[0], alY[1]));
                }),
                GradedCheck.of("linear_backward", expect -> {
                    LinearGradients g = DeepNetworkStepByStep.linearBackward(DeepNetworkTestCases.linearBackwardDZ(),
                            DeepNetworkTestCases.linearBackwardCache());
                    expect.close("dA_prev", matrix(new double[] {-1.15171336, 0.06718465, -0.3204696, 2.09812712},
                                    new double[] {0.60345879, -3.72508701, 5.81700741, -3.84326836},
                                    new double[] {-0.4319552, -1.30987417, 1.72354705, 0.05070578},
                                    new double[] {-0.38981415, 0.60811244, -1.25938424, 1.47191593},
                                    new double[] {-2.52214926, 2.67882552, -0.67947465, 1.48119548}), g.dAPrev())
                            .close("dW", matrix(new double[] {0.07313866, -0.0976715, -0.87585828, 0.73763362,
                                0.00785716}, new double[] {0.85508818, 0.37530413, -0.59912655, 0.71278189,
                                    -0.58931808}, new double[] {0.97913304, -0.24376494, -0.08839671, 0.55151192,
                                        -0.10290907}), g.dW())
                            .close("db", column(-0.14713786, -0.11313155, -0.13209101), g.db());
                }),
                GradedCheck.of("linear_activation_backward", expect -> {
                    DeepNetworkTestCases.Backward testCase = DeepNetworkTestCases.linearActivationBackward();
                    LinearGradients s = DeepNetworkStepByStep.linearActivationBackward(testCase.dA(),
                            testCase.cache(), "sigmoid");
                    LinearGradients r = DeepNetworkStepByStep.linearActivationBackward(testCase.dA(),
                            testCase.cache(), "relu");
                    expect.close("sigmoid dA_prev", matrix(new double[] {0.11017994, 0.01105339},
                                    new double[] {0.09466817, 0.00949723}, new double[] {-0.05743092, -0.00576154}),
                                    s.dAPrev())
                            .close("sigmoid dW", row(0.10266786, 0.09778551, -0.01968084), s.dW())
                            .close("sigmoid db", column(-0.05729622), s.db())
                            .close("relu dA_prev", matrix(new double[] {0.44090989, 0}, new double[] {0.37883606, 0},
                                    new double[] {-0.2298228, 0}), r.dAPrev())
                            .close("relu dW", row(0.44513824, 0.37371418, -0.10478989), r.dW())
                            .close("relu db", column(-0.20837892), r.db());
                }),
                GradedCheck.of("L_model_backward", expect -> {
                    DeepNetworkTestCases.ModelBackward testCase = DeepNetworkTestCases.lModelBackward();
                    Gradients grads = DeepNetworkStepByStep.lModelBackward(testCase.AL(), testCase.Y(),
                            testCase.caches());
                    expect.close("dA0", matrix(new double[] {0, 0.52257901}, new double[] {0, -0.3269206},
                                    new double[] {0, -0.32070404}, new double[] {0, -0.74079187}), grads.dA(0))
                            .close("dA1", matrix(new double[] {0.12913162, -0.44014127},
                                    new double[] {-0.14175655, 0.48317296}, new double[] {0.01663708, -0.05670698}),
                                    grads.dA(1))
                            .close("dW1", matrix(new double[] {0.41010002, 0.07807203, 0.13798444, 0.10502167},
                                    new double[] {0, 0, 0, 0},
                                    new double[] {0.05283652, 0.01005865, 0.01777766, 0.0135308}), grads.dW(1))
                            .close("db1", column(-0.22007063, 0, -0.02835349), grads.db(1));
                }),
                GradedCheck.of("update_parameters", expect -> {
                    DeepNetworkTestCases.Update testCase = DeepNetworkTestCases.updateParameters();
                    Parameters params = testCase.parameters();
                    INDArray w1Before = params.W(1).dup();
                    Parameters updated = DeepNetworkStepByStep.updateParameters(params, testCase.grads(), 0.1);
                    expect.close("W1", matrix(new double[] {-0.59562069, -0.09991781, -2.14584584, 1.82662008},
                                    new double[] {-1.76569676, -0.80627147, 0.51115557, -1.18258802},
                                    new double[] {-1.0535704, -0.86128581, 0.68284052, 2.20374577}), updated.W(1))
                            .close("b1", column(-0.04659241, -1.28888275, 0.53405496), updated.b(1))
                            .close("W2", row(-0.55569196, 0.0354055, 1.32964895), updated.W(2))
                            .close("b2", column(-0.84610769), updated.b(2))
                            .close("params W1 left as it was (params.copy())", w1Before, params.W(1), 0, 0);
                }));
    }
}
