package org.dls4j.shared.graph;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_MEAN;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SCALE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SHIFT;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_VARIANCE;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WORKSPACE;
import static org.bytedeco.dnnl.global.dnnl.dnnl_fuse_norm_relu;
import static org.bytedeco.dnnl.global.dnnl.dnnl_use_global_stats;
import static org.bytedeco.dnnl.global.dnnl.dnnl_use_scale;
import static org.bytedeco.dnnl.global.dnnl.dnnl_use_shift;

import java.util.Arrays;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.batch_normalization_backward;
import org.bytedeco.dnnl.batch_normalization_forward;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Batch normalization of one array shape on oneDNN, its primitives made once and kept: training forward (batch
 * statistics out), inference forward (the running statistics in), backward (the gradients of X, gamma and beta). A
 * picture batch is computed in oneDNN's channel-blocked layout (nChw16c), where its batch norm is 6-10x faster than
 * in plain NCHW here, with a reorder in and out; a dense batch (N, C) as it is. With {@code relu}, training computes
 * {@code max(BN(x), 0)} and its backward pass the gradient through both (oneDNN's {@code fuse_norm_relu}, a bit mask
 * kept between the two).
 */
final class DnnlBatchNorm {

    /** The dimensions of the batch, its layout (NHWC or not) and whether training fuses the RELU. */
    record Shape(long[] dims, boolean channelsLast, double eps, boolean relu) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Shape s && Arrays.equals(dims, s.dims) && channelsLast == s.channelsLast
                    && eps == s.eps && relu == s.relu;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(dims) * 31 + Boolean.hashCode(relu);
        }

        /** The dimensions in oneDNN's logical order: (N, C, H, W) or (N, C). */
        long[] logical() {
            return channelsLast ? new long[] {dims[0], dims[3], dims[1], dims[2]} : dims;
        }
    }

    final Shape shape;

    /** The arrays' own memories, pointed at the INDArrays on each call. */
    private final memory src, dst, diffDst, diffSrc, scale, shift, mean, variance, diffScale, diffShift;
    private final stream stream = Dnnl.newStream();
    private final Dnnl.Steps trainingSteps = new Dnnl.Steps(stream);
    private final Dnnl.Steps inferenceSteps = new Dnnl.Steps(stream);
    private final Dnnl.Steps backwardSteps = new Dnnl.Steps(stream);
    /** dX reordered from the blocked layout into its array (nothing for a dense batch). */
    private final Dnnl.Steps inputGradientSteps = new Dnnl.Steps(stream);
    /** X as the training pass reads it, which the backward pass reads again; dY as the backward pass reads it. */
    private final Dnnl.Input source;
    private final Dnnl.Input gradient;
    /** Y (after a training pass) and dX in the blocked layout before their reorder into the arrays, or null. */
    private final memory blockedOutput;
    private final memory blockedInputGradient;
    private INDArray lastTrainingInput;

    DnnlBatchNorm(Shape s) {
        this.shape = s;
        long[] dims = s.logical();
        memory.data_type f32 = memory.data_type.f32;
        boolean pictures = dims.length == 4;
        memory.format_tag plain = !pictures ? memory.format_tag.nc
                : s.channelsLast ? memory.format_tag.nhwc : memory.format_tag.nchw;
        memory.desc user = new memory.desc(dims, f32, plain);
        memory.desc inside = pictures ? new memory.desc(dims, f32, memory.format_tag.nChw16c) : user;
        memory.desc channels = new memory.desc(new long[] {dims[1]}, f32, memory.format_tag.x);
        float eps = (float) s.eps;
        int affine = dnnl_use_scale | dnnl_use_shift;
        int trainingFlags = affine | (s.relu ? dnnl_fuse_norm_relu : 0);

        batch_normalization_forward.primitive_desc training = new batch_normalization_forward.primitive_desc(
                new batch_normalization_forward.desc(prop_kind.forward_training.value, inside, eps, trainingFlags),
                Dnnl.engine());
        batch_normalization_forward.primitive_desc inference = new batch_normalization_forward.primitive_desc(
                new batch_normalization_forward.desc(prop_kind.forward_inference.value, inside, eps,
                        affine | dnnl_use_global_stats), Dnnl.engine());
        batch_normalization_backward.primitive_desc backward = new batch_normalization_backward.primitive_desc(
                new batch_normalization_backward.desc(prop_kind.backward.value, inside, inside, eps, trainingFlags),
                Dnnl.engine(), training);

        src = Dnnl.user(user);
        dst = Dnnl.user(user);
        diffDst = Dnnl.user(user);
        diffSrc = Dnnl.user(user);
        scale = Dnnl.user(channels);
        shift = Dnnl.user(channels);
        mean = Dnnl.user(channels);
        variance = Dnnl.user(channels);
        diffScale = Dnnl.user(channels);
        diffShift = Dnnl.user(channels);
        memory workspace = s.relu ? Dnnl.owned(training.workspace_desc()) : null;

        // training: X in, Y and the batch mean and variance out
        source = trainingSteps.input(user, inside, src);
        memory tSrc = source.memory;
        memory tDst = trainingSteps.outMemory(user, inside, dst);
        blockedOutput = tDst == dst ? null : tDst;
        IntMemoryMap trainingArgs = Dnnl.args(DNNL_ARG_SRC, tSrc, DNNL_ARG_DST, tDst, DNNL_ARG_SCALE, scale,
                DNNL_ARG_SHIFT, shift, DNNL_ARG_MEAN, mean, DNNL_ARG_VARIANCE, variance);
        if (s.relu) {
            trainingArgs.put(DNNL_ARG_WORKSPACE, workspace);
        }
        trainingSteps.run(new batch_normalization_forward(training), trainingArgs);
        trainingSteps.out(tDst, dst);
        // inference: X and the running mean and variance in, Y out
        memory iSrc = inferenceSteps.in(user, inside, src);
        memory iDst = inferenceSteps.outMemory(user, inside, dst);
        inferenceSteps.run(new batch_normalization_forward(inference), Dnnl.args(DNNL_ARG_SRC, iSrc, DNNL_ARG_DST,
                iDst, DNNL_ARG_SCALE, scale, DNNL_ARG_SHIFT, shift, DNNL_ARG_MEAN, mean, DNNL_ARG_VARIANCE,
                variance));
        inferenceSteps.out(iDst, dst);
        // backward: the training pass's reordered X, dY in; dX, dgamma, dbeta out
        gradient = backwardSteps.input(user, inside, diffDst);
        memory bDiffDst = gradient.memory;
        memory bDiffSrc = backwardSteps.outMemory(user, inside, diffSrc);
        blockedInputGradient = bDiffSrc == diffSrc ? null : bDiffSrc;
        IntMemoryMap backwardArgs = Dnnl.args(DNNL_ARG_SRC, tSrc, DNNL_ARG_DIFF_DST, bDiffDst, DNNL_ARG_SCALE, scale,
                DNNL_ARG_SHIFT, shift, DNNL_ARG_MEAN, mean, DNNL_ARG_VARIANCE, variance, DNNL_ARG_DIFF_SRC,
                bDiffSrc, DNNL_ARG_DIFF_SCALE, diffScale, DNNL_ARG_DIFF_SHIFT, diffShift);
        if (s.relu) {
            backwardArgs.put(DNNL_ARG_WORKSPACE, workspace);
        }
        backwardSteps.run(new batch_normalization_backward(backward), backwardArgs);
        inputGradientSteps.out(bDiffSrc, diffSrc);
    }

    /**
     * Training: {@code y} (with the RELU when fused) and the batch's mean and (biased) variance. {@code blockedX}, when
     * not null, holds X in the blocked layout (the convolution before): read as it is. Returns whether it was.
     */
    boolean training(INDArray x, INDArray gamma, INDArray beta, INDArray y, INDArray batchMean, INDArray batchVar,
            memory blockedX) {
        Dnnl.bind(src, x);
        Dnnl.bind(dst, y);
        bindAffine(gamma, beta);
        Dnnl.bind(mean, batchMean);
        Dnnl.bind(variance, batchVar);
        boolean borrowed = source.borrowOrReorder(blockedX);
        trainingSteps.execute();
        lastTrainingInput = x;
        return borrowed;
    }

    /** Inference: {@code y} from the running mean and variance. */
    void inference(INDArray x, INDArray gamma, INDArray beta, INDArray runningMean, INDArray runningVar,
            INDArray y) {
        Dnnl.bind(src, x);
        Dnnl.bind(dst, y);
        bindAffine(gamma, beta);
        Dnnl.bind(mean, runningMean);
        Dnnl.bind(variance, runningVar);
        inferenceSteps.execute();
    }

    /**
     * dX, dgamma and dbeta from dY, for the batch (and its statistics) of the last training pass. {@code blockedX} and
     * {@code blockedDy}, when not null, hold X and dY in the blocked layout (the convolutions before and after).
     * Returns whether dY was read from {@code blockedDy}. Without {@code writeDx}, dX is left in the blocked layout
     * ({@link #blockedInputGradient}) for the one convolution that reads it, and {@code dx} unwritten until
     * {@link #writeInputGradient}.
     */
    boolean backward(INDArray x, INDArray gamma, INDArray beta, INDArray batchMean, INDArray batchVar, INDArray dy,
            INDArray dx, INDArray dGamma, INDArray dBeta, memory blockedX, memory blockedDy, boolean writeDx) {
        Dnnl.bind(src, x);
        bindAffine(gamma, beta);
        Dnnl.bind(mean, batchMean);
        Dnnl.bind(variance, batchVar);
        Dnnl.bind(diffDst, dy);
        Dnnl.bind(diffSrc, dx);
        Dnnl.bind(diffScale, dGamma);
        Dnnl.bind(diffShift, dBeta);
        // backward reads X as the training pass laid it out: again, unless it still holds this X
        source.again(blockedX, x == lastTrainingInput);
        boolean borrowed = gradient.borrowOrReorder(blockedDy);
        backwardSteps.execute();
        if (writeDx) {
            inputGradientSteps.execute();
        }
        return borrowed;
    }

    /** The layout the backward pass reads dY in. */
    memory.desc gradientLayout() {
        return gradient.memory.get_desc();
    }

    /** Y in the blocked layout as the last training pass left it, or null (a dense batch, written as it is). */
    memory blockedOutput() {
        return blockedOutput;
    }

    /** dX in the blocked layout as the last backward pass left it, or null. */
    memory blockedInputGradient() {
        return blockedInputGradient;
    }

    private void bindAffine(INDArray gamma, INDArray beta) {
        Dnnl.bind(scale, gamma);
        Dnnl.bind(shift, beta);
    }
}
