package org.dls4j.shared.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ResultLineTest {

    @Test
    void printsFourSignificantDigitsAndReadsItBack() {
        ResultLine line = new ResultLine("l-layer", "iteration", 5.123456, 4.98765, 297);
        assertEquals("RESULT case=l-layer unit=iteration median_ms=5.123 p10_ms=4.988 peak_rss_mb=297",
                line.toString());
        assertEquals(new ResultLine("l-layer", "iteration", 5.123, 4.988, 297),
                ResultLine.parse(line.toString()).orElseThrow());
    }

    @Test
    void smallAndLargeTimesStayOutOfExponentForm() {
        assertEquals("0.07614", ResultLine.ms(0.076136));
        assertEquals("1235", ResultLine.ms(1234.5));
        assertEquals("10", ResultLine.ms(10.0));
        assertEquals("0", ResultLine.ms(0));
        assertEquals("12.3", ResultLine.significant(12.34, 3));
    }

    @Test
    void otherLinesAreNotResults() {
        assertTrue(ResultLine.parse("  RESULT case=x").isEmpty());
        assertTrue(ResultLine.parse("RESULT case=x unit=step median_ms=abc p10_ms=1 peak_rss_mb=1").isEmpty());
        assertTrue(ResultLine.parse("RATIO case=x peer=numpy ratio=2").isEmpty());
    }
}
