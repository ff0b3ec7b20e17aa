package org.dls4j.course5.week1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.text.CharCorpus;
import org.dls4j.shared.graph.GraphSummary;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Writing like Shakespeare against {@code shakespeare-golden.json}, which {@code shakespeare-golden.py} computes from
 * the shipped Keras file with h5py and numpy alone (the two LSTMs and the dense layer written out in float64): the
 * model's size, its next-character probabilities for three windows, and 40 characters written with numpy seed 0.
 */
class WritingLikeShakespeareTest {

    static JsonNode golden;
    static CharCorpus corpus;
    static ComputationGraph graph;

    @TempDir
    Path out;

    @BeforeAll
    static void loadTheModel() throws IOException {
        try (InputStream in = WritingLikeShakespeareTest.class.getResourceAsStream("shakespeare-golden.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        corpus = CharCorpus.shakespeare();
        graph = ShakespeareGraph.pretrained(corpus.vocabularySize());
    }

    /** Keras' summary: 221,990 parameters (the file's 665,971 numbers add Adam's two moments and its step count). */
    @Test
    void theGraphHasTheKerasModelsParameters() {
        assertEquals(golden.get("vocabulary").asText(), corpus.vocabulary().stream().map(String::valueOf)
                .reduce("", String::concat));
        GraphSummary summary = GraphSummary.of(graph, ShakespeareGraph.TX, corpus.vocabularySize());
        assertEquals(ShakespeareGraph.PARAMS, summary.totalParams());
        assertEquals(golden.get("total_params").asLong(), graph.numParams());
        for (String layer : new String[] {ShakespeareGraph.LSTM_1, ShakespeareGraph.LSTM_2, ShakespeareGraph.DENSE}) {
            assertEquals(golden.get("params").get(layer).asLong(), graph.getLayer(layer).numParams(), layer);
        }
        assertEquals(665_971, golden.get("file_arrays_total").asLong());
        assertEquals(3 * ShakespeareGraph.PARAMS + 1, golden.get("file_arrays_total").asLong());
    }

    /** The DL4J forward pass (float32) equals numpy's (float64 on the same weights) to float32 precision. */
    @Test
    void nextCharacterProbabilitiesEqualNumpys() {
        for (JsonNode c : golden.get("cases")) {
            String sentence = WritingLikeShakespeare.padded(c.get("prompt").asText());
            assertEquals(c.get("sentence").asText(), sentence);
            double[] preds = ShakespeareGraph.predict(graph, ShakespeareGraph.window(sentence, corpus.charToIndex()));
            JsonNode expected = c.get("probabilities");
            double largest = 0;
            for (int i = 0; i < preds.length; i++) {
                assertEquals(expected.get(i).asDouble(), preds[i], 2e-6, "'" + sentence + "' -> char " + i);
                largest = Math.max(largest, preds[i]);
            }
            assertTrue(largest > 0.2, "a trained model is confident somewhere: " + largest);
        }
    }

    /** generate_output() with np.random.seed(0): numpy's 40 characters, and the same again for the same seed. */
    @Test
    void seededWritingEqualsNumpys() {
        WritingLikeShakespeare.Options options = new WritingLikeShakespeare.Options();
        options.characters = 40;
        String written = WritingLikeShakespeare.generate(graph, corpus, options.prompt, options, Report.silent());
        assertEquals(golden.get("seed0_generated_40").asText(), written);
        options.seed = 1;
        options.characters = 10;
        assertNotEquals(written.substring(0, 10), WritingLikeShakespeare.generate(graph, corpus, options.prompt,
                options, Report.silent()));
    }

    /** The whole run: the notebook's lines, a poem of the prompt and 60 characters of the corpus, line by line. */
    @Test
    void theRunWritesAPoemInTheCorpusCharacters() {
        WritingLikeShakespeare.Options options = new WritingLikeShakespeare.Options();
        options.characters = 60;
        options.prompt = "Shall I compare thee";
        options.out = out;
        Report.Captured report = Report.captured();
        WritingLikeShakespeare.Result result = WritingLikeShakespeare.run(options, report);
        assertEquals(ShakespeareGraph.PARAMS, result.parameters());
        assertEquals(60, result.written().length());
        assertTrue(result.poem().startsWith("Shall I compare thee"));
        assertTrue(result.written().chars().allMatch(c -> corpus.charToIndex().containsKey((char) c)),
                result.written());
        assertTrue(report.lines().contains("number of training examples: 31412"), report.lines().toString());
        assertEquals(result.poem(), String.join("\n", report.results()));
        assertTrue(report.lines().contains("Here is your poem: "));
    }

    @Test
    void aPromptIsPaddedOrCutToTheWindow() {
        assertEquals("0".repeat(39) + "o", WritingLikeShakespeare.padded("O"));
        String long50 = "abcdefghij".repeat(5);
        assertEquals(long50.substring(10), WritingLikeShakespeare.padded(long50));
        // '0' is the padding, as in the notebook: a row of zeros
        assertEquals(0.0, ShakespeareGraph.window(WritingLikeShakespeare.padded("o"), corpus.charToIndex())
                .sumNumber().doubleValue() - 1.0);
    }

    @Test
    void badPromptsAndOptionsAreRefused() {
        OptionException e = assertThrows(OptionException.class,
                () -> WritingLikeShakespeare.checkPrompt("Forsooth 1 sense", corpus));
        assertTrue(e.getMessage().contains("[1]") && e.getMessage().contains("!'(),-.:;?"), e.getMessage());
        RefusedOptions.assertRefused(WritingLikeShakespeare.Options::new, WritingLikeShakespeare::run, out,
                new String[] {"--prompt", "Fünf"}, new String[] {"--characters", "0"},
                new String[] {"--temperature", "0"}, new String[] {"--seed", "-1"});
    }
}
