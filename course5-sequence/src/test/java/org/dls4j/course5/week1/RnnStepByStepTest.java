package org.dls4j.course5.week1;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dls4j.shared.cli.Report;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.rnn.BasicRnn;
import org.dls4j.shared.scratch.rnn.Lstm;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The notebook's test cells (expected-c4-c5.md section 7.1: the 2021 values, 2018's stale-bias rnn_cell_backward,
 * the 2021 public tests) against the printed values, the readable functions against the fused engine, and DL4J's
 * layers against the scratch forward passes.
 */
class RnnStepByStepTest {

    /** Half a unit of numpy's 8th printed decimal. */
    static final double PRINTED = 5e-9;

    static Report.Captured report;
    static RnnStepByStep.Result result;

    @BeforeAll
    static void runOnce() {
        report = Report.captured();
        result = RnnStepByStep.run(new RnnStepByStep.Options(), report);
    }

    static void check(String key, double... expected) {
        assertAllClose(expected, result.arrays().get(key).reshape(-1), 0, PRINTED, key);
    }

    /** The notebook's test cells, as the grader checks them. */
    @ParameterizedTest
    @ValueSource(strings = {"rnn_cell_forward", "rnn_forward", "lstm_cell_forward", "lstm_forward"})
    void gradedFunction(String function) {
        assertPasses(new RnnStepByStepChecks(), function);
    }

    @Test
    void basicRnnCellsGiveTheNotebooksValues() {
        check("rnn_cell_forward a_next[4]", 0.59584544, 0.18141802, 0.61311866, 0.99808218, 0.85016201, 0.99980978,
                -0.18887155, 0.99815551, 0.6531151, 0.82872037);
        check("rnn_cell_forward yt_pred[1]", 0.9888161, 0.01682021, 0.21140899, 0.36817467, 0.98988387, 0.88945212,
                0.36920224, 0.9966312, 0.9982559, 0.17746526);
        check("rnn_forward a[4][1]", -0.99999375, 0.77911235, -0.99861469, -0.99833267);
        check("rnn_forward y_pred[1][3]", 0.79560373, 0.86224861, 0.11118257, 0.81515947);
        check("rnn_forward caches[1][1][3]", -1.1425182, -0.34934272, -0.20889423, 0.58662319);
        check("rnn_backward gradients[\"dx\"][1][2]", -2.07101689, -0.59255627, 0.02466855, 0.01483317);
        assertTrue(report.lines().contains("a_next.shape = (5, 10)"), report.lines().toString());
        assertTrue(report.lines().contains("y_pred.shape = (2, 10, 4)"));
    }

    @Test
    void backwardCellsGiveTheNotebooksValues() {
        // rnn_cell_backward (2021), then rnn_backward: the last printed of each key wins, so check the cell directly
        RnnTestCases.Case cb = RnnTestCases.rnnCellBackward();
        Parameters g = RnnStepByStep.rnnCellBackward(cb.extra()[0],
                RnnStepByStep.rnnCellForward(cb.x(), cb.a0(), cb.parameters()).cache());
        assertEquals(-1.3872130506, g.get("dxt").getDouble(1, 2), 1e-10);
        assertEquals(-0.152399493774, g.get("da_prev").getDouble(2, 3), 1e-12);
        assertEquals(0.410772824935, g.get("dWax").getDouble(3, 1), 1e-12);
        assertEquals(1.15034506685, g.get("dWaa").getDouble(1, 2), 1e-11);
        assertEquals(0.20023491, g.get("dba").getDouble(4, 0), PRINTED);

        RnnTestCases.Case old = RnnTestCases.rnnCellBackward2018();
        Parameters g18 = RnnStepByStep.rnnCellBackward(old.extra()[0],
                RnnStepByStep.rnnCellForward(old.x(), old.a0(), old.parameters()).cache());
        assertEquals(-0.460564103059, g18.get("dxt").getDouble(1, 2), 1e-12);
        assertEquals(0.0842968653807, g18.get("da_prev").getDouble(2, 3), 1e-13);
        assertEquals(0.393081873922, g18.get("dWax").getDouble(3, 1), 1e-12);
        assertEquals(-0.28483955787, g18.get("dWaa").getDouble(1, 2), 1e-11);
        assertEquals(0.80517166, g18.get("dba").getDouble(4, 0), PRINTED);

        RnnTestCases.Case rb = RnnTestCases.rnnBackward();
        Parameters r = RnnStepByStep.rnnBackward(rb.extra()[0],
                RnnStepByStep.rnnForward(rb.x(), rb.a0(), rb.parameters()).caches());
        assertEquals(-0.314942375127, r.get("da0").getDouble(2, 3), 1e-12);
        assertEquals(11.2641044965, r.get("dWax").getDouble(3, 1), 1e-10);
        assertEquals(2.30333312658, r.get("dWaa").getDouble(1, 2), 1e-11);
        assertEquals(-0.74747722, r.get("dba").getDouble(4, 0), PRINTED);
        assertEquals(List.of("dx", "da0", "dWax", "dWaa", "dba"), List.copyOf(r.names()));
    }

