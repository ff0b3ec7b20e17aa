package org.dls4j.course5.week2;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.text.GloveVectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Operations on word vectors against expected-c4-c5.md section 8.1: the 2021 portable tests exactly, the notebook's
 * 50-d values to the last digit on the genuine 50-d fragments, and the notebook's questions on the 100-d vectors.
 */
class WordVectorsTest {

    static Map<String, double[]> glove;
    static Map<String, double[]> fragments;
    static Report.Captured report;
    static WordVectors.Result result;

    @BeforeAll
    static void runTheNotebook() {
        GloveVectors vectors = GloveVectors.load();
        glove = WordVectors.wordToVecMap(vectors);
        fragments = WordVectors.fragments50d();
        WordVectors.Options options = new WordVectors.Options();
        options.similarities = List.of("King,Queen");
        options.analogies = List.of("France,Paris,Italy");
        report = Report.captured();
        result = WordVectors.run(options, report, vectors.dimension(), glove, vectors.source(), fragments);
    }

    /** The notebook's test cells, as the grader checks them. */
    @ParameterizedTest
    @ValueSource(strings = {"cosine_similarity", "complete_analogy", "neutralize", "equalize"})
    void gradedFunction(String function) {
        assertPasses(new WordVectorsChecks(), function);
    }

    /** 2021 complete_analogy_test, exactly, with the 2021 loop (it skips only word_c); the 2018 loop skips all three. */
    @Test
    void completeAnalogyTest() {
        Map<String, double[]> map = WordVectorsChecks.analogyMap();
        assertNotEquals("c", WordVectors.completeAnalogy("a", "synonym_of_a", "c", map, WordVectors.Skip.WORD_C));
        assertEquals("c_nw", WordVectors.completeAnalogy("A", "a_nw", "C", map));
        assertEquals("c_s", WordVectors.completeAnalogy("a", "a_s", "c", map));
        assertNotEquals("c", WordVectors.completeAnalogy("a", "synonym_of_a", "c", map));
        assertEquals("c_w", WordVectors.completeAnalogy("a", "c", "a", map));
    }

    /** Section 8.1 (e): every value the 50-d fragments allow, to the last digit. */
    @Test
    void fragmentsReproduceTheNotebookExactly() {
        assertEquals(0.8909038442893615, result.fragmentSimilarities().get(0).value());
        WordVectors.Debiasing d = result.fragmentDebiasing();
        assertEquals(-0.087144, d.g()[0], 1e-15);
        assertEquals(-0.03922, d.g()[3], 1e-15);
        assertEquals(-0.11711095765336832, d.beforeToG()[0]);
        assertEquals(0.35666618846270376, d.beforeToG()[1]);
        assertEquals(-0.7004364289309388, d.equalizedToG()[0]);
        assertEquals(0.7004364289309388, d.equalizedToG()[1]);
        assertEquals(10, d.toG().size());
        for (Map.Entry<String, Double> e : d.toG().entrySet()) {
            Double notebook = WordVectors.NOTEBOOK_NAMES.getOrDefault(e.getKey(),
                    WordVectors.NOTEBOOK_WORDS.get(e.getKey()));
            assertEquals(notebook, e.getValue(), e.getKey());
        }
        assertTrue(Math.abs(d.neutralizedWord()) < 1e-15);
        assertTrue(report.lines().contains("cosine_similarity(father, mother) = 0.8909038442893615  (notebook: "
                + "the same)"));
    }

    /** The notebook's questions on the 100-d vectors: the same analogies, similarities of the same kind. */
    @Test
    void notebookQuestionsWithTheHundredDimensionalVectors() {
        assertEquals(100, result.dimension());
        // three of the notebook's four answers; the 100-d vectors put osaka before tokyo
        List<String> answers = result.analogies().stream().map(WordVectors.Analogy::d).toList();
        assertEquals(List.of("spanish", "osaka", "girl", "larger"), answers);
        double fatherMother = result.similarities().get(0).value();
        double ballCrocodile = result.similarities().get(1).value();
        double countries = result.similarities().get(2).value();
        assertTrue(fatherMother > 0.8 && fatherMother < 0.95, "father/mother " + fatherMother);
        assertTrue(ballCrocodile > 0 && ballCrocodile < 0.4, "ball/crocodile " + ballCrocodile);
        assertTrue(countries < -0.5, "france - paris vs rome - italy " + countries);
        WordVectors.Debiasing d = result.debiasing();
        assertTrue(d.toG().get("receptionist") > 0.2 && d.toG().get("john") < -0.1, d.toG().toString());
        assertTrue(Math.abs(d.neutralizedWord()) < 1e-15);
        assertEquals(-d.equalizedToG()[0], d.equalizedToG()[1], 1e-12);
        assertTrue(d.equalizedToG()[1] > 0.5, "equalized " + d.equalizedToG()[1]);
    }

    @Test
    void yourQuestionsAndTheirMistakes() {
        assertEquals("cosine_similarity(king, queen)", result.yourSimilarities().get(0).label());
        assertEquals("rome", result.yourAnalogies().get(0).d());
        assertTrue(report.results().contains("france -> paris :: italy -> rome"), report.results().toString());
        WordVectors.Options malformed = new WordVectors.Options();
        malformed.analogies = List.of("man,woman");
        assertEquals("--analogy takes 3 words separated by commas (such as man,woman,king), not 'man,woman'",
                assertThrows(OptionException.class, malformed::validate).getMessage());
        WordVectors.Options unknown = new WordVectors.Options();
        unknown.similarities = List.of("father,xyzzyq");
        String message = assertThrows(OptionException.class, () -> WordVectors.run(unknown, Report.silent(), 100,
                glove, "glove", fragments)).getMessage();
        assertTrue(message.startsWith("--similarity: the word 'xyzzyq' is not among the 50,008 words"), message);
    }
}
