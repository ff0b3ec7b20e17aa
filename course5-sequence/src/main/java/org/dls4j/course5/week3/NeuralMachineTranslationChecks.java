package org.dls4j.course5.week3;

import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;

/**
 * The attention model of {@link NmtModel} ({@code modelf}): the notebook's summary parameters for Tx 30, Ty 10,
 * n_a 32, n_s 64 and the two vocabularies (Bi-LSTM 17,920; densors 1,290 + 11 and the post-attention LSTM 33,024 in
 * the decoder; Dense 715: 52,960). {@code one_step_attention} is the decoder layer's inner step
 * ({@link AttentionDecoder}), checked through the shipped model's translations by {@code NeuralMachineTranslationTest}.
 */
public final class NeuralMachineTranslationChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(NmtModel.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(GradedCheck.of("modelf", expect -> {
            ComputationGraph graph = NmtModel.graph(DateData.TX, DateData.TY, NmtModel.N_A, NmtModel.N_S, 37, 11, 1,
                    0.005, 0.01, true);
            expect.equal("Total params", NmtModel.NOTEBOOK_PARAMS, graph.numParams())
                    .equal("Bidirectional LSTM params", 17_920L, graph.getLayer(NmtModel.ENCODER).numParams())
                    .equal("attention and post-attention LSTM params", 1_290L + 11 + 33_024,
                            graph.getLayer(NmtModel.DECODER).numParams())
                    .equal("output Dense params", 715L, graph.getLayer(NmtModel.OUTPUT).numParams());
        }));
    }
}
