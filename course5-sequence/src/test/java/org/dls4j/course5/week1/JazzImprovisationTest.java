package org.dls4j.course5.week1;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.audio.MidiNotes;
import org.dls4j.shared.graph.GraphSummary;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Jazz improvisation (reference section 7.3): the corpus, data_processing, djmodel's size, training, the MIDI file. */
class JazzImprovisationTest {

    /** numpy: {@code np.random.seed(0); [np.random.choice(186) for _ in range(60)]} (186 = 216 tokens - Tx). */
    private static final int[] NUMPY_WINDOWS = {172, 47, 117, 67, 103, 9, 21, 36, 87, 70, 88, 140, 58, 39, 87, 174,
        88, 81, 165, 25, 77, 72, 9, 148, 115, 79, 175, 82, 99, 177, 29, 147, 147, 142, 167, 32, 9, 185, 127, 32, 31,
        151, 163, 114, 183, 28, 34, 128, 128, 164, 53, 133, 38, 17, 79, 132, 105, 42, 31, 120};

    @TempDir
    Path out;

    static JazzGrammar.Corpus corpus;

    @BeforeAll
    static void load() {
        corpus = JazzGrammar.corpus(MidiNotes.metheny());
    }

    /** 17 measures after the first, 216 tokens, 78 distinct values: the notebook's n_values. */
    @Test
    void theCorpusHasTheNotebooksNumberOfValues() {
        assertEquals(17, corpus.measures().size());
        assertEquals(480, corpus.measures().get(0).start());
        assertEquals(216, corpus.corpus().size());
        assertEquals(JazzImprovisation.NOTEBOOK_VALUES, corpus.values().size());
        // the first measure: C5 (the piano plays C in the measure, not under it), B-flat (2 down), C5 (a chord tone)
        assertEquals(List.of("S,0.500", "S,0.250,<1,-5>", "C,0.333,<5,-1>"), corpus.corpus().subList(0, 3));
        assertEquals(4, JazzGrammar.quantize(28, 96));    // 7/24 quarter: as near 1/4 as 1/3; the 1/3 grid wins
        assertEquals(3, JazzGrammar.quantize(27, 96));
        assertEquals(24, JazzGrammar.quantize(190, 96));
        for (String value : corpus.values()) {
            assertEquals(value, JazzGrammar.Token.parse(value).text());
        }
        assertNull(JazzGrammar.Token.parse("R,1.000").interval());
        assertEquals(-4, JazzGrammar.Token.parse("C,0.250,<-1,-7>").interval());
        assertEquals(new JazzGrammar.Token('S', 4, 2), JazzGrammar.Token.parse("S,0.333,<5,-1>"));
    }

    /** seed(0), then choice(len(corpus) - Tx) per example: numpy's windows; X[:, 0] zero, Y[t - 1] = X[:, t]. */
    @Test
    void dataProcessingCutsNumpysWindows() {
        Map<String, Integer> indices = corpus.valuesIndices();
        JazzImprovisation.Data data = JazzImprovisation.dataProcessing(corpus.corpus(), indices, 60, 30, 0);
        assertArrayEquals(NUMPY_WINDOWS, data.windowStarts());
        assertArrayEquals(new long[] {60, 30, 78}, data.x().shape());
        assertArrayEquals(new long[] {30, 60, 78}, data.y().shape());
        assertEquals(0, data.x().get(NDArrayIndex.all(), NDArrayIndex.point(0)).sumNumber().intValue());
        assertEquals(0, data.y().get(NDArrayIndex.point(29)).sumNumber().intValue());
        assertEquals(60 * 29, data.x().sumNumber().intValue());
        for (int i : new int[] {0, 17, 59}) {
            for (int t = 1; t < 30; t++) {
                int expected = indices.get(corpus.corpus().get(NUMPY_WINDOWS[i] + t));
                assertEquals(1, data.x().getInt(i, t, expected), "X[" + i + ", " + t + "]");
                assertEquals(1, data.y().getInt(t - 1, i, expected), "Y[" + (t - 1) + ", " + i + "]");
            }
        }
        assertEquals(data.y().get(NDArrayIndex.point(4)), data.labels().get(NDArrayIndex.all(), NDArrayIndex.point(4)));
    }

