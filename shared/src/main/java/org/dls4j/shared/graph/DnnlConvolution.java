package org.dls4j.shared.graph;

import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_BIAS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DIFF_WEIGHTS;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_DST;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_SRC;
import static org.bytedeco.dnnl.global.dnnl.DNNL_ARG_WEIGHTS;

import java.util.Arrays;

import org.bytedeco.dnnl.IntMemoryMap;
import org.bytedeco.dnnl.convolution_backward_data;
import org.bytedeco.dnnl.convolution_backward_weights;
import org.bytedeco.dnnl.convolution_forward;
import org.bytedeco.dnnl.deconvolution_backward_data;
import org.bytedeco.dnnl.deconvolution_backward_weights;
import org.bytedeco.dnnl.deconvolution_forward;
import org.bytedeco.dnnl.engine;
import org.bytedeco.dnnl.global.dnnl.algorithm;
import org.bytedeco.dnnl.global.dnnl.prop_kind;
import org.bytedeco.dnnl.memory;
import org.bytedeco.dnnl.primitive;
import org.bytedeco.dnnl.stream;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One convolution geometry on oneDNN, called directly (JavaCPP's {@code org.bytedeco:dnnl}), its primitives made once
 * and kept: forward, backward data, backward weights, and the reorders between the arrays' plain layout (NCHW or
 * NHWC, weights OIHW) and the blocked layouts oneDNN picks for them. libnd4j's own oneDNN glue builds all of this again
 * on every call and always reorders; this is 1.5-2.5x faster per convolution here. A transposed convolution
 * (DL4J's deconvolution, weights (C, OC, KH, KW)) runs the same way on oneDNN's deconvolution primitives. The blocked
 * output and input gradient stay readable after a call, and a neighbour's blocked arrays can be read in place of a
 * reorder ({@link Dnnl.Input}). Arrays are handed over by address: they must be float32, in their default C layout
 * and start at their buffer's start ({@link ContiguousArrays}).
 */
final class DnnlConvolution {

    /**
     * The geometry of a convolution, or with {@code transposed} of a transposed convolution (a deconvolution): logical
     * dimensions (N, C, H, W), (OC, C, KH, KW), (N, OC, OH, OW). A transposed convolution's weights are DL4J's
     * (C, OC, KH, KW) array.
     */
    record Geometry(long[] src, long[] weights, long[] dst, long[] strides, long[] padLeft, long[] padRight,
            boolean channelsLast, boolean bias, boolean transposed) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Geometry g && Arrays.equals(src, g.src) && Arrays.equals(weights, g.weights)
                    && Arrays.equals(dst, g.dst) && Arrays.equals(strides, g.strides)
                    && Arrays.equals(padLeft, g.padLeft) && Arrays.equals(padRight, g.padRight)
                    && channelsLast == g.channelsLast && bias == g.bias && transposed == g.transposed;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(src) * 31 + Arrays.hashCode(dst);
        }
    }

    final Geometry geometry;

    private final primitive forward;
    private final primitive backwardData;
    private final primitive backwardWeights;

    /** The arrays' own memories: their data handles are set to the INDArrays on each call. */
    private final memory src, weights, bias, dst, diffDst, diffSrc, diffWeights, diffBias;
    /** This convolution's stream: a graph trained on another thread has its own layers, helpers and streams. */
    private final stream stream = Dnnl.newStream();
    private final Dnnl.Steps forwardSteps = new Dnnl.Steps(stream);
    /** Backward data, then backward weights, both reading dY as {@link #gradient} has it. */
    private final Dnnl.Steps dataSteps = new Dnnl.Steps(stream);
    /** dX reordered from oneDNN's layout into its array (nothing when oneDNN writes the array's own layout). */
    private final Dnnl.Steps inputGradientSteps = new Dnnl.Steps(stream);
    private final Dnnl.Steps weightSteps = new Dnnl.Steps(stream);
    /** X as the forward pass reads it, which backward weights reads again when {@link #sharesForwardSource}. */
    private final Dnnl.Input source;
    private final boolean sharesForwardSource;
    /** dY as both backward primitives read it. */
    private final Dnnl.Input gradient;
    /** Y and dX in oneDNN's layout before their reorder into the arrays (null: written straight into them). */
    private final memory blockedOutput;
    private final memory blockedInputGradient;
    /** The X of the last forward pass, whose reordered copy backward weights may read. */
    private INDArray lastForwardInput;

    DnnlConvolution(Geometry g) {
        this.geometry = g;
        memory.data_type f32 = memory.data_type.f32;
        memory.format_tag plain = g.channelsLast ? memory.format_tag.nhwc : memory.format_tag.nchw;
        memory.desc srcUser = new memory.desc(g.src, f32, plain);
        memory.desc dstUser = new memory.desc(g.dst, f32, plain);
        memory.desc weightsUser = new memory.desc(g.weights, f32,
                g.transposed ? memory.format_tag.iohw : memory.format_tag.oihw);
        memory.desc biasUser = new memory.desc(new long[] {g.weights[0]}, f32, memory.format_tag.x);
        memory.desc srcAny = new memory.desc(g.src, f32, memory.format_tag.any);
        memory.desc dstAny = new memory.desc(g.dst, f32, memory.format_tag.any);
        memory.desc weightsAny = new memory.desc(g.weights, f32, memory.format_tag.any);
        engine e = Dnnl.engine();

        Primitives p = g.transposed ? transposed(g, srcAny, weightsAny, biasUser, dstAny, e)
                : direct(g, srcAny, weightsAny, biasUser, dstAny, e);
        forward = p.forward();
        backwardData = p.backwardData();
        backwardWeights = p.backwardWeights();

        src = Dnnl.user(srcUser);
        diffSrc = Dnnl.user(srcUser);
        dst = Dnnl.user(dstUser);
        diffDst = Dnnl.user(dstUser);
        weights = Dnnl.user(weightsUser);
        diffWeights = Dnnl.user(weightsUser);
        bias = Dnnl.user(biasUser);
        diffBias = Dnnl.user(biasUser);
        // forward: X, W in (reordered when oneDNN wants another layout), Y out
        source = forwardSteps.input(srcUser, p.src(), src);
        memory fSrc = source.memory;
        memory fWeights = forwardSteps.in(weightsUser, p.weights(), weights);
        memory fDst = forwardSteps.outMemory(dstUser, p.dst(), dst);
        forwardSteps.run(forward, g.bias
                ? Dnnl.args(DNNL_ARG_SRC, fSrc, DNNL_ARG_WEIGHTS, fWeights, DNNL_ARG_BIAS, bias, DNNL_ARG_DST, fDst)
                : Dnnl.args(DNNL_ARG_SRC, fSrc, DNNL_ARG_WEIGHTS, fWeights, DNNL_ARG_DST, fDst));
        forwardSteps.out(fDst, dst);
        blockedOutput = fDst == dst ? null : fDst;
        // backward data: dY, W in, dX out
        gradient = dataSteps.input(dstUser, p.dataDiffDst(), diffDst);
        memory dDiffDst = gradient.memory;
        memory dWeights = dataSteps.in(weightsUser, p.dataWeights(), weights);
        memory dDiffSrc = dataSteps.outMemory(srcUser, p.dataDiffSrc(), diffSrc);
        dataSteps.run(backwardData, Dnnl.args(DNNL_ARG_DIFF_DST, dDiffDst, DNNL_ARG_WEIGHTS, dWeights,
                DNNL_ARG_DIFF_SRC, dDiffSrc));
        inputGradientSteps.out(dDiffSrc, diffSrc);
        blockedInputGradient = dDiffSrc == diffSrc ? null : dDiffSrc;
        // backward weights: X and dY in, as the forward pass and backward data already laid them out when they can
        sharesForwardSource = p.weightsSrc().equals(p.src());
        memory wSrc = sharesForwardSource ? fSrc : weightSteps.in(srcUser, p.weightsSrc(), src);
        memory wDiffDst = p.weightsDiffDst().equals(p.dataDiffDst()) ? dDiffDst
                : weightSteps.in(dstUser, p.weightsDiffDst(), diffDst);
        memory wDiffWeights = weightSteps.outMemory(weightsUser, p.weightsDiffWeights(), diffWeights);
        IntMemoryMap weightArgs = Dnnl.args(DNNL_ARG_SRC, wSrc, DNNL_ARG_DIFF_DST, wDiffDst, DNNL_ARG_DIFF_WEIGHTS,
                wDiffWeights);
        if (g.bias) {
            weightArgs.put(DNNL_ARG_DIFF_BIAS, diffBias);
        }
        weightSteps.run(backwardWeights, weightArgs);
        weightSteps.out(wDiffWeights, diffWeights);
    }

    /** The three primitives and the layouts they read and write. */
    private record Primitives(primitive forward, primitive backwardData, primitive backwardWeights, memory.desc src,
            memory.desc weights, memory.desc dst, memory.desc dataDiffDst, memory.desc dataWeights,
            memory.desc dataDiffSrc, memory.desc weightsSrc, memory.desc weightsDiffDst,
            memory.desc weightsDiffWeights) {
    }

    private static Primitives direct(Geometry g, memory.desc src, memory.desc weights, memory.desc bias,
            memory.desc dst, engine e) {
        convolution_forward.primitive_desc fpd = new convolution_forward.primitive_desc(g.bias
                ? new convolution_forward.desc(prop_kind.forward_training, algorithm.convolution_direct, src,
                        weights, bias, dst, g.strides, g.padLeft, g.padRight)
                : new convolution_forward.desc(prop_kind.forward_training, algorithm.convolution_direct, src,
                        weights, dst, g.strides, g.padLeft, g.padRight), e);
        convolution_backward_data.primitive_desc dpd = new convolution_backward_data.primitive_desc(
                new convolution_backward_data.desc(algorithm.convolution_direct, src, weights, dst, g.strides,
                        g.padLeft, g.padRight), e, fpd);
        convolution_backward_weights.primitive_desc wpd = g.bias
                ? new convolution_backward_weights.primitive_desc(new convolution_backward_weights.desc(
                        algorithm.convolution_direct, src, weights, bias, dst, g.strides, g.padLeft, g.padRight), e,
                        fpd)
                : new convolution_backward_weights.primitive_desc(new convolution_backward_weights.desc(
                        algorithm.convolution_direct, src, weights, dst, g.strides, g.padLeft, g.padRight), e, fpd);
        return new Primitives(new convolution_forward(fpd), new convolution_backward_data(dpd),
                new convolution_backward_weights(wpd), fpd.src_desc(), fpd.weights_desc(), fpd.dst_desc(),
                dpd.diff_dst_desc(), dpd.weights_desc(), dpd.diff_src_desc(), wpd.src_desc(), wpd.diff_dst_desc(),
                wpd.diff_weights_desc());
    }

    private static Primitives transposed(Geometry g, memory.desc src, memory.desc weights, memory.desc bias,
            memory.desc dst, engine e) {
        deconvolution_forward.primitive_desc fpd = new deconvolution_forward.primitive_desc(g.bias
                ? new deconvolution_forward.desc(prop_kind.forward_training, algorithm.deconvolution_direct, src,
                        weights, bias, dst, g.strides, g.padLeft, g.padRight)
                : new deconvolution_forward.desc(prop_kind.forward_training, algorithm.deconvolution_direct, src,
                        weights, dst, g.strides, g.padLeft, g.padRight), e);
        deconvolution_backward_data.primitive_desc dpd = new deconvolution_backward_data.primitive_desc(
                new deconvolution_backward_data.desc(algorithm.deconvolution_direct, src, weights, dst, g.strides,
                        g.padLeft, g.padRight), e, fpd);
        deconvolution_backward_weights.primitive_desc wpd = g.bias
                ? new deconvolution_backward_weights.primitive_desc(new deconvolution_backward_weights.desc(
                        algorithm.deconvolution_direct, src, weights, bias, dst, g.strides, g.padLeft, g.padRight),
                        e, fpd)
                : new deconvolution_backward_weights.primitive_desc(new deconvolution_backward_weights.desc(
                        algorithm.deconvolution_direct, src, weights, dst, g.strides, g.padLeft, g.padRight), e,
                        fpd);
        return new Primitives(new deconvolution_forward(fpd), new deconvolution_backward_data(dpd),
                new deconvolution_backward_weights(wpd), fpd.src_desc(), fpd.weights_desc(), fpd.dst_desc(),
                dpd.diff_dst_desc(), dpd.weights_desc(), dpd.diff_src_desc(), wpd.src_desc(), wpd.diff_dst_desc(),
                wpd.diff_weights_desc());
    }

    /**
     * Y = conv(X, W) + b (without a bias, b is not read). {@code blockedX}, when not null, holds X in oneDNN's layout
     * (the output of the batch norm before): read as it is when the layout is the one wanted. Returns whether it was.
     */
    boolean forward(INDArray x, INDArray w, INDArray b, INDArray y, memory blockedX) {
        Dnnl.bind(src, x);
        Dnnl.bind(weights, w);
        if (geometry.bias) {
            Dnnl.bind(bias, b);
        }
        Dnnl.bind(dst, y);
        boolean borrowed = source.borrowOrReorder(blockedX);
        forwardSteps.execute();
        lastForwardInput = x;
        return borrowed;
    }

    /**
     * dW, (with a bias) db and, unless {@code dx} is null, dX from dY. {@code blockedX} and {@code blockedDy}, when not
     * null, hold X and dY in oneDNN's layout (the batch norm before, the batch norm after). Returns whether dY was
     * read from {@code blockedDy}. Without {@code writeDx}, dX is left in oneDNN's layout
     * ({@link #blockedInputGradient}) for the batch norm that reads it, and {@code dx} unwritten.
     */
    boolean backward(INDArray x, INDArray w, INDArray dy, INDArray dx, INDArray dw, INDArray db, memory blockedX,
            memory blockedDy, boolean writeDx) {
        Dnnl.bind(src, x);
        Dnnl.bind(weights, w);
        Dnnl.bind(diffDst, dy);
        if (dx != null) {
            Dnnl.bind(diffSrc, dx);
        }
        Dnnl.bind(diffWeights, dw);
        if (geometry.bias) {
            Dnnl.bind(diffBias, db);
        }
        // backward weights reads X as the forward pass laid it out: again, unless it still holds this X
        if (sharesForwardSource) {
            source.again(blockedX, x == lastForwardInput);
        }
        boolean borrowed = gradient.borrowOrReorder(blockedDy);
        if (dx != null) {
            dataSteps.execute();
            if (writeDx) {
                inputGradientSteps.execute();
            }
        }
        weightSteps.execute();
        return borrowed;
    }

    /** The layout the backward primitives read dY in. */
    memory.desc gradientLayout() {
        return gradient.memory.get_desc();
    }

    /** Y in oneDNN's layout as the last forward pass left it, or null when oneDNN wrote Y's own layout. */
    memory blockedOutput() {
        return blockedOutput;
    }

    /** dX in oneDNN's layout as the last backward pass left it, or null when oneDNN wrote dX's own layout. */
    memory blockedInputGradient() {
        return blockedInputGradient;
    }
}
