package org.dls4j.shared.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The parameters of a {@link BasicRnnLayer}, named as DL4J's {@code SimpleRnn}'s and laid out one after the other in
 * the layer's flat view, each row-major: {@code W (n_in, units)}, {@code RW (units, units)}, {@code b (units)}.
 */
final class BasicRnnParams implements ParamInitializer {
    static final String WEIGHTS = "W", RECURRENT_WEIGHTS = "RW", BIAS = "b";
    static final BasicRnnParams INSTANCE = new BasicRnnParams();

    private BasicRnnParams() {
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        BasicRnnLayer rnn = (BasicRnnLayer) layer;
        long units = rnn.getNOut();
        return units * (rnn.getNIn() + units + 1);
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return List.of(WEIGHTS, RECURRENT_WEIGHTS, BIAS);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return List.of(WEIGHTS, RECURRENT_WEIGHTS);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return List.of(BIAS);
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return WEIGHTS.equals(key) || RECURRENT_WEIGHTS.equals(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return BIAS.equals(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        BasicRnnLayer rnn = (BasicRnnLayer) conf.getLayer();
        Map<String, INDArray> params = views(rnn, paramsView);
        if (initializeParams) {
            long nIn = rnn.getNIn();
            long units = rnn.getNOut();
            INDArray w = params.get(WEIGHTS);
            rnn.getWeightInitFn().init(nIn, units, w.shape(), 'c', w);
            INDArray rw = params.get(RECURRENT_WEIGHTS);
            rnn.getWeightInitFn().init(units, units, rw.shape(), 'c', rw);
            params.get(BIAS).assign(0);
        }
        return params;
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return views((BasicRnnLayer) conf.getLayer(), gradientView);
    }

    private static Map<String, INDArray> views(BasicRnnLayer rnn, INDArray flat) {
        long nIn = rnn.getNIn();
        long units = rnn.getNOut();
        INDArray all = flat.reshape(flat.length());
        long weightsEnd = nIn * units;
        long recurrentEnd = weightsEnd + units * units;
        Map<String, INDArray> views = new LinkedHashMap<>();
        views.put(WEIGHTS, all.get(NDArrayIndex.interval(0, weightsEnd)).reshape('c', nIn, units));
        views.put(RECURRENT_WEIGHTS, all.get(NDArrayIndex.interval(weightsEnd, recurrentEnd)).reshape('c', units,
                units));
        views.put(BIAS, all.get(NDArrayIndex.interval(recurrentEnd, recurrentEnd + units)));
        return views;
    }
}
