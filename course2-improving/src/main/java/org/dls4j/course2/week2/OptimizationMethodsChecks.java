package org.dls4j.course2.week2;

import static org.dls4j.shared.exercise.Expect.column;
import static org.dls4j.shared.exercise.Expect.matrix;
import static org.dls4j.shared.exercise.Expect.row;

import java.util.List;

import org.dls4j.course2.week2.OptimizationMethods.AdamState;
import org.dls4j.course2.week2.OptimizationMethods.AdamStep;
import org.dls4j.course2.week2.OptimizationMethods.MiniBatch;
import org.dls4j.course2.week2.OptimizationMethods.MomentumStep;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.scratch.dense.Gradients;
import org.dls4j.shared.scratch.dense.Parameters;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The 2021 notebook's test cells and {@code public_tests.py} for {@link OptimizationMethods}' eight graded functions
 * (reference section 10), on {@code testCases.py}'s {@code np.random.seed(1)} parameters and gradients.
 */
public final class OptimizationMethodsChecks implements GradedChecks {

    /** {@code update_parameters_with_gd_test_case} and the others: W1 (2,3), b1, W2 (3,3), b2, then their gradients. */
    record TestCase(Parameters parameters, Gradients grads) {
        static TestCase make() {
            NumpyRandom r = new NumpyRandom(1);
            Parameters p = Parameters.of("W1", r.randn(2, 3), "b1", r.randn(2, 1), "W2", r.randn(3, 3), "b2",
                    r.randn(3, 1));
            Gradients g = Gradients.of("dW1", r.randn(2, 3), "db1", r.randn(2, 1), "dW2", r.randn(3, 3), "db2",
                    r.randn(3, 1));
            return new TestCase(p, g);
        }
    }

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(OptimizationMethods.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("update_parameters_with_gd", expect -> {
                    TestCase c = TestCase.make();
                    Parameters p = OptimizationMethods.updateParametersWithGd(c.parameters(), c.grads(), 0.01);
                    expect.close("W1", matrix(new double[] {1.63535156, -0.62320365, -0.53718766},
                                    new double[] {-1.07799357, 0.85639907, -2.29470142}), p.W(1))
                            .close("b1", column(1.74604067, -0.75184921), p.b(1))
                            .close("W2", matrix(new double[] {0.32171798, -0.25467393, 1.46902454},
                                    new double[] {-2.05617317, -0.31554548, -0.3756023},
                                    new double[] {1.1404819, -1.09976462, -0.1612551}), p.W(2))
                            .close("b2", column(-0.88020257, 0.02561572, 0.57539477), p.b(2));
                }),
                GradedCheck.of("random_mini_batches", expect -> {
                    // public_tests.random_mini_batches_test: X = np.arange(12288 * 148).reshape(148, 12288).T
                    INDArray x = Nd4j.arange(12288.0 * 148).castTo(DataType.DOUBLE).reshape('c', 148, 12288)
                            .transpose().dup('c');
                    List<MiniBatch> batches = OptimizationMethods.randomMiniBatches(x, Nd4j.zeros(DataType.DOUBLE,
                            1, 148), 64, 0);
                    expect.equal("number of mini-batches", 3, batches.size());
                    expect.shape("mini_batch_X[0]", new long[] {12288, 64}, batches.get(0).x())
                            .shape("mini_batch_X[2]", new long[] {12288, 20}, batches.get(2).x())
                            .shape("mini_batch_Y[2]", new long[] {1, 20}, batches.get(2).y())
                            .close("mini_batch_X[0][0, 0:3]", row(294912, 86016, 454656), batches.get(0).x()
                                    .get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(0, 3)))
                            .close("mini_batch_X[2][-1, 0:3]", row(1425407, 1769471, 897023), batches.get(2).x()
                                    .get(NDArrayIndex.interval(12287, 12288), NDArrayIndex.interval(0, 3)));
                }),
                GradedCheck.of("initialize_velocity", expect -> {
                    Gradients v = OptimizationMethods.initializeVelocity(TestCase.make().parameters());
                    expect.close("v[\"dW1\"]", matrix(new double[3], new double[3]), v.dW(1))
                            .close("v[\"db1\"]", column(0, 0), v.db(1))
                            .close("v[\"dW2\"]", matrix(new double[3], new double[3], new double[3]), v.dW(2))
                            .close("v[\"db2\"]", column(0, 0, 0), v.db(2));
                }),
                GradedCheck.of("update_parameters_with_momentum", expect -> {
                    TestCase c = TestCase.make();
                    Gradients v = Gradients.of("dW1", zeros(2, 3), "db1", zeros(2, 1), "dW2", zeros(3, 3), "db2",
                            zeros(3, 1));
                    MomentumStep step = OptimizationMethods.updateParametersWithMomentum(c.parameters(), c.grads(),
                            v, 0.9, 0.01);
                    Parameters p = step.parameters();
                    expect.close("W1", matrix(new double[] {1.62544598, -0.61290114, -0.52907334},
                                    new double[] {-1.07347112, 0.86450677, -2.30085497}), p.W(1))
                            .close("b1", column(1.74493465, -0.76027113), p.b(1))
                            .close("W2", matrix(new double[] {0.31930698, -0.24990073, 1.4627996},
                                    new double[] {-2.05974396, -0.32173003, -0.38320915},
                                    new double[] {1.13444069, -1.0998786, -0.1713109}), p.W(2))
                            .close("b2", column(-0.87809283, 0.04055394, 0.58207317), p.b(2))
                            .close("v[\"dW1\"]", matrix(new double[] {-0.11006192, 0.11447237, 0.09015907},
                                    new double[] {0.05024943, 0.09008559, -0.06837279}), step.v().dW(1))
                            .close("v[\"db1\"]", column(-0.01228902, -0.09357694), step.v().db(1))
                            .close("v[\"db2\"]", column(0.02344157, 0.16598022, 0.07420442), step.v().db(2));
                }),
                GradedCheck.of("initialize_adam", expect -> {
                    AdamState state = OptimizationMethods.initializeAdam(TestCase.make().parameters());
                    expect.close("v[\"dW1\"]", matrix(new double[3], new double[3]), state.v().dW(1))
                            .close("v[\"db2\"]", column(0, 0, 0), state.v().db(2))
                            .close("s[\"dW2\"]", matrix(new double[3], new double[3], new double[3]), state.s().dW(2))
                            .close("s[\"db1\"]", column(0, 0), state.s().db(1));
                }),
                GradedCheck.of("update_parameters_with_adam", expect -> {
                    TestCase c = TestCase.make();
                    Gradients zeros = Gradients.of("dW1", zeros(2, 3), "db1", zeros(2, 1), "dW2", zeros(3, 3),
                            "db2", zeros(3, 1));
                    Gradients alsoZeros = Gradients.of("dW1", zeros(2, 3), "db1", zeros(2, 1), "dW2", zeros(3, 3),
                            "db2", zeros(3, 1));
                    AdamStep step = OptimizationMethods.updateParametersWithAdam(c.parameters(), c.grads(), zeros,
                            alsoZeros, 2, 0.02, 0.8, 0.888, 1e-2);
                    Parameters p = step.parameters();
                    expect.close("W1", matrix(new double[] {1.63942428, -0.6268425, -0.54320974},
                                    new double[] {-1.08782943, 0.85036983, -2.2865723}), p.W(1))
                            .close("b1", column(1.75854357, -0.74616067), p.b(1))
                            .close("W2", matrix(new double[] {0.33356139, -0.26425199, 1.47707772},
                                    new double[] {-2.04538458, -0.30744933, -0.36903141},
                                    new double[] {1.14873036, -1.09256871, -0.15734651}), p.W(2))
                            .close("b2", column(-0.89228024, 0.02707193, 0.56782561), p.b(2));
                }),
                GradedCheck.of("update_lr", expect -> expect.digits("update_lr(0.5, 2, 1)", 0.16666666666666666,
                        OptimizationMethods.updateLr(0.5, 2, 1))),
                GradedCheck.of("schedule_lr_decay", expect -> expect
                        .digits("schedule_lr_decay(0.5, 10, 0.3, 100)", 0.5,
                                OptimizationMethods.scheduleLrDecay(0.5, 10, 0.3, 100))
                        .digits("schedule_lr_decay(0.5, 100, 0.3, 100)", 0.3846153846153846,
                                OptimizationMethods.scheduleLrDecay(0.5, 100, 0.3, 100))));
    }

    private static INDArray zeros(int rows, int columns) {
        return Nd4j.zeros(DataType.DOUBLE, rows, columns);
    }
}
