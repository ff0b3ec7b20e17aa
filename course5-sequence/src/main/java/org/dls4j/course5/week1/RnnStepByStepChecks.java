package org.dls4j.course5.week1;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.List;

import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 2021 notebook's test cells ({@link RnnTestCases}) and {@code public_tests.py} for the four graded forward
 * functions of {@link RnnStepByStep} (reference expected-c4-c5.md, C5 W1); the backward passes are optional and
 * ungraded in the notebook.
 */
public final class RnnStepByStepChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(RnnStepByStep.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("rnn_cell_forward", expect -> {
                    RnnTestCases.Case c = RnnTestCases.rnnCellForward();
                    RnnStepByStep.RnnCellOutput out = RnnStepByStep.rnnCellForward(c.x(), c.a0(), c.parameters());
                    expect.close("a_next[4]", Nd4j.createFromArray(0.59584544, 0.18141802, 0.61311866, 0.99808218,
                                    0.85016201, 0.99980978, -0.18887155, 0.99815551, 0.6531151, 0.82872037),
                                    out.aNext().get(point(4), all()))
                            .close("yt_pred[1]", Nd4j.createFromArray(0.9888161, 0.01682021, 0.21140899, 0.36817467,
                                    0.98988387, 0.88945212, 0.36920224, 0.9966312, 0.9982559, 0.17746526),
                                    out.ytPred().get(point(1), all()))
                            .shape("yt_pred", new long[] {2, 10}, out.ytPred());
                }),
                GradedCheck.of("rnn_forward", expect -> {
                    RnnTestCases.Case c = RnnTestCases.rnnForward();
                    RnnStepByStep.RnnForward out = RnnStepByStep.rnnForward(c.x(), c.a0(), c.parameters());
                    expect.close("a[4][1]", Nd4j.createFromArray(-0.99999375, 0.77911235, -0.99861469,
                                    -0.99833267), out.a().get(point(4), point(1), all()))
                            .close("y_pred[1][3]", Nd4j.createFromArray(0.79560373, 0.86224861, 0.11118257,
                                    0.81515947), out.yPred().get(point(1), point(3), all()));
                    RnnTestCases.Case t = RnnTestCases.rnnForwardPublicTest();
                    RnnStepByStep.RnnForward test = RnnStepByStep.rnnForward(t.x(), t.a0(), t.parameters());
                    expect.close("a[5, 2, 2:6] (public test)", Nd4j.createFromArray(0.99999291, 0.99332189,
                                    0.9921928, 0.99503445), test.a().get(point(5), point(2), interval(2, 6)))
                            .close("y_pred[2, 1, 1:5] (public test)", Nd4j.createFromArray(0.19428, 0.14292, 0.24993,
                                    0.00119), test.yPred().get(point(2), point(1), interval(1, 5)), 0, 1e-4);
                }),
                GradedCheck.of("lstm_cell_forward", expect -> {
                    RnnTestCases.Case c = RnnTestCases.lstmCellForward();
                    RnnStepByStep.LstmCellOutput out = RnnStepByStep.lstmCellForward(c.x(), c.a0(), c.extra()[0],
                            c.parameters());
                    expect.close("a_next[4]", Nd4j.createFromArray(-0.66408471, 0.0036921, 0.02088357, 0.22834167,
                                    -0.85575339, 0.00138482, 0.76566531, 0.34631421, -0.00215674, 0.43827275),
                                    out.aNext().get(point(4), all()))
                            .close("c_next[2]", Nd4j.createFromArray(0.63267805, 1.00570849, 0.35504474, 0.20690913,
                                    -1.64566718, 0.11832942, 0.76449811, -0.0981561, -0.74348425, -0.26810932),
                                    out.cNext().get(point(2), all()))
                            .close("yt[1]", Nd4j.createFromArray(0.79913913, 0.15986619, 0.22412122, 0.15606108,
                                    0.97057211, 0.31146381, 0.00943007, 0.12666353, 0.39380172, 0.07828381),
                                    out.ytPred().get(point(1), all()));
                    RnnTestCases.Case t = RnnTestCases.lstmCellForwardPublicTest();
                    RnnStepByStep.LstmCache cache = RnnStepByStep.lstmCellForward(t.x(), t.a0(), t.extra()[0],
                            t.parameters()).cache();
                    expect.close("ft[0, 0:2] (public test)", Nd4j.createFromArray(0.32969833, 0.0574555),
                                    cache.ft().get(point(0), interval(0, 2)))
                            .close("it[0, 0:2]", Nd4j.createFromArray(0.0036446, 0.9806943),
                                    cache.it().get(point(0), interval(0, 2)))
                            .close("cct[0, 0:2]", Nd4j.createFromArray(0.99903873, 0.57509956),
                                    cache.cct().get(point(0), interval(0, 2)))
                            .close("ot[0, 0:2]", Nd4j.createFromArray(0.7477249, 0.71588751),
                                    cache.ot().get(point(0), interval(0, 2)));
                }),
                GradedCheck.of("lstm_forward", expect -> {
                    RnnTestCases.Case c = RnnTestCases.lstmForward();
                    RnnStepByStep.LstmForward out = RnnStepByStep.lstmForward(c.x(), c.a0(), c.parameters());
                    expect.close("a[4][3][6]", 0.172117767533, out.a().getDouble(4, 3, 6))
                            .close("y[1][4][3]", 0.95087346185, out.y().getDouble(1, 4, 3))
                            .close("c[1][2][1]", -0.855544916718, out.c().getDouble(1, 2, 1));
                    RnnTestCases.Case t = RnnTestCases.lstmForwardPublicTest();
                    RnnStepByStep.LstmForward test = RnnStepByStep.lstmForward(t.x(), t.a0(), t.parameters());
                    expect.close("a[2, 1, 4:6] (public test)", Nd4j.createFromArray(-0.01606022, 0.0243569),
                                    test.a().get(point(2), point(1), interval(4, 6)))
                            .close("c[2, 1, 4:6]", Nd4j.createFromArray(-0.02753855, 0.05668358),
                                    test.c().get(point(2), point(1), interval(4, 6)))
                            .close("y[1, 1, 4:6]", Nd4j.createFromArray(0.70444592, 0.70648935),
                                    test.y().get(point(1), point(1), interval(4, 6)));
                }));
    }
}
