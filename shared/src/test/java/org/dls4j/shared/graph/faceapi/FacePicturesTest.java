package org.dls4j.shared.graph.faceapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dls4j.shared.data.images.Images;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** face-api's pre-processing: padding to a square and TensorFlow's bilinear resize. */
class FacePicturesTest {

    /** A 1 x 3 picture of one channel, values 1, 2, 3 across, as (1, 3, 1). */
    private static INDArray row() {
        return Nd4j.createFromArray(1.0, 2.0, 3.0).reshape(1, 3, 1);
    }

    @Test
    void padsAtTheEndOrAroundThePicture() {
        // height 1, width 3: two black rows, both below, or round(2 / 2) = 1 below and 1 above
        assertArrayEquals(new double[] {1, 2, 3, 0, 0, 0, 0, 0, 0},
                FacePictures.padToSquare(row(), false).reshape(9).toDoubleVector());
        assertArrayEquals(new double[] {0, 0, 0, 1, 2, 3, 0, 0, 0},
                FacePictures.padToSquare(row(), true).reshape(9).toDoubleVector());
    }

    @Test
    void resizesAsTensorFlowsBilinearWithoutAlignedCorners() {
        // width 3 -> 6: source x = 0, 0.5, 1, 1.5, 2, 2.5 (the last clamps to the edge column)
        INDArray wide = Images.resizeBilinear(row(), 1, 6);
        assertArrayEquals(new double[] {1, 1.5, 2, 2.5, 3, 3}, wide.reshape(6).toDoubleVector(), 1e-15);
        // 3 -> 2: source x = 0, 1.5
        assertArrayEquals(new double[] {1, 2.5}, Images.resizeBilinear(row(), 1, 2).reshape(2).toDoubleVector(),
                1e-15);
    }

    @Test
    void aBatchIsChannelsFirstAtTheNetworksSide() {
        INDArray picture = Nd4j.rand(5, 3, 3).muli(255);
        INDArray batch = FacePictures.batch(picture, 10, true);
        assertArrayEquals(new long[] {1, 3, 10, 10}, batch.shape());
        // the padded square is 5 x 5 with the picture in columns 1..3; resized x2, pixel (0, 2) reads column 1
        assertEquals(picture.getDouble(0, 0, 2), batch.getDouble(0, 2, 0, 2), 1e-4);
        assertEquals(0.0, batch.getDouble(0, 0, 0, 0), 0.0);
    }
}
