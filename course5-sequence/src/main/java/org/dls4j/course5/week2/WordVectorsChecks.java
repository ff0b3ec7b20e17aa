package org.dls4j.course5.week2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.exercise.GradedCheck;
import org.dls4j.shared.exercise.GradedChecks;

/**
 * The 2021 notebook's {@code cosine_similarity_test} and {@code complete_analogy_test} (portable vectors), and its
 * debiasing cells on the genuine 50-d GloVe fragments ({@link WordVectors#fragments50d()}): the cosines with
 * {@code g = woman - man} before and after, to the last digits the notebook prints.
 */
public final class WordVectorsChecks implements GradedChecks {

    @Override
    public List<Class<?>> gradedClasses() {
        return List.of(WordVectors.class);
    }

    @Override
    public List<GradedCheck> checks() {
        return List.of(
                GradedCheck.of("cosine_similarity", expect -> {
                    NumpyRandom random = new NumpyRandom(3);
                    double[] a = random.rand(10).toDoubleVector();
                    double[] b = random.rand(10).toDoubleVector();
                    double[] minusA = scaled(a, -1);
                    expect.digits("cosine_similarity(a, a)", 1, WordVectors.cosineSimilarity(a, a))
                            .digits("cosine_similarity(a, -a)", -1, WordVectors.cosineSimilarity(a, minusA))
                            .digits("cosine_similarity(2a, b) - cosine_similarity(a, b)", 0,
                                    WordVectors.cosineSimilarity(scaled(a, 2), b) - WordVectors.cosineSimilarity(a,
                                            b))
                            .digits("orthogonal", 0, WordVectors.cosineSimilarity(new double[] {1, 0, 1, 0},
                                    new double[] {0, 1, 0, 1}))
                            .digits("a zero vector", 0, WordVectors.cosineSimilarity(new double[] {0, 0},
                                    new double[] {1, 1}));
                }),
                GradedCheck.of("complete_analogy", expect -> {
                    Map<String, double[]> map = analogyMap();
                    WordVectors.Skip wordC = WordVectors.Skip.WORD_C;
                    expect.equal("a : a_nw :: c : ?", "c_nw", WordVectors.completeAnalogy("a", "a_nw", "c", map,
                                    wordC))
                            .equal("a : a_s :: c : ?", "c_s", WordVectors.completeAnalogy("a", "a_s", "c", map, wordC))
                            .equal("a : c :: a : ?", "c", WordVectors.completeAnalogy("a", "c", "a", map, wordC))
                            .equal("A : a_nw :: C : ? (any case, skipping the three)", "c_nw",
                                    WordVectors.completeAnalogy("A", "a_nw", "C", map, WordVectors.Skip.INPUTS));
                }),
                GradedCheck.of("neutralize", expect -> {
                    Map<String, double[]> vectors = WordVectors.fragments50d();
                    double[] g = minus(vectors.get("woman"), vectors.get("man"));
                    // the notebook neutralizes receptionist, which the 50-d fragments lack; doctor is in them
                    expect.close("cosine similarity between doctor and g, after neutralizing", 0,
                            cosine(WordVectors.neutralize("doctor", g, vectors), g), 0, 1e-12);
                }),
                GradedCheck.of("equalize", expect -> {
                    Map<String, double[]> vectors = WordVectors.fragments50d();
                    double[] g = minus(vectors.get("woman"), vectors.get("man"));
                    double[][] e = WordVectors.equalize("man", "woman", g, vectors);
                    expect.digits("cosine_similarity(e1, gender)", -0.7004364289309388, cosine(e[0], g))
                            .digits("cosine_similarity(e2, gender)", 0.7004364289309388, cosine(e[1], g));
                }));
    }

    /** {@code word_to_vec_map} of {@code complete_analogy_test}: two-dimensional "words" around a and c. */
    static Map<String, double[]> analogyMap() {
        Map<String, double[]> map = new LinkedHashMap<>();
        map.put("a", new double[] {3, 3});
        map.put("synonym_of_a", new double[] {3, 3});
        map.put("a_nw", new double[] {2, 4});
        map.put("a_s", new double[] {3, 2});
        map.put("c", new double[] {-2, 1});
        map.put("c_n", new double[] {-2, 2});
        map.put("c_ne", new double[] {-1, 2});
        map.put("c_e", new double[] {-1, 1});
        map.put("c_se", new double[] {-1, 0});
        map.put("c_s", new double[] {-2, 0});
        map.put("c_sw", new double[] {-3, 0});
        map.put("c_w", new double[] {-3, 1});
        map.put("c_nw", new double[] {-3, 2});
        return map;
    }

    private static double[] scaled(double[] v, double factor) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = factor * v[i];
        }
        return out;
    }

    private static double[] minus(double[] u, double[] v) {
        double[] out = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            out[i] = u[i] - v[i];
        }
        return out;
    }

    /** The checks' own cosine similarity, so that the debiasing is graded apart from the learner's. */
    private static double cosine(double[] u, double[] v) {
        double dot = 0;
        double uu = 0;
        double vv = 0;
        for (int i = 0; i < u.length; i++) {
            dot += u[i] * v[i];
            uu += u[i] * u[i];
            vv += v[i] * v[i];
        }
        return dot / (Math.sqrt(uu) * Math.sqrt(vv));
    }
}
