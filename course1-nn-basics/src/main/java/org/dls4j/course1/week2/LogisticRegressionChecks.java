package org.dls4j.course1.week2;

import static org.dls4j.shared.exercise.Expect.column;
import static org.dls4j.shared.exercise.Expect.matrix;
import static org.dls4j.shared.exercise.Expect.row;

import java.util.List;

import org.dls4j.course1.week2.LogisticRegression.Model;
import org.dls4j.course1.week2.LogisticRegression.Optimization;
import org.dls4j.course1.week2.LogisticRegression.Propagation;
import org.dls4j.course1.week2.LogisticRegression.WeightsAndBias;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.train.CostRecorder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 2021 notebook's test cells and {@code public_tests.py} for {@link LogisticRegression}'s graded functions
 * (reference section 3.2): full-precision values to 9 digits, the public tests' 8-decimal literals as
 * {@code np.allclose} checks them.
 */
public final class LogisticRegressionChecks implements GradedChecks {

    /** The 2021 cells' {@code w, b, X, Y} of propagate and optimize. */
    static final double[][] X = {{1, -2, -1}, {3, 0.5, -3.2}};

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(LogisticRegression.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("sigmoid", expect -> expect
                        .close("sigmoid([0, 2])", Nd4j.createFromArray(0.5, 0.88079708),
                                LogisticRegression.sigmoid(Nd4j.createFromArray(0.0, 2.0)))
                        .close("sigmoid([0.5, 0, 2.0])", Nd4j.createFromArray(0.62245933, 0.5, 0.88079708),
                                LogisticRegression.sigmoid(Nd4j.createFromArray(0.5, 0, 2.0)))),
                GradedCheck.of("initialize_with_zeros", expect -> {
                    WeightsAndBias p = LogisticRegression.initializeWithZeros(2);
                    expect.close("w", column(0, 0), p.w()).equal("b", 0.0, p.b());
                }),
                GradedCheck.of("propagate", expect -> {
                    Propagation p = LogisticRegression.propagate(column(1, 2), 1.5, matrix(X), row(1, 1, 0));
                    expect.close("dw", column(0.25071532, -0.06604096), p.grads().dw())
                            .digits("db", -0.1250040450043965, p.grads().db())
                            .digits("cost", 0.15900537707692405, p.cost());
                }),
                GradedCheck.of("optimize", expect -> {
                    INDArray w = column(1, 2);
                    Optimization o = LogisticRegression.optimize(w, 1.5, matrix(X), row(1, 1, 0), 100, 0.009,
                            CostRecorder.every(100));
                    expect.digits("w", column(0.8095604646163251, 2.050820199511423), o.params().w())
                            .digits("b", 1.5948713189708588, o.params().b())
                            .digits("dw", column(0.1786050467423819, -0.04840655526979531), o.grads().dw())
                            .digits("db", -0.08888460336847771, o.grads().db())
                            .close("costs", Nd4j.createFromArray(0.15900538), Nd4j.createFromArray(o.costs()))
                            .close("the caller's w (copy.deepcopy)", column(1, 2), w);
                }),
                GradedCheck.of("predict", expect -> expect.close("Y_prediction", row(1, 1, 0),
                        LogisticRegression.predict(column(0.1124579, 0.23106775), -0.3,
                                matrix(new double[] {1, -1.1, -3.2}, new double[] {1.2, 2, 0.1})))),
                GradedCheck.of("model", expect -> {
                    // public_tests.model_test: np.random.seed(0); X = randn(4, 7); x_test = randn(4, 3)
                    NumpyRandom rng = new NumpyRandom(0);
                    INDArray x = rng.randn(4, 7);
                    INDArray xTest = rng.randn(4, 3);
                    Model d = LogisticRegression.model(x, row(1, 0, 0, 1, 0, 0, 1), xTest, row(0, 1, 0), 50, 0.01,
                            CostRecorder.every(100));
                    expect.digits("costs", Nd4j.createFromArray(0.6931471805599453), Nd4j.createFromArray(d.costs()))
                            .digits("w", column(0.08639756558517207, -0.08231267739826846, -0.11798926529340792,
                                    0.12866053272587225), d.w())
                            .digits("b", -0.039832360948163205, d.b())
                            .close("Y_prediction_train", row(1, 1, 0, 1, 0, 0, 1), d.yPredictionTrain())
                            .close("Y_prediction_test", row(1, 1, 0), d.yPredictionTest());
                }));
    }
}
