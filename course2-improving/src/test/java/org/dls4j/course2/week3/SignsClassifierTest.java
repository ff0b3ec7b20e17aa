package org.dls4j.course2.week3;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.data.images.SignsData;
import org.dls4j.shared.testing.NdAssert;
import org.dls4j.shared.testing.RefusedOptions;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Reference values: expected-c1-c2.md section 11 (TF1 v3b / 2017 and the TF2 release). */
class SignsClassifierTest {

    @TempDir
    Path out;

    static SignsClassifier.Data data;

    @BeforeAll
    static void load() {
        data = SignsClassifier.load();
    }

    /** The notebook's test cells, as the grader checks them. */
    @ParameterizedTest
    @ValueSource(strings = {"linear_function", "sigmoid", "cost", "one_hot_matrix", "ones"})
    void gradedFunction(String function) {
        assertPasses(new SignsClassifierChecks(), function);
    }

    @Test
    void sigmoidCrossEntropyWithLogits() {
        INDArray labels = Nd4j.createFromArray(new float[] {0, 0, 1, 1});
        INDArray logits = Nd4j.createFromArray(new float[] {0.2f, 0.4f, 0.7f, 0.9f});
        // 2017: logits = sigmoid(...): [1.00538719 1.03664088 0.41385433 0.39956614]
        NdAssert.assertAllClose(new double[] {1.0053872164477287, 1.0366408269968992, 0.4138543207793808,
                0.3995661444212674}, SignsClassifier.cost(org.nd4j.linalg.ops.transforms.Transforms.sigmoid(logits,
                        true), labels).castTo(DataType.DOUBLE), 0, 2e-7, "cost 2017");
        assertThrows(IllegalArgumentException.class, () -> SignsClassifier.cost(logits, Nd4j.zeros(3)));
    }

    @Test
    void oneHotRefusesALabelOutsideItsClasses() {
        assertThrows(IllegalArgumentException.class, () -> SignsClassifier.oneHotMatrix(new int[] {4}, 4));
    }

    @Test
    void dataHasTheNotebookShapes() {
        assertArrayEquals(new long[] {1080, 12288}, data.xTrain().shape());
        assertArrayEquals(new long[] {1080, 6}, data.yTrain().shape());
        assertArrayEquals(new long[] {120, 12288}, data.xTest().shape());
        assertEquals(DataType.FLOAT, data.xTrain().dataType());
        // 20 test images per class
        assertArrayEquals(new float[] {20, 20, 20, 20, 20, 20}, data.yTest().sum(0).toFloatVector());
    }

    @Test
    void miniBatchesAreNumpysRandomMiniBatches() {
        NotebookMiniBatches batches = new NotebookMiniBatches(data.xTrain(), data.yTrain(), 32, 3, DataType.FLOAT);
        List<DataSet> epoch0 = batches.epochBatches(0);
        assertEquals(34, epoch0.size());
        assertEquals(24, epoch0.get(33).numExamples());          // 1080 = 33 * 32 + 24
        int[] permutation = new NumpyRandom(4).permutation(1080); // seed = 3, then seed + 1 before epoch 0
        assertEquals(data.xTrain().getRow(permutation[0]), epoch0.get(0).getFeatures().getRow(0));
        assertEquals(data.yTrain().getRow(permutation[33]), epoch0.get(1).getLabels().getRow(1));
        // DL4J's iterator protocol walks the same batches, then reshuffles on reset
        assertEquals(epoch0.get(5).getFeatures(), skip(batches, 5).getFeatures());
        assertThrows(IllegalArgumentException.class,
                () -> new NotebookMiniBatches(data.xTrain(), data.yTest(), 32, 3, DataType.FLOAT));
    }

    private static DataSet skip(NotebookMiniBatches it, int n) {
        for (int i = 0; i < n; i++) {
            it.next();
        }
        return it.next();
    }

