package org.dls4j.course3.week2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.ShapeScenes;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/** Multi-task learning: the labels, the masked loss against the lecture's formula by hand, a short training. */
class MultiTaskLearningTest {

    @TempDir
    Path out;

    /** A label is 1 exactly when at least 10 pixels of the shape show; slivers and the dropped share are unknown. */
    @Test
    void labelsAndUnknownsFollowTheMasks() {
        MultiTaskLearning.LabelledScenes scenes = MultiTaskLearning.scenes(200, 32, 3, 5, 0.3, false);
        List<ShapeScenes.Scene> same = ShapeScenes.generate(200, 32, 3, 5);
        int unknown = 0;
        for (int i = 0; i < 200; i++) {
            int[] visible = new int[4];
            for (int[] row : same.get(i).mask()) {
                for (int c : row) {
                    visible[c]++;
                }
            }
            for (int t = 0; t < 3; t++) {
                assertEquals(visible[t + 1] >= MultiTaskLearning.MIN_VISIBLE_PIXELS ? 1.0 : 0.0,
                        scenes.labels().getDouble(i, t), "scene " + i + " task " + t);
                boolean sliver = visible[t + 1] > 0 && visible[t + 1] < MultiTaskLearning.MIN_VISIBLE_PIXELS;
                if (sliver) {
                    assertEquals(0.0, scenes.mask().getDouble(i, t), "a sliver is unknown");
                }
                unknown += scenes.mask().getDouble(i, t) == 0 ? 1 : 0;
            }
        }
        assertTrue(unknown > 0.25 * 600 && unknown < 0.40 * 600, unknown + " unknown of 600");
        MultiTaskLearning.LabelledScenes dev = MultiTaskLearning.scenes(50, 32, 3, 5, 0, true);
        assertEquals(150.0, dev.mask().sumNumber().doubleValue(), "dev labels are all known");
    }

    /**
     * DL4J's score with the label mask is the lecture's loss over the known labels only, computed by hand; the labels
     * behind the mask change neither the loss nor the gradient; without the mask the loss differs.
     */
    @Test
    void maskedLossIsTheLossOverKnownLabelsOnly() {
        MultiTaskLearning.LabelledScenes scenes = MultiTaskLearning.scenes(64, 32, 3, 7, 0.4, false);
        ComputationGraph graph = MultiTaskLearning.network(32, 3, 0.003, 7);
        DataSet data = scenes.dataSet();
        INDArray probabilities = graph.outputSingle(false, scenes.pictures());
        double byHand = MultiTaskLearning.handLoss(probabilities, scenes.labels(), scenes.mask());
        double masked = graph.score(data, false);
        assertEquals(byHand, masked, 2e-6 * byHand, "masked score = hand loss over the known labels");
        double unmasked = graph.score(new DataSet(scenes.pictures(), scenes.labels()), false);
        assertEquals(MultiTaskLearning.handLoss(probabilities, scenes.labels(), null), unmasked, 2e-6 * unmasked);
        assertTrue(Math.abs(unmasked - masked) > 0.1, "the unknown labels count without the mask");

        // flip every unknown label: same loss, same gradient
        INDArray flipped = scenes.labels().dup();
        INDArray unknown = scenes.mask().rsub(1.0);
        flipped.muli(scenes.mask()).addi(scenes.labels().rsub(1.0).muli(unknown));
        graph.setInputs(scenes.pictures());
        graph.setLabels(scenes.labels());
        graph.setLayerMaskArrays(null, new INDArray[] {scenes.mask()});
        graph.computeGradientAndScore();
        double[] gradient = graph.gradient().gradient().dup().toDoubleVector();
        double score = graph.score();
        graph.setInputs(scenes.pictures());
        graph.setLabels(flipped);
        graph.setLayerMaskArrays(null, new INDArray[] {scenes.mask()});
        graph.computeGradientAndScore();
        assertEquals(score, graph.score(), 1e-12);
        assertArrayEquals(gradient, graph.gradient().gradient().toDoubleVector(), 1e-12);
        assertTrue(flipped.sub(scenes.labels()).amaxNumber().doubleValue() == 1.0, "some labels were flipped");
    }

    /**
     * 1200 scenes, 6 epochs: the loss over the known labels falls, and on average the tasks beat always answering
     * each one's majority (a network that does not learn, or learns from the unknown labels' zeros, does not).
     */
    @Test
    void shortTrainingLearnsEveryTask() throws Exception {
        MultiTaskLearning.Options options = new MultiTaskLearning.Options();
        options.train = 1200;
        options.dev = 300;
        options.epochs = 6;
        options.out = out;
        options.validate();
        Report.Captured report = Report.captured();
        MultiTaskLearning.Result r = MultiTaskLearning.run(options, report);
        report.results().forEach(System.out::println);

        assertEquals(r.handLossKnownLabels(), r.maskedLoss(), 2e-6 * r.maskedLoss());
        double[] losses = r.losses().costs();
        assertTrue(losses[losses.length - 1] < 0.92 * losses[0], "the loss falls: " + Arrays.toString(losses));
        assertEquals(3, r.tasks().size());
        double accuracy = 0;
        double majority = 0;
        for (MultiTaskLearning.TaskResult t : r.tasks()) {
            accuracy += t.devAccuracy() / 3;
            majority += Math.max(t.presentShare(), 1 - t.presentShare()) / 3;
            assertTrue(t.knownTrainingLabels() < 1200 && t.knownTrainingLabels() > 700, t.toString());
        }
        assertTrue(accuracy > majority + 0.04, "mean dev accuracy " + accuracy + ", majorities " + majority);
        assertTrue(report.results().get(0).startsWith("Untrained network: masked loss (DL4J) "));
        for (Path plot : r.plots()) {
            assertTrue(Files.size(plot) > 1000, plot.toString());
        }
    }

    /** The default run: every task well above its majority. */
    @Test
    @Tag("full")
    void defaultRunLearnsEveryTask() {
        MultiTaskLearning.Options options = new MultiTaskLearning.Options();
        options.out = out;
        MultiTaskLearning.Result r = MultiTaskLearning.run(options, Report.captured());
        for (MultiTaskLearning.TaskResult t : r.tasks()) {
            assertTrue(t.devAccuracy() >= 0.75, t.toString());
        }
    }

    @Test
    void badOptionsAreRefusedUpFront() {
        RefusedOptions.assertRefused(MultiTaskLearning.Options::new, MultiTaskLearning::run, out,
                new String[] {"--missing", "1"}, new String[] {"--size", "8"}, new String[] {"--train", "5"},
                new String[] {"--epochs", "0"});
    }
}
