package org.dls4j.course3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The degradation and the picture statistics on pictures whose answers are known. */
class DegradationTest {

    /** A checkerboard of 0 and 1: mean 0.5, contrast 0.5, and a Laplacian of +-4 inside (variance 16). */
    private static INDArray checkerboard() {
        float[] v = new float[3 * 8 * 8];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < 8; y++) {
                for (int x = 0; x < 8; x++) {
                    v[c * 64 + y * 8 + x] = (x + y) % 2;
                }
            }
        }
        return Nd4j.create(v, new long[] {1, 3, 8, 8}, 'c');
    }

    @Test
    void statisticsOfAKnownPicture() {
        PictureStatistics s = PictureStatistics.channelsFirst(checkerboard(), 0);
        assertEquals(0.5, s.brightness(), 1e-12);
        assertEquals(0.5, s.contrast(), 1e-12);
        assertEquals(16.0, s.sharpness(), 1e-9);
        INDArray hwc = checkerboard().permute(0, 2, 3, 1).mul(255).castTo(DataType.DOUBLE);
        PictureStatistics same = PictureStatistics.channelsLast(hwc, 0);
        assertEquals(s.brightness(), same.brightness(), 1e-12);
        assertEquals(s.contrast(), same.contrast(), 1e-12);
        assertEquals(s.sharpness(), same.sharpness(), 1e-9);
    }

    @Test
    void degradedPicturesAreDarkerAndBlurredAndReproducible() {
        INDArray pictures = Nd4j.concat(0, checkerboard(), checkerboard());
        Degradation degradation = new Degradation(2, 0.3, 0.6, 0);
        INDArray once = degradation.apply(pictures, 9);
        assertArrayEquals(once.data().asFloat(), degradation.apply(pictures, 9).data().asFloat());
        assertEquals(0.5, pictures.meanNumber().doubleValue(), 1e-6, "the input is not changed");
        for (int i = 0; i < 2; i++) {
            PictureStatistics s = PictureStatistics.channelsFirst(once, i);
            assertTrue(s.brightness() >= 0.3 * 0.5 - 0.05 && s.brightness() <= 0.6 * 0.5 + 0.05, s.toString());
            assertTrue(s.sharpness() < 16 * 0.6 * 0.6, s.toString());
        }
        INDArray noBlur = new Degradation(0, 0.5, 0.5, 0).apply(pictures, 1);
        assertEquals(0.25, noBlur.meanNumber().doubleValue(), 1e-6, "brightness 0.5 halves the picture");
        assertThrows(IllegalArgumentException.class, () -> new Degradation(1, 0, 0.5, 0));
    }
}
