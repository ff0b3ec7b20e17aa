package org.dls4j.course5.week1;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.text.CharCorpus;
import org.dls4j.shared.graph.BasicRnnLayerRuntime;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.rnn.CharRnn;
import org.dls4j.shared.scratch.rnn.CharRnnSteps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Dinosaur Island against expected-c4-c5.md section 7.2: clip, sample (2021 exactly, 2018's first 40 indices),
 * optimize, the model's losses and names through iteration 14,000 exactly and a loss band afterwards; the fused
 * engine against the readable functions; the DL4J graph against the scratch model's first loss.
 */
class DinosaurIslandTest {

    static CharCorpus corpus;
    static Report.Captured report;
    static DinosaurIsland.Trained scratch;

    @BeforeAll
    static void trainTheNotebooksModel() {
        corpus = CharCorpus.dinos();
        report = Report.captured();
        scratch = DinosaurIsland.model(corpus.lines(), corpus, new DinosaurIsland.Options(), report);
    }

    /** The notebook's test cells, as the grader checks them. */
    @ParameterizedTest
    @ValueSource(strings = {"clip", "sample", "optimize", "model"})
    void gradedFunction(String function) {
        assertPasses(new DinosaurIslandChecks(), function);
    }

    @Test
    void sampleGivesTheNotebooksIndices() {
        // 2018 (seed 2): chaotic after about 43 characters (expected-c4-c5.md 7.2), so the first 40
        List<Integer> expected2018 = List.of(12, 17, 24, 14, 13, 9, 10, 22, 24, 6, 13, 11, 12, 6, 21, 15, 21, 14, 3,
                2, 1, 21, 18, 24, 7, 25, 6, 25, 18, 10, 16, 2, 3, 8, 15, 12, 11, 7, 1, 12);
        List<Integer> sampled = DinosaurIsland.sample(DinosaurTestCases.sampleParameters(2), corpus.charToIndex(), 0);
        assertEquals(expected2018, sampled.subList(0, 40));
        assertEquals(0, sampled.get(sampled.size() - 1));
    }

    @Test
    void theFusedEngineAgreesWithTheReadableOptimize() {
        for (int[] x : List.of(new int[] {12, 3, 5, 11, 22, 3}, new int[] {CharRnnSteps.NONE, 3, 5, 11, 22, 3})) {
            DinosaurTestCases.OptimizeCase c = DinosaurTestCases.optimizeCase();
            Parameters start = c.parameters().copy();
            CharRnn fused = new CharRnn(start).hiddenState(c.aPrev());
            DinosaurIsland.Optimized readable = DinosaurIsland.optimize(x, c.Y(), c.aPrev(), c.parameters(), 0.01);
            double loss = fused.optimize(x, c.Y(), 0.01, 5);
            assertEquals(readable.loss(), loss, 1e-11);
            Parameters grads = fused.gradients();
            for (String name : grads.names()) {
                assertAllClose(readable.gradients().get(name), grads.get(name), 1e-9, 1e-10, name);
            }
            Parameters trained = fused.parameters();
            for (String name : trained.names()) {
                assertAllClose(c.parameters().get(name), trained.get(name), 1e-12, 1e-12, name);
            }
            assertAllClose(readable.aLast(), fused.hiddenState(), 1e-12, 1e-12, "a_last");
        }
    }

    static final Map<Integer, String> LOSSES = Map.of(0, "23.087336", 2000, "27.884160", 4000, "25.901815",
            6000, "24.608779", 8000, "24.070350", 10000, "23.844446", 12000, "23.291971");

    static final Map<Integer, List<String>> NAMES = Map.of(
            0, List.of("Nkzxwtdmfqoeyhsqwasjkjvu", "Kneb", "Kzxwtdmfqoeyhsqwasjkjvu", "Neb", "Zxwtdmfqoeyhsqwasjkjvu",
                    "Eb", "Xwtdmfqoeyhsqwasjkjvu"),
            2000, List.of("Liusskeomnolxeros", "Hmdaairus", "Hytroligoraurus", "Lecalosapaus", "Xusicikoraurus",
                    "Abalpsamantisaurus", "Tpraneronxeros"),
            4000, List.of("Mivrosaurus", "Inee", "Ivtroplisaurus", "Mbaaisaurus", "Wusichisaurus", "Cabaselachus",
                    "Toraperlethosdarenitochusthiamamumamaon"),
            6000, List.of("Onwusceomosaurus", "Lieeaerosaurus", "Lxussaurus", "Oma", "Xusteonosaurus", "Eeahosaurus",
                    "Toreonosaurus"),
            8000, List.of("Onxusichepriuon", "Kilabersaurus", "Lutrodon", "Omaaerosaurus", "Xutrcheps", "Edaksoje",
                    "Trodiktonus"),
            10000, List.of("Onyusaurus", "Klecalosaurus", "Lustodon", "Ola", "Xusodonia", "Eeaeosaurus",
                    "Troceosaurus"),
            12000, List.of("Onyxosaurus", "Kica", "Lustrepiosaurus", "Olaagrraiansaurus", "Yuspangosaurus",
                    "Eealosaurus", "Trognesaurus"),
            14000, List.of("Meutromodromurus", "Inda", "Iutroinatorsaurus", "Maca", "Yusteratoptititan", "Ca",
                    "Troclosaurus"));

    @Test
    void theModelPrintsTheNotebooksLossesAndNamesThroughIteration14000() {
        List<String> lines = report.results();
        for (int j = 0; j <= 12000; j += 2000) {
            int at = lines.indexOf("Iteration: " + j + ", Loss: " + LOSSES.get(j));
            assertTrue(at >= 0, "no line 'Iteration: " + j + ", Loss: " + LOSSES.get(j) + "' in " + lines);
            assertEquals(NAMES.get(j), lines.subList(at + 1, at + 8), "names at iteration " + j);
        }
        // 14000: the true value is about 23.3823387 and numpy prints 23.382338 or 23.382339 by platform
        assertEquals(23.3823387, scratch.losses().at(14000), 1e-6);
        assertEquals(NAMES.get(14000), scratch.names().get(14000));
        assertEquals(23.087336085484605, scratch.losses().at(0), 1e-12);
        assertEquals(27.884160491415773, scratch.losses().at(2000), 1e-9);
    }

    @Test
    void laterIterationsAreInTheNotebooksLossBand() {
        for (int j = 16000; j < 35000; j += 2000) {
            double loss = scratch.losses().at(j);
            assertTrue(loss > 22 && loss < 24, "iteration " + j + ": loss " + loss);
            assertEquals(7, scratch.names().get(j).size());
        }
        assertEquals(18, scratch.names().size());
    }

    @Test
    void theDl4jFaceTrainsLikeTheScratchModelCarryingTheState() {
        // the same initial weights, the same names in the same order, the hidden state carried from name to name:
        // the same loss on every name and the same weights after 300 names (clipped gradients, SGD)
        List<int[][]> xy = DinosaurIsland.shuffledExamples(corpus.lines(), corpus, 0);
        Parameters initial = CharRnnSteps.initializeParameters(50, 27, 27);
        CharRnn fused = new CharRnn(initial);
        var graph = CharRnnGraph.graph(initial, 0.01);
        List<INDArray[]> examples = CharRnnGraph.examples(xy.subList(0, 300), 27);
        for (int j = 0; j < 300; j++) {
            double scratchLoss = fused.optimize(xy.get(j)[0], xy.get(j)[1], 0.01, 5);
            assertEquals(scratchLoss, CharRnnGraph.fit(graph, examples.get(j)), 1e-9 * scratchLoss, "name " + j);
        }
        Parameters after = CharRnnGraph.parameters(graph);
        for (String name : after.names()) {
            assertAllClose(fused.parameters().get(name), after.get(name), 1e-9, 1e-11, name);
        }
        INDArray carried = ((BasicRnnLayerRuntime) graph.getLayer("rnn")).carriedState();
        assertAllClose(fused.hiddenState().transpose(), carried, 1e-9, 1e-11, "a_prev");
        // sampling (rnnTimeStep from zeros) leaves the carried state alone
        CharRnnGraph.sample(graph, corpus.charToIndex(), 0);
        assertAllClose(carried, ((BasicRnnLayerRuntime) graph.getLayer("rnn")).carriedState(), 0, 0, "after sample");
    }

    @Test
    void theRunTrainsBothFacesAndPlotsTheirLosses(@TempDir Path out) throws IOException {
        DinosaurIsland.Options options = new DinosaurIsland.Options();
        options.iterations = 201;
        options.out = out;
        Report.Captured run = Report.captured();
        DinosaurIsland.Result result = DinosaurIsland.run(options, run);
        assertTrue(run.lines().contains("There are 19909 total characters and 27 unique characters in your data."));
        assertTrue(run.results().stream().anyMatch(l -> l.startsWith("Loss = 126.5039757216")), run.results()
                .toString());
        assertTrue(run.results().contains("list of sampled indices: [23, 16, 26, 26, 24, 3, 21, 1, 7, 24, 15, 3, 25, 20,"
                + " 6, 13, 10, 8, 20, 12, 2, 0]"));
        assertEquals(NAMES.get(0), result.scratch().names().get(0));
        assertEquals(7, result.dl4j().names().get(0).size());
        assertEquals(List.of(0, 100, 200), java.util.Arrays.stream(result.dl4j().losses().iterations()).boxed()
                .toList());
        assertTrue(Files.size(result.plot()) > 1000);
    }

    @Test
    @Tag("full")
    void theDl4jFacePrintsTheNotebooksLinesThroughIteration14000(@TempDir Path out) {
        // with the state carried from name to name the graph trains as the notebook's model does
        DinosaurIsland.Options options = new DinosaurIsland.Options();
        options.faces = List.of(DinosaurIsland.Face.DL4J);
        options.iterations = 14001;
        options.out = out;
        DinosaurIsland.Trained dl4j = DinosaurIsland.run(options, Report.silent()).dl4j();
        for (int j = 0; j <= 14000; j += 2000) {
            assertEquals(NAMES.get(j), dl4j.names().get(j), "names at iteration " + j);
        }
        for (int j = 0; j <= 12000; j += 2000) {
            assertEquals(Double.parseDouble(LOSSES.get(j)), dl4j.losses().at(j), 5e-7, "loss at " + j);
        }
        assertEquals(23.3823387, dl4j.losses().at(14000), 1e-6);
    }

    @Test
    void badOptionsAreRefusedByName() {
        DinosaurIsland.Options options = new DinosaurIsland.Options();
        options.hidden = 0;
        assertTrue(assertThrows(OptionException.class, options::validate).getMessage().contains("--hidden"));
        DinosaurIsland.Options rate = new DinosaurIsland.Options();
        rate.learningRate = -1;
        assertTrue(assertThrows(OptionException.class, rate::validate).getMessage().contains("--learning-rate"));
    }

}
