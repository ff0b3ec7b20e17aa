package org.dls4j.course5.week1;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.rnn.RnnUtils;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import picocli.CommandLine.Command;

/**
 * Course 5, week 1: <b>Building a Recurrent Neural Network - Step by Step</b>. The basic RNN cell and its forward
 * pass over a sequence, the LSTM cell and its forward pass, and the backward passes of both, in ND4J float64 with
 * each numpy line as a {@code // np.} comment above its twin. {@code x} is {@code (n_x, m, T_x)}; the parameters are
 * a {@link Parameters} under the notebook's names ({@code Wax, Waa, Wya, ba, by}; {@code Wf, bf, Wi, bi, Wc, bc, Wo,
 * bo, Wy, by}); the gradients come back under the notebook's names too ({@code dx, da0, dWax, ...}).
 * {@code org.dls4j.shared.scratch.rnn} has the same passes fused ({@code BasicRnn}, {@code Lstm}); a test proves the
 * two agree.
 *
 * <p>What the learner sees ({@code ./dls run c5w1-rnn-step-by-step}): every test cell of the notebook on its own
 * inputs ({@link RnnTestCases}), printed as numpy prints them, e.g.
 * <pre>
 * a_next[4] = [ 0.59584544  0.18141802  0.61311866  0.99808218  0.85016201  0.99980978
 *  -0.18887155  0.99815551  0.6531151   0.82872037]
 * a_next.shape = (5, 10)
 * ...
 * gradients["dx"][1][2] = [ 0.00218254  0.28205375 -0.48292508 -0.43281115]
 * </pre>
 * then the same forward passes through DL4J's {@code SimpleRnn} and {@code LSTM} layers with the notebook's weights
 * copied in ({@link RnnLayers}, which documents DL4J's weight layout and gate order), and the largest difference to
 * the scratch values. With {@code -q} the values only.
 */
public final class RnnStepByStep {

    /** The notebook has no settings: only the common options. */
    @Command(name = "c5w1-rnn-step-by-step",
            description = "Course 5 week 1: RNN and LSTM cells, forward and backward, on the notebook's test cases;"
                    + " then DL4J's SimpleRnn and LSTM with the same weights.")
    public static final class Options extends AssignmentOptions {
    }

    /** What the run computed, under the names it printed, and DL4J's largest differences to the scratch passes. */
    public record Result(Map<String, INDArray> arrays, double simpleRnnDifference, double lstmDifference) {
    }

    /** {@code cache = (a_next, a_prev, xt, parameters)}. */
    public record RnnCache(INDArray aNext, INDArray aPrev, INDArray xt, Parameters parameters) {
    }

    /** {@code caches = (caches, x)}: one cache per time step and the input. */
    public record RnnCaches(List<RnnCache> caches, INDArray x) {
    }

    /** {@code rnn_cell_forward}'s {@code a_next, yt_pred, cache}. */
    public record RnnCellOutput(INDArray aNext, INDArray ytPred, RnnCache cache) {
    }

    /** {@code rnn_forward}'s {@code a (n_a, m, T_x), y_pred (n_y, m, T_x), caches}. */
    public record RnnForward(INDArray a, INDArray yPred, RnnCaches caches) {
    }

    /** {@code cache = (a_next, c_next, a_prev, c_prev, ft, it, cct, ot, xt, parameters)}. */
    public record LstmCache(INDArray aNext, INDArray cNext, INDArray aPrev, INDArray cPrev, INDArray ft, INDArray it,
            INDArray cct, INDArray ot, INDArray xt, Parameters parameters) {
    }

    /** {@code caches = (caches, x)}. */
    public record LstmCaches(List<LstmCache> caches, INDArray x) {
    }

    /** {@code lstm_cell_forward}'s {@code a_next, c_next, yt_pred, cache}. */
    public record LstmCellOutput(INDArray aNext, INDArray cNext, INDArray ytPred, LstmCache cache) {
    }

