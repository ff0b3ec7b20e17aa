package org.dls4j.course4.week1;

import static org.nd4j.linalg.indexing.NDArrayIndex.all;
import static org.nd4j.linalg.indexing.NDArrayIndex.interval;
import static org.nd4j.linalg.indexing.NDArrayIndex.point;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.NumpySum;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.scratch.conv.Convolution;
import org.dls4j.shared.scratch.conv.Nhwc;
import org.dls4j.shared.scratch.conv.PoolMode;
import org.dls4j.shared.scratch.conv.Pooling;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.Pad;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;

/**
 * Course 4, week 1: <b>Convolutional Neural Networks: Step by Step</b>. The notebook's functions written the way the
 * notebook writes them, in ND4J float64 on channels-last {@code (m, n_H, n_W, n_C)} arrays: four loops over
 * examples, rows, columns and channels, each numpy line as a {@code // np.} comment above its ND4J twin. The same
 * layers, fused for speed, are {@link Convolution} and {@link Pooling} in {@code org.dls4j.shared.scratch.conv} (a
 * test proves the two give the same doubles), and DL4J's own layers are in {@link ConvolutionLayersInDl4j}.
 *
 * <p>What the learner sees ({@code ./dls run c4w1-convolution-step-by-step}): every test cell of the notebook
 * (2018-v2a, the version with the backward pass's expected values; the 2021 notebook's {@code conv_forward} cell too),
 * on the same {@code np.random.seed(1)} draws, printed as numpy prints, e.g.
 * <pre>
 * x[1,1] =
 *  [[ 0.90085595 -0.68372786]
 *  [-0.12289023 -0.93576943]
 *  [-0.26788808  0.53035547]]
 * Z = -6.999089450680221
 * Z's mean =
 *  0.6923608807576933
 * ...
 * dA_mean = 1.4524377775388075
 * dW_mean = 1.7269914583139097
 * db_mean = 7.839232564616838
 * </pre>
 * then how far DL4J's {@code ConvolutionLayer} and {@code SubsamplingLayer} are from them on the same inputs and
 * weights. With {@code -q} the values only, without the {@code ==} headings.
 */
public final class ConvolutionStepByStep {

    /** The notebook has no settings: only the common options. */
    @Command(name = "c4w1-convolution-step-by-step",
            description = "Course 4 week 1: convolution and pooling layers from scratch, forward and backward,"
                    + " on the notebook's test cells, and the same layers in DL4J.")
    public static final class Options extends AssignmentOptions {
    }

    /** What the run computed, under the names it printed. */
    public record Result(Map<String, INDArray> arrays, Map<String, Double> values) {
    }

