package org.dls4j.course5.week3;

import static org.dls4j.course5.week3.AttentionDecoder.ATTENTION_UNITS;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.layers.Layer;
import org.dls4j.shared.graph.ArrayParams;
import org.dls4j.shared.graph.LstmCell;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of an {@link AttentionDecoder}, one after the other: {@code densor1}'s kernel
 * {@code (2 n_a + n_s, 10)} and bias, {@code densor2}'s {@code (10, 1)} and bias, the post-attention LSTM's Keras
 * arrays.
 */
final class AttentionDecoderParams extends ArrayParams {
    static final AttentionDecoderParams INSTANCE = new AttentionDecoderParams();

    private AttentionDecoderParams() {
    }

    @Override
    protected List<Param> arrays(Layer layer) {
        AttentionDecoder decoder = (AttentionDecoder) layer;
        long nIn = decoder.getNIn(), nS = decoder.getNS();
        return List.of(new Param(AttentionDecoder.DENSOR1_W, false, nIn + nS, ATTENTION_UNITS),
                new Param(AttentionDecoder.DENSOR1_B, true, 1, ATTENTION_UNITS),
                new Param(AttentionDecoder.DENSOR2_W, false, ATTENTION_UNITS, 1),
                new Param(AttentionDecoder.DENSOR2_B, true, 1, 1),
                new Param(AttentionDecoder.LSTM_KERNEL, false, nIn, 4 * nS),
                new Param(AttentionDecoder.LSTM_RECURRENT, false, nS, 4 * nS),
                new Param(AttentionDecoder.LSTM_BIAS, true, 1, 4 * nS));
    }

    @Override
    protected void initialize(Layer layer, Map<String, INDArray> params) {
        AttentionDecoder decoder = (AttentionDecoder) layer;
        for (String kernel : List.of(AttentionDecoder.DENSOR1_W, AttentionDecoder.DENSOR2_W)) {
            INDArray w = params.get(kernel);
            decoder.getWeightInitFn().init(w.size(0), w.size(1), w.shape(), 'c', w);
        }
        params.get(AttentionDecoder.DENSOR1_B).assign(0);
        params.get(AttentionDecoder.DENSOR2_B).assign(0);
        LstmCell.initialize(params.get(AttentionDecoder.LSTM_KERNEL), params.get(AttentionDecoder.LSTM_RECURRENT),
                params.get(AttentionDecoder.LSTM_BIAS), decoder.getWeightInitFn());
    }
}
