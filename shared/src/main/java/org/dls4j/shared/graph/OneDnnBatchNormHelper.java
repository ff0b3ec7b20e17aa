package org.dls4j.shared.graph;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNBatchNormHelper;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's oneDNN batch normalization helper ({@code batchnorm} and {@code batchnorm_bp} of libnd4j), fed only arrays
 * in their default C-order layout (see {@link OneDnnConvolutionHelper}), with {@link OneDnn}'s support check.
 */
final class OneDnnBatchNormHelper extends MKLDNNBatchNormHelper {

    OneDnnBatchNormHelper() {
        super(DataType.FLOAT);
    }

    @Override
    public boolean checkSupported() {
        return OneDnn.built();
    }

    @Override
    public boolean checkSupported(double eps, boolean fixedGammaBeta) {
        return !fixedGammaBeta && checkSupported();
    }

    @Override
    public INDArray preOutput(INDArray x, boolean training, long[] shape, INDArray gamma, INDArray beta,
            INDArray mean, INDArray var, double decay, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        return super.preOutput(ContiguousArrays.of(x), training, shape, gamma, beta, mean, var, decay, eps, format,
                workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray epsilon, long[] shape, INDArray gamma,
            INDArray beta, INDArray dGammaView, INDArray dBetaView, double eps, CNN2DFormat format,
            LayerWorkspaceMgr workspaceMgr) {
        return super.backpropGradient(ContiguousArrays.of(input), ContiguousArrays.of(epsilon), shape, gamma, beta,
                dGammaView, dBetaView, eps, format, workspaceMgr);
    }
}
