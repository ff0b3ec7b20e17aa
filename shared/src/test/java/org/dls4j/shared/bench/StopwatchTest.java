package org.dls4j.shared.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StopwatchTest {

    @Test
    void percentilesInterpolateBetweenRanksAsNumpyDoes() {
        double[] sorted = {1, 2, 3, 4, 10};
        assertEquals(3.0, Stopwatch.percentile(sorted, 0.5));
        assertEquals(1.4, Stopwatch.percentile(sorted, 0.1), 1e-15);
        assertEquals(2.5, Stopwatch.percentile(new double[] {2, 3}, 0.5));
        assertEquals(7.0, Stopwatch.percentile(new double[] {7}, 0.1));
        assertTrue(Double.isNaN(Stopwatch.percentile(new double[0], 0.5)));
    }

    @Test
    void aLapOfSeveralUnitsIsOneSampleOfTimePerUnit() throws Exception {
        Stopwatch s = new Stopwatch(1);
        Thread.sleep(20);
        s.lap(4);
        s.lap(1);
        s.lap(1);
        Stopwatch.Summary summary = s.summary();
        assertEquals(3, summary.laps());
        assertEquals(6, summary.units());
        // 20 ms over 4 units: one sample of at least 5 ms per unit; the two empty laps are the fastest
        assertTrue(summary.meanMs() >= 5.0 / 3, summary.toString());
        assertTrue(summary.p10Ms() < 1, summary.toString());
        assertTrue(summary.seconds() >= 0.02, summary.toString());
    }
}