    @Test
    void lstmGivesTheNotebooksValues() {
        check("lstm_cell_forward a_next[4]", -0.66408471, 0.0036921, 0.02088357, 0.22834167, -0.85575339, 0.00138482,
                0.76566531, 0.34631421, -0.00215674, 0.43827275);
        check("lstm_cell_forward c_next[2]", 0.63267805, 1.00570849, 0.35504474, 0.20690913, -1.64566718, 0.11832942,
                0.76449811, -0.0981561, -0.74348425, -0.26810932);
        check("lstm_cell_forward yt[1]", 0.79913913, 0.15986619, 0.22412122, 0.15606108, 0.97057211, 0.31146381,
                0.00943007, 0.12666353, 0.39380172, 0.07828381);
        check("lstm_cell_forward cache[1][3]", -0.16263996, 1.03729328, 0.72938082, -0.54101719, 0.02752074,
                -0.30821874, 0.07651101, -1.03752894, 1.41219977, -0.37647422);
        check("lstm_forward a[4][3][6]", 0.172117767533);
        check("lstm_forward y[1][4][3]", 0.95087346185);
        check("lstm_forward caches[1][1][1]", 0.82797464, 0.23009474, 0.76201118, -0.22232814, -0.20075807, 0.18656139,
                0.41005165);
        check("lstm_forward c[1][2][1]", -0.855544916718);
    }

    @Test
    void lstmBackwardGivesTheNotebooksValues() {
        RnnTestCases.Case lcb = RnnTestCases.lstmCellBackward();
        Parameters g = RnnStepByStep.lstmCellBackward(lcb.extra()[1], lcb.extra()[2],
                RnnStepByStep.lstmCellForward(lcb.x(), lcb.a0(), lcb.extra()[0], lcb.parameters()).cache());
        assertEquals(3.23055911511, g.get("dxt").getDouble(1, 2), 1e-10);
        assertEquals(-0.0639621419711, g.get("da_prev").getDouble(2, 3), 1e-12);
        assertEquals(0.797522038797, g.get("dc_prev").getDouble(2, 3), 1e-12);
        assertEquals(-0.147954838164, g.get("dWf").getDouble(3, 1), 1e-12);
        assertEquals(1.05749805523, g.get("dWi").getDouble(1, 2), 1e-11);
        assertEquals(2.30456216369, g.get("dWc").getDouble(3, 1), 1e-11);
        assertEquals(0.331311595289, g.get("dWo").getDouble(1, 2), 1e-12);
        assertEquals(0.18864637, g.get("dbf").getDouble(4, 0), PRINTED);
        assertEquals(-0.40142491, g.get("dbi").getDouble(4, 0), PRINTED);
        assertEquals(0.25587763, g.get("dbc").getDouble(4, 0), PRINTED);
        assertEquals(0.13893342, g.get("dbo").getDouble(4, 0), PRINTED);
        assertArrayEquals(new long[] {5, 8}, g.get("dWf").shape());

        // lstm_backward (2021; the 2018 reference is not reproducible by any BPTT, see expected-c4-c5.md 7.1)
        check("lstm_backward gradients[\"dx\"][1][2]", 0.00218254, 0.28205375, -0.48292508, -0.43281115);
        check("lstm_backward gradients[\"da0\"][2][3]", 0.312770310257);
        check("lstm_backward gradients[\"dWf\"][3][1]", -0.0809802310938);
        check("lstm_backward gradients[\"dWi\"][1][2]", 0.40512433093);
        check("lstm_backward gradients[\"dWc\"][3][1]", -0.0793746735512);
        check("lstm_backward gradients[\"dWo\"][1][2]", 0.038948775763);
        check("lstm_backward gradients[\"dbf\"][4]", -0.15745657);
        check("lstm_backward gradients[\"dbi\"][4]", -0.50848333);
        check("lstm_backward gradients[\"dbc\"][4]", -0.42510818);
        check("lstm_backward gradients[\"dbo\"][4]", -0.17958196);
        assertTrue(report.lines().contains("gradients[\"dx\"].shape = (3, 10, 4)"));
    }