    /** {@code lstm_forward}'s {@code a, y, c} (each {@code (., m, T_x)}) and {@code caches}. */
    public record LstmForward(INDArray a, INDArray y, INDArray c, LstmCaches caches) {
    }

    private RnnStepByStep() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), RnnStepByStep::run, args));
    }

    // -------------------------------------------------------------------------------- 1 - the basic RNN

    /** {@code rnn_cell_forward(xt, a_prev, parameters)}: one step of the basic RNN. */
    @Graded("rnn_cell_forward")
    public static RnnCellOutput rnnCellForward(INDArray xt, INDArray aPrev, Parameters parameters) {
        INDArray wax = parameters.get("Wax");
        INDArray waa = parameters.get("Waa");
        INDArray wya = parameters.get("Wya");
        INDArray ba = parameters.get("ba");
        INDArray by = parameters.get("by");
        Shapes.requireDim(xt, "xt", 0, wax.size(1));
        Shapes.requireDim(aPrev, "a_prev", 0, waa.size(1));
        // a_next = np.tanh(np.dot(Waa, a_prev) + np.dot(Wax, xt) + ba)
        INDArray aNext = RnnUtils.tanh(waa.mmul(aPrev).addi(wax.mmul(xt)).addiColumnVector(ba));
        // yt_pred = softmax(np.dot(Wya, a_next) + by)
        INDArray ytPred = RnnUtils.softmax(wya.mmul(aNext).addiColumnVector(by));
        // cache = (a_next, a_prev, xt, parameters)
        return new RnnCellOutput(aNext, ytPred, new RnnCache(aNext, aPrev, xt, parameters));
    }

    /** {@code rnn_forward(x, a0, parameters)}: the cell over {@code T_x} steps, from {@code a0}. */
    @Graded("rnn_forward")
    public static RnnForward rnnForward(INDArray x, INDArray a0, Parameters parameters) {
        requireSequence(x, "x");
        // caches = []
        List<RnnCache> caches = new ArrayList<>();
        // n_x, m, T_x = x.shape; n_y, n_a = parameters["Wya"].shape
        long m = x.size(1);
        int steps = (int) x.size(2);
        long nY = parameters.get("Wya").size(0);
        long nA = parameters.get("Wya").size(1);
        Shapes.require(a0, "a0", nA, m);
        // a = np.zeros((n_a, m, T_x)); y_pred = np.zeros((n_y, m, T_x))
        INDArray a = Nd4j.zeros(nA, m, steps);
        INDArray yPred = Nd4j.zeros(nY, m, steps);
        // a_next = a0
        INDArray aNext = a0;
        // for t in range(T_x):
        for (int t = 0; t < steps; t++) {
            // a_next, yt_pred, cache = rnn_cell_forward(x[:, :, t], a_next, parameters)
            RnnCellOutput out = rnnCellForward(step(x, t), aNext, parameters);
            aNext = out.aNext();
            // a[:, :, t] = a_next; y_pred[:, :, t] = yt_pred; caches.append(cache)
            a.put(at(t), aNext);
            yPred.put(at(t), out.ytPred());
            caches.add(out.cache());
        }
        // caches = (caches, x)
        return new RnnForward(a, yPred, new RnnCaches(List.copyOf(caches), x));
    }

    /**
     * {@code rnn_cell_backward(da_next, cache)}: the gradients of one step.
     *
     * @return {@code dxt}, {@code da_prev}, {@code dWax}, {@code dWaa}, {@code dba}
     */
    public static Parameters rnnCellBackward(INDArray daNext, RnnCache cache) {
        // (a_next, a_prev, xt, parameters) = cache
        Parameters parameters = cache.parameters();
        Shapes.requireSameShape(daNext, "da_next", cache.aNext(), "a_next");
        // dtanh = (1 - a_next ** 2) * da_next
        INDArray dtanh = cache.aNext().mul(cache.aNext()).rsubi(1).muli(daNext);
        // dxt = np.dot(Wax.T, dtanh); dWax = np.dot(dtanh, xt.T)
        INDArray dxt = parameters.get("Wax").transpose().mmul(dtanh);
        INDArray dWax = dtanh.mmul(cache.xt().transpose());
        // da_prev = np.dot(Waa.T, dtanh); dWaa = np.dot(dtanh, a_prev.T)
        INDArray daPrev = parameters.get("Waa").transpose().mmul(dtanh);
        INDArray dWaa = dtanh.mmul(cache.aPrev().transpose());
        // dba = np.sum(dtanh, axis=1, keepdims=True)
        INDArray dba = dtanh.sum(true, 1);
        return Parameters.of("dxt", dxt, "da_prev", daPrev, "dWax", dWax, "dWaa", dWaa, "dba", dba);
    }

    /**
     * {@code rnn_backward(da, caches)}: back-propagation through time; {@code da (n_a, m, T_x)} is the upstream
     * gradient of every hidden state.
     *
     * @return {@code dx}, {@code da0}, {@code dWax}, {@code dWaa}, {@code dba}
     */
    public static Parameters rnnBackward(INDArray da, RnnCaches caches) {
        requireSequence(da, "da");
        // (caches, x) = caches; (a1, a0, x1, parameters) = caches[0]
        RnnCache first = caches.caches().get(0);
        // n_a, m, T_x = da.shape; n_x, m = x1.shape
        long nA = da.size(0);
        long m = da.size(1);
        int steps = requireSteps(da, caches.caches().size());
        long nX = first.xt().size(0);
        // dx = np.zeros((n_x, m, T_x)); dWax = np.zeros((n_a, n_x)); dWaa = np.zeros((n_a, n_a))
        INDArray dx = Nd4j.zeros(nX, m, steps);
        INDArray dWax = Nd4j.zeros(nA, nX);
        INDArray dWaa = Nd4j.zeros(nA, nA);
        // dba = np.zeros((n_a, 1)); da_prevt = np.zeros((n_a, m))
        INDArray dba = Nd4j.zeros(nA, 1);
        INDArray daPrevt = Nd4j.zeros(nA, m);
        // for t in reversed(range(T_x)):
        for (int t = steps - 1; t >= 0; t--) {
            // gradients = rnn_cell_backward(da[:, :, t] + da_prevt, caches[t])
            Parameters gradients = rnnCellBackward(step(da, t).addi(daPrevt), caches.caches().get(t));
            daPrevt = gradients.get("da_prev");
            // dx[:, :, t] = dxt; dWax += dWaxt; dWaa += dWaat; dba += dbat
            dx.put(at(t), gradients.get("dxt"));
            dWax.addi(gradients.get("dWax"));
            dWaa.addi(gradients.get("dWaa"));
            dba.addi(gradients.get("dba"));
        }
        // da0 = da_prevt
        return Parameters.of("dx", dx, "da0", daPrevt, "dWax", dWax, "dWaa", dWaa, "dba", dba);
    }

    // -------------------------------------------------------------------------------- 2 - the LSTM

    /** {@code lstm_cell_forward(xt, a_prev, c_prev, parameters)}: one LSTM step. */
    @Graded("lstm_cell_forward")
    public static LstmCellOutput lstmCellForward(INDArray xt, INDArray aPrev, INDArray cPrev, Parameters parameters) {
        Shapes.requireSameShape(cPrev, "c_prev", aPrev, "a_prev");
        Shapes.requireDim(xt, "xt", 0, parameters.get("Wf").size(1) - aPrev.size(0));
        // concat = np.concatenate((a_prev, xt), axis=0)
        INDArray concat = Nd4j.concat(0, aPrev, xt);
        // ft = sigmoid(np.dot(Wf, concat) + bf)
        INDArray ft = RnnUtils.sigmoid(gate(parameters, "f", concat));
        // it = sigmoid(np.dot(Wi, concat) + bi)
        INDArray it = RnnUtils.sigmoid(gate(parameters, "i", concat));
        // cct = np.tanh(np.dot(Wc, concat) + bc)
        INDArray cct = RnnUtils.tanh(gate(parameters, "c", concat));
        // c_next = ft * c_prev + it * cct
        INDArray cNext = ft.mul(cPrev).addi(it.mul(cct));
        // ot = sigmoid(np.dot(Wo, concat) + bo)
        INDArray ot = RnnUtils.sigmoid(gate(parameters, "o", concat));
        // a_next = ot * np.tanh(c_next)
        INDArray aNext = ot.mul(RnnUtils.tanh(cNext));
        // yt_pred = softmax(np.dot(Wy, a_next) + by)
        INDArray ytPred = RnnUtils.softmax(parameters.get("Wy").mmul(aNext).addiColumnVector(parameters.get("by")));
        LstmCache cache = new LstmCache(aNext, cNext, aPrev, cPrev, ft, it, cct, ot, xt, parameters);
        return new LstmCellOutput(aNext, cNext, ytPred, cache);
    }

    /** {@code lstm_forward(x, a0, parameters)}: the LSTM over {@code T_x} steps from {@code a0}, memory from zeros. */
    @Graded("lstm_forward")
    public static LstmForward lstmForward(INDArray x, INDArray a0, Parameters parameters) {
        requireSequence(x, "x");
        List<LstmCache> caches = new ArrayList<>();
        // n_x, m, T_x = x.shape; n_y, n_a = parameters['Wy'].shape
        long m = x.size(1);
        int steps = (int) x.size(2);
        long nY = parameters.get("Wy").size(0);
        long nA = parameters.get("Wy").size(1);
        Shapes.require(a0, "a0", nA, m);
        // a = np.zeros((n_a, m, T_x)); c = np.zeros((n_a, m, T_x)); y = np.zeros((n_y, m, T_x))
        INDArray a = Nd4j.zeros(nA, m, steps);
        INDArray c = Nd4j.zeros(nA, m, steps);
        INDArray y = Nd4j.zeros(nY, m, steps);
        // a_next = a0; c_next = np.zeros(a_next.shape)
        INDArray aNext = a0;
        INDArray cNext = Nd4j.zeros(nA, m);
        for (int t = 0; t < steps; t++) {
            // a_next, c_next, yt, cache = lstm_cell_forward(x[:, :, t], a_next, c_next, parameters)
            LstmCellOutput out = lstmCellForward(step(x, t), aNext, cNext, parameters);
            aNext = out.aNext();
            cNext = out.cNext();
            // a[:, :, t] = a_next; c[:, :, t] = c_next; y[:, :, t] = yt; caches.append(cache)
            a.put(at(t), aNext);
            c.put(at(t), cNext);
            y.put(at(t), out.ytPred());
            caches.add(out.cache());
        }
        return new LstmForward(a, y, c, new LstmCaches(List.copyOf(caches), x));
    }

    /**
     * {@code lstm_cell_backward(da_next, dc_next, cache)}: the gradients of one LSTM step.
     *
     * @return {@code dxt}, {@code da_prev}, {@code dc_prev}, {@code dWf}, {@code dbf}, {@code dWi}, {@code dbi},
     *     {@code dWc}, {@code dbc}, {@code dWo}, {@code dbo}
     */
    public static Parameters lstmCellBackward(INDArray daNext, INDArray dcNext, LstmCache cache) {
        Shapes.requireSameShape(daNext, "da_next", cache.aNext(), "a_next");
        Shapes.requireSameShape(dcNext, "dc_next", cache.cNext(), "c_next");
        Parameters p = cache.parameters();
        INDArray ot = cache.ot();
        INDArray it = cache.it();
        INDArray ft = cache.ft();
        INDArray cct = cache.cct();
        // n_a, m = a_next.shape
        long nA = cache.aNext().size(0);
        INDArray tanhC = RnnUtils.tanh(cache.cNext());
        // ot * (1 - np.square(np.tanh(c_next))), the factor of da_next in every gate's gradient below
        INDArray throughC = tanhC.mul(tanhC).rsubi(1).muli(ot);
        // dot = da_next * np.tanh(c_next) * ot * (1 - ot)
        INDArray dot = daNext.mul(tanhC).muli(ot).muli(ot.rsub(1));
        // dcct = (dc_next * it + ot * (1 - np.square(np.tanh(c_next))) * it * da_next) * (1 - np.square(cct))
        INDArray dcct = dcNext.mul(it).addi(throughC.mul(it).muli(daNext)).muli(cct.mul(cct).rsubi(1));
        // dit = (dc_next * cct + ot * (1 - np.square(np.tanh(c_next))) * cct * da_next) * it * (1 - it)
        INDArray dit = dcNext.mul(cct).addi(throughC.mul(cct).muli(daNext)).muli(it).muli(it.rsub(1));
        // dft = (dc_next * c_prev + ot * (1 - np.square(np.tanh(c_next))) * c_prev * da_next) * ft * (1 - ft)
        INDArray dft = dcNext.mul(cache.cPrev()).addi(throughC.mul(cache.cPrev()).muli(daNext)).muli(ft)
                .muli(ft.rsub(1));
        // concat = np.concatenate((a_prev, xt), axis=0)
        INDArray concatT = Nd4j.concat(0, cache.aPrev(), cache.xt()).transpose();
        Parameters grads = new Parameters();
        INDArray daPrev = null;
        INDArray dxt = null;
        // dWf = np.dot(dft, concat.T); dbf = np.sum(dft, axis=1, keepdims=True); the same for i, c, o
        // da_prev = np.dot(Wf[:, :n_a].T, dft) + np.dot(Wi[:, :n_a].T, dit) + np.dot(Wc[:, :n_a].T, dcct)
        //           + np.dot(Wo[:, :n_a].T, dot);  dxt: the same with Wf[:, n_a:], ...
        String[] gates = {"f", "i", "c", "o"};
        INDArray[] dGates = {dft, dit, dcct, dot};
        for (int g = 0; g < 4; g++) {
            INDArray w = p.get("W" + gates[g]);
            grads.put("dW" + gates[g], dGates[g].mmul(concatT));
            grads.put("db" + gates[g], dGates[g].sum(true, 1));
            INDArray toA = w.get(all(), interval(0, nA)).transpose().mmul(dGates[g]);
            INDArray toX = w.get(all(), interval(nA, w.size(1))).transpose().mmul(dGates[g]);
            daPrev = daPrev == null ? toA : daPrev.addi(toA);
            dxt = dxt == null ? toX : dxt.addi(toX);
        }
        // dc_prev = dc_next * ft + ot * (1 - np.square(np.tanh(c_next))) * ft * da_next
        INDArray dcPrev = dcNext.mul(ft).addi(throughC.mul(ft).muli(daNext));
        Parameters out = Parameters.of("dxt", dxt, "da_prev", daPrev, "dc_prev", dcPrev);
        grads.asMap().forEach(out::put);
        return out;
    }

    /**
     * {@code lstm_backward(da, caches)}: back-propagation through time over {@code T_x = da.shape[2]} steps (the
     * 2021 test back-propagates 4 of 7), carrying {@code da_prev} and {@code dc_prev} from step to step.
     *
     * @return {@code dx}, {@code da0}, {@code dWf}, {@code dbf}, {@code dWi}, {@code dbi}, {@code dWc}, {@code dbc},
     *     {@code dWo}, {@code dbo}
     */
    public static Parameters lstmBackward(INDArray da, LstmCaches caches) {
        requireSequence(da, "da");
        LstmCache first = caches.caches().get(0);
        // n_a, m, T_x = da.shape; n_x, m = x1.shape
        long nA = da.size(0);
        long m = da.size(1);
        int steps = requireSteps(da, caches.caches().size());
        long nX = first.xt().size(0);
        // dx = np.zeros((n_x, m, T_x)); da_prevt = np.zeros((n_a, m)); dc_prevt = np.zeros((n_a, m))
        INDArray dx = Nd4j.zeros(nX, m, steps);
        INDArray daPrevt = Nd4j.zeros(nA, m);
        INDArray dcPrevt = Nd4j.zeros(nA, m);
        // dWf = np.zeros((n_a, n_a + n_x)); dbf = np.zeros((n_a, 1)); ... for i, c, o
        Parameters sums = new Parameters();
        for (String gate : new String[] {"f", "i", "c", "o"}) {
            sums.put("dW" + gate, Nd4j.zeros(nA, nA + nX));
            sums.put("db" + gate, Nd4j.zeros(nA, 1));
        }
        for (int t = steps - 1; t >= 0; t--) {
            // gradients = lstm_cell_backward(da[:, :, t] + da_prevt, dc_prevt, caches[t])
            Parameters gradients = lstmCellBackward(step(da, t).addi(daPrevt), dcPrevt, caches.caches().get(t));
            daPrevt = gradients.get("da_prev");
            dcPrevt = gradients.get("dc_prev");
            // dx[:, :, t] = gradients['dxt']; dWf += gradients['dWf']; ...
            dx.put(at(t), gradients.get("dxt"));
            sums.names().forEach(name -> sums.get(name).addi(gradients.get(name)));
        }
        // da0 = gradients['da_prev']
        Parameters out = Parameters.of("dx", dx, "da0", daPrevt);
        sums.asMap().forEach(out::put);
        return out;
    }

    // -------------------------------------------------------------------------------- helpers

    /** {@code np.dot(W<gate>, concat) + b<gate>}. */
    private static INDArray gate(Parameters parameters, String gate, INDArray concat) {
        return parameters.get("W" + gate).mmul(concat).addiColumnVector(parameters.get("b" + gate));
    }

    /** {@code x[:, :, t]}, as a new array. */
    static INDArray step(INDArray x, int t) {
        return x.get(all(), all(), point(t)).dup('c');
    }

    private static INDArrayIndex[] at(int t) {
        return new INDArrayIndex[] {all(), all(), point(t)};
    }

    private static void requireSequence(INDArray x, String name) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException(name + " must be (n, m, T_x), 3-D, but has shape "
                    + Shapes.format(x.shape()));
        }
    }

    private static int requireSteps(INDArray da, int cached) {
        int steps = (int) da.size(2);
        if (steps > cached) {
            throw new IllegalArgumentException("da has " + steps + " time steps but the caches hold " + cached);
        }
        return steps;
    }

    // -------------------------------------------------------------------------------- the notebook's test cells

    /** Runs every test cell of the notebook on its inputs and prints what it prints; then the DL4J layers. */
    public static Result run(Options options, Report report) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        Printer p = new Printer(report, arrays);

        p.section("rnn_cell_forward");
        RnnTestCases.Case cf = RnnTestCases.rnnCellForward();
        RnnCellOutput cell = rnnCellForward(cf.x(), cf.a0(), cf.parameters());
        p.row("a_next[4]", cell.aNext(), 4);
        p.shape("a_next", cell.aNext());
        p.row("yt_pred[1]", cell.ytPred(), 1);
        p.shape("yt_pred", cell.ytPred());

        p.section("rnn_forward");
        RnnTestCases.Case rf = RnnTestCases.rnnForward();
        RnnForward rnn = rnnForward(rf.x(), rf.a0(), rf.parameters());
        p.put("a[4][1]", rnn.a().get(point(4), point(1), all()));
        p.shape("a", rnn.a());
        p.put("y_pred[1][3]", rnn.yPred().get(point(1), point(3), all()));
        p.shape("y_pred", rnn.yPred());
        p.put("caches[1][1][3]", rnn.caches().x().get(point(1), point(3), all()));
        report.result("len(caches) = 2");

        p.section("rnn_cell_backward");
        RnnTestCases.Case cb = RnnTestCases.rnnCellBackward();
        Parameters cellGrads = rnnCellBackward(cb.extra()[0],
                rnnCellForward(cb.x(), cb.a0(), cb.parameters()).cache());
        p.scalar("gradients[\"dxt\"][1][2]", cellGrads.get("dxt"), 1, 2);
        p.shape("gradients[\"dxt\"]", cellGrads.get("dxt"));
        p.scalar("gradients[\"da_prev\"][2][3]", cellGrads.get("da_prev"), 2, 3);
        p.scalar("gradients[\"dWax\"][3][1]", cellGrads.get("dWax"), 3, 1);
        p.scalar("gradients[\"dWaa\"][1][2]", cellGrads.get("dWaa"), 1, 2);
        p.row("gradients[\"dba\"][4]", cellGrads.get("dba"), 4);

        p.section("rnn_backward");
        RnnTestCases.Case rb = RnnTestCases.rnnBackward();
        Parameters rnnGrads = rnnBackward(rb.extra()[0], rnnForward(rb.x(), rb.a0(), rb.parameters()).caches());
        p.put("gradients[\"dx\"][1][2]", rnnGrads.get("dx").get(point(1), point(2), all()));
        p.shape("gradients[\"dx\"]", rnnGrads.get("dx"));
        p.scalar("gradients[\"da0\"][2][3]", rnnGrads.get("da0"), 2, 3);
        p.scalar("gradients[\"dWax\"][3][1]", rnnGrads.get("dWax"), 3, 1);
        p.scalar("gradients[\"dWaa\"][1][2]", rnnGrads.get("dWaa"), 1, 2);
        p.row("gradients[\"dba\"][4]", rnnGrads.get("dba"), 4);

        p.section("lstm_cell_forward");
        RnnTestCases.Case lcf = RnnTestCases.lstmCellForward();
        LstmCellOutput lstmCell = lstmCellForward(lcf.x(), lcf.a0(), lcf.extra()[0], lcf.parameters());
        p.row("a_next[4]", lstmCell.aNext(), 4);
        p.row("c_next[2]", lstmCell.cNext(), 2);
        p.row("yt[1]", lstmCell.ytPred(), 1);
        p.row("cache[1][3]", lstmCell.cache().cNext(), 3);
        report.result("len(cache) = 10");

        p.section("lstm_forward");
        RnnTestCases.Case lf = RnnTestCases.lstmForward();
        LstmForward lstm = lstmForward(lf.x(), lf.a0(), lf.parameters());
        p.scalar("a[4][3][6]", lstm.a(), 4, 3, 6);
        p.shape("a", lstm.a());
        p.scalar("y[1][4][3]", lstm.y(), 1, 4, 3);
        p.shape("y", lstm.y());
        p.put("caches[1][1][1]", lstm.caches().x().get(point(1), point(1), all()));
        p.scalar("c[1][2][1]", lstm.c(), 1, 2, 1);
        report.result("len(caches) = 2");

        p.section("lstm_cell_backward");
        RnnTestCases.Case lcb = RnnTestCases.lstmCellBackward();
        Parameters lstmCellGrads = lstmCellBackward(lcb.extra()[1], lcb.extra()[2],
                lstmCellForward(lcb.x(), lcb.a0(), lcb.extra()[0], lcb.parameters()).cache());
        p.scalar("gradients[\"dxt\"][1][2]", lstmCellGrads.get("dxt"), 1, 2);
        p.scalar("gradients[\"da_prev\"][2][3]", lstmCellGrads.get("da_prev"), 2, 3);
        p.scalar("gradients[\"dc_prev\"][2][3]", lstmCellGrads.get("dc_prev"), 2, 3);
        p.scalar("gradients[\"dWf\"][3][1]", lstmCellGrads.get("dWf"), 3, 1);
        p.scalar("gradients[\"dWi\"][1][2]", lstmCellGrads.get("dWi"), 1, 2);
        p.scalar("gradients[\"dWc\"][3][1]", lstmCellGrads.get("dWc"), 3, 1);
        p.scalar("gradients[\"dWo\"][1][2]", lstmCellGrads.get("dWo"), 1, 2);
        for (String gate : new String[] {"f", "i", "c", "o"}) {
            p.row("gradients[\"db" + gate + "\"][4]", lstmCellGrads.get("db" + gate), 4);
        }

        p.section("lstm_backward");
        RnnTestCases.Case lb = RnnTestCases.lstmBackward();
        Parameters lstmGrads = lstmBackward(lb.extra()[0], lstmForward(lb.x(), lb.a0(), lb.parameters()).caches());
        p.put("gradients[\"dx\"][1][2]", lstmGrads.get("dx").get(point(1), point(2), all()));
        p.shape("gradients[\"dx\"]", lstmGrads.get("dx"));
        p.scalar("gradients[\"da0\"][2][3]", lstmGrads.get("da0"), 2, 3);
        p.scalar("gradients[\"dWf\"][3][1]", lstmGrads.get("dWf"), 3, 1);
        p.scalar("gradients[\"dWi\"][1][2]", lstmGrads.get("dWi"), 1, 2);
        p.scalar("gradients[\"dWc\"][3][1]", lstmGrads.get("dWc"), 3, 1);
        p.scalar("gradients[\"dWo\"][1][2]", lstmGrads.get("dWo"), 1, 2);
        for (String gate : new String[] {"f", "i", "c", "o"}) {
            p.row("gradients[\"db" + gate + "\"][4]", lstmGrads.get("db" + gate), 4);
        }

        report.say("== DL4J: SimpleRnn and LSTM layers with the notebook's weights (the rnn_forward and"
                + " lstm_forward cells)");
        double simple = RnnLayers.maxDifference(RnnLayers.simpleRnnForward(rf.x(), rf.a0(), rf.parameters()),
                rnn.a(), rnn.yPred());
        report.result("SimpleRnn + RnnOutputLayer: max |a, y_pred - scratch| = " + NumpyFormat.repr(simple));
        double lstmDiff = RnnLayers.maxDifference(RnnLayers.lstmForward(lf.x(), lf.a0(), lf.parameters()),
                lstm.a(), lstm.y());
        report.result("LSTM + RnnOutputLayer: max |a, y - scratch| = " + NumpyFormat.repr(lstmDiff));
        return new Result(Collections.unmodifiableMap(arrays), simple, lstmDiff);
    }

    /** Prints {@code name = value} as numpy does and keeps the value under {@code "<function> <name>"}. */
    private static final class Printer {
        private final Report report;
        private final Map<String, INDArray> arrays;
        private String section = "";

        Printer(Report report, Map<String, INDArray> arrays) {
            this.report = report;
            this.arrays = arrays;
        }

        /** The heading {@code == function} (dropped by {@code -q}); the keys that follow start with it. */
        void section(String function) {
            section = function;
            report.say("== " + function);
        }

        void put(String name, INDArray value) {
            arrays.put(section + " " + name, value.dup());
            report.result(name + " = " + NumpyFormat.array(value));
        }

        void row(String name, INDArray matrix, int row) {
            put(name, matrix.getRow(row));
        }

        void scalar(String name, INDArray array, long... index) {
            double v = array.getDouble(index);
            arrays.put(section + " " + name, Nd4j.scalar(v));
            report.result(name + " = " + NumpyFormat.repr(v));
        }

        void shape(String name, INDArray array) {
            report.result(name + ".shape = " + Shapes.format(array.shape()));
        }
    }
}
