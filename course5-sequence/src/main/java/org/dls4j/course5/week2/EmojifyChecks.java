package org.dls4j.course5.week2;

import static org.dls4j.shared.exercise.Expect.matrix;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The 2021 {@code public_tests.py} of {@link Emojify}'s V1 functions and {@code sentences_to_indices}, on the
 * portable two-dimensional word map, and Emojifier-V2's graph ({@link EmojifyV2Graph}) by its summary's parameters
 * (a frozen 15 x 2 embedding, LSTM 128 twice, Dense 5).
 */
public final class EmojifyChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(Emojify.class, EmojifyV2Graph.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("sentence_to_avg", expect -> {
                    Map<String, double[]> map = wordMap();
                    expect.close("sentence_to_avg(\"a a_nw c_w a_s\")", Nd4j.createFromArray(1.25, 2.5),
                                    Nd4j.createFromArray(Emojify.sentenceToAvg("a a_nw c_w a_s", map)))
                            .close("an unknown word first", Nd4j.createFromArray(1.25, 2.5),
                                    Nd4j.createFromArray(Emojify.sentenceToAvg("love a a_nw c_w a_s", map)))
                            .close("only unknown words", Nd4j.createFromArray(0.0, 0.0),
                                    Nd4j.createFromArray(Emojify.sentenceToAvg("love", map)))
                            .close("unknown words among known ones", Nd4j.createFromArray(0.1666667, 2.0),
                                    Nd4j.createFromArray(Emojify.sentenceToAvg(
                                            "c_se foo a a_nw c_w a_s deeplearning c_nw", map)), 0, 1e-7);
                }),
                GradedCheck.of("model", expect -> {
                    List<String> x = List.of("a a_s synonym_of_a a_n c_sw", "a a_s a_n c_sw", "a_s  a a_n",
                            "synonym_of_a a a_s a_n c_sw", " a_s a_n", " a a_s a_n c ", " a_n  a c c c_e",
                            "c c_nw c_n c c_ne", "c_e c c_se c_s", "c_nw c a_s c_e c_e", "c_e a_nw c_sw",
                            "c_sw c c_ne c_ne");
                    int[] y = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
                    Report.Captured printed = Report.captured();
                    Emojify.V1 v1 = Emojify.model(x, y, wordMap(), 0.0025, 110, new NumpyRandom(10), printed);
                    expect.close("W", matrix(new double[] {1.06474529, 0.13598282},
                                    new double[] {-1.21593447, 0.36386752}), Nd4j.createFromArray(v1.W()))
                            .close("b[0]", -0.22027238, v1.b()[0])
                            .equal("printed", List.of("Epoch: 0 --- cost = 0.05105772513207823",
                                    "Accuracy: 0.9166666666666666", "Epoch: 100 --- cost = 0.00970311068897676",
                                    "Accuracy: 1.0"), printed.lines());
                }),
                GradedCheck.of("sentences_to_indices", expect -> {
                    Map<String, Integer> index = Map.of("i", 0, "like", 1, "learning", 2, "deep", 3, "machine", 4,
                            "love", 5, "smile", 6, "´0.=", 7);
                    expect.close("X1_indices", matrix(new double[] {0, 1, 3, 2}, new double[] {3, 7, 5, 4},
                            new double[] {4, 2, 6, 0}), Emojify.sentencesToIndices(List.of("I like deep learning",
                                    "deep ´0.= love machine", "machine learning smile"), index, 4));
                }),
                GradedCheck.of("Emojify_V2", expect -> {
                    ComputationGraph graph = EmojifyV2Graph.graph(Nd4j.rand(DataType.FLOAT, 15, 2), 4, 1, 0.01);
                    expect.equal("embedding params", 30L, graph.getLayer("embedding").numParams())
                            .equal("lstm params", 67_072L, graph.getLayer("lstm").numParams())
                            .equal("lstm_1 params", 131_584L, graph.getLayer("lstm_1").numParams())
                            .equal("dense params", 645L, graph.getLayer("dense").numParams());
                }));
    }

    /** The 2021 tests' map: {@code complete_analogy_test}'s with {@code a_n = [3, 4]} after {@code a_s}. */
    static Map<String, double[]> wordMap() {
        Map<String, double[]> map = new LinkedHashMap<>();
        WordVectorsChecks.analogyMap().forEach((word, vector) -> {
            map.put(word, vector);
            if (word.equals("a_s")) {
                map.put("a_n", new double[] {3, 4});
            }
        });
        return map;
    }
}
