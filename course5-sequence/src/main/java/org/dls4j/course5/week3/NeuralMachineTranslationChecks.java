package org.dls4j.course5.week3;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.exercise.Expect;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.dls4j.shared.graph.Graphs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link NmtModel}'s {@code one_step_attention} and {@code modelf}. {@code one_step_attention}: the 2021 test (a
 * context {@code (10, 1, 64)} for {@code a} and {@code s_prev} uniform in (0, 1), each entry in (0, 1)), and the
 * context of each of three steps of the attention decoder layer ({@link AttentionDecoderRuntime}, float64: its
 * attention weights times {@code a}) from the state the layer had before the step, on numpy-seeded weights.
 * {@code modelf}: the notebook's summary parameters for Tx 30, Ty 10, n_a 32, n_s 64 and the two vocabularies
 * (Bi-LSTM 17,920; densors 1,290 + 11 and the post-attention LSTM 33,024 in the decoder; Dense 715: 52,960).
 */
public final class NeuralMachineTranslationChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(NmtModel.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(GradedCheck.of("one_step_attention", NeuralMachineTranslationChecks::oneStepAttention),
                GradedCheck.of("modelf", expect -> {
                    ComputationGraph graph = NmtModel.graph(DateData.TX, DateData.TY, NmtModel.N_A, NmtModel.N_S, 37,
                            11, 1, 0.005, 0.01, true);
                    expect.equal("Total params", NmtModel.NOTEBOOK_PARAMS, graph.numParams())
                            .equal("Bidirectional LSTM params", 17_920L, graph.getLayer(NmtModel.ENCODER).numParams())
                            .equal("attention and post-attention LSTM params", 1_290L + 11 + 33_024,
                                    graph.getLayer(NmtModel.DECODER).numParams())
                            .equal("output Dense params", 715L, graph.getLayer(NmtModel.OUTPUT).numParams());
                }));
    }

    private static void oneStepAttention(Expect expect) {
        int m = 10;
        int tx = DateData.TX;
        int features = 2 * NmtModel.N_A;
        int ty = 3;
        NumpyRandom rng = new NumpyRandom(1);
        Map<String, INDArray> params = decoderParams(rng, features, NmtModel.N_S);
        // a = np.random.uniform(1, 0, (m, Tx, 2 * n_a)); s_prev = np.random.uniform(1, 0, (m, n_s))
        INDArray a = rng.rand(m, tx, features).castTo(DataType.DOUBLE);
        INDArray sPrev = rng.rand(m, NmtModel.N_S).castTo(DataType.DOUBLE);
        INDArray context = NmtModel.oneStepAttention(a, sPrev, params);
        expect.shape("context", new long[] {m, 1, features}, context)
                .equal("every entry of context in (0, 1) (a weighted mean of a's)", true,
                        context.minNumber().doubleValue() > 0 && context.maxNumber().doubleValue() < 1);
        AttentionDecoderRuntime decoder = decoder(params, tx, features, ty);
        INDArray states = decoder.activate(a, false, LayerWorkspaceMgr.noWorkspaces());      // (m, Ty, n_s)
        INDArray steps = decoder.attention(a);                                               // (m, Ty, Tx)
        for (int t = 0; t < ty; t++) {
            INDArray previous = t == 0 ? Nd4j.zeros(DataType.DOUBLE, m, NmtModel.N_S)
                    : states.get(NDArrayIndex.all(), NDArrayIndex.point(t - 1), NDArrayIndex.all());
            INDArray alphas = steps.get(NDArrayIndex.all(), NDArrayIndex.interval(t, t + 1), NDArrayIndex.all());
            expect.digits("context of the decoder's step " + (t + 1) + " (its alphas times a)",
                    Nd4j.matmul(alphas, a), NmtModel.oneStepAttention(a, previous.dup(), params));
        }
    }

    /** The attention decoder layer alone, float64, on {@code a (m, tx, features)}, with the parameters {@code params}. */
    private static AttentionDecoderRuntime decoder(Map<String, INDArray> params, int tx, int features, int ty) {
        ComputationGraph graph = Graphs.initialized(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder()
                .addInputs("a")
                .setInputTypes(InputType.recurrent(features, tx, RNNFormat.NWC))
                .addLayer(NmtModel.DECODER, new AttentionDecoder(ty, NmtModel.N_S), "a")
                .setOutputs(NmtModel.DECODER)
                .build());
        params.forEach((name, value) -> graph.getLayer(NmtModel.DECODER).setParam(name, value));
        return (AttentionDecoderRuntime) graph.getLayer(NmtModel.DECODER);
    }

    /**
     * The attention decoder's parameters for {@code features} encoder features and {@code nS} units, float64: the
     * kernels Glorot-uniform, the biases small normals (densor2's positive, so that its ReLU passes most energies).
     */
    private static Map<String, INDArray> decoderParams(NumpyRandom rng, int features, int nS) {
        int units = AttentionDecoder.ATTENTION_UNITS;
        Map<String, INDArray> params = new LinkedHashMap<>();
        params.put(AttentionDecoder.DENSOR1_W, glorot(rng, features + nS, units));
        params.put(AttentionDecoder.DENSOR1_B, rng.randn(1, units).castTo(DataType.DOUBLE).muli(0.1));
        params.put(AttentionDecoder.DENSOR2_W, glorot(rng, units, 1));
        params.put(AttentionDecoder.DENSOR2_B, Nd4j.valueArrayOf(new long[] {1, 1}, 0.5, DataType.DOUBLE));
        params.put(AttentionDecoder.LSTM_KERNEL, glorot(rng, features, 4 * nS));
        params.put(AttentionDecoder.LSTM_RECURRENT, glorot(rng, nS, 4 * nS));
        params.put(AttentionDecoder.LSTM_BIAS, rng.randn(1, 4 * nS).castTo(DataType.DOUBLE).muli(0.1));
        return params;
    }

    private static INDArray glorot(NumpyRandom rng, int in, int out) {
        double limit = Math.sqrt(6.0 / (in + out));
        return rng.rand(in, out).castTo(DataType.DOUBLE).muli(2 * limit).subi(limit);
    }
}
