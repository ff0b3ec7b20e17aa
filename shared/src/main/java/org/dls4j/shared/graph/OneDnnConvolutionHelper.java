package org.dls4j.shared.graph;

import java.util.Map;

import org.bytedeco.dnnl.memory;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The convolution of DL4J's {@code ConvolutionLayer} on oneDNN, through DL4J's helper interface: forward, backward
 * data and backward weights run as {@link DnnlConvolution} primitives that this layer's helper makes once per input
 * geometry and keeps. Every array goes over in its default C layout: for NHWC, {@code ConvolutionLayer} hands a
 * helper its delta as a permuted view of an NCHW array, which is copied first (read as it lies, the gradients were
 * wrong). It extends DL4J's own oneDNN helper only because {@code ConvolutionLayer} tests for that class (a bias of
 * zeros for layers without one); dilated convolutions go to that helper's libnd4j code.
 */
final class OneDnnConvolutionHelper extends MKLDNNConvHelper {

    /** The geometries seen (a last, smaller batch makes a second one). */
    private final Map<DnnlConvolution.Geometry, DnnlConvolution> plans = Dnnl.recentPlans();

    /** False for a layer fed by the network's input in a graph that is only trained: see {@link Graphs#forTraining}. */
    private final boolean inputGradient;
    /** A transposed convolution (DL4J's {@code Deconvolution2D}): oneDNN's deconvolution primitives. */
    private final boolean transposed;
    /** The batch norm (with its RELU) whose output this convolution reads, or null: see {@link #readFrom}. */
    private OneDnnBatchNormHelper readsFrom;
    /** The batch norm that alone reads this convolution's output, or null: see {@link #feed}. */
    private OneDnnBatchNormHelper feeds;
    /** The last output and input gradient with the blocked memories they came from, and what was borrowed. */
    private final BlockedTwins twins = new BlockedTwins();
    /** The primitives of the last forward pass (those its backward pass uses). */
    private DnnlConvolution lastPlan;

    OneDnnConvolutionHelper(boolean inputGradient) {
        this(inputGradient, false);
    }

    /** {@code transposed}: the helper of a {@link TransposedConvolution2D} (DL4J's deconvolution). */
    OneDnnConvolutionHelper(boolean inputGradient, boolean transposed) {
        super(DataType.FLOAT);
        this.inputGradient = inputGradient;
        this.transposed = transposed;
    }

    /** Whether the backward pass computes the gradient with respect to the layer's input. */
    boolean computesInputGradient() {
        return inputGradient;
    }

    /**
     * This convolution's input comes from {@code batchNorm}, through the RELU layer the batch norm applies: it reads
     * the batch norm's blocked output instead of reordering the array again, while that array is the batch norm's
     * last output (checked on each call).
     */
    void readFrom(OneDnnBatchNormHelper batchNorm) {
        readsFrom = batchNorm;
    }

    /**
     * {@code batchNorm} alone reads this convolution's output (an identity activation: the output is the helper's, as
     * it wrote it): the batch norm reads the blocked output, and this convolution the batch norm's blocked input
     * gradient, while the arrays are the last ones each wrote.
     */
    void feed(OneDnnBatchNormHelper batchNorm) {
        feeds = batchNorm;
    }

    /**
     * Whether this convolution's next backward pass reads dY in {@code blocked}'s layout (for the batch norm it feeds,
     * which may then leave its input gradient there alone).
     */
    boolean readsGradientLike(memory blocked) {
        return blocked != null && lastPlan != null && lastPlan.gradientLayout().equals(blocked.get_desc());
    }

    /** What this helper last wrote from blocked memories, and whether it last read a neighbour's. */
    BlockedTwins twins() {
        return twins;
    }

