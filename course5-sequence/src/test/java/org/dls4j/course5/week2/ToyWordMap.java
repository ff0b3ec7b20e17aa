package org.dls4j.course5.week2;

import java.util.LinkedHashMap;
import java.util.Map;

/** The 2021 notebooks' portable test map: two-dimensional "word vectors" around two points, a and c. */
final class ToyWordMap {

    private ToyWordMap() {
    }

    /** {@code word_to_vec_map} of {@code complete_analogy_test} (13 words, in the test's order). */
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

    /** The Emojify tests' map: the analogy map with {@code a_n = [3, 4]} after {@code a_s} (14 words). */
    static Map<String, double[]> emojifyMap() {
        Map<String, double[]> map = new LinkedHashMap<>();
        analogyMap().forEach((word, vector) -> {
            map.put(word, vector);
            if (word.equals("a_s")) {
                map.put("a_n", new double[] {3, 4});
            }
        });
        return map;
    }
}
