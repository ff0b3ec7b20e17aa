package org.dls4j.course3.week2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.dls4j.course3.Degradation;
import org.dls4j.course3.ErrorLadder;
import org.dls4j.course3.Problem;
import org.dls4j.course3.SignsPictures;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Data mismatch: synthesis replaces what it says, and a short run reads its four errors the lecture's way. */
class DataMismatchTest {

    @TempDir
    Path out;

    @Test
    void synthesisAddsDegradedCopiesOfTheShareAsked() {
        SignsPictures test = SignsPictures.folder("test_signs");
        SignsPictures more = DataMismatch.synthesized(test, 0.25, new Degradation(2, 0.3, 0.6, 0), 4);
        assertEquals(150, more.size(), "120 and copies of a quarter of them");
        assertTrue(more.pictures().get(NDArrayIndex.interval(0, 120)).equalsWithEps(test.pictures(), 0),
                "the clean pictures are kept");
        int[] chosen = Arrays.copyOf(new NumpyRandom(4).permutation(120), 30);
        for (int k = 0; k < 30; k++) {
            assertEquals(test.digit(chosen[k]), more.digit(120 + k));
            double clean = test.pictures().slice(chosen[k]).meanNumber().doubleValue();
            double copy = more.pictures().slice(120 + k).meanNumber().doubleValue();
            assertTrue(copy < 0.65 * clean, "a darker copy of picture " + chosen[k]);
        }
    }

    /**
     * Eight epochs on 564 clean pictures (300 kept as train-dev): the model learns (train-dev well under chance's
     * 5/6), the degraded dev set is worse than the clean train-dev set (the mismatch the lesson is about), and each
     * gap is the difference of the two measured errors.
     */
    @Test
    void shortRunShowsTheMismatch() throws Exception {
        DataMismatch.Options options = new DataMismatch.Options();
        options.epochs = 8;
        options.trainDev = 300;
        options.synthesize = 0;
        options.out = out;
        options.validate();
        Report.Captured report = Report.captured();
        DataMismatch.Result r = DataMismatch.run(options, report);
        report.results().forEach(System.out::println);

        assertEquals(1, r.runs().size());
        ErrorLadder l = r.runs().get(0).ladder();
        assertEquals(l.error("train") - options.humanLevel, l.gap(Problem.AVOIDABLE_BIAS));
        assertEquals(l.error("train-dev") - l.error("train"), l.gap(Problem.VARIANCE));
        assertEquals(l.error("dev") - l.error("train-dev"), l.gap(Problem.DATA_MISMATCH));
        assertEquals(l.error("test") - l.error("dev"), l.gap(Problem.DEV_OVERFITTING));
        assertTrue(l.error("train-dev") < 0.6, "learns: " + l);
        assertTrue(l.gap(Problem.DATA_MISMATCH) > 0.1, "degraded pictures are harder: " + l);
        assertTrue(r.devPictures().brightness() < 0.7 * r.trainPictures().brightness());
        assertTrue(r.devPictures().sharpness() < r.trainPictures().sharpness());
        for (Path plot : r.plots()) {
            assertTrue(Files.size(plot) > 1000, plot.toString());
        }
        assertTrue(report.results().stream().anyMatch(line -> line.startsWith("clean pictures ")));
    }

    @Test
    void badOptionsAreRefusedUpFront() {
        RefusedOptions.assertRefused(DataMismatch.Options::new, DataMismatch::run, out,
                new String[] {"--brightness", "0.5"}, new String[] {"--brightness", "0.6,0.3"},
                new String[] {"--synthesize", "2"}, new String[] {"--train-dev", "5"},
                new String[] {"--human-level", "-0.1"});
    }
}