    private ConvolutionStepByStep() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), ConvolutionStepByStep::run, args));
    }

    // -------------------------------------------------------------------------------- graded functions

    /**
     * {@code zero_pad(X, pad)}: zeros around the height and width of every image of {@code X (m, n_H, n_W, n_C)},
     * giving {@code (m, n_H + 2*pad, n_W + 2*pad, n_C)}.
     */
    @Graded("zero_pad")
    public static INDArray zeroPad(INDArray X, int pad) {
        Nhwc.requireBatch(X, "X");
        if (pad < 0) {
            throw new IllegalArgumentException("pad must be at least 0, not " + pad);
        }
        // np.pad(X, ((0,0), (pad,pad), (pad,pad), (0,0)), mode='constant', constant_values=(0,0))
        return Nd4j.pad(X, new int[][] {{0, 0}, {pad, pad}, {pad, pad}, {0, 0}}, Pad.Mode.CONSTANT, 0);
    }

    /**
     * {@code conv_single_step(a_slice_prev, W, b)}: one filter {@code W (f, f, n_C_prev)} and its bias
     * {@code b (1, 1, 1)} on one window {@code a_slice_prev (f, f, n_C_prev)} of the input: one output value.
     */
    @Graded("conv_single_step")
    public static double convSingleStep(INDArray aSlicePrev, INDArray W, INDArray b) {
        if (aSlicePrev == null || aSlicePrev.rank() != 3) {
            throw new IllegalArgumentException("a_slice_prev must be a 3-D (f, f, n_C_prev) array but "
                    + (aSlicePrev == null ? "was null" : "has shape " + Shapes.format(aSlicePrev.shape())));
        }
        Shapes.require(W, "W", aSlicePrev.shape());
        if (b == null || b.length() != 1) {
            throw new IllegalArgumentException("b must hold one value, shape (1, 1, 1), but "
                    + (b == null ? "was null" : "has shape " + Shapes.format(b.shape())));
        }
        // s = np.multiply(a_slice_prev, W)
        INDArray s = aSlicePrev.mul(W);
        // Z = np.sum(s)
        double Z = NumpySum.sum(s);
        // Z = Z + float(b)
        Z = Z + b.getDouble(0);
        return Z;
    }

    /**
     * {@code conv_forward(A_prev, W, b, hparameters)}: the filters {@code W (f, f, n_C_prev, n_C)} with biases
     * {@code b (1, 1, 1, n_C)} slid over {@code A_prev (m, n_H_prev, n_W_prev, n_C_prev)} zero-padded by {@code pad},
     * {@code stride} apart: {@code Z (m, n_H, n_W, n_C)}, and the cache {@code (A_prev, W, b, hparameters)}.
     */
    @Graded("conv_forward")
    public static Convolution.Output convForward(INDArray aPrev, INDArray W, INDArray b, int stride, int pad) {
        Nhwc.requireConv(aPrev, W, b, stride, pad);
        // (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
        long m = aPrev.size(0);
        long nHPrev = aPrev.size(1);
        long nWPrev = aPrev.size(2);
        // (f, f, n_C_prev, n_C) = W.shape
        int f = (int) W.size(0);
        long nC = W.size(3);
        // n_H = int(int(n_H_prev + 2*pad - f)/stride + 1)
        int nH = Nhwc.outputSize("n_H", nHPrev, f, pad, stride);
        // n_W = int(int(n_W_prev + 2*pad - f)/stride + 1)
        int nW = Nhwc.outputSize("n_W", nWPrev, f, pad, stride);
        // Z = np.zeros([m, n_H, n_W, n_C])
        INDArray Z = Nd4j.zeros(DataType.DOUBLE, m, nH, nW, nC);
        // A_prev_pad = zero_pad(A_prev, pad)
        INDArray aPrevPad = zeroPad(aPrev, pad);
        for (long i = 0; i < m; i++) {
            for (int h = 0; h < nH; h++) {
                // vert_start = stride * h
                int vertStart = stride * h;
                // vert_end = vert_start + f
                int vertEnd = vertStart + f;
                for (int w = 0; w < nW; w++) {
                    // horiz_start = stride * w
                    int horizStart = stride * w;
                    // horiz_end = horiz_start + f
                    int horizEnd = horizStart + f;
                    for (long c = 0; c < nC; c++) {
                        // a_slice_prev = A_prev_pad[i, vert_start:vert_end, horiz_start:horiz_end, :]
                        INDArray aSlicePrev = aPrevPad.get(point(i), interval(vertStart, vertEnd),
                                interval(horizStart, horizEnd), all());
                        // weights = W[:, :, :, c]
                        INDArray weights = W.get(all(), all(), all(), point(c));
                        // biases = b[:, :, :, c]
                        INDArray biases = b.get(all(), all(), all(), point(c));
                        // Z[i, h, w, c] = conv_single_step(a_slice_prev, weights, biases)
                        Z.putScalar(new long[] {i, h, w, c}, convSingleStep(aSlicePrev, weights, biases));
                    }
                }
            }
        }
        // cache = (A_prev, W, b, hparameters)
        return new Convolution.Output(Z, new Convolution.Cache(aPrev, W, b, stride, pad));
    }

    /**
     * {@code pool_forward(A_prev, hparameters, mode)}: the maximum ({@code "max"}) or the mean ({@code "average"}) of
     * every {@code f x f} window of each channel, {@code stride} apart, no padding: {@code A (m, n_H, n_W, n_C)}, and
     * the cache {@code (A_prev, hparameters)}.
     */
    @Graded("pool_forward")
    public static Pooling.Output poolForward(INDArray aPrev, int f, int stride, String mode) {
        PoolMode poolMode = PoolMode.of(mode);
        Nhwc.requirePool(aPrev, f, stride);
        // (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
        long m = aPrev.size(0);
        long nHPrev = aPrev.size(1);
        long nWPrev = aPrev.size(2);
        // n_H = int(1 + (n_H_prev - f) / stride)
        int nH = Nhwc.outputSize("n_H", nHPrev, f, 0, stride);
        // n_W = int(1 + (n_W_prev - f) / stride)
        int nW = Nhwc.outputSize("n_W", nWPrev, f, 0, stride);
        // n_C = n_C_prev
        long nC = aPrev.size(3);
        // A = np.zeros((m, n_H, n_W, n_C))
        INDArray A = Nd4j.zeros(DataType.DOUBLE, m, nH, nW, nC);
        for (long i = 0; i < m; i++) {
            for (int h = 0; h < nH; h++) {
                // vert_start = stride * h
                int vertStart = stride * h;
                // vert_end = vert_start + f
                int vertEnd = vertStart + f;
                for (int w = 0; w < nW; w++) {
                    // horiz_start = stride * w
                    int horizStart = stride * w;
                    // horiz_end = horiz_start + f
                    int horizEnd = horizStart + f;
                    for (long c = 0; c < nC; c++) {
                        // a_prev_slice = A_prev[i]
                        INDArray aPrevSlice = aPrev.get(point(i), all(), all(), all());
                        INDArray window = aPrevSlice.get(interval(vertStart, vertEnd), interval(horizStart, horizEnd),
                                point(c));
                        if (poolMode == PoolMode.MAX) {
                            // A[i, h, w, c] = np.max(a_prev_slice[vert_start:vert_end, horiz_start:horiz_end, c])
                            A.putScalar(new long[] {i, h, w, c}, window.maxNumber().doubleValue());
                        } else {
                            // A[i, h, w, c] = np.mean(a_prev_slice[vert_start:vert_end, horiz_start:horiz_end, c])
                            A.putScalar(new long[] {i, h, w, c}, NumpySum.sum(window) / window.length());
                        }
                    }
                }
            }
        }
        // cache = (A_prev, hparameters)
        return new Pooling.Output(A, new Pooling.Cache(aPrev, f, stride));
    }

    /**
     * {@code conv_backward(dZ, cache)} (optional in the notebook): from the gradient {@code dZ (m, n_H, n_W, n_C)} of
     * the cost with respect to {@code conv_forward}'s output, the gradients with respect to {@code A_prev}, {@code W}
     * and {@code b}.
     */
    @Graded("conv_backward")
    public static Convolution.Gradients convBackward(INDArray dZ, Convolution.Cache cache) {
        // (A_prev, W, b, hparameters) = cache
        INDArray aPrev = cache.aPrev();
        INDArray W = cache.W();
        // stride = hparameters["stride"]
        int stride = cache.stride();
        // pad = hparameters["pad"]
        int pad = cache.pad();
        Nhwc.requireConv(aPrev, W, cache.b(), stride, pad);
        // (m, n_H_prev, n_W_prev, n_C_prev) = A_prev.shape
        long m = aPrev.size(0);
        long nHPrev = aPrev.size(1);
        long nWPrev = aPrev.size(2);
        long nCPrev = aPrev.size(3);
        // (f, f, n_C_prev, n_C) = W.shape
        int f = (int) W.size(0);
        long nC = W.size(3);
        // (m, n_H, n_W, n_C) = dZ.shape
        int nH = Nhwc.outputSize("n_H", nHPrev, f, pad, stride);
        int nW = Nhwc.outputSize("n_W", nWPrev, f, pad, stride);
        Nhwc.requireOutputGradient(dZ, "dZ", m, nH, nW, nC);
        // dA_prev = np.zeros((m, n_H_prev, n_W_prev, n_C_prev))
        INDArray dAPrev = Nd4j.zeros(DataType.DOUBLE, m, nHPrev, nWPrev, nCPrev);
        // dW = np.zeros((f, f, n_C_prev, n_C))
        INDArray dW = Nd4j.zeros(DataType.DOUBLE, f, f, nCPrev, nC);
        // db = np.zeros((1, 1, 1, n_C))
        INDArray db = Nd4j.zeros(DataType.DOUBLE, 1, 1, 1, nC);
        // A_prev_pad = zero_pad(A_prev, pad)
        INDArray aPrevPad = zeroPad(aPrev, pad);
        // dA_prev_pad = zero_pad(dA_prev, pad)
        INDArray dAPrevPad = zeroPad(dAPrev, pad);
        for (long i = 0; i < m; i++) {
            // a_prev_pad = A_prev_pad[i]
            INDArray example = aPrevPad.get(point(i), all(), all(), all());
            // da_prev_pad = dA_prev_pad[i]
            INDArray dExample = dAPrevPad.get(point(i), all(), all(), all());
            for (int h = 0; h < nH; h++) {
                for (int w = 0; w < nW; w++) {
                    for (long c = 0; c < nC; c++) {
                        // vert_start = stride * h; vert_end = vert_start + f
                        int vertStart = stride * h;
                        int vertEnd = vertStart + f;
                        // horiz_start = stride * w; horiz_end = horiz_start + f
                        int horizStart = stride * w;
                        int horizEnd = horizStart + f;
                        // a_slice = a_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :]
                        INDArray aSlice = example.get(interval(vertStart, vertEnd), interval(horizStart, horizEnd),
                                all());
                        double dz = dZ.getDouble(i, h, w, c);
                        // da_prev_pad[vert_start:vert_end, horiz_start:horiz_end, :] += W[:,:,:,c] * dZ[i, h, w, c]
                        dExample.get(interval(vertStart, vertEnd), interval(horizStart, horizEnd), all())
                                .addi(W.get(all(), all(), all(), point(c)).mul(dz));
                        // dW[:,:,:,c] += a_slice * dZ[i, h, w, c]
                        dW.get(all(), all(), all(), point(c)).addi(aSlice.mul(dz));
                        // db[:,:,:,c] += dZ[i, h, w, c]
                        db.get(all(), all(), all(), point(c)).addi(dz);
                    }
                }
            }
            // dA_prev[i, :, :, :] = da_prev_pad[pad:-pad, pad:-pad, :]   (written so that pad = 0 works too)
            dAPrev.get(point(i), all(), all(), all())
                    .assign(dExample.get(interval(pad, pad + nHPrev), interval(pad, pad + nWPrev), all()));
        }
        return new Convolution.Gradients(dAPrev, dW, db);
    }

    /** {@code create_mask_from_window(x)}: a BOOL array of {@code x}'s shape, true where {@code x} is its maximum. */
    @Graded("create_mask_from_window")
    public static INDArray createMaskFromWindow(INDArray x) {
        if (x == null || x.isEmpty()) {
            throw new IllegalArgumentException("x must be a non-empty window, not " + (x == null ? "null" : "empty"));
        }
        // mask = (x == np.max(x))
        return x.eq(x.maxNumber());
    }

    /**
     * {@code distribute_value(dz, shape)} with {@code shape = (n_H, n_W)}: an {@code (n_H, n_W)} array holding
     * {@code dz / (n_H * n_W)} everywhere.
     */
    @Graded("distribute_value")
    public static INDArray distributeValue(double dz, int nH, int nW) {
        if (nH < 1 || nW < 1) {
            throw new IllegalArgumentException("shape must be (n_H, n_W) with both at least 1, not (" + nH + ", " + nW
                    + ")");
        }
        // average = dz / (n_H * n_W)
        double average = dz / (nH * nW);
        // a = np.ones(shape) * average
        return Nd4j.ones(DataType.DOUBLE, nH, nW).muli(average);
    }

    /**
     * {@code pool_backward(dA, cache, mode)} (optional in the notebook): from the gradient {@code dA} of the cost with
     * respect to {@code pool_forward}'s output, the gradient with respect to its input {@code A_prev}.
     */
    @Graded("pool_backward")
    public static INDArray poolBackward(INDArray dA, Pooling.Cache cache, String mode) {
        PoolMode poolMode = PoolMode.of(mode);
        // (A_prev, hparameters) = cache
        INDArray aPrev = cache.aPrev();
        // stride = hparameters["stride"]; f = hparameters["f"]
        int stride = cache.stride();
        int f = cache.f();
        Nhwc.requirePool(aPrev, f, stride);
        // m, n_H_prev, n_W_prev, n_C_prev = A_prev.shape
        long m = aPrev.size(0);
        // m, n_H, n_W, n_C = dA.shape
        int nH = Nhwc.outputSize("n_H", aPrev.size(1), f, 0, stride);
        int nW = Nhwc.outputSize("n_W", aPrev.size(2), f, 0, stride);
        long nC = aPrev.size(3);
        Nhwc.requireOutputGradient(dA, "dA", m, nH, nW, nC);
        // dA_prev = np.zeros(A_prev.shape)
        INDArray dAPrev = Nd4j.zeros(DataType.DOUBLE, aPrev.shape());
        for (long i = 0; i < m; i++) {
            // a_prev = A_prev[i]
            INDArray example = aPrev.get(point(i), all(), all(), all());
            for (int h = 0; h < nH; h++) {
                for (int w = 0; w < nW; w++) {
                    for (long c = 0; c < nC; c++) {
                        // vert_start = h * stride; vert_end = vert_start + f
                        int vertStart = h * stride;
                        int vertEnd = vertStart + f;
                        // horiz_start = w * stride; horiz_end = horiz_start + f
                        int horizStart = w * stride;
                        int horizEnd = horizStart + f;
                        INDArray dWindow = dAPrev.get(point(i), interval(vertStart, vertEnd),
                                interval(horizStart, horizEnd), point(c));
                        if (poolMode == PoolMode.MAX) {
                            // a_prev_slice = a_prev[vert_start:vert_end, horiz_start:horiz_end, c]
                            INDArray aPrevSlice = example.get(interval(vertStart, vertEnd),
                                    interval(horizStart, horizEnd), point(c));
                            // mask = create_mask_from_window(a_prev_slice)
                            INDArray mask = createMaskFromWindow(aPrevSlice);
                            // dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] +=
                            //         np.multiply(mask, dA[i, h, w, c])
                            dWindow.addi(mask.castTo(DataType.DOUBLE).muli(dA.getDouble(i, h, w, c)));
                        } else {
                            // da = dA[i, h, w, c]
                            double da = dA.getDouble(i, h, w, c);
                            // shape = (f, f)
                            // dA_prev[i, vert_start:vert_end, horiz_start:horiz_end, c] += distribute_value(da, shape)
                            dWindow.addi(distributeValue(da, f, f));
                        }
                    }
                }
            }
        }
        return dAPrev;
    }

    // -------------------------------------------------------------------------------- the notebook's test cells

    /**
     * Runs every test cell of the notebook and prints what it prints: a heading per function (dropped by {@code -q}),
     * then its values (always printed: they are the Expected Output), then DL4J's layers on the same arrays.
     */
    public static Result run(Options options, Report report) {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        Map<String, Double> values = new LinkedHashMap<>();
        Printer out = new Printer(report, arrays, values);
        // np.random.seed(1), again before every cell
        NumpyRandom rng = new NumpyRandom(1);

        report.say("== zero_pad");
        INDArray x = rng.randn(4, 3, 3, 2);
        INDArray xPad = zeroPad(x, 2);
        report.result("x.shape =\n " + Shapes.format(x.shape()));
        report.result("x_pad.shape =\n " + Shapes.format(xPad.shape()));
        out.array("x[1,1] =\n ", "x[1,1]", x.get(point(1), point(1), all(), all()));
        out.array("x_pad[1,1] =\n ", "x_pad[1,1]", xPad.get(point(1), point(1), all(), all()));
        arrays.put("x_pad", xPad);

        report.say("== conv_single_step");
        rng.seed(1);
        INDArray aSlicePrev = rng.randn(4, 4, 3);
        INDArray w = rng.randn(4, 4, 3);
        INDArray b = rng.randn(1, 1, 1);
        out.value("Z = ", "Z", convSingleStep(aSlicePrev, w, b));

        convForwardCell(report, out, rng, 10, "Z[3,2,1]", 3, "conv_forward");
        convForwardCell(report, out, rng, 2, "Z[0,2,1]", 0, "conv_forward (the 2021 notebook: m = 2)");
        poolForwardCell(report, out, rng, 1);
        poolForwardCell(report, out, rng, 2);

        report.say("== conv_backward");
        rng.seed(1);
        INDArray aPrev = rng.randn(10, 4, 4, 3);
        w = rng.randn(2, 2, 3, 8);
        b = rng.randn(1, 1, 1, 8);
        Convolution.Output conv = convForward(aPrev, w, b, 2, 2);
        // dA, dW, db = conv_backward(Z, cache_conv)
        Convolution.Gradients grads = convBackward(conv.Z(), conv.cache());
        out.mean("dA_mean = ", "dA_mean", grads.dAPrev());
        out.mean("dW_mean = ", "dW_mean", grads.dW());
        out.mean("db_mean = ", "db_mean", grads.db());

        report.say("== create_mask_from_window");
        rng.seed(1);
        x = rng.randn(2, 3);
        out.array("x =  ", "mask x", x);
        out.array("mask =  ", "mask", createMaskFromWindow(x));

        report.say("== distribute_value");
        out.array("distributed value = ", "distributed value", distributeValue(2, 2, 2));

        report.say("== pool_backward");
        rng.seed(1);
        aPrev = rng.randn(5, 5, 3, 2);
        Pooling.Output pool = poolForward(aPrev, 2, 1, "max");
        INDArray dA = rng.randn(5, 4, 2, 2);
        for (PoolMode mode : PoolMode.values()) {
            INDArray dAPrev = poolBackward(dA, pool.cache(), mode.toString());
            report.result("mode = " + mode);
            out.mean("mean of dA =  ", "mean of dA", dA);
            out.array("dA_prev[1,1] =  ", mode + " dA_prev[1,1]", dAPrev.get(point(1), point(1), all(), all()));
            arrays.put(mode + " dA_prev", dAPrev);
            report.say("");
        }

        report.say("== the same layers in DL4J (ConvolutionLayer, SubsamplingLayer), float64, channels last");
        ConvolutionLayersInDl4j.ConvResult dl4j = ConvolutionLayersInDl4j.convolution(conv.cache().aPrev(), w, b, 2,
                2, conv.Z());
        out.difference("ConvolutionLayer Z", dl4j.Z(), conv.Z());
        out.difference("ConvolutionLayer dA_prev", dl4j.dAPrev(), grads.dAPrev());
        out.difference("ConvolutionLayer dW", dl4j.dW(), grads.dW());
        out.difference("ConvolutionLayer db", dl4j.db(), grads.db());
        for (PoolMode mode : PoolMode.values()) {
            ConvolutionLayersInDl4j.PoolResult p = ConvolutionLayersInDl4j.pooling(aPrev, 2, 1, mode, dA);
            out.difference("SubsamplingLayer " + mode + " A", p.A(), poolForward(aPrev, 2, 1, mode.toString()).A());
            out.difference("SubsamplingLayer " + mode + " dA_prev", p.dAPrev(), arrays.get(mode + " dA_prev"));
        }
        return new Result(Collections.unmodifiableMap(arrays), Collections.unmodifiableMap(values));
    }

    /** The {@code conv_forward} cell: {@code A_prev (m, 5, 7, 4)}, {@code W (3, 3, 4, 8)}, pad 1, stride 2. */
    private static void convForwardCell(Report report, Printer out, NumpyRandom rng, int m, String row, int example,
            String heading) {
        report.say("== " + heading);
        rng.seed(1);
        INDArray aPrev = rng.randn(m, 5, 7, 4);
        INDArray w = rng.randn(3, 3, 4, 8);
        INDArray b = rng.randn(1, 1, 1, 8);
        // hparameters = {"pad" : 1, "stride": 2}
        Convolution.Output conv = convForward(aPrev, w, b, 2, 1);
        String tag = m == 10 ? "" : " (m = " + m + ")";
        out.mean("Z's mean =\n ", "Z's mean" + tag, conv.Z());
        out.array(row + " =\n ", row + tag, conv.Z().get(point(example), point(2), point(1), all()));
        out.array("cache_conv[0][1][2][3] =\n ", "cache_conv[0][1][2][3]" + tag,
                conv.cache().aPrev().get(point(1), point(2), point(3), all()));
        out.arrays.put("Z" + tag, conv.Z());
    }

    /** The {@code pool_forward} cells: {@code A_prev (2, 5, 5, 3)}, f = 3, both modes. */
    private static void poolForwardCell(Report report, Printer out, NumpyRandom rng, int stride) {
        report.say("== pool_forward (stride " + stride + ")");
        rng.seed(1);
        INDArray aPrev = rng.randn(2, 5, 5, 3);
        for (PoolMode mode : PoolMode.values()) {
            INDArray a = poolForward(aPrev, 3, stride, mode.toString()).A();
            report.result("mode = " + mode);
            report.result("A.shape = " + Shapes.format(a.shape()));
            out.array("A =\n ", mode + " A (stride " + stride + ")", a);
            report.say("");
        }
    }

    /** Prints as the notebook's {@code print} calls do and keeps each value under the name it printed. */
    private record Printer(Report report, Map<String, INDArray> arrays, Map<String, Double> values) {

        void array(String label, String key, INDArray value) {
            arrays.put(key, value);
            // print("x[1,1] =\n", x[1,1])
            report.result(label + NumpyFormat.array(value));
        }

        void value(String label, String key, double value) {
            values.put(key, value);
            report.result(label + NumpyFormat.repr(value));
        }

        /** {@code np.mean(a)}: numpy's pairwise sum over every element, divided by their number. */
        void mean(String label, String key, INDArray a) {
            value(label, key, NumpySum.sum(a) / a.length());
        }

        /** The largest {@code |dl4j - scratch|} over the two arrays, which must have the same shape. */
        void difference(String what, INDArray dl4j, INDArray scratch) {
            Shapes.requireSameShape(scratch, "the notebook's array", dl4j, what);
            double max = dl4j.sub(scratch).amaxNumber().doubleValue();
            values.put(what, max);
            report.result(what + ": max |DL4J - scratch| = " + NumpyFormat.repr(max));
        }
    }
}
