package org.dls4j.shared.graph.faceapi;

import java.util.Arrays;

import org.dls4j.shared.data.images.Images;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * face-api's input pipeline ({@code NetInput.toBatchTensor}): a picture {@code (h, w, 3)} RGB 0..255 is padded with
 * black to a square (at the bottom or right, or split evenly around the picture when {@code centered}), resized to
 * the network's side with TensorFlow's bilinear resize, and stacked channels first, {@code (1, 3, side, side)} FLOAT.
 */
public final class FacePictures {

    private FacePictures() {
    }

    /**
     * The picture padded to a square: the shorter side grows by {@code |h - w|} black rows or columns, all after it,
     * or when {@code centered} {@code round(|h - w| / 2)} after and the rest before (face-api's {@code padToSquare}).
     */
    public static INDArray padToSquare(INDArray picture, boolean centered) {
        long h = picture.size(0);
        long w = picture.size(1);
        if (h == w) {
            return picture;
        }
        long side = Math.max(h, w);
        long difference = side - Math.min(h, w);
        long after = centered ? Math.round(difference * 0.5) : difference;
        long before = difference - after;
        INDArray square = Nd4j.zeros(picture.dataType(), side, side, picture.size(2));
        long top = h < w ? before : 0;
        long left = w < h ? before : 0;
        square.get(NDArrayIndex.interval(top, top + h), NDArrayIndex.interval(left, left + w), NDArrayIndex.all())
                .assign(picture);
        return square;
    }

    /** The picture as a batch of one {@code (1, 3, side, side)} FLOAT 0..255: padded, resized, channels first. */
    public static INDArray batch(INDArray picture, int side, boolean centered) {
        INDArray square = padToSquare(picture, centered);
        INDArray resized = square.size(0) == side ? square : Images.resizeBilinear(square, side, side);
        return resized.permute(2, 0, 1).reshape('c', 1, 3, side, side).castTo(DataType.FLOAT);
    }

    /** {@code (x - mean[c]) / 255} per RGB channel of a channels-first batch, a new array. */
    static INDArray normalized(INDArray batch, double[] meanRgb) {
        INDArray out = batch.castTo(DataType.FLOAT).dup('c');
        for (int c = 0; c < 3; c++) {
            out.get(NDArrayIndex.all(), NDArrayIndex.point(c), NDArrayIndex.all(), NDArrayIndex.all())
                    .subi(meanRgb[c]);
        }
        return out.divi(255.0);
    }

    /** Checks a batch is {@code (m, 3, side, side)}, saying what came instead. */
    static void requireBatch(INDArray batch, int side, String network) {
        if (batch.rank() != 4 || batch.size(1) != 3 || batch.size(2) != side || batch.size(3) != side) {
            throw new IllegalArgumentException(network + " takes pictures (m, 3, " + side + ", " + side
                    + ") RGB 0..255, not " + Arrays.toString(batch.shape())
                    + " (FacePictures.batch prepares one)");
        }
    }
}
