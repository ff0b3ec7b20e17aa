package org.dls4j.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GlibcLogTest {

    /**
     * Values printed by {@code math.log(x).hex()} in CPython on Linux x86-64 (glibc's log). In the first two,
     * glibc's result is 0.5006 and 0.5003 ulp from the true logarithm: a correctly rounded log gives the
     * neighbouring double.
     */
    @Test
    void matchesGlibcWhereACorrectlyRoundedLogWouldNot() {
        assertLog("0x1.c4cae1ac01768p-1", "-0x1.f75c2f5166906p-4");
        assertLog("0x1.5e6c2c4bef6e4p-1", "-0x1.84490c9591064p-2");
    }

    @Test
    void coversTheNearOnePathSubnormalsAndLargeValues() {
        assertLog(Double.toHexString(0.95), "-0x1.a431d5bcc193ep-5");
        assertLog(Double.toHexString(Double.MIN_VALUE), "-0x1.74385446d71c3p+9");
        assertLog(Double.toHexString(1e300), "0x1.5963447f87fb5p+9");
    }

    @Test
    void specialValues() {
        assertEquals(0.0, GlibcLog.log(1.0));
        assertEquals(Double.NEGATIVE_INFINITY, GlibcLog.log(0.0));
        assertEquals(Double.POSITIVE_INFINITY, GlibcLog.log(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(GlibcLog.log(-1.0)));
        assertTrue(Double.isNaN(GlibcLog.log(Double.NaN)));
    }

    @Test
    void staysWithinHalfAnUlpOrSoOfTheTrueLog() {
        NumpyRandom rng = new NumpyRandom(7);
        for (int i = 0; i < 100_000; i++) {
            double x = rng.randomSample() * 4;
            assertEquals(Math.log(x), GlibcLog.log(x), Math.ulp(Math.log(x)), "log(" + x + ")");
        }
    }

    private static void assertLog(String x, String expected) {
        double actual = GlibcLog.log(Double.parseDouble(x));
        assertEquals(Double.doubleToLongBits(Double.parseDouble(expected)), Double.doubleToLongBits(actual),
                () -> "log(" + x + "): expected " + expected + " but was " + Double.toHexString(actual));
    }
}