    /**
     * 25 epochs through the whole run (data already loaded): above chance, a falling cost, the answers kept by -q,
     * the plots, and {@code --image} classifying a test picture as the trained network does.
     */
    @Test
    void shortScheduleLearnsAboveChanceAndClassifiesAnImage() throws Exception {
        Path picture = out.resolve("sign.png");
        Images.writePng(SignsData.test().images().get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all()), picture);
        SignsClassifier.Options options = new SignsClassifier.Options();
        options.epochs = 25;
        options.out = out;
        options.image = picture;
        Report.Captured report = Report.captured();
        SignsClassifier.Result r = SignsClassifier.run(options, report, SignsClassifier.runExercises(), data);
        SignsClassifier.Training t = r.training();
        // chance is 1/6; the notebook's TF2 run had train 0.60 / test 0.53 after 30 epochs
        assertTrue(t.finalTrainAccuracy() > 0.3, "train accuracy " + t.finalTrainAccuracy());
        assertTrue(t.finalTestAccuracy() > 0.25, "test accuracy " + t.finalTestAccuracy());
        assertTrue(t.epochCosts()[24] < t.epochCosts()[0], "cost should fall");
        assertEquals(24, t.recordedEpochs()[t.recordedEpochs().length - 1], "the last epoch is measured");
        assertTrue(report.lines().stream().anyMatch(l -> l.startsWith("Cost after epoch 24: ")), "the last is printed");
        assertTrue(report.results().stream().anyMatch(l -> l.startsWith("Test Accuracy: ")), report.results().toString());
        int expected = t.graph().outputSingle(false, data.xTest().getRow(0, true)).argMax(1).getInt(0);
        assertEquals(expected, r.predictedSign(), "the picture is classified like the same test image");
        assertTrue(report.results().contains("Your algorithm predicts: y = " + expected), report.results().toString());
        for (Path p : r.plots()) {
            assertTrue(Files.size(p) > 1000, p + " not written");
        }
    }

    @Test
    void exercisesAreResults() {
        Report.Captured report = Report.captured();
        SignsClassifier.reportExercises(SignsClassifier.runExercises(), report);
        assertTrue(report.results().contains("sigmoid(0) = 0.5"), report.results().toString());
        assertTrue(report.results().contains("ones = [1. 1. 1.]"), report.results().toString());
    }

    /** Bad options, a file as --out, a text file named like a JPEG: refused before loading or training (exit 2). */
    @Test
    void badOptionsAreRefusedBeforeTraining() throws Exception {
        Path text = Files.writeString(out.resolve("x.jpg"), "not a picture");
        Path readme = Files.writeString(out.resolve("README.md"), "# a file");
        RefusedOptions.assertRefused(SignsClassifier.Options::new, SignsClassifier::run, out,
                new String[] {"--learning-rate", "-1"}, new String[] {"--epochs", "0"},
                new String[] {"--image", text.toString()}, new String[] {"--image", out.resolve("none.png").toString()},
                new String[] {"--out", readme.toString()}, new String[] {"--seed", "4294967295"},
                new String[] {"--mini-batch-size", "0"}, new String[] {"--record-every", "0"});
    }

    /** The notebook's full schedule: 1500 epochs (about 15-20 minutes on 2 busy cores). {@code -Pfull}. */
    @Test
    @Tag("full")
    void fullScheduleReachesTheNotebooksBand() {
        SignsClassifier.Options options = new SignsClassifier.Options();
        options.out = out;
        SignsClassifier.Training t = SignsClassifier.train(data, options, Report.silent());
        // notebook (TF1): train 0.999074, test 0.716667; our training images are the CS230 export
        assertTrue(t.finalTrainAccuracy() > 0.9, "train accuracy " + t.finalTrainAccuracy());
        assertTrue(t.finalTestAccuracy() >= 0.65, "test accuracy " + t.finalTestAccuracy());
    }
}