    @Test
    void theFusedEngineAgreesWithTheReadableFunctions() {
        for (RnnTestCases.Case c : List.of(RnnTestCases.rnnBackward(), RnnTestCases.rnnForwardPublicTest())) {
            RnnStepByStep.RnnForward readable = RnnStepByStep.rnnForward(c.x(), c.a0(), c.parameters());
            BasicRnn.Forward fused = BasicRnn.forward(c.x(), c.a0(), c.parameters());
            assertAllClose(readable.a(), fused.a(), 1e-13, 1e-14, "a");
            assertAllClose(readable.yPred(), fused.yPred(), 1e-13, 1e-14, "y_pred");
            INDArray da = c.extra()[0];
            Parameters slow = RnnStepByStep.rnnBackward(da, readable.caches());
            Parameters fast = BasicRnn.backward(da, c.x(), c.a0(), fused.a(), c.parameters());
            for (String name : slow.names()) {
                assertAllClose(slow.get(name), fast.get(name), 1e-11, 1e-12, name);
            }
        }
        RnnTestCases.Case c = RnnTestCases.lstmBackward();
        RnnStepByStep.LstmForward readable = RnnStepByStep.lstmForward(c.x(), c.a0(), c.parameters());
        Lstm.Forward fused = Lstm.forward(c.x(), c.a0(), c.parameters());
        assertAllClose(readable.a(), fused.a(), 0, 1e-14, "a");
        assertAllClose(readable.c(), fused.c(), 0, 1e-14, "c");
        assertAllClose(readable.y(), fused.y(), 0, 1e-14, "y");
        Parameters slow = RnnStepByStep.lstmBackward(c.extra()[0], readable.caches());
        Parameters fast = Lstm.backward(c.extra()[0], fused, c.parameters());
        assertEquals(List.copyOf(slow.names()), List.copyOf(fast.names()));
        for (String name : slow.names()) {
            assertAllClose(slow.get(name), fast.get(name), 1e-11, 1e-12, name);
        }
    }

    @Test
    void dl4jLayersAgreeWithTheScratchForwardPasses() {
        assertTrue(result.simpleRnnDifference() < 1e-12, "SimpleRnn: " + result.simpleRnnDifference());
        assertTrue(result.lstmDifference() < 1e-12, "LSTM: " + result.lstmDifference());
        RnnTestCases.Case c = RnnTestCases.lstmForwardPublicTest();
        RnnStepByStep.LstmForward scratch = RnnStepByStep.lstmForward(c.x(), c.a0(), c.parameters());
        assertTrue(RnnLayers.maxDifference(RnnLayers.lstmForward(c.x(), c.a0(), c.parameters()), scratch.a(),
                scratch.y()) < 1e-12);
    }
}
