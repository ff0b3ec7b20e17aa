package org.dls4j.course5.week3;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.graph.GraphSummary;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Neural machine translation (reference sections 9.1 and 11): the model's size, the shipped weights, training. */
class NeuralMachineTranslationTest {

    /** The notebook's translations with model.h5 in Keras 2.1 (hard-sigmoid gates, the file's own). */
    static final List<String> KERAS_21 = List.of("1979-05-03", "2009-05-05", "2016-08-21", "2007-07-10",
            "2018-05-09", "2001-03-03", "2001-03-03", "2001-03-01", "2001-07-04");
    /** The 2021 notebook's: TF2 Keras loads the same weights into sigmoid gates. */
    static final List<String> TF2 = List.of("1979-05-33", "2009-04-05", "2016-08-20", "2007-07-10", "2018-05-09",
            "2001-03-03", "2001-03-03", "2001-03-01", "2001-07-04");

    @TempDir
    Path out;

    /** The 2021 test of one_step_attention and the decoder layer's own steps, as the grader checks them. */
    @Test
    void oneStepAttentionIsTheDecodersStep() {
        assertPasses(new NeuralMachineTranslationChecks(), "one_step_attention");
    }

    /** 52,960 parameters in the notebook's blocks: Bi-LSTM 17,920, densors 1,290 + 11, LSTM 33,024, dense 715. */
    @Test
    void theGraphHasTheNotebooksParameters() {
        assertPasses(new NeuralMachineTranslationChecks(), "modelf");
        GraphSummary summary = GraphSummary.of(NmtModel.notebookGraph(37, 11, 1, 0.005, 0.01), 30, 37);
        assertEquals(NmtModel.NOTEBOOK_PARAMS, summary.totalParams());
        assertEquals(List.of("[30, 37]", "[30, 64]", "[10, 64]", "[10, 11]"), summary.rows().stream()
                .map(r -> java.util.Arrays.toString(r.outputShape())).toList());
    }

    /** --pretrained: the notebook's eight translations (and the 2021 notebook's ninth), exactly. */
    @Test
    void thePretrainedModelGivesTheNotebooksTranslations() throws Exception {
        NeuralMachineTranslation.Options options = new NeuralMachineTranslation.Options();
        options.pretrained = true;
        options.examples = 100;
        options.out = out;
        Report.Captured report = Report.captured();
        NeuralMachineTranslation.Result result = NeuralMachineTranslation.run(options, report);
        assertEquals(KERAS_21, result.translations().stream().map(NeuralMachineTranslation.Translation::output)
                .toList());
        assertTrue(report.results().contains("source: 3 May 1979"), report.results().toString());
        assertTrue(report.results().contains("output: 1979-05-03"), report.results().toString());
        // the attention map: each output's weights sum to 1; "1993"'s year digits look at the year
        INDArray attention = result.attention();
        assertEquals(10, attention.rows());
        for (int t = 0; t < 10; t++) {
            assertEquals(1.0, attention.getRow(t).sumNumber().doubleValue(), 1e-5);
        }
        assertTrue(attention.getDouble(0, 17) > 0.5, "'1' of 1993 attends to the year: " + attention.getRow(0));
        assertTrue(Files.size(result.plot()) > 1000);
    }

    /** --sigmoid-gates --pretrained: the 2021 notebook's translations, "1979-05-33" included. */
    @Test
    void sigmoidGatesGiveThe2021NotebooksTranslations() {
        DateData.Vocabulary human = DateData.Vocabulary.of(DateDataTest.HUMAN);
        DateData.Vocabulary machine = DateData.loadDataset(200, 1).machine();
        ComputationGraph graph = NmtModel.graph(30, 10, 32, 64, 37, 11, 1, 0.005, 0.01, false);
        NmtModel.loadWeights(graph, NmtModel.shippedWeights(), false);
        assertEquals(TF2, NeuralMachineTranslation.EXAMPLES.stream()
                .map(s -> NmtModel.translate(graph, s, human, machine, 30)).toList());
    }

    /** A short real training run: the loss falls (Keras' 1-epoch run on 10,000 dates: 16.42). */
    @Test
    void trainingLowersTheLoss() {
        NeuralMachineTranslation.Options options = new NeuralMachineTranslation.Options();
        options.examples = 400;
        options.epochs = 3;
        options.out = out;
        options.translate = List.of("3 May 1979");
        NeuralMachineTranslation.Result result = NeuralMachineTranslation.run(options, Report.captured());
        double[] losses = result.losses();
        assertEquals(3, losses.length);
        // ten outputs of 11 classes start near 10 ln 11 = 24.0
        assertTrue(losses[0] < 25 && losses[0] > 15, "first epoch " + losses[0]);
        assertTrue(losses[2] < losses[0] - 0.5, "the loss falls: " + java.util.Arrays.toString(losses));
    }

    /** The notebook's run: one epoch of 10,000 dates, batch 100. */
    @Tag("full")
    @Test
    void oneNotebookEpoch() {
        NeuralMachineTranslation.Options options = new NeuralMachineTranslation.Options();
        options.out = out;
        NeuralMachineTranslation.Result result = NeuralMachineTranslation.run(options, Report.captured());
        assertTrue(result.losses()[0] < 20, "Keras: 16.42; here " + result.losses()[0]);
    }

    @Test
    void badOptionsAreRefused() {
        RefusedOptions.assertRefused(NeuralMachineTranslation.Options::new, NeuralMachineTranslation::run, out,
                new String[] {"--translate", ""}, new String[] {"--translate", " , "},
                new String[] {"--attention", ""}, new String[] {"--epochs", "0"},
                new String[] {"--examples", "0"}, new String[] {"--learning-rate", "-1"});
    }
}
