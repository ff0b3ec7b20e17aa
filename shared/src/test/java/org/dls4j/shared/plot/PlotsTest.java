package org.dls4j.shared.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PlotsTest {

    @TempDir
    Path dir;

    @Test
    void linePlotWritesAPng() throws IOException {
        Path png = LinePlot.titled("Learning rate =0.005").axes("iterations (per hundreds)", "cost")
                .line("cost", new double[] {0.69, 0.58, 0.47, 0.38}).save(dir.resolve("sub/cost.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(600, image.getHeight());
    }

    @Test
    void heatMapDrawsTheLargestCellDarkest() throws IOException {
        double[][] values = {{0, 1, 0}, {0.5, 0, 0}};
        Path png = HeatMapPlot.save("Attention Map", "Input Sequence", List.of("9", "9", "3"), "Output Sequence",
                List.of("1", "9"), values, dir.resolve("heat.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(800, image.getWidth());
        assertEquals(600, image.getHeight());
        boolean dark = false;
        for (int x = 0; x < image.getWidth() && !dark; x++) {
            for (int y = 0; y < image.getHeight() && !dark; y++) {
                Color c = new Color(image.getRGB(x, y));
                dark = c.getBlue() > 90 && c.getRed() < 20;
            }
        }
        assertTrue(dark, "the cell of value 1 is drawn dark blue");
    }

    @Test
    void decisionBoundaryColoursEachSideByThePrediction() throws IOException {
        // points left of x1 = 0 are class 0, right are class 1; the "model" thresholds x1 at 0
        INDArray x = Nd4j.create(new double[][] {{-2, -1, 1, 2}, {0, 1, -1, 0}});
        INDArray y = Nd4j.create(new double[][] {{0, 0, 1, 1}});
        Path png = DecisionBoundaryPlot.save("test", x, y, grid -> grid.getRow(0).gt(0).castTo(grid.dataType())
                .reshape(1, grid.columns()), dir.resolve("boundary.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        Color left = new Color(image.getRGB(70, 50));
        Color right = new Color(image.getRGB(610, 50));
        assertTrue(left.getRed() > left.getBlue(), "class 0 region is red: " + left);
        assertTrue(right.getBlue() > right.getRed(), "class 1 region is blue: " + right);
    }

    @Test
    void imageGridLaysOutTiles() throws IOException {
        BufferedImage red = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        Path png = ImageGrid.save(List.of(red, red, red), List.of("a", "b", "c"), 2, dir.resolve("grid.png"));
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(2 * (128 + 8) + 8, image.getWidth());
        assertEquals(2 * (128 + 36 + 8) + 8, image.getHeight());
    }

    @Test
    void classMaskImageGivesEachClassItsColour() {
        int[][] mask = {{0, 1, 2}, {3, 21, 1}};
        BufferedImage image = ClassMaskImage.of(mask);
        assertEquals(3, image.getWidth());
        assertEquals(2, image.getHeight());
        assertEquals(0x000000, image.getRGB(0, 0) & 0xFFFFFF, "background is black");
        assertEquals(0x1F77B4, image.getRGB(1, 0) & 0xFFFFFF, "class 1: tab20's first colour");
        assertEquals(0xFF7F0E, image.getRGB(2, 0) & 0xFFFFFF);
        assertEquals(image.getRGB(1, 0), image.getRGB(2, 1), "the same class, the same colour");
        assertEquals(ClassMaskImage.colour(1), ClassMaskImage.colour(21), "the 20 colours repeat");
        assertTrue(image.getRGB(0, 1) != image.getRGB(1, 0) && image.getRGB(0, 1) != image.getRGB(2, 0));
    }
}
