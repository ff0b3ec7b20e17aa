package org.dls4j.shared.graph;

import java.util.Arrays;
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
 * The parameters of a layer the project writes: named arrays laid out one after the other in the layer's flat view,
 * each row-major, as its subclass lists them ({@link #arrays}); the subclass gives their first values
 * ({@link #initialize}). Keys have no '_': DL4J's updater finds a gradient's layer by the key's last '_'.
 */
public abstract class ArrayParams implements ParamInitializer {

    /** One parameter array: its key, whether it is a bias (else a weight), its shape. */
    public record Param(String key, boolean bias, long... shape) {
        long length() {
            return Arrays.stream(shape).reduce(1, Math::multiplyExact);
        }
    }

    /** The arrays of {@code layer} (its sizes set), in the order of the flat view. */
    protected abstract List<Param> arrays(Layer layer);

    /** Gives a new layer's arrays ({@code params}, by key) their first values. */
    protected abstract void initialize(Layer layer, Map<String, INDArray> params);

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        return arrays(layer).stream().mapToLong(Param::length).sum();
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return arrays(layer).stream().map(Param::key).toList();
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return arrays(layer).stream().filter(p -> !p.bias()).map(Param::key).toList();
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return arrays(layer).stream().filter(Param::bias).map(Param::key).toList();
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return biasKeys(layer).contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        Map<String, INDArray> params = views(conf.getLayer(), paramsView);
        if (initializeParams) {
            initialize(conf.getLayer(), params);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views(conf.getLayer(), gradientView);
    }

    private Map<String, INDArray> views(Layer layer, INDArray flat) {
        INDArray all = flat.reshape(flat.length());
        Map<String, INDArray> views = new LinkedHashMap<>();
        long start = 0;
        for (Param param : arrays(layer)) {
            views.put(param.key(), all.get(NDArrayIndex.interval(start, start + param.length()))
                    .reshape('c', param.shape()));
            start += param.length();
        }
        return views;
    }

    /**
     * Keras' {@code Orthogonal()} for a {@code (rows, columns)} recurrent kernel, {@code rows <= columns}: the Q of a
     * standard normal {@code (columns, rows)} matrix's QR decomposition with R's diagonal made positive (which
     * modified Gram-Schmidt gives), transposed: orthonormal rows.
     */
    protected static INDArray orthogonal(int rows, int columns, DataType dataType) {
        double[][] vectors = Nd4j.randn(DataType.DOUBLE, rows, columns).toDoubleMatrix();   // a's columns, as rows
        for (int j = 0; j < rows; j++) {
            double[] q = vectors[j];
            for (int k = 0; k < j; k++) {
                double dot = 0;
                for (int i = 0; i < columns; i++) {
                    dot += vectors[k][i] * q[i];
                }
                for (int i = 0; i < columns; i++) {
                    q[i] -= dot * vectors[k][i];
                }
            }
            double norm = 0;
            for (double v : q) {
                norm += v * v;
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < columns; i++) {
                q[i] /= norm;
            }
        }
        return Nd4j.createFromArray(vectors).castTo(dataType);
    }
}