    /**
     * djmodel's summary: 41,678 parameters (LSTM 36,608 + Dense 5,070); DL4J's score of a batch is Keras' loss, the sum
     * over the 30 outputs of their mean cross-entropy, the masked last step costing nothing.
     */
    @Test
    void djmodelHasTheNotebooksParametersAndKerasLoss() {
        assertPasses(new JazzImprovisationChecks(), "djmodel");
        assertPasses(new JazzImprovisationChecks(), "predict_and_sample");
        ComputationGraph model = JazzImprovisation.djmodel(30, 64, 78, 1, 0.01, 0.01);
        GraphSummary summary = GraphSummary.of(model, 30, 78);
        assertTrue(summary.table().contains("Total params: 41,678"), summary.table());

        JazzImprovisation.Data data = JazzImprovisation.dataProcessing(corpus.corpus(), corpus.valuesIndices(), 8, 30,
                0);
        INDArray labels = data.labels();
        DataSet batch = new DataSet(data.x(), labels, null, labels.sum(2));
        INDArray probabilities = model.outputSingle(data.x());
        double keras = -Transforms.log(probabilities, true).mul(labels).sumNumber().doubleValue() / 8;
        assertEquals(keras, model.score(batch), 1e-3 * keras);
        assertEquals(29 * Math.log(78), keras, 1.0);   // untrained: about uniform
    }

    /** 25 epochs: the loss falls; the written file is MIDI, with the piano's chords and a melody in each measure. */
    @Test
    void trainsGeneratesAndWritesMidi() throws Exception {
        JazzImprovisation.Options options = new JazzImprovisation.Options();
        options.out = out;
        options.epochs = 25;
        Report.Captured report = Report.captured();
        JazzImprovisation.Result r = JazzImprovisation.run(options, report, corpus);
        assertEquals(78, r.values());
        assertEquals(41_678, r.params());
        assertTrue(r.losses()[0] > 120 && r.losses()[0] < 135, "first loss " + r.losses()[0]);
        assertTrue(r.losses()[24] < 0.75 * r.losses()[0], "the loss falls: " + Arrays.toString(r.losses()));
        assertEquals(50, r.indices().length);
        assertEquals(50, r.generated().size());

        MidiNotes written = MidiNotes.read(r.midi());
        assertEquals(List.of("Piano", "Guitar"), written.trackNames());
        List<MidiNotes.Note> melody = written.track(1);
        assertEquals(r.melody(), melody);
        // 17 measures of 4 quarter notes, 1 to 16 sixteenth notes each
        assertTrue(melody.size() >= 17 && melody.size() <= 17 * 16, "melody notes " + melody.size());
        assertTrue(written.track(0).size() > 50, "chords " + written.track(0).size());
        assertTrue(melody.stream().allMatch(n -> n.key() >= 47 && n.key() <= 84 && n.endTick() > n.startTick()));
        assertTrue(melody.get(melody.size() - 1).endTick() <= 17 * 4 * 96);

        List<String> lines = report.lines();
        assertTrue(lines.contains("shape of X: (60, 30, 78)"), lines.toString());
        assertTrue(lines.contains("number of training examples: 60"));
        assertTrue(lines.contains("Tx (length of sequence): 30"));
        assertTrue(lines.contains("Shape of Y: (30, 60, 78)"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Epoch 25/25 - loss: ")));
        assertTrue(lines.contains("Your generated music is saved in " + out.resolve("my_music.midi")));
        assertTrue(report.results().stream().anyMatch(l -> l.startsWith("list(indices[12:18]) = [")));
        assertTrue(Files.size(r.plot()) > 1000);
    }

    /** The notebook's 100 epochs: Keras' loss "ends in single digits". */
    @Test
    @Tag("full")
    void hundredEpochsEndInSingleDigits() {
        JazzImprovisation.Options options = new JazzImprovisation.Options();
        options.out = out;
        JazzImprovisation.Result r = JazzImprovisation.run(options, Report.captured(), corpus);
        assertTrue(r.losses()[99] < 10, "last loss " + r.losses()[99]);
    }

    /** The inference model feeds back one-hot(argmax): the same trained graph gives the same values twice. */
    @Test
    void generationIsDeterministic() {
        ComputationGraph model = JazzImprovisation.djmodel(30, 64, 78, 1, 0.01, 0.01);
        int[] first = JazzImprovisation.predictAndSample(model, 20);
        assertArrayEquals(first, JazzImprovisation.predictAndSample(model, 20));
        // step by step is the whole sequence at once when each input is the previous arg-max
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 20, 78);
        for (int t = 1; t < 20; t++) {
            x.putScalar(new long[] {0, t, first[t - 1]}, 1);
        }
        INDArray out = model.outputSingle(x);
        for (int t = 0; t < 20; t++) {
            assertEquals(first[t], Nd4j.argMax(out.get(NDArrayIndex.point(0), NDArrayIndex.point(t))).getInt(0));
        }
    }

    @Test
    void badOptionsAreRefusedBeforeTraining() {
        RefusedOptions.assertRefused(JazzImprovisation.Options::new, JazzImprovisation::run, out,
                new String[] {"--epochs", "0"}, new String[] {"--learning-rate", "NaN"}, new String[] {"--steps", "1"},
                new String[] {"--decay", "-1"}, new String[] {"--generate", "0"}, new String[] {"--seed", "-1"});
    }
}
