package org.dls4j.shared.plot;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

/**
 * A spectrogram {@code pxx[frequency][segment]} as matplotlib's {@code specgram} draws it: {@code 10 log10(pxx)} from
 * dark blue (quietest) to yellow (loudest), low frequencies at the bottom, time to the right; every
 * {@code columnsPerPixel} segments averaged into one pixel column, each frequency three pixels high.
 */
public final class SpectrogramPlot {
    private static final int ROW_PIXELS = 3;
    private static final Color LOW = new Color(68, 1, 84), HIGH = new Color(253, 231, 37);

    private SpectrogramPlot() {
    }

    /** Writes the picture and returns the path written. */
    public static Path save(double[][] pxx, int columnsPerPixel, Path png) {
        int rows = pxx.length;
        int width = (pxx[0].length + columnsPerPixel - 1) / columnsPerPixel;
        double[][] db = new double[rows][width];
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int f = 0; f < rows; f++) {
            for (int c = 0; c < width; c++) {
                double sum = 0;
                int n = 0;
                for (int t = c * columnsPerPixel; t < Math.min(pxx[f].length, (c + 1) * columnsPerPixel); t++) {
                    sum += pxx[f][t];
                    n++;
                }
                db[f][c] = 10 * Math.log10(Math.max(sum / n, 1e-12));
                min = Math.min(min, db[f][c]);
                max = Math.max(max, db[f][c]);
            }
        }
        BufferedImage image = new BufferedImage(width, rows * ROW_PIXELS, BufferedImage.TYPE_INT_RGB);
        for (int f = 0; f < rows; f++) {
            for (int c = 0; c < width; c++) {
                double u = max > min ? (db[f][c] - min) / (max - min) : 0;
                int rgb = new Color(mix(LOW.getRed(), HIGH.getRed(), u), mix(LOW.getGreen(), HIGH.getGreen(), u),
                        mix(LOW.getBlue(), HIGH.getBlue(), u)).getRGB();
                for (int k = 0; k < ROW_PIXELS; k++) {
                    image.setRGB(c, (rows - 1 - f) * ROW_PIXELS + k, rgb);
                }
            }
        }
        return Png.write(image, png);
    }

    private static int mix(int a, int b, double u) {
        return (int) Math.round(a + (b - a) * u);
    }
}
