package org.dls4j.course4.week3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.data.images.ShapeScenes;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The car detection run end to end: the graded checks' lines, the YOLOv2 graph's totals, the missing-weights
 * paragraph, the small YOLO trained on generated shapes, decoded with our yolo_head/yolo_eval, scored by mAP@0.5,
 * and face-api's pretrained face detector decoded the same way.
 */
class ShapeDetectorTest {

    @TempDir
    Path out;

    /**
     * A short run (400 scenes, 8 epochs): mAP@0.5 on 100 held-out scenes above 0.12 (this configuration reached
     * 0.2-0.27 here), where the same network untrained scores below 0.02.
     */
    @Test
    void shortRunDetectsShapes() throws Exception {
        CarDetection.Options options = new CarDetection.Options();
        options.out = out;
        options.scenes = 400;
        options.testScenes = 100;
        options.epochs = 8;
        options.learningRate = 0.005;
        options.faces = List.of(DataFiles.standard().require("nst/images/content300.jpg"));
        Report.Captured report = Report.captured();
        CarDetection.Result result = CarDetection.run(options, report);
        double map = result.shapeMap().map().meanAveragePrecision();
        assertTrue(map > 0.12, "mAP@0.5 " + map);
        assertTrue(result.shapes().losses()[7] < result.shapes().losses()[0] / 3, "the loss falls");
        List<ShapeScenes.Scene> test = ShapeScenes.generate(100, ShapeDetector.SIDE, ShapeDetector.MAX_SHAPES, 2);
        double untrained = ShapeDetector.evaluate(ShapeDetector.model(1, 0.005), test, 10, 0.6, 0.5,
                ShapeDetector.MAP_SCORE_THRESHOLD).map().meanAveragePrecision();
        assertTrue(untrained < 0.02, "untrained mAP " + untrained);

        assertEquals(50_983_561L, result.yoloParams());
        assertEquals(10, result.nmsCheck().count());
        assertEquals(10, result.evalCheck().count());
        List<String> lines = report.lines();
        assertTrue(lines.contains("iou for intersecting boxes = 0.14285714285714285"), lines.toString());
        assertTrue(lines.contains("iou for boxes that only touch at edges = 0.0"));
        assertTrue(lines.contains("scores.shape = (10,), boxes.shape = (10, 4), classes.shape = (10,)"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Total params: 50,983,561 (the notebook: 50,983,561)")));
        if (result.carDetections() == null) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("yolo/model_data/yolo.h5") && l.contains("--weights")));
        }
        assertTrue(lines.contains("Epoch 8/8 - loss: " + String.format(java.util.Locale.ROOT, "%.4f",
                result.shapes().losses()[7])));
        assertTrue(report.results().stream().anyMatch(l -> l.startsWith("mAP@0.5 on 100 held-out scenes = ")));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Found ") && l.endsWith(" boxes for held-out scene 0"
                + " (truth: " + test.get(0).shapes().size() + ")")));
        Path picture = out.resolve("c4w3-shape-detections.png");
        assertTrue(Files.size(picture) > 10_000);
        assertTrue(result.pictures().contains(picture));
        // face-api's detector, through our yolo_head and yolo_eval, finds the 3 faces of the NST content photo
        assertEquals(1, result.faces().size());
        assertEquals(3, result.faces().get(0).size(), result.faces().toString());
        assertTrue(report.results().contains("Found 3 boxes for images/content300.jpg"), report.results().toString());
        assertTrue(Files.size(out.resolve("content300_faces.png")) > 10_000);
    }

    /** The full default run (1000 scenes, 12 epochs): mAP@0.5 above 0.5 (0.64 here). */
    @Test
    @Tag("full")
    void defaultRunReachesAGoodMap() {
        CarDetection.Options options = new CarDetection.Options();
        options.out = out;
        CarDetection.Result result = CarDetection.run(options, Report.captured());
        assertTrue(result.shapeMap().map().meanAveragePrecision() > 0.5,
                "mAP@0.5 " + result.shapeMap().map().meanAveragePrecision());
    }

    /** DL4J's YOLO labels: the cell holding the centre, corners in cells, one-hot class. */
    @Test
    void labelsPutEachShapeInItsCentresCell() {
        ShapeScenes.Scene scene = ShapeScenes.generate(1, ShapeDetector.SIDE, 1, 7).get(0);
        ShapeScenes.Shape shape = scene.shapes().get(0);
        var labels = ShapeDetector.dataSet(List.of(scene)).getLabels();
        int column = (int) ((shape.xMin() + shape.xMax()) / 2 / 8);
        int row = (int) ((shape.yMin() + shape.yMax()) / 2 / 8);
        double[] expected = new double[7];
        expected[0] = shape.xMin() / 8;
        expected[1] = shape.yMin() / 8;
        expected[2] = shape.xMax() / 8;
        expected[3] = shape.yMax() / 8;
        expected[3 + shape.classId()] = 1;
        double[] actual = new double[7];
        for (int k = 0; k < 7; k++) {
            actual[k] = labels.getDouble(0, k, row, column);
        }
        assertArrayEquals(expected, actual, 1e-6);
        assertEquals(labels.sumNumber().doubleValue(), java.util.Arrays.stream(expected).sum(), 1e-4);
    }

    /** mAP with all-point interpolation on a hand-made case: AP = 1 * 0.5 + 2/3 * 0.5 = 0.8333. */
    @Test
    void mapHandMade() {
        List<DetectionMap.Box> truth = List.of(new DetectionMap.Box(0, 0, 1, new double[] {0, 0, 10, 10}),
                new DetectionMap.Box(1, 0, 1, new double[] {0, 0, 10, 10}));
        List<DetectionMap.Box> found = List.of(
                new DetectionMap.Box(0, 0, 0.9, new double[] {0, 0, 10, 10}),     // TP
                new DetectionMap.Box(0, 0, 0.8, new double[] {0, 0, 10, 10}),     // duplicate: FP
                new DetectionMap.Box(1, 0, 0.7, new double[] {0, 0, 10, 9}),      // IoU 0.9: TP
                new DetectionMap.Box(1, 1, 0.95, new double[] {0, 0, 10, 10}));   // class without truth: ignored
        DetectionMap.Result result = DetectionMap.of(found, truth, 2, 0.5);
        assertEquals(1 * 0.5 + 2.0 / 3 * 0.5, result.averagePrecision()[0], 1e-12);
        assertTrue(Double.isNaN(result.averagePrecision()[1]));
        assertEquals(result.averagePrecision()[0], result.meanAveragePrecision(), 0);
        DetectionMap.Result loose = DetectionMap.of(List.of(new DetectionMap.Box(0, 0, 0.9,
                new double[] {0, 0, 10, 4})), truth.subList(0, 1), 1, 0.5);
        assertEquals(0, loose.meanAveragePrecision(), 0, "IoU 0.4 is a false positive at 0.5");
    }

    /** Bad options are refused before any work, naming the option. */
    @Test
    void refusesBadOptions() {
        RefusedOptions.assertRefused(CarDetection.Options::new, CarDetection::run, out,
                new String[] {"--score-threshold", "1.5"}, new String[] {"--image-shape", "720"},
                new String[] {"--max-boxes", "0"}, new String[] {"--predict-score-threshold", "-0.1"}, new String[] {"--image", out.resolve("none.jpg").toString()});
    }
}
