package org.dls4j.course4.week4;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dls4j.shared.cli.Report;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The assignment offline, for real: face-api's pretrained encoder on the course's 18 pictures (reference section
 * 6.2), one run shared by the tests (each picture encoded once).
 */
class FaceRecognitionRunTest {

    @TempDir
    static Path out;

    static FaceEncoder encoder;
    static Report.Captured report;
    static FaceRecognition.Result result;

    @BeforeAll
    static void run() {
        encoder = FaceEncoder.remembering(FaceApiEncoder.pretrained());
        FaceRecognition.Options options = new FaceRecognition.Options();
        options.out = out;
        report = Report.captured();
        result = FaceRecognition.run(options, report, encoder);
    }

    /**
     * The notebook's cells: verify(camera_0, younes) opens (0.65939283, True), verify(camera_2, kian) does not
     * (benoit with kian's card: 0.86224014, False), who_is_it(camera_0) is younes; our distances are face-api's.
     */
    @Test
    void theNotebooksVerdicts() {
        FaceRecognition.Verification younes = result.verifications().get(0);
        assertEquals("younes", younes.identity());
        assertTrue(younes.doorOpen(), "camera_0 is younes: " + younes.distance());
        FaceRecognition.Verification kian = result.verifications().get(1);
        assertFalse(kian.doorOpen(), "camera_2 is benoit, not kian: " + kian.distance());
        FaceRecognition.Identification who = result.identifications().get(0);
        assertEquals("younes", who.identity());
        assertTrue(who.known());
        List<String> results = report.results();
        assertTrue(results.contains("It's younes, welcome in!"), results.toString());
        assertTrue(results.contains("It's not kian, please go away"), results.toString());
        assertTrue(results.stream().anyMatch(l -> l.startsWith("it's younes, the distance is 0.")), results.toString());
        assertEquals(FaceApiEncoder.THRESHOLD, result.threshold());
    }

    /**
     * The exercises' checks of verify and who_is_it ({@link FaceRecognitionChecks}): the notebooks' calls and the
     * 2021 tests' (camera_1 and camera_3 are bertrand, not younes; younes.jpg is younes at 0.0), their verdicts and
     * lines, with face-api's distances, which are this run's.
     */
    @Test
    void theExercisesChecksPassAndTheirDistancesAreTheRunsOwn() {
        assertPasses(new FaceRecognitionChecks(), "verify");
        assertPasses(new FaceRecognitionChecks(), "who_is_it");
        assertEquals(FaceRecognitionChecks.YOUNES, result.verifications().get(0).distance(), 1e-4);
        assertEquals(FaceRecognitionChecks.KIAN, result.verifications().get(1).distance(), 1e-4);
    }

    /** who_is_it names the person each of the six camera pictures shows. */
    @Test
    void recognisesEveryCameraPicture() {
        List<FaceRecognition.Identification> cameras = result.identifications().subList(1, 7);
        for (int i = 0; i < 6; i++) {
            String camera = FaceRecognition.CAMERA.get(i);
            assertEquals(FaceRecognition.CAMERA_PEOPLE.get(camera), cameras.get(i).identity(), camera);
            assertTrue(cameras.get(i).known(), camera + " at " + cameras.get(i).distance());
        }
    }

    /**
     * Same person closer than different people: each camera picture is nearer its own person's database picture
     * than any other's; every same-person pair is under the threshold, and at most 10% of the 146 different-person
     * pairs are (dlib's 0.6 would pass most of them on these pictures).
     */
    @Test
    void samePersonDistancesLieBelowDifferentPersonOnes() {
        List<String> pictures = result.pictures();
        assertEquals(18, pictures.size());
        double[][] d = result.distances();
        for (int i = 12; i < 18; i++) {
            int own = pictures.indexOf(FaceRecognition.CAMERA_PEOPLE.get(pictures.get(i)));
            for (int j = 0; j < 12; j++) {
                if (j != own) {
                    assertTrue(d[i][own] < d[i][j], pictures.get(i) + ": " + d[i][own] + " vs " + pictures.get(j)
                            + " " + d[i][j]);
                }
            }
        }
        ThresholdTable.Split split = ThresholdTable.split(pictures, d);
        assertEquals(7, split.same().size());
        assertEquals(146, split.different().size());
        long[] accepted = split.accepted(result.threshold());
        assertEquals(7, accepted[0]);
        assertTrue(accepted[1] <= 14, accepted[1] + " different-person pairs under the threshold");
        assertTrue(split.accepted(ThresholdTable.DLIB_THRESHOLD)[1] > 100, "dlib's 0.6 is far too loose here");
        double mean = split.same().stream().mapToDouble(ThresholdTable.Pair::distance).average().orElseThrow();
        double meanDifferent = split.different().stream().mapToDouble(ThresholdTable.Pair::distance).average()
                .orElseThrow();
        assertTrue(mean < 0.75 * meanDifferent, mean + " vs " + meanDifferent);
    }

    /** --image and --identity: verify that picture as that person, then recognise it. */
    @Test
    void verifiesAndRecognisesTheGivenPicture() {
        FaceRecognition.Options options = new FaceRecognition.Options();
        options.out = out;
        options.image = FaceRecognition.picture("camera_3");
        options.identity = "younes";
        Report.Captured captured = Report.captured();
        FaceRecognition.Result r = FaceRecognition.run(options, captured, encoder);
        assertEquals(1, r.verifications().size());
        assertFalse(r.verifications().get(0).doorOpen());
        assertEquals("bertrand", r.identifications().get(0).identity());
        assertEquals(List.of("It's not younes, please go away"), captured.results().subList(1, 2));
    }

    /** Bad options are refused before any work, naming the option. */
    @Test
    void refusesBadOptions() {
        RefusedOptions.assertRefused(FaceRecognition.Options::new, FaceRecognition::run, out,
                new String[] {"--threshold", "-1"},
                new String[] {"--identity", "younes"},
                new String[] {"--identity", "nobody", "--image", FaceRecognition.picture("camera_0").toString()},
                new String[] {"--encoder", "vgg"},
                new String[] {"--image", out.resolve("missing.jpg").toString()});
    }

    /** The table of distances is printed and the heat map written. */
    @Test
    void printsTheTableAndDrawsTheMap() throws Exception {
        assertTrue(report.lines().contains("Distances between pictures of the same person (7 pairs):"));
        assertTrue(report.lines().stream().anyMatch(l -> l.startsWith("Threshold 0.60 (dlib's): 7 of 7")),
                report.lines().toString());
        assertTrue(Files.size(result.heatMap()) > 10_000);
        assertEquals(out.resolve("c4w4-face-distances.png"), result.heatMap());
    }
}
