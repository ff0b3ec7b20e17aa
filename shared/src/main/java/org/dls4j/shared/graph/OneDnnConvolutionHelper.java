package org.dls4j.shared.graph;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's oneDNN convolution helper ({@code conv2d} and {@code conv2d_bp} of libnd4j), fed only arrays in their
 * default C-order layout. For NHWC, {@code ConvolutionLayer} hands a helper its delta as a permuted view of an NCHW
 * array; the stock helper passes it on as it is and oneDNN reads it as NHWC: wrong gradients. Here it is copied first.
 * Its support check is {@link FastPath}'s, not the stock one (which looks for a class M2 renamed and always fails).
 */
final class OneDnnConvolutionHelper extends MKLDNNConvHelper {

    OneDnnConvolutionHelper() {
        super(DataType.FLOAT);
    }

    @Override
    public boolean checkSupported() {
        return FastPath.oneDnnBuilt();
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
            ConvolutionLayer.AlgoMode mode, ConvolutionLayer.FwdAlgo fwdAlgo, ConvolutionMode convolutionMode,
            int[] dilation, CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        return super.preOutput(ContiguousArrays.of(input), ContiguousArrays.of(weights), ContiguousArrays.of(bias),
                kernel, strides, pad, mode, fwdAlgo, convolutionMode, dilation, format, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
            int[] kernel, int[] strides, int[] pad, INDArray biasGradView, INDArray weightGradView, IActivation afn,
            ConvolutionLayer.AlgoMode mode, ConvolutionLayer.BwdFilterAlgo bwdFilterAlgo,
            ConvolutionLayer.BwdDataAlgo bwdDataAlgo, ConvolutionMode convolutionMode, int[] dilation,
            CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        INDArray weightGrad = ContiguousArrays.of(weightGradView);
        INDArray biasGrad = ContiguousArrays.of(biasGradView);
        Pair<Gradient, INDArray> result = super.backpropGradient(ContiguousArrays.of(input),
                ContiguousArrays.of(weights), ContiguousArrays.of(bias), ContiguousArrays.of(delta), kernel, strides,
                pad, biasGrad, weightGrad, afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format,
                workspaceMgr);
        // the gradient views are slices of the network's one gradient array: results written to copies go back
        if (weightGrad != weightGradView) {
            weightGradView.assign(weightGrad);
            result.getFirst().gradientForVariable().put("W", weightGradView);
        }
        if (biasGrad != biasGradView) {
            biasGradView.assign(biasGrad);
            result.getFirst().gradientForVariable().put("b", biasGradView);
        }
        return result;
    }
}
