package org.dls4j.shared.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link GruLayer}, Keras' three arrays laid out one after the other in the layer's flat view:
 * {@code kernel (n_in, 3 units)}, {@code recurrent_kernel (units, 3 units)}, {@code bias (2, 3 units)}, each row-major.
 */
final class GruParams implements ParamInitializer {
    /** Keras' names. No '_': DL4J's updater finds a gradient's layer by the key's last '_'. */
    static final String KERNEL = "kernel", RECURRENT_KERNEL = "recurrentKernel", BIAS = "bias";
    static final GruParams INSTANCE = new GruParams();

    private GruParams() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        GruLayer gru = (GruLayer) layer;
        long units = gru.getNOut();
        return 3 * units * (gru.getNIn() + units + 2);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(KERNEL, RECURRENT_KERNEL, BIAS);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(KERNEL, RECURRENT_KERNEL);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return KERNEL.equals(key) || RECURRENT_KERNEL.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        GruLayer gru = (GruLayer) conf.getLayer();
        Map<String, INDArray> params = views(gru, paramsView);
        if (initializeParams) {
            INDArray kernel = params.get(KERNEL);
            // Keras' glorot_uniform over the whole (n_in, 3 units) kernel
            gru.getWeightInitFn().init(kernel.size(0), kernel.size(1), kernel.shape(), 'c', kernel);
            params.get(RECURRENT_KERNEL).assign(orthogonal(gru.units(), paramsView.dataType()));
            params.get(BIAS).assign(0);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((GruLayer) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(GruLayer gru, INDArray flat) {
        long nIn = gru.getNIn();
        long units = gru.getNOut();
        INDArray all = flat.reshape(flat.length());
        long kernelEnd = nIn * 3 * units;
        long recurrentEnd = kernelEnd + units * 3 * units;
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put(KERNEL, all.get(NDArrayIndex.interval(0, kernelEnd)).reshape('c', nIn, 3 * units));
        views.put(RECURRENT_KERNEL, all.get(NDArrayIndex.interval(kernelEnd, recurrentEnd)).reshape('c', units,
                3 * units));
        views.put(BIAS, all.get(NDArrayIndex.interval(recurrentEnd, recurrentEnd + 6 * units)).reshape('c', 2,
                3 * units));
        return views;
    }

    /**
     * Keras' {@code Orthogonal()} for a {@code (units, 3 units)} kernel: the Q of a standard normal
     * {@code (3 units, units)} matrix's QR decomposition with R's diagonal made positive (which modified Gram-Schmidt
     * gives), transposed: orthonormal rows.
     */
    private static INDArray orthogonal(int units, DataType dataType) {
        int rows = 3 * units;
        double[][] columns = Nd4j.randn(DataType.DOUBLE, units, rows).toDoubleMatrix();   // a's columns, as rows
        for (int j = 0; j < units; j++) {
            double[] q = columns[j];
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < rows; i++) {
                    dot += columns[k][i] * q[i];
                }
                for (int i = 0; i < rows; i++) {
                    q[i] -= dot * columns[k][i];
                }
            }
            double norm = 0;
            for (double v : q) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < rows; i++) {
                q[i] /= norm;
            }
        }
        return Nd4j.createFromArray(columns).castTo(dataType);
    }
}
