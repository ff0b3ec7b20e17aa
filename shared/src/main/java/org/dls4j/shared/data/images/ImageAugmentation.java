package org.dls4j.shared.data.images;

import java.util.SplittableRandom;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' {@code Sequential([RandomFlip('horizontal'), RandomRotation(factor)])} on channels-first training batches:
 * each picture is mirrored left-right with probability 1/2, then turned about its centre by an angle drawn
 * uniformly from {@code [-factor * 2 pi, factor * 2 pi]} (Keras' factor is a fraction of a full turn: 0.2 is up to
 * 72 degrees either way), sampled bilinearly, with what falls outside the picture filled by reflection (Keras'
 * {@code fill_mode='reflect'}: {@code d c b a | a b c d | d c b a}). As a {@link DataSetPreProcessor} it changes each
 * batch's features in place when the batch is made, so every epoch sees new draws; validation and test pictures are
 * never augmented, as Keras skips these layers outside training. The draws come from a {@link SplittableRandom} of
 * the given seed (Keras' come from TensorFlow's generator, so single pictures differ; their distribution does not).
 */
public final class ImageAugmentation implements DataSetPreProcessor {

    private final double rotationFactor;
    private final SplittableRandom random;

    /**
     * @param rotationFactor the largest turn as a fraction of a full turn (Keras' {@code RandomRotation(0.2)});
     *                       0 for flips only
     * @param seed           the draws' seed
     */
    public ImageAugmentation(double rotationFactor, long seed) {
        if (!(rotationFactor >= 0 && rotationFactor <= 1)) {
            throw new IllegalArgumentException("The rotation factor is a fraction of a turn in [0, 1], not "
                    + rotationFactor);
        }
        this.rotationFactor = rotationFactor;
        this.random = new SplittableRandom(seed);
    }

    /** The Keras layers this stands for, as the notebook's {@code data_augmenter()} lists them. */
    public String describe() {
        return "RandomFlip('horizontal'), RandomRotation(" + rotationFactor + ") with fill_mode='reflect'";
    }

    @Override
    public void preProcess(DataSet batch) {
        batch.setFeatures(augmented(batch.getFeatures()));
    }

    /** A new batch {@code (m, c, h, w)}: each picture flipped or not, then rotated, with fresh draws. */
    public INDArray augmented(INDArray pictures) {
        if (pictures.rank() != 4) {
            throw new IllegalArgumentException("Augmentation takes pictures (m, channels, height, width), not "
                    + java.util.Arrays.toString(pictures.shape()));
        }
        int m = (int) pictures.size(0);
        int c = (int) pictures.size(1);
        int h = (int) pictures.size(2);
        int w = (int) pictures.size(3);
        double[] in = pictures.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] out = new double[in.length];
        int plane = h * w;
        for (int i = 0; i < m; i++) {
            boolean flip = random.nextBoolean();
            double angle = rotationFactor == 0 ? 0 : (random.nextDouble() * 2 - 1) * rotationFactor * 2 * Math.PI;
            double cos = Math.cos(angle);
            double sin = Math.sin(angle);
            double cy = (h - 1) / 2.0;
            double cx = (w - 1) / 2.0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    // the output pixel reads the input where the inverse turn takes it (then mirrored)
                    double sy = cy + (y - cy) * cos - (x - cx) * sin;
                    double sx = cx + (y - cy) * sin + (x - cx) * cos;
                    if (flip) {
                        sx = w - 1 - sx;
                    }
                    for (int k = 0; k < c; k++) {
                        int offset = (i * c + k) * plane;
                        out[offset + y * w + x] = bilinear(in, offset, h, w, sy, sx);
                    }
                }
            }
        }
        return Nd4j.create(out, pictures.shape(), 'c').castTo(pictures.dataType());
    }

    private static double bilinear(double[] in, int offset, int h, int w, double y, double x) {
        double fy = Math.floor(y);
        double fx = Math.floor(x);
        double dy = y - fy;
        double dx = x - fx;
        int y0 = reflect((int) fy, h);
        int y1 = reflect((int) fy + 1, h);
        int x0 = reflect((int) fx, w);
        int x1 = reflect((int) fx + 1, w);
        double top = in[offset + y0 * w + x0] * (1 - dx) + in[offset + y0 * w + x1] * dx;
        double bottom = in[offset + y1 * w + x0] * (1 - dx) + in[offset + y1 * w + x1] * dx;
        return top * (1 - dy) + bottom * dy;
    }

    /** An index folded back into {@code [0, n)} by reflection about the edges (d c b a | a b c d | d c b a). */
    static int reflect(int i, int n) {
        int period = 2 * n;
        int folded = Math.floorMod(i, period);
        return folded < n ? folded : period - 1 - folded;
    }
}
