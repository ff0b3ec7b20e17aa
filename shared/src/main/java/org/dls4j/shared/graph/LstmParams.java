package org.dls4j.shared.graph;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The parameters of an {@link LstmLayer}: Keras' kernel, recurrent kernel and bias, one after the other. */
final class LstmParams extends ArrayParams {
    static final LstmParams INSTANCE = new LstmParams();

    private LstmParams() {
    }

    @Override
    protected List<Param> arrays(Layer layer) {
        LstmLayer lstm = (LstmLayer) layer;
        long units = lstm.getNOut();
        return List.of(new Param(LstmLayer.KERNEL, false, lstm.getNIn(), 4 * units),
                new Param(LstmLayer.RECURRENT_KERNEL, false, units, 4 * units),
                new Param(LstmLayer.BIAS, true, 1, 4 * units));
    }

    @Override
    protected void initialize(Layer layer, Map<String, INDArray> params) {
        LstmCell.initialize(params.get(LstmLayer.KERNEL), params.get(LstmLayer.RECURRENT_KERNEL),
                params.get(LstmLayer.BIAS), ((LstmLayer) layer).getWeightInitFn());
    }
}
