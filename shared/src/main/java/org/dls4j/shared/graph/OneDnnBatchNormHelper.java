package org.dls4j.shared.graph;

import java.util.Collections;
import java.util.Map;

import org.bytedeco.dnnl.memory;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalizationHelper;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Batch normalization for DL4J's {@code BatchNormalization} layer on oneDNN ({@link DnnlBatchNorm}, primitives made
 * once per input shape and kept): for a (32, 256, 15, 15) batch about 5 ms forward and backward with the reorders,
 * where DL4J's own code took 40 and a Java version of it 20-35.
 *
 * <p>{@code fusesRelu}: the layer's only consumer is a {@link ReluLayer} ({@link FastPath} checks the graph). Then a
 * training pass writes {@code max(BN(x), 0)} and its backward pass takes the gradient through the RELU too; the RELU
 * layer, seeing this helper's output as its input, passes it through unchanged, and its gradient too. Applied twice,
 * a RELU and its gradient mask give what they give once, so the result is the same whichever layer does the work.
 * Inference keeps the two apart. The batch mean and (biased) variance of a training pass are what the layer reads back
 * ({@link #getMeanCache}, {@link #getVarCache}) for its running averages.
 */
final class OneDnnBatchNormHelper implements BatchNormalizationHelper {

    /** The shapes seen (a last, smaller batch makes a second one). */
    private final Map<DnnlBatchNorm.Shape, DnnlBatchNorm> plans = Dnnl.recentPlans();

    private final boolean fusesRelu;
    /** The batch statistics of the last training pass, which the backward pass reads too. */
    private INDArray meanCache;
    private INDArray varCache;
    /**
     * The output of the last training pass when it went through the RELU (what the RELU layer passes on) and the last
     * input gradient, with the blocked memories they came from; what was borrowed.
     */
    private final BlockedTwins twins = new BlockedTwins();
    /** The convolution whose output alone this batch norm reads, or null ({@link OneDnnConvolutionHelper#feed}). */
    private OneDnnConvolutionHelper fedBy;
    /** The RELU layer and the one convolution it feeds, whose input gradient reaches this batch norm, or nulls. */
    private ReluLayerRuntime relu;
    private OneDnnConvolutionHelper gradientFrom;
    /** The primitives of the last training pass (those its backward pass uses). */
    private DnnlBatchNorm lastPlan;

    OneDnnBatchNormHelper(boolean fusesRelu) {
        this.fusesRelu = fusesRelu;
    }

    /** Whether training passes apply the following RELU layer's RELU here. */
    boolean fusesRelu() {
        return fusesRelu;
    }

    /** Whether {@code array} is this helper's last training output, which has been through the RELU already. */
    boolean isReluOutput(INDArray array) {
        return twins.isOutput(array);
    }

    /** {@code convolution}'s output is this batch norm's input, and only its ({@link OneDnnConvolutionHelper#feed}). */
    void fedBy(OneDnnConvolutionHelper convolution) {
        fedBy = convolution;
    }

    /**
     * The gradient reaching this batch norm is {@code convolution}'s input gradient, which {@code reluLayer} (this
     * helper's RELU, feeding that convolution alone) passes on: the backward pass reads the convolution's blocked one.
     */
    void gradientFrom(OneDnnConvolutionHelper convolution, ReluLayerRuntime reluLayer) {
        gradientFrom = convolution;
        relu = reluLayer;
    }

    /** Whether the gradient reaching this batch norm is {@code convolution}'s input gradient, through its RELU layer. */
    boolean takesGradientFrom(OneDnnConvolutionHelper convolution) {
        return convolution != null && convolution == gradientFrom;
    }

    /** Whether the next backward pass reads dY in {@code blocked}'s layout (the last training pass's primitives). */
    boolean readsGradientLike(memory blocked) {
        return blocked != null && lastPlan != null && lastPlan.gradientLayout().equals(blocked.get_desc());
    }

    /** Whether the gradient {@code passedOn} by this helper's RELU layer is only in its convolution's blocked memory. */
    boolean deferredGradient(INDArray received) {
        return gradientFrom != null && gradientFrom.twins().inputGradientDeferred()
                && gradientFrom.twins().inputGradientOf(received) != null;
    }

    /** What this helper last wrote from blocked memories, and whether it last read a neighbour's. */
    BlockedTwins twins() {
        return twins;
    }

    @Override
    public boolean checkSupported() {
        return true;
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta;
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
            INDArray runningMean, INDArray runningVar, double decay, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        if (!supported(x)) {
            return null;
        }
        x = ContiguousArrays.of(x);
        boolean relu = training && fusesRelu;
        DnnlBatchNorm plan = plan(x, format, eps, relu);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, x.shape(), 'c');
        INDArray g = ContiguousArrays.of(gamma);
        INDArray b = ContiguousArrays.of(beta);
        if (training) {
            long channels = plan.shape.logical()[1];
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                meanCache = Nd4j.createUninitialized(DataType.FLOAT, channels);
                varCache = Nd4j.createUninitialized(DataType.FLOAT, channels);
            }
            twins.borrowedInput(plan.training(x, g, b, out, meanCache, varCache, blockedInput(x)));
            twins.wroteOutput(relu ? out : null, plan.blockedOutput());
            lastPlan = plan;
        } else {
            plan.inference(x, g, b, ContiguousArrays.of(runningMean), ContiguousArrays.of(runningVar), out);
        }
        return out;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
            INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        if (!supported(input) || meanCache == null) {
            return null;
        }
        INDArray x = ContiguousArrays.of(input);
        INDArray dy = ContiguousArrays.of(epsilon);
        DnnlBatchNorm plan = plan(x, format, eps, fusesRelu);
        INDArray dx = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
        INDArray dGamma = ContiguousArrays.of(dGammaView);
        INDArray dBeta = ContiguousArrays.of(dBetaView);
        memory blockedDy = gradientFrom == null ? null
                : gradientFrom.twins().inputGradientOf(relu.gradientSourceOf(dy));
        boolean dyDeferred = gradientFrom != null && gradientFrom.twins().inputGradientDeferred();
        if (dyDeferred && blockedDy == null) {
            throw new IllegalStateException("The convolution after this batch norm left its input gradient in "
                    + "oneDNN's layout for it, but the batch norm was handed another gradient array");
        }
        // the convolution that alone reads dX, channels first, reads it in the blocked layout: dX is left there
        // (DL4J permutes a channels-last gradient before a convolution reads it, a new array)
        boolean deferred = fedBy != null && format == CNN2DFormat.NCHW
                && fedBy.readsGradientLike(plan.blockedInputGradient());
        twins.borrowedGradient(plan.backward(x, ContiguousArrays.of(gamma), ContiguousArrays.of(beta), meanCache,
                varCache, dy, dx, dGamma, dBeta, blockedInput(x), blockedDy, !deferred));
        twins.wroteInputGradient(dx, plan.blockedInputGradient(), deferred);
        if (dyDeferred && !twins.borrowedGradient()) {
            throw new IllegalStateException("The convolution's input gradient, left in oneDNN's layout for this batch "
                    + "norm, was not in the layout the batch norm reads");
        }
        // the gradient views are slices of the network's one gradient array: results written to copies go back
        if (dGamma != dGammaView) {
            dGammaView.assign(dGamma);
        }
        if (dBeta != dBetaView) {
            dBetaView.assign(dBeta);
        }
        Gradient gradient = new DefaultGradient();
        gradient.setGradientFor(BatchNormalizationParamInitializer.GAMMA, dGammaView);
        gradient.setGradientFor(BatchNormalizationParamInitializer.BETA, dBetaView);
        return new Pair<>(gradient, dx);
    }

    @Override
    public INDArray getMeanCache(DataType dataType) {
        return meanCache;
    }

    @Override
    public INDArray getVarCache(DataType dataType) {
        return varCache;
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return Collections.emptyMap();
    }

    /** X as the convolution before left it in the blocked layout, when X is its last output; else null. */
    private memory blockedInput(INDArray x) {
        return fedBy == null ? null : fedBy.twins().outputOf(x);
    }

    private static boolean supported(INDArray x) {
        return x.dataType() == DataType.FLOAT && (x.rank() == 2 || x.rank() == 4);
    }

    private DnnlBatchNorm plan(INDArray x, CNN2DFormat format, double eps, boolean relu) {
        DnnlBatchNorm.Shape s = new DnnlBatchNorm.Shape(x.shape(), x.rank() == 4 && format == CNN2DFormat.NHWC, eps,
                relu);
        return plans.computeIfAbsent(s, DnnlBatchNorm::new);
    }
}
