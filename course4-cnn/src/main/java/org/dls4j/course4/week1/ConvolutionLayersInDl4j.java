package org.dls4j.course4.week1;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.scratch.conv.Nhwc;
import org.dls4j.shared.scratch.conv.PoolMode;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The notebook's two layers as DL4J computes them: a {@code ConvolutionLayer} and a {@code SubsamplingLayer}, each the
 * only layer of a small float64 {@link ComputationGraph}, run forward and backward through the layer API on the
 * notebook's own arrays.
 *
 * <p>What is the same: DL4J's "convolution" is the notebook's (and TensorFlow's) cross-correlation, {@code Z[i, h, w,
 * c] = sum over (kh, kw, c') of A_prev_pad[i, h*stride + kh, w*stride + kw, c'] * W[kh, kw, c', c] + b[c]}, with
 * {@link ConvolutionMode#Truncate} giving the notebook's {@code n_H = floor((n_H_prev + 2*pad - f) / stride) + 1}
 * (the rows a stride cannot reach are dropped). Max pooling takes the window's maximum, average pooling divides by
 * {@code f*f} (there is no padding to leave out). The backward pass gives the same three gradients as
 * {@code conv_backward} (the layer's activation is the identity, so the gradient it receives is {@code dZ}).
 *
 * <p>What is laid out differently:
 * <ul>
 *   <li>the kernel: DL4J keeps the parameter {@code "W"} as {@code [nOut, nIn, kH, kW]} = {@code (n_C, n_C_prev, f,
 *       f)}, the notebook as {@code (f, f, n_C_prev, n_C)}: {@code W.permute(3, 2, 0, 1)} one way,
 *       {@code permute(2, 3, 1, 0)} back ({@link #kernelToDl4j}, {@link #kernelFromDl4j});</li>
 *   <li>the bias: {@code "b"} is {@code [1, nOut]}, the notebook's {@code (1, 1, 1, n_C)} reshaped;</li>
 *   <li>the activations: DL4J's convolution layers default to channels first, NCHW {@code (m, n_C, n_H, n_W)}; here
 *       they are built with {@link CNN2DFormat#NHWC}, the notebook's {@code (m, n_H, n_W, n_C)}, so the arrays go in
 *       and come out as they are (DL4J permutes to channels first inside each layer and back).</li>
 * </ul>
 * In float64 the layers run DL4J's built-in implementation (libnd4j's im2col and gemm for the convolution), not the
 * float32 oneDNN fast path of {@link org.dls4j.shared.graph.FastPath}.
 */
public final class ConvolutionLayersInDl4j {

    /** What a convolution layer gave, in the notebook's layout: {@code Z}, then {@code dA_prev, dW, db}. */
    public record ConvResult(INDArray Z, INDArray dAPrev, INDArray dW, INDArray db) {
    }

    /** What a pooling layer gave, in the notebook's layout: {@code A}, then {@code dA_prev}. */
    public record PoolResult(INDArray A, INDArray dAPrev) {
    }

    private static final String INPUT = "A_prev";
    private static final String LAYER = "layer";

    private ConvolutionLayersInDl4j() {
    }

    /** The notebook's {@code W (f, f, n_C_prev, n_C)} as DL4J's kernel {@code [n_C, n_C_prev, f, f]}. */
    public static INDArray kernelToDl4j(INDArray W) {
        return W.permute(3, 2, 0, 1).dup('c');
    }

    /** DL4J's kernel {@code [n_C, n_C_prev, f, f]} (or its gradient) as the notebook's {@code (f, f, n_C_prev, n_C)}.
     */
    public static INDArray kernelFromDl4j(INDArray kernel) {
        return kernel.permute(2, 3, 1, 0).dup('c');
    }

    /**
     * {@code conv_forward(A_prev, W, b, {stride, pad})} and {@code conv_backward(dZ, cache)} by DL4J's
     * {@code ConvolutionLayer}, its parameters set to {@code W} and {@code b}.
     */
    public static ConvResult convolution(INDArray aPrev, INDArray W, INDArray b, int stride, int pad, INDArray dZ) {
        Nhwc.requireConv(aPrev, W, b, stride, pad);
        int f = (int) W.size(0);
        int nC = (int) W.size(3);
        ConvolutionLayer conv = new ConvolutionLayer.Builder(f, f).stride(stride, stride).padding(pad, pad).nOut(nC)
                .dataFormat(CNN2DFormat.NHWC).convolutionMode(ConvolutionMode.Truncate)
                .activation(Activation.IDENTITY).build();
        ComputationGraph graph = oneLayer(aPrev, conv);
        graph.setParam(LAYER + "_W", kernelToDl4j(W));
        graph.setParam(LAYER + "_b", b.reshape(1, nC));
        Pair<INDArray, Pair<Gradient, INDArray>> run = forwardBackward(graph, aPrev, dZ);
        Gradient gradient = run.getSecond().getFirst();
        return new ConvResult(run.getFirst(), run.getSecond().getSecond(),
                kernelFromDl4j(gradient.getGradientFor("W")), gradient.getGradientFor("b").reshape(1, 1, 1, nC));
    }

    /**
     * {@code pool_forward(A_prev, {f, stride}, mode)} and {@code pool_backward(dA, cache, mode)} by DL4J's
     * {@code SubsamplingLayer}.
     */
    public static PoolResult pooling(INDArray aPrev, int f, int stride, PoolMode mode, INDArray dA) {
        Nhwc.requirePool(aPrev, f, stride);
        SubsamplingLayer pool = new SubsamplingLayer.Builder(mode == PoolMode.MAX ? PoolingType.MAX : PoolingType.AVG)
                .kernelSize(f, f).stride(stride, stride).dataFormat(CNN2DFormat.NHWC)
                .convolutionMode(ConvolutionMode.Truncate).build();
        Pair<INDArray, Pair<Gradient, INDArray>> run = forwardBackward(oneLayer(aPrev, pool), aPrev, dA);
        return new PoolResult(run.getFirst(), run.getSecond().getSecond());
    }

    /** A float64 graph {@code A_prev -> layer}, its input channels last, {@code aPrev}'s height, width, channels. */
    private static ComputationGraph oneLayer(INDArray aPrev, org.deeplearning4j.nn.conf.layers.Layer layer) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.convolutional(aPrev.size(1), aPrev.size(2), aPrev.size(3), CNN2DFormat.NHWC))
                .addLayer(LAYER, layer, INPUT)
                .setOutputs(LAYER)
                .build();
        return Graphs.initialized(conf);
    }

    /** The layer's output for {@code input}, then its gradients and input gradient for the output gradient d. */
    private static Pair<INDArray, Pair<Gradient, INDArray>> forwardBackward(ComputationGraph graph, INDArray input,
            INDArray d) {
        // the layer's gradients are views of the graph's flat gradient, which DL4J makes only when it computes one
        graph.initGradientsView();
        Layer layer = graph.getLayer(LAYER);
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        INDArray out = layer.activate(input, true, noWorkspaces).dup();
        Nhwc.requireOutputGradient(d, "the output gradient", out.shape());
        Pair<Gradient, INDArray> back = layer.backpropGradient(d, noWorkspaces);
        return Pair.of(out, back);
    }
}
