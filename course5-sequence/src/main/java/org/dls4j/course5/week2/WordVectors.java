package org.dls4j.course5.week2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dls4j.shared.NumpyDot;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpySum;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.data.text.GloveVectors;
import org.dls4j.shared.exercise.Graded;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 5, week 2: <b>Operations on word vectors</b> (numpy). With pre-trained GloVe vectors: the cosine similarity
 * of two words, word analogies ("man is to woman as king is to ?"), and Bolukbasi et al.'s debiasing of gender:
 * {@link #neutralize} removes a word's component along the bias axis g = e_woman - e_man, {@link #equalize} makes a
 * pair (man, woman) symmetric about it. The graded functions are the 2021 notebook's, in float64 with numpy's
 * rounding ({@link NumpyDot}, {@link NumpySum}), so the notebook's printed digits come out exactly.
 *
 * <p>The notebook reads GloVe 6B 50d (400,000 words), which is in no public copy; {@link GloveVectors#load()} gives
 * the 100-d vectors of the 50,008 most frequent words (or the 50d file where a learner supplied it). What the
 * learner sees ({@code ./dls run c5w2-word-vectors}): every value the notebook prints, ours first and the notebook's
 * beside it where they differ; then the same functions on the two genuine 50-d fragments of the notebook's file
 * ({@code glove/partial/}, 7,849 words), which reproduce the notebook's values to the last digit for every word they
 * contain. {@code --similarity w1,w2} and {@code --analogy a,b,c} (repeatable) ask your own questions; their answers
 * and the notebook's are the results ({@code -q} keeps them).
 */
public final class WordVectors {

    /** The notebook's word pairs, and its (50-d) cosine similarities: father/mother, ball/crocodile. */
    static final String[][] NOTEBOOK_PAIRS = {{"father", "mother"}, {"ball", "crocodile"}};
    static final double[] NOTEBOOK_PAIR_SIMILARITIES = {0.8909038442893615, 0.2743924626137942};
    /** cosine_similarity(france - paris, rome - italy) in the notebook. */
    static final double NOTEBOOK_COUNTRY_CAPITAL = -0.6751479308174201;
    /** The notebook's analogy triads and its answers. */
    static final String[][] NOTEBOOK_TRIADS = {{"italy", "italian", "spain"}, {"india", "delhi", "japan"},
        {"man", "woman", "boy"}, {"small", "smaller", "large"}};
    static final String[] NOTEBOOK_ANSWERS = {"spanish", "tokyo", "girl", "larger"};
    /** The names and words compared with g, and the notebook's (2021) similarities. */
    static final Map<String, Double> NOTEBOOK_NAMES = ordered(new Object[] {"john", -0.23163356145973724, "marie",
        0.315597935396073, "sophie", 0.3186878985941878, "ronaldo", -0.31244796850329437, "priya",
        0.17632041839009402, "rahul", -0.16915471039231722, "danielle", 0.24393299216283895, "reza",
        -0.07930429672199553, "katy", 0.2831068659572615, "yasmin", 0.23313857767928753});
    static final Map<String, Double> NOTEBOOK_WORDS = ordered(new Object[] {"lipstick", 0.27691916256382665, "guns",
        -0.1888485567898898, "science", -0.06082906540929699, "arts", 0.008189312385880344, "literature",
        0.0647250443345993, "warrior", -0.20920164641125288, "doctor", 0.11895289410935045, "tree",
        -0.07089399175478092, "receptionist", 0.3307794175059374, "technology", -0.13193732447554293, "fashion",
        0.035638946257727, "teacher", 0.1792092343182567, "engineer", -0.08039280494524072, "pilot",
        0.0010764498991917074, "computer", -0.10330358873850498, "singer", 0.18500518136496297});
    /** The notebook's g[:4], cos(receptionist, g) before neutralizing, cos(man, g) and cos(woman, g) before and after
     * equalizing. */
    static final double[] NOTEBOOK_G_HEAD = {-0.087144, 0.2182, -0.40986, -0.03922};
    static final double NOTEBOOK_RECEPTIONIST = 0.3307794175059374;
    static final double NOTEBOOK_MAN = -0.117110957653, NOTEBOOK_WOMAN = 0.356666188463;
    static final double NOTEBOOK_EQUALIZED = 0.7004364289309388;
    /** The two genuine pieces of glove.6B.50d.txt. */
    static final List<String> FRAGMENTS = List.of("glove/partial/glove.6B.50d.first2446lines.txt",
            "glove/partial/glove.6B.50d.slice5403lines_involves-to-casinos.txt");

    /** Your own questions. */
    @Command(name = "c5w2-word-vectors",
            description = "Course 5 week 2: cosine similarity, analogies and debiasing (neutralize, equalize) with "
                    + "GloVe word vectors.")
    public static final class Options extends AssignmentOptions {

        @Option(names = "--similarity", paramLabel = "W1,W2",
                description = "Print cosine_similarity(W1, W2) (repeatable), e.g. --similarity father,mother.")
        public List<String> similarities = new ArrayList<>();

        @Option(names = "--analogy", paramLabel = "A,B,C",
                description = "Print A -> B :: C -> D, the notebook's complete_analogy (repeatable), e.g. "
                        + "--analogy man,woman,king.")
        public List<String> analogies = new ArrayList<>();

        @Override
        public void validate() {
            similarities.forEach(s -> words("--similarity", s, 2));
            analogies.forEach(a -> words("--analogy", a, 3));
        }
    }

    /** {@code cosine_similarity(w1, w2)}, ours and (NaN when the notebook has none) the notebook's. */
    public record Similarity(String label, double value, double notebook) {
    }

    /** {@code a -> b :: c -> d}, ours and (null when the notebook has none) the notebook's d. */
    public record Analogy(String a, String b, String c, String d, String notebook) {

        public String line() {
            return a + " -> " + b + " :: " + c + " -> " + d;
        }
    }

    /** The debiasing with one set of vectors: g, cos(w, g) for the names and words, neutralize, equalize. */
    public record Debiasing(double[] g, Map<String, Double> toG, double neutralizedWord, String neutralized,
            double[] equalizedToG, double[] beforeToG) {
    }

    /**
     * A run: with the loaded vectors the notebook's similarities, analogies and debiasing, then your own questions;
     * with the 50-d fragments the similarities and debiasing they allow.
     */
    public record Result(int dimension, List<Similarity> similarities, List<Analogy> analogies, Debiasing debiasing,
            List<Similarity> fragmentSimilarities, Debiasing fragmentDebiasing, List<Similarity> yourSimilarities,
            List<Analogy> yourAnalogies) {
    }

    private WordVectors() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), WordVectors::run, args));
    }

    // -------------------------------------------------------------------------------- graded functions

    /**
     * {@code cosine_similarity(u, v)} (2021): 1 when u equals v element by element, 0 when a norm is about 0,
     * otherwise {@code u . v / (||u|| ||v||)}.
     */
    @Graded("cosine_similarity")
    public static double cosineSimilarity(double[] u, double[] v) {
        // if np.all(u == v): return 1
        if (Arrays.equals(u, v)) {
            return 1;
        }
        // dot = np.dot(u, v)
        double dot = NumpyDot.dot(u, v);
        // norm_u = np.sqrt(np.sum(u * u)); norm_v = np.sqrt(np.sum(v * v))
        double normU = Math.sqrt(sumOfSquares(u));
        double normV = Math.sqrt(sumOfSquares(v));
        // if np.isclose(norm_u * norm_v, 0, atol=1e-32): return 0
        if (Math.abs(normU * normV) <= 1e-32) {
            return 0;
        }
        // cosine_similarity = dot / (norm_u * norm_v)
        return dot / (normU * normV);
    }

    /** Which words {@code complete_analogy} passes over. */
    public enum Skip {
        /** The three input words (2018, and the answers the notebooks' text expects). */
        INPUTS,
        /** Only word_c (the 2021 template, which its {@code complete_analogy_test} checks). */
        WORD_C
    }

    /**
     * {@code complete_analogy(word_a, word_b, word_c, word_to_vec_map)}: the word w, other than the three, that
     * maximises {@code cosine_similarity(e_b - e_a, e_w - e_c)}, over the map in its order (ties keep the first).
     */
    public static String completeAnalogy(String wordA, String wordB, String wordC, Map<String, double[]> wordToVecMap) {
        return completeAnalogy(wordA, wordB, wordC, wordToVecMap, Skip.INPUTS);
    }

    /** {@link #completeAnalogy(String, String, String, Map)} passing over the input words or (2021) only word_c. */
    @Graded("complete_analogy")
    public static String completeAnalogy(String wordA, String wordB, String wordC, Map<String, double[]> wordToVecMap,
            Skip skip) {
        // word_a, word_b, word_c = word_a.lower(), word_b.lower(), word_c.lower()
        String a = wordA.toLowerCase(Locale.ROOT);
        String b = wordB.toLowerCase(Locale.ROOT);
        String c = wordC.toLowerCase(Locale.ROOT);
        // e_a, e_b, e_c = word_to_vec_map[word_a], word_to_vec_map[word_b], word_to_vec_map[word_c]
        double[] eA = vector(wordToVecMap, a);
        double[] eB = vector(wordToVecMap, b);
        double[] eC = vector(wordToVecMap, c);
        double[] direction = minus(eB, eA);
        // max_cosine_sim = -100; best_word = None
        double maxCosineSim = -100;
        String bestWord = null;
        for (Map.Entry<String, double[]> entry : wordToVecMap.entrySet()) {
            String w = entry.getKey();
            // if w in [word_a, word_b, word_c]: continue       (2021: if w == word_c: continue)
            if (w.equals(c) || skip == Skip.INPUTS && (w.equals(a) || w.equals(b))) {
                continue;
            }
            // cosine_sim = cosine_similarity(e_b - e_a, word_to_vec_map[w] - e_c)
            double cosineSim = cosineSimilarity(direction, minus(entry.getValue(), eC));
            if (cosineSim > maxCosineSim) {
                maxCosineSim = cosineSim;
                bestWord = w;
            }
        }
        return bestWord;
    }

    /** {@code neutralize(word, g, word_to_vec_map)}: e minus its projection on g. */
    @Graded("neutralize")
    public static double[] neutralize(String word, double[] g, Map<String, double[]> wordToVecMap) {
        // e = word_to_vec_map[word]
        double[] e = vector(wordToVecMap, word);
        // e_biascomponent = np.dot(e, g) / np.sum(g * g) * g
        double[] eBiascomponent = projection(e, g);
        // e_debiased = e - e_biascomponent
        return minus(e, eBiascomponent);
    }

    /**
     * {@code equalize(pair, bias_axis, word_to_vec_map)}: the pair moved to the same distance from the axis
     * orthogonal to bias_axis, on either side of it; returns {@code {e1, e2}}.
     */
    @Graded("equalize")
    public static double[][] equalize(String word1, String word2, double[] biasAxis, Map<String, double[]> wordToVecMap) {
        // e_w1, e_w2 = word_to_vec_map[w1], word_to_vec_map[w2]
        double[] eW1 = vector(wordToVecMap, word1);
        double[] eW2 = vector(wordToVecMap, word2);
        // mu = (e_w1 + e_w2) / 2
        double[] mu = new double[eW1.length];
        for (int i = 0; i < mu.length; i++) {
            mu[i] = (eW1[i] + eW2[i]) / 2;
        }
        // mu_B = np.dot(mu, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis; mu_orth = mu - mu_B
        double[] muB = projection(mu, biasAxis);
        double[] muOrth = minus(mu, muB);
        // e_w1B = np.dot(e_w1, bias_axis) / np.sum(bias_axis * bias_axis) * bias_axis; the same for e_w2B
        double[] eW1B = projection(eW1, biasAxis);
        double[] eW2B = projection(eW2, biasAxis);
        // corrected_e_w1B = np.sqrt(np.abs(1 - np.sum(mu_orth * mu_orth))) * (e_w1B - mu_B)
        //                   / np.linalg.norm(e_w1 - mu_orth - mu_B); the same for e_w2
        double scale = Math.sqrt(Math.abs(1 - sumOfSquares(muOrth)));
        double[] e1 = corrected(scale, eW1B, muB, norm(minus(minus(eW1, muOrth), muB)));
        double[] e2 = corrected(scale, eW2B, muB, norm(minus(minus(eW2, muOrth), muB)));
        // e1 = corrected_e_w1B + mu_orth; e2 = corrected_e_w2B + mu_orth
        for (int i = 0; i < e1.length; i++) {
            e1[i] += muOrth[i];
            e2[i] += muOrth[i];
        }
        return new double[][] {e1, e2};
    }

    private static double[] corrected(double scale, double[] eWB, double[] muB, double norm) {
        double[] result = new double[eWB.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = scale * (eWB[i] - muB[i]) / norm;
        }
        return result;
    }

    /** {@code np.dot(e, g) / np.sum(g * g) * g}. */
    private static double[] projection(double[] e, double[] g) {
        double factor = NumpyDot.dot(e, g) / sumOfSquares(g);
        double[] result = new double[g.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = factor * g[i];
        }
        return result;
    }

    /** {@code np.sum(u * u)}. */
    static double sumOfSquares(double[] u) {
        double[] squares = new double[u.length];
        for (int i = 0; i < u.length; i++) {
            squares[i] = u[i] * u[i];
        }
        return NumpySum.sum(squares);
    }

    /** {@code np.linalg.norm(u)}: {@code sqrt(u.dot(u))}. */
    private static double norm(double[] u) {
        return Math.sqrt(NumpyDot.dot(u, u));
    }

    /** {@code u - v}. */
    static double[] minus(double[] u, double[] v) {
        double[] result = new double[u.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = u[i] - v[i];
        }
        return result;
    }

    private static double[] vector(Map<String, double[]> wordToVecMap, String word) {
        double[] e = wordToVecMap.get(word);
        if (e == null) {
            throw new IllegalArgumentException("No vector for '" + word + "'");
        }
        return e;
    }

    // -------------------------------------------------------------------------------- the notebook

    /** {@code word_to_vec_map}: every word's vector, in the file's order. */
    public static Map<String, double[]> wordToVecMap(GloveVectors glove) {
        Map<String, double[]> map = new LinkedHashMap<>(glove.size() * 2);
        for (String word : glove.words()) {
            map.put(word, glove.values(word));
        }
        return map;
    }

    /** The two 50-d fragments of the notebook's file, read one after the other (7,849 words). */
    public static Map<String, double[]> fragments50d() {
        Map<String, double[]> map = new LinkedHashMap<>();
        for (String fragment : FRAGMENTS) {
            map.putAll(wordToVecMap(GloveVectors.read(DataFiles.standard().require(fragment))));
        }
        return map;
    }

    /** The notebook, then your questions, with {@link GloveVectors#load()} and the 50-d fragments. */
    public static Result run(Options options, Report report) {
        GloveVectors glove = GloveVectors.load();
        return run(options, report, glove.dimension(), wordToVecMap(glove), glove.source(), fragments50d());
    }

    /** {@link #run(Options, Report)} on vectors already loaded (the tests load them once). */
    static Result run(Options options, Report report, int dimension, Map<String, double[]> wordToVecMap,
            String source, Map<String, double[]> fragments) {
        // check your own words before the long part
        List<String[]> yourPairs = options.similarities.stream().map(s -> known("--similarity", s, 2, wordToVecMap))
                .toList();
        List<String[]> yourTriads = options.analogies.stream().map(a -> known("--analogy", a, 3, wordToVecMap))
                .toList();
        report.say(String.format(Locale.ROOT, "GloVe: %,d words of %d dimensions from %s", wordToVecMap.size(),
                dimension, source));
        boolean notebooks = dimension == 50 && wordToVecMap.size() == 400_000;
        if (!notebooks) {
            report.say("The notebook used glove.6B.50d.txt (400,000 words of 50 dimensions): its values are shown "
                    + "beside ours, then reproduced with the two genuine 50-d fragments of that file.");
        }

        report.say("");
        report.say("1 - Cosine similarity");
        List<Similarity> similarities = new ArrayList<>();
        for (int p = 0; p < NOTEBOOK_PAIRS.length; p++) {
            similarities.add(similarity(NOTEBOOK_PAIRS[p][0], NOTEBOOK_PAIRS[p][1], wordToVecMap,
                    NOTEBOOK_PAIR_SIMILARITIES[p]));
        }
        similarities.add(countryCapital(wordToVecMap));
        similarities.forEach(s -> report.result(line(s)));

        report.say("");
        report.say("2 - Word analogy task");
        List<Analogy> analogies = new ArrayList<>();
        for (int t = 0; t < NOTEBOOK_TRIADS.length; t++) {
            String[] triad = NOTEBOOK_TRIADS[t];
            analogies.add(new Analogy(triad[0], triad[1], triad[2],
                    completeAnalogy(triad[0], triad[1], triad[2], wordToVecMap), NOTEBOOK_ANSWERS[t]));
        }
        analogies.forEach(a -> report.result(line(a)));

        report.say("");
        report.say("3 - Debiasing word vectors");
        Debiasing debiasing = debias(wordToVecMap, "receptionist", report);

        report.say("");
        report.say(String.format(Locale.ROOT, "4 - The same with the genuine 50-d vectors (%,d words of "
                + "glove.6B.50d.txt in two fragments): what they contain reproduces the notebook", fragments.size()));
        List<Similarity> fragmentSimilarities = new ArrayList<>();
        fragmentSimilarities.add(similarity("father", "mother", fragments, NOTEBOOK_PAIR_SIMILARITIES[0]));
        fragmentSimilarities.forEach(s -> report.result(line(s)));
        report.say("(ball, crocodile, france, paris, rome, italy, receptionist and the analogies need words or the "
                + "whole vocabulary the fragments do not have)");
        Debiasing fragmentDebiasing = debias(fragments, "doctor", report);

        List<Similarity> yourSimilarities = new ArrayList<>();
        List<Analogy> yourAnalogies = new ArrayList<>();
        if (!yourPairs.isEmpty() || !yourTriads.isEmpty()) {
            report.say("");
            report.say("Your questions");
        }
        for (String[] pair : yourPairs) {
            Similarity s = similarity(pair[0], pair[1], wordToVecMap, Double.NaN);
            yourSimilarities.add(s);
            report.result(line(s));
        }
        for (String[] triad : yourTriads) {
            Analogy a = new Analogy(triad[0], triad[1], triad[2],
                    completeAnalogy(triad[0], triad[1], triad[2], wordToVecMap), null);
            yourAnalogies.add(a);
            report.result(line(a));
        }
        return new Result(dimension, List.copyOf(similarities), List.copyOf(analogies), debiasing,
                List.copyOf(fragmentSimilarities), fragmentDebiasing, List.copyOf(yourSimilarities),
                List.copyOf(yourAnalogies));
    }

    /** Section 3 with one set of vectors: g, the names and words against g, neutralize, equalize. */
    private static Debiasing debias(Map<String, double[]> map, String neutralized, Report report) {
        // g = word_to_vec_map['woman'] - word_to_vec_map['man']
        double[] g = minus(vector(map, "woman"), vector(map, "man"));
        report.say("g = woman - man, first 4 of " + g.length + ": " + NumpyFormat.array(Nd4j.createFromArray(
                Arrays.copyOf(g, 4))) + "  (notebook: " + NumpyFormat.array(Nd4j.createFromArray(
                NOTEBOOK_G_HEAD)) + ")");
        Map<String, Double> toG = new LinkedHashMap<>();
        for (Map<String, Double> list : List.of(NOTEBOOK_NAMES, NOTEBOOK_WORDS)) {
            report.say(list == NOTEBOOK_NAMES ? "List of names and their similarities with constructed vector:"
                    : "Other words and their similarities:");
            for (Map.Entry<String, Double> entry : list.entrySet()) {
                String w = entry.getKey();
                if (!map.containsKey(w)) {
                    continue;
                }
                double value = cosineSimilarity(map.get(w), g);
                toG.put(w, value);
                report.say(w + " " + number(value) + beside(value, entry.getValue()));
            }
        }
        double notebookBefore = neutralized.equals("receptionist") ? NOTEBOOK_RECEPTIONIST
                : NOTEBOOK_WORDS.get(neutralized);
        report.say("cosine similarity between " + neutralized + " and g, before neutralizing:  "
                + number(cosineSimilarity(vector(map, neutralized), g)) + beside(cosineSimilarity(vector(map,
                neutralized), g), notebookBefore));
        double after = cosineSimilarity(neutralize(neutralized, g, map), g);
        report.say("cosine similarity between " + neutralized + " and g, after neutralizing:  " + number(after)
                + "  (about 0: round-off)");
        double[] before = {cosineSimilarity(vector(map, "man"), g), cosineSimilarity(vector(map, "woman"), g)};
        report.say("cosine similarities before equalizing:");
        report.say("cosine_similarity(word_to_vec_map[\"man\"], gender) =  " + number(before[0])
                + beside(before[0], NOTEBOOK_MAN));
        report.say("cosine_similarity(word_to_vec_map[\"woman\"], gender) =  " + number(before[1])
                + beside(before[1], NOTEBOOK_WOMAN));
        double[][] e = equalize("man", "woman", g, map);
        double[] equalized = {cosineSimilarity(e[0], g), cosineSimilarity(e[1], g)};
        report.say("cosine similarities after equalizing:");
        report.result("cosine_similarity(e1, gender) =  " + number(equalized[0])
                + beside(equalized[0], -NOTEBOOK_EQUALIZED));
        report.result("cosine_similarity(e2, gender) =  " + number(equalized[1])
                + beside(equalized[1], NOTEBOOK_EQUALIZED));
        return new Debiasing(g, toG, after, neutralized, equalized, before);
    }

    private static Similarity similarity(String w1, String w2, Map<String, double[]> map, double notebook) {
        return new Similarity("cosine_similarity(" + w1 + ", " + w2 + ")",
                cosineSimilarity(vector(map, w1), vector(map, w2)), notebook);
    }

    private static Similarity countryCapital(Map<String, double[]> map) {
        double[] franceParis = minus(vector(map, "france"), vector(map, "paris"));
        double[] romeItaly = minus(vector(map, "rome"), vector(map, "italy"));
        return new Similarity("cosine_similarity(france - paris, rome - italy)",
                cosineSimilarity(franceParis, romeItaly), NOTEBOOK_COUNTRY_CAPITAL);
    }

    static String line(Similarity s) {
        return s.label() + " = " + number(s.value()) + (Double.isNaN(s.notebook()) ? "" : beside(s.value(),
                s.notebook()));
    }

    static String line(Analogy a) {
        String notebook = a.notebook() == null ? "" : a.notebook().equals(a.d()) ? "  (notebook: the same)"
                : "  (notebook: " + a.notebook() + ")";
        return a.line() + notebook;
    }

    /**
     * The notebook's value beside ours, or "the same" when they agree to the last digit (to the 12 decimals the
     * 2018 notebook printed, for its values that have no more).
     */
    private static String beside(double ours, double notebook) {
        String printed = NumpyFormat.repr(notebook);
        if (ours == notebook) {
            return "  (notebook: the same)";
        }
        boolean twelve = printed.length() - printed.indexOf('.') - 1 == 12;
        if (twelve && String.format(Locale.ROOT, "%.12f", ours).equals(printed)) {
            return "  (notebook: " + printed + ", the same to its 12 decimals)";
        }
        return "  (notebook: " + printed + ")";
    }

    /** Python's repr of the value, or 7 decimals where repr would show fewer. */
    static String number(double x) {
        String repr = NumpyFormat.repr(x);
        int point = repr.indexOf('.');
        return repr.contains("e") || point < 0 || repr.length() - point - 1 >= 7 ? repr
                : String.format(Locale.ROOT, "%.7f", x);
    }

    /** The words of an option value such as {@code man,woman,king}: exactly {@code count}, lower-cased. */
    static String[] words(String option, String value, int count) {
        String[] words = value.split(",", -1);
        String example = count == 2 ? "father,mother" : "man,woman,king";
        if (words.length != count) {
            throw new OptionException(option + " takes " + count + " words separated by commas (such as " + example
                    + "), not '" + value + "'");
        }
        for (int i = 0; i < count; i++) {
            words[i] = words[i].strip().toLowerCase(Locale.ROOT);
            if (words[i].isEmpty() || words[i].contains(" ")) {
                throw new OptionException(option + " takes " + count + " words separated by commas (such as "
                        + example + "), not '" + value + "'");
            }
        }
        return words;
    }

    private static String[] known(String option, String value, int count, Map<String, double[]> map) {
        String[] words = words(option, value, count);
        for (String w : words) {
            if (!map.containsKey(w)) {
                throw new OptionException(option + ": the word '" + w + "' is not among the " + String.format(
                        Locale.ROOT, "%,d", map.size()) + " words of the GloVe vectors");
            }
        }
        return words;
    }

    private static Map<String, Double> ordered(Object[] pairs) {
        Map<String, Double> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Double) pairs[i + 1]);
        }
        return Collections.unmodifiableMap(map);
    }
}
