package org.dls4j.course3;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Simple statistics of one picture, from its grey levels {@code 0.299 R + 0.587 G + 0.114 B} in [0, 1]: what a
 * first error analysis can tag without a person (a dark, a low-contrast, a blurry picture).
 *
 * @param brightness the mean grey level
 * @param contrast   the standard deviation of the grey levels
 * @param sharpness  the variance of the grey levels' Laplacian ({@code 4 g(x, y)} minus its four neighbours, inside
 *                   the border): small when the picture is blurred
 */
public record PictureStatistics(double brightness, double contrast, double sharpness) {

    /** The statistics of picture {@code i} of {@code (m, h, w, 3)} pictures with values 0..255 (the course's h5). */
    public static PictureStatistics channelsLast(INDArray pictures, int i) {
        int h = (int) pictures.size(1);
        int w = (int) pictures.size(2);
        double[] rgb = pictures.slice(i).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] grey = new double[h * w];
        for (int p = 0; p < grey.length; p++) {
            grey[p] = grey(rgb[3 * p], rgb[3 * p + 1], rgb[3 * p + 2]) / 255.0;
        }
        return of(grey, h, w);
    }

    /** The statistics of picture {@code i} of {@code (m, 3, h, w)} pictures with values in [0, 1]. */
    public static PictureStatistics channelsFirst(INDArray pictures, int i) {
        int h = (int) pictures.size(2);
        int w = (int) pictures.size(3);
        double[] planes = pictures.slice(i).castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] grey = new double[h * w];
        for (int p = 0; p < grey.length; p++) {
            grey[p] = grey(planes[p], planes[h * w + p], planes[2 * h * w + p]);
        }
        return of(grey, h, w);
    }

    /** The mean of each statistic over the {@code (m, 3, h, w)} pictures. */
    public static PictureStatistics meanChannelsFirst(INDArray pictures) {
        int m = (int) pictures.size(0);
        double b = 0;
        double c = 0;
        double s = 0;
        for (int i = 0; i < m; i++) {
            PictureStatistics one = channelsFirst(pictures, i);
            b += one.brightness;
            c += one.contrast;
            s += one.sharpness;
        }
        return new PictureStatistics(b / m, c / m, s / m);
    }

    private static double grey(double r, double g, double b) {
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }

    static PictureStatistics of(double[] grey, int h, int w) {
        double mean = 0;
        for (double g : grey) {
            mean += g;
        }
        mean /= grey.length;
        double variance = 0;
        for (double g : grey) {
            variance += (g - mean) * (g - mean);
        }
        variance /= grey.length;
        double lapSum = 0;
        double lapSquares = 0;
        int count = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                int p = y * w + x;
                double lap = 4 * grey[p] - grey[p - 1] - grey[p + 1] - grey[p - w] - grey[p + w];
                lapSum += lap;
                lapSquares += lap * lap;
                count++;
            }
        }
        double lapMean = lapSum / count;
        return new PictureStatistics(mean, Math.sqrt(variance), lapSquares / count - lapMean * lapMean);
    }
}
