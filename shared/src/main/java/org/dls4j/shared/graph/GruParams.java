package org.dls4j.shared.graph;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of a {@link GruLayer}, Keras' three arrays laid out one after the other in the layer's flat view:
 * {@code kernel (n_in, 3 units)}, {@code recurrent_kernel (units, 3 units)}, {@code bias (2, 3 units)}, each row-major.
 */
final class GruParams extends ArrayParams {
    /** Keras' names. */
    static final String KERNEL = "kernel", RECURRENT_KERNEL = "recurrentKernel", BIAS = "bias";
    static final GruParams INSTANCE = new GruParams();

    private GruParams() {
    }

    @Override
    protected List<Param> arrays(Layer layer) {
        GruLayer gru = (GruLayer) layer;
        long units = gru.getNOut();
        return List.of(new Param(KERNEL, false, gru.getNIn(), 3 * units),
                new Param(RECURRENT_KERNEL, false, units, 3 * units), new Param(BIAS, true, 2, 3 * units));
    }

    @Override
    protected void initialize(Layer layer, Map<String, INDArray> params) {
        GruLayer gru = (GruLayer) layer;
        INDArray kernel = params.get(KERNEL);
        // Keras' glorot_uniform over the whole (n_in, 3 units) kernel
        gru.getWeightInitFn().init(kernel.size(0), kernel.size(1), kernel.shape(), 'c', kernel);
        params.get(RECURRENT_KERNEL).assign(orthogonal(gru.units(), 3 * gru.units(), kernel.dataType()));
        params.get(BIAS).assign(0);
    }
}
