package org.dls4j.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

/** {@link FdlibmTanh} against {@code StrictMath} (what {@code Math.tanh} calls), bit for bit. */
class FdlibmTanhTest {

    /**
     * Two million arguments: the activations of a network (normal, sd 2), large ones (sd 30, past 22), tiny ones
     * (sd 1e-5) and arbitrary bit patterns (every exponent, NaNs and infinities among them), plus each boundary of
     * the method and its neighbours.
     */
    @Test
    void isStrictMathTanhBitForBit() {
        SplittableRandom random = new SplittableRandom(20240611L);
        for (int i = 0; i < 2_000_000; i++) {
            double x = switch (i % 4) {
                case 0 -> random.nextGaussian() * 2;
                case 1 -> random.nextGaussian() * 30;
                case 2 -> random.nextGaussian() * 1e-5;
                default -> Double.longBitsToDouble(random.nextLong());
            };
            assertTanh(x);
        }
        double[] boundaries = {0.0, 1.0, 22.0, 0x1p-55, 0x1p-54, Math.log(2) / 4, 0.75 * Math.log(2), 1e-300,
            Double.MIN_VALUE, Double.MAX_VALUE, 10.0 * Math.log(2), 28.0 * Math.log(2)};
        for (double b : boundaries) {
            for (double x = Math.nextDown(Math.nextDown(b)), k = 0; k < 5; x = Math.nextUp(x), k++) {
                assertTanh(x);
                assertTanh(-x);
            }
        }
        for (double x : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0}) {
            assertTanh(x);
        }
    }

    /** Its {@code expm1} on the arguments tanh passes, {@code 2^-54 <= |x| <= 44}, against {@code StrictMath}. */
    @Test
    void expm1IsStrictMathExpm1OnTheArgumentsTanhPasses() {
        SplittableRandom random = new SplittableRandom(5L);
        for (int i = 0; i < 1_000_000; i++) {
            double x = random.nextDouble(-44, 44);
            if (Math.abs(x) >= 0x1p-54) {
                assertEquals(Double.doubleToRawLongBits(StrictMath.expm1(x)),
                        Double.doubleToRawLongBits(FdlibmTanh.expm1SmallArgument(x)), "expm1(" + x + ")");
            }
        }
    }

    private static void assertTanh(double x) {
        double expected = StrictMath.tanh(x);
        double actual = FdlibmTanh.tanh(x);
        if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
            fail("tanh(" + Double.toHexString(x) + "): StrictMath " + Double.toHexString(expected) + ", FdlibmTanh "
                    + Double.toHexString(actual));
        }
    }
}
