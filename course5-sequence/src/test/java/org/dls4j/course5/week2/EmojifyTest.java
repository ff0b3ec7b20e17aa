package org.dls4j.course5.week2;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.text.EmojifyData;
import org.dls4j.shared.data.text.GloveVectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Emojify against expected-c4-c5.md section 8.2: the 2021 portable tests exactly (sentence_to_avg_test, model_test,
 * sentences_to_indices), then both models on the real sentences with the 100-d GloVe, in bands a broken model
 * cannot reach.
 */
class EmojifyTest {

    static EmojifyData.Sentences train;
    static EmojifyData.Sentences test;
    static GloveVectors glove;

    @BeforeAll
    static void load() {
        train = EmojifyData.train();
        test = EmojifyData.test();
        glove = GloveVectors.load();
    }

    /** The notebook's test cells, as the grader checks them. */
    @ParameterizedTest
    @ValueSource(strings = {"sentence_to_avg", "model", "sentences_to_indices"})
    void gradedFunction(String function) {
        assertPasses(new EmojifyChecks(), function);
    }

    /** 2021 model_test: seed(10), learning rate 0.0025, 110 epochs, the printed lines exactly. */
    @Test
    void modelTest() {
        List<String> X = List.of("a a_s synonym_of_a a_n c_sw", "a a_s a_n c_sw", "a_s  a a_n",
                "synonym_of_a a a_s a_n c_sw", " a_s a_n", " a a_s a_n c ", " a_n  a c c c_e", "c c_nw c_n c c_ne",
                "c_e c c_se c_s", "c_nw c a_s c_e c_e", "c_e a_nw c_sw", "c_sw c c_ne c_ne");
        int[] Y = {0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1};
        Report.Captured report = Report.captured();
        Emojify.V1 v1 = Emojify.model(X, Y, EmojifyChecks.wordMap(), 0.0025, 110, new NumpyRandom(10), report);
        assertEquals(List.of("Epoch: 0 --- cost = 0.05105772513207823", "Accuracy: 0.9166666666666666",
                "Epoch: 100 --- cost = 0.00970311068897676", "Accuracy: 1.0"), report.lines());
        assertAllClose(Nd4j.createFromArray(new double[][] {{1.06474529, 0.13598282}, {-1.21593447, 0.36386752}}),
                Nd4j.createFromArray(v1.W()), 0, 1e-8);
        assertEquals(-0.22027238, v1.b()[0], 1e-8);
        assertEquals(-v1.b()[1], v1.b()[0], 1e-15);
        assertArrayEquals(Y, Emojify.predict(X, Y, v1.W(), v1.b(), EmojifyChecks.wordMap(), Report.silent()));
    }

    @Test
    void sentencesToIndicesTests() {
        // the notebook's X1 with the GloVe index: the words' own indices, then zeros
        INDArray x1 = Emojify.sentencesToIndices(List.of("funny lol", "lets play baseball", "food is ready for you"),
                glove.wordToIndex(), 5);
        Map<Integer, String> words = glove.indexToWord();
        assertEquals("funny", words.get(x1.getInt(0, 0)));
        assertEquals("lol", words.get(x1.getInt(0, 1)));
        assertEquals(0, x1.getInt(0, 2));
        assertEquals("baseball", words.get(x1.getInt(1, 2)));
        assertEquals("you", words.get(x1.getInt(2, 4)));
        assertEquals(Nd4j.createFromArray(new float[][] {{1, 1, 0, 0, 0}, {1, 1, 1, 0, 0}, {1, 1, 1, 1, 1}}),
                Emojify.paddingMask(x1));
    }

    /** V1 on the real sentences: the notebook's 97.7% / 85.7% came from the 50-d vectors; ours must be as good. */
    @Test
    void emojifierV1WithTheHundredDimensionalVectors() {
        Emojify.Options options = new Emojify.Options();
        options.models = List.of(Emojify.Model.V1);
        options.sentences = List.of("I am so hungry");
        Report.Captured report = Report.captured();
        Emojify.Result result = Emojify.run(options, report, train, test, glove);
        assertTrue(report.lines().get(0).startsWith("Epoch: 0 --- cost = ") || report.lines().stream()
                .anyMatch(l -> l.startsWith("Epoch: 300 --- cost = ")));
        assertTrue(result.v1Scores().trainAccuracy() > 0.9, "train " + result.v1Scores().trainAccuracy());
        assertTrue(result.v1Scores().testAccuracy() > 0.75, "test " + result.v1Scores().testAccuracy());
        assertEquals(56, Arrays.stream(result.v1Scores().confusion()).flatMapToInt(Arrays::stream)
                .sum());
        assertTrue(report.lines().stream().anyMatch(l -> l.contains("skipped, as the 2021 notebook")),
                report.toString());
    }

    /**
     * V2 through the assignment's own run for 3 epochs: Keras' epoch lines with the step accuracy (read from the last
     * time step), and the loss falls.
     */
    @Test
    void emojifierV2TrainsThroughTheRun() {
        Emojify.Options options = new Emojify.Options();
        options.models = List.of(Emojify.Model.V2);
        options.epochs = 3;
        Report.Captured report = Report.captured();
        Emojify.Result result = Emojify.run(options, report, train, test, glove);
        assertEquals(3, result.v2History().epochs().size());
        assertTrue(result.v2History().last().loss() < result.v2History().epochs().get(0).loss(),
                result.v2History().toString());
        assertTrue(report.lines().stream().anyMatch(l -> l.startsWith("Epoch 3/3 - loss: ")), report.toString());
    }

    /**
     * V2 for the notebook's 50 epochs (about a minute and a half on 2 cores), unmasked as the notebook: in the notebook's
     * band (0.82; seeds 1 to 6 gave 0.84 to 0.89 here), far above the 32% of the largest class.
     */
    @Test
    @Tag("full")
    void emojifierV2WithTheHundredDimensionalVectors() {
        Emojify.Options options = new Emojify.Options();
        options.models = List.of(Emojify.Model.V2);
        Emojify.Result result = Emojify.run(options, Report.silent(), train, test, glove);
        assertTrue(result.v2History().last().accuracy() > 0.9, "train " + result.v2History().last().accuracy());
        assertTrue(result.v2Scores().testAccuracy() > 0.78, "test " + result.v2Scores().testAccuracy());
    }
}
