package org.dls4j.course5.week3;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.dls4j.course5.week3.TriggerSynthesis.Segment;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.data.audio.AudioSegment;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The synthesis against the notebook's algorithm run by numpy on the same clips ({@code trigger-synthesis.py} beside
 * {@code trigger-synthesis.json}): the segments drawn, the label positions, the mixed audio and its spectrogram, for
 * five seeds; and the notebook's tests of the four graded functions ({@link TriggerWordDetectionChecks}).
 */
class TriggerSynthesisTest {
    private static JsonNode golden;
    private static TriggerData data;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = TriggerSynthesisTest.class.getResourceAsStream("trigger-synthesis.json")) {
            golden = new ObjectMapper().readTree(in);
        }
        data = TriggerData.load();
    }

    /** The notebook's test cells, as the grader checks them. */
    @ParameterizedTest
    @ValueSource(strings = {"is_overlapping", "insert_audio_clip", "insert_ones", "create_training_example"})
    void gradedFunction(String function) {
        assertPasses(new TriggerWordDetectionChecks(), function);
    }

    @Test
    void insertAudioClipDrawsTheNotebooksSegments() {
        assertEquals(lengths(golden.get("activate_lengths_ms")),
                data.activates().stream().map(AudioSegment::lengthMillis).toList());
        assertEquals(lengths(golden.get("negative_lengths_ms")),
                data.negatives().stream().map(AudioSegment::lengthMillis).toList());
        AudioSegment clip = data.activates().stream().filter(a -> a.lengthMillis() == 916).findFirst().orElseThrow();
        for (JsonNode c : golden.get("insert_audio_clip_seed5_916ms")) {
            List<Segment> previous = new ArrayList<>(segments(c.get("previous")));
            NumpyRandom rng = new NumpyRandom(5);
            Segment got = TriggerSynthesis.insertAudioClip(rng, data.backgrounds().get(0), clip, previous).segment();
            assertEquals(segment(c.get("segment")), got);
            // the draws consumed: the next randint continues numpy's stream after them
            NumpyRandom replay = new NumpyRandom(5);
            c.get("starts_drawn").forEach(d -> assertEquals(d.asLong(), replay.randint(0, 10_000 - 916)));
            assertEquals(replay.randint(0, 1000), rng.randint(0, 1000));
        }
        // the notebook's cells: (2254, 3169) and the test's (7286, 8201), (10000, 10000)
        assertEquals(new Segment(2254, 3169), segment(golden.get("insert_audio_clip_seed5_916ms").get(0)
                .get("segment")));
    }

    @Test
    void createTrainingExampleEqualsNumpyForFiveSeeds() {
        for (JsonNode e : golden.get("create_training_example")) {
            NumpyRandom rng = new NumpyRandom(e.get("seed").asLong());
            TriggerSynthesis.Example example = TriggerSynthesis.createTrainingExample(rng,
                    data.backgrounds().get(e.get("background").asInt()), data.activates(), data.negatives());
            String seed = "seed " + e.get("seed");
            assertEquals(segments(e.get("activate_segments")), example.activates(), seed);
            assertEquals(segments(e.get("negative_segments")), example.negatives(), seed);
            List<Integer> ones = IntStream.range(0, example.y().length).filter(i -> example.y()[i] == 1).boxed()
                    .toList();
            List<Integer> expectedOnes = new ArrayList<>();
            e.get("ones").forEach(v -> expectedOnes.add(v.asInt()));
            assertEquals(expectedOnes, ones, seed);
            double sum = 0;
            double squares = 0;
            for (double[] channel : example.audio().samples()) {
                for (double v : channel) {
                    sum += v;
                    squares += v * v;
                }
            }
            assertEquals(e.get("audio_sum").asDouble(), sum, 0.0, seed);
            assertEquals(e.get("audio_sum_squares").asDouble(), squares, 0.0, seed);
            double[][] x = example.x();
            assertEquals(TriggerSynthesis.N_FREQ, x.length);
            assertEquals(TriggerSynthesis.TX, x[0].length);
            double norm = 0;
            double xSum = 0;
            for (double[] row : x) {
                for (double v : row) {
                    norm += v * v;
                    xSum += v;
                }
            }
            assertEquals(e.get("x_norm").asDouble(), Math.sqrt(norm), 1e-9 * Math.sqrt(norm), seed);
            assertEquals(e.get("x_sum").asDouble(), xSum, 1e-9 * xSum, seed);
            assertEquals(e.get("x_50_2000").asDouble(), x[50][2000], 1e-9 * x[50][2000], seed);
        }
    }

    private static List<Long> lengths(JsonNode values) {
        List<Long> out = new ArrayList<>();
        values.forEach(v -> out.add(v.asLong()));
        return out;
    }

    private static List<Segment> segments(JsonNode pairs) {
        List<Segment> out = new ArrayList<>();
        pairs.forEach(p -> out.add(segment(p)));
        return out;
    }

    private static Segment segment(JsonNode pair) {
        return new Segment(pair.get(0).asLong(), pair.get(1).asLong());
    }
}