    @Override
    public boolean checkSupported() {
        return FastPath.oneDnnBuilt();
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
            ConvolutionLayer.AlgoMode mode, ConvolutionLayer.FwdAlgo fwdAlgo, ConvolutionMode convolutionMode,
            int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = ContiguousArrays.of(input);
        INDArray w = ContiguousArrays.of(weights);
        INDArray b = ContiguousArrays.of(bias);
        DnnlConvolution plan = plan(x, w, b != null, kernel, strides, pad, convolutionMode, dilation, format);
        if (plan == null || x.dataType() != DataType.FLOAT || w.dataType() != DataType.FLOAT) {
            requireDirect();
            return super.preOutput(x, w, b, kernel, strides, pad, mode, fwdAlgo, convolutionMode, dilation, format,
                    workspaceMgr);
        }
        long[] d = plan.geometry.dst();
        long[] shape = format == CNN2DFormat.NHWC ? new long[] {d[0], d[2], d[3], d[1]} : d;
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, shape, 'c');
        twins.borrowedInput(plan.forward(x, w, b, out, readsFrom == null ? null : readsFrom.twins().outputOf(x)));
        twins.wroteOutput(out, plan.blockedOutput());
        lastPlan = plan;
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
            int[] kernel, int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView, IActivation afn,
            ConvolutionLayer.AlgoMode mode, ConvolutionLayer.BwdFilterAlgo bwdFilterAlgo,
            ConvolutionLayer.BwdDataAlgo bwdDataAlgo, ConvolutionMode convolutionMode, int[] dilation,
            CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        INDArray x = ContiguousArrays.of(input);
        INDArray w = ContiguousArrays.of(weights);
        INDArray dy = ContiguousArrays.of(delta);
        INDArray weightGrad = ContiguousArrays.of(weightGradView);
        INDArray biasGrad = ContiguousArrays.of(biasGradView);
        DnnlConvolution plan = plan(x, w, biasGradView != null, kernel, strides, pad, convolutionMode, dilation,
                format);
        Pair<Gradient, INDArray> result;
        if (plan == null || x.dataType() != DataType.FLOAT || w.dataType() != DataType.FLOAT) {
            requireDirect();
            result = super.backpropGradient(x, w, ContiguousArrays.of(bias), dy, kernel, strides, pad, biasGrad,
                    weightGrad, afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format,
                    workspaceMgr);
        } else {
            INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
            memory blockedDy = feeds == null ? null : feeds.twins().inputGradientOf(dy);
            boolean deferred = feeds != null && feeds.twins().inputGradientDeferred();
            if (deferred && blockedDy == null) {
                throw new IllegalStateException("The batch norm after this convolution left its input gradient in "
                        + "oneDNN's layout for it, but the convolution was handed another gradient array");
            }
            // the batch norm before, through its RELU layer feeding this convolution alone, reads dX in the blocked
            // layout: dX is left there (channels first only: DL4J permutes a channels-last gradient, a new array)
            boolean deferDx = inputGradient && readsFrom != null && readsFrom.takesGradientFrom(this)
                    && format == CNN2DFormat.NCHW && readsFrom.readsGradientLike(plan.blockedInputGradient());
            twins.borrowedGradient(plan.backward(x, w, dy, inputGradient ? dx : null, weightGrad, biasGrad,
                    readsFrom == null ? null : readsFrom.twins().outputOf(x), blockedDy, !deferDx));
            if (deferred && !twins.borrowedGradient()) {
                throw new IllegalStateException("The batch norm's input gradient, left in oneDNN's layout for this "
                        + "convolution, was not in the layout the convolution reads");
            }
            if (inputGradient) {
                twins.wroteInputGradient(dx, plan.blockedInputGradient(), deferDx);
            } else {
                dx.assign(0);   // the gradient with respect to the network's input, not computed
            }
            result = new Pair<>(new DefaultGradient(), dx);
        }
        // the gradient views are slices of the network's one gradient array: results written to copies go back
        if (weightGrad != weightGradView) {
            weightGradView.assign(weightGrad);
        }
        if (biasGrad != biasGradView) {
            biasGradView.assign(biasGrad);
        }
        Map<String, INDArray> gradients = result.getFirst().gradientForVariable();
        if (biasGradView != null) {
            gradients.put(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        gradients.put(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView);
        return result;
    }

    /** DL4J's own oneDNN helper, the fallback, computes convolutions only: its caller checks what this one takes. */
    private void requireDirect() {
        if (transposed) {
            throw new IllegalStateException("a transposed convolution the oneDNN helper does not take (float64, "
                    + "dilated): its layer computes it with DL4J's code");
        }
    }

    /** The primitives for this input and layer geometry; {@code null} for a dilated convolution. */
    private DnnlConvolution plan(INDArray x, INDArray w, boolean withBias, int[] kernel, int[] strides, int[] pad,
            ConvolutionMode convolutionMode, int[] dilation, CNN2DFormat format) {
        if (dilation[0] != 1 || dilation[1] != 1) {
            return null;
        }
        boolean channelsLast = format == CNN2DFormat.NHWC;
        long n = x.size(0);
        long c = x.size(channelsLast ? 3 : 1);
        int[] in = {(int) x.size(channelsLast ? 1 : 2), (int) x.size(channelsLast ? 2 : 3)};
        boolean same = convolutionMode == ConvolutionMode.Same;
        int[] out = transposed
                ? ConvolutionUtils.getDeconvolutionOutputSize(x, kernel, strides, pad, convolutionMode, dilation,
                        format)
                : ConvolutionUtils.getOutputSize(x, kernel, strides, same ? null : pad, convolutionMode, dilation,
                        format);
        // a transposed convolution is the backward pass of the convolution from its output to its input: its
        // padding is that convolution's ('same': libnd4j's deconv2d puts the odd row at the bottom, as TensorFlow)
        int[] convolutionIn = transposed ? out : in;
        int[] convolutionOut = transposed ? in : out;
        int[] padLeft = same ? ConvolutionUtils.getSameModeTopLeftPadding(convolutionOut, convolutionIn, kernel,
                strides, dilation) : pad;
        // oneDNN's right padding: what makes (in + left + right - k) / s + 1 the output size of the convolution
        // (negative when 'valid' leaves the last rows out)
        long[] padRight = new long[2];
        for (int i = 0; i < 2; i++) {
            padRight[i] = (convolutionOut[i] - 1L) * strides[i] + kernel[i] - convolutionIn[i] - padLeft[i];
        }
        // DL4J's weights: (out, in, kh, kw) for a convolution, (in, out, kh, kw) for a transposed one
        long outChannels = w.size(transposed ? 1 : 0);
        DnnlConvolution.Geometry g = new DnnlConvolution.Geometry(new long[] {n, c, in[0], in[1]},
                new long[] {outChannels, c, kernel[0], kernel[1]}, new long[] {n, outChannels, out[0], out[1]},
                new long[] {strides[0], strides[1]}, new long[] {padLeft[0], padLeft[1]}, padRight, channelsLast,
                withBias, transposed);
        return plans.computeIfAbsent(g, DnnlConvolution::new);
    }
}
