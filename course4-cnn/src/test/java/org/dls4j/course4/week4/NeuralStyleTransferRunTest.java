package org.dls4j.course4.week4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The optimisation on the notebook's pictures with the offline default network (reference section 6.1). */
class NeuralStyleTransferRunTest {

    @TempDir
    Path out;

    /**
     * 20 Adam steps at 64 x 64 on face-api's MobileNetV1: the total cost falls at least 2-fold, the style cost too,
     * and the picture itself moves toward the style picture's statistics: the Gram distance of their RGB pixels
     * (compute_layer_style_cost on the pictures) falls. The notebook's lines and files are there.
     */
    @Test
    void aShortRunLowersTheCostsAndMovesTowardTheStyle() throws Exception {
        NeuralStyleTransfer.Options options = new NeuralStyleTransfer.Options();
        options.size = 64;
        options.iterations = 20;
        options.printEvery = 10;
        options.saveEvery = 10;
        options.out = out;
        Report.Captured report = Report.captured();
        NeuralStyleTransfer.Result result = NeuralStyleTransfer.run(options, report);

        assertTrue(result.network().contains("MobileNetV1"), result.network());
        assertEquals(0, result.first().iteration());
        assertEquals(19, result.last().iteration());
        assertTrue(result.last().j() < result.first().j() / 2, result.first() + " -> " + result.last());
        assertTrue(result.last().jStyle() < result.first().jStyle() / 2, result.first() + " -> " + result.last());
        assertEquals(20, result.costs().size());

        INDArray style = NeuralStyleTransfer.picture(DataFiles.standard().require("nst/images/monet.jpg"), 64);
        INDArray content = NeuralStyleTransfer.picture(DataFiles.standard().require("nst/images/louvre_small.jpg"),
                64);
        double before = NeuralStyleTransfer.computeLayerStyleCost(style, content);
        double after = NeuralStyleTransfer.computeLayerStyleCost(style, result.generated());
        assertTrue(after < before, "pixel Gram distance to the style " + before + " -> " + after);
        double min = result.generated().minNumber().doubleValue();
        double max = result.generated().maxNumber().doubleValue();
        assertTrue(min >= 0 && max <= 1, "clipped to [0, 1]: " + min + " .. " + max);

        assertTrue(report.lines().contains("Iteration 10 :"), report.text());
        assertTrue(report.lines().stream().anyMatch(l -> l.startsWith("style cost = ")), report.text());
        assertEquals(1, report.results().size());
        for (String file : new String[] {"c4w4-nst-iteration-0.png", "c4w4-nst-iteration-10.png",
                "c4w4-nst-generated.png", "c4w4-nst.png", "c4w4-nst-costs.png"}) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
    }

    @Test
    void badOptionsAreRefusedBeforeAnyWork() {
        RefusedOptions.assertRefused(NeuralStyleTransfer.Options::new, NeuralStyleTransfer::run, out,
                new String[] {"--content", out.resolve("no-such.jpg").toString()},
                new String[] {"--style", out.toString()},
                new String[] {"--size", "8"},
                new String[] {"--learning-rate", "0"},
                new String[] {"--noise", "2"},
                new String[] {"--network", "vgg16"},
                new String[] {"--vgg19-weights", out.resolve("missing.h5").toString()});
    }

    /** The notebook's run: 400 x 400, 2501 iterations (images every 250); the cost falls at least 10-fold. */
    @Test
    @Tag("full")
    void theNotebooksRun() {
        NeuralStyleTransfer.Options options = new NeuralStyleTransfer.Options();
        options.out = out;
        NeuralStyleTransfer.Result result = NeuralStyleTransfer.run(options, Report.captured());
        assertTrue(result.last().j() < result.first().j() / 10, result.first() + " -> " + result.last());
        assertEquals(12, result.images().size());
    }
}
