package org.dls4j.course3;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pictures as a cheap phone camera in a dim room would take them: blurred (a box blur of a random radius up to
 * {@code maxBlur} pixels), darker (multiplied by a brightness drawn from [{@code minBrightness},
 * {@code maxBrightness}]) and noisy (Gaussian noise of standard deviation {@code noise}), clipped to [0, 1]. Each
 * picture gets its own draws from a {@link SplittableRandom} of the given seed, the same on every machine. The
 * lessons use it as the "other distribution" of dev and test pictures, and as artificial data synthesis of training
 * pictures like them.
 *
 * @param maxBlur       largest box-blur radius in pixels (0: no blur)
 * @param minBrightness smallest brightness factor
 * @param maxBrightness largest brightness factor
 * @param noise         standard deviation of the added noise
 */
public record Degradation(int maxBlur, double minBrightness, double maxBrightness, double noise) {

    public Degradation {
        if (maxBlur < 0 || !(minBrightness > 0 && minBrightness <= maxBrightness) || !(noise >= 0)) {
            throw new IllegalArgumentException("a degradation needs maxBlur >= 0, 0 < minBrightness <= maxBrightness"
                    + " and noise >= 0, not " + maxBlur + ", " + minBrightness + ", " + maxBrightness + ", " + noise);
        }
    }

    /** Degraded copies of {@code (m, 3, h, w)} pictures in [0, 1], as FLOAT; the input is not changed. */
    public INDArray apply(INDArray pictures, long seed) {
        int m = (int) pictures.size(0);
        int c = (int) pictures.size(1);
        int h = (int) pictures.size(2);
        int w = (int) pictures.size(3);
        float[] values = pictures.castTo(DataType.FLOAT).dup('c').data().asFloat();
        SplittableRandom random = new SplittableRandom(seed);
        int plane = h * w;
        float[] row = new float[Math.max(h, w)];
        for (int i = 0; i < m; i++) {
            int radius = random.nextInt(maxBlur + 1);
            double brightness = minBrightness + (maxBrightness - minBrightness) * random.nextDouble();
            for (int ch = 0; ch < c; ch++) {
                int offset = (i * c + ch) * plane;
                boxBlur(values, offset, h, w, radius, row);
                for (int p = offset; p < offset + plane; p++) {
                    double v = values[p] * brightness + noise * gaussian(random);
                    values[p] = (float) Math.min(1, Math.max(0, v));
                }
            }
        }
        return Nd4j.create(values, new long[] {m, c, h, w}, 'c');
    }

    /** A separable box blur of {@code radius} over one {@code h x w} plane, edges clamped. */
    private static void boxBlur(float[] v, int offset, int h, int w, int radius, float[] line) {
        if (radius == 0) {
            return;
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                line[x] = v[offset + y * w + x];
            }
            for (int x = 0; x < w; x++) {
                v[offset + y * w + x] = windowMean(line, w, x, radius);
            }
        }
        for (int x = 0; x < w; x++) {
            for (int y = 0; y < h; y++) {
                line[y] = v[offset + y * w + x];
            }
            for (int y = 0; y < h; y++) {
                v[offset + y * w + x] = windowMean(line, h, y, radius);
            }
        }
    }

    private static float windowMean(float[] line, int n, int at, int radius) {
        double sum = 0;
        for (int k = at - radius; k <= at + radius; k++) {
            sum += line[Math.min(n - 1, Math.max(0, k))];
        }
        return (float) (sum / (2 * radius + 1));
    }

    private static double gaussian(SplittableRandom random) {
        // Box-Muller
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }
}
