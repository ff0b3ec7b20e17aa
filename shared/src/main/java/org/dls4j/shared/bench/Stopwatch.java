package org.dls4j.shared.bench;

import java.util.Arrays;

/**
 * Times the laps of a run with {@link System#nanoTime()}: each {@link #lap(int)} records the time since the
 * previous one (or since the stopwatch was made) divided by the units the lap held, one sample per lap. The first
 * sample therefore includes whatever the training does before its loop; the median and the 10th percentile do not
 * feel one sample.
 */
public final class Stopwatch {

    private double[] msPerUnit;
    private int laps;
    private long units;
    private final long started;
    private long previous;

    /** A stopwatch started now, sized for {@code expectedLaps} (it grows past them). */
    public Stopwatch(int expectedLaps) {
        msPerUnit = new double[Math.max(1, expectedLaps)];
        started = System.nanoTime();
        previous = started;
    }

    /** Ends a lap of {@code unitsInLap} units (1 for an iteration; the mini-batch steps of an epoch). */
    public void lap(int unitsInLap) {
        long now = System.nanoTime();
        if (laps == msPerUnit.length) {
            msPerUnit = Arrays.copyOf(msPerUnit, laps * 2);
        }
        msPerUnit[laps++] = (now - previous) / 1e6 / Math.max(1, unitsInLap);
        units += unitsInLap;
        previous = now;
    }

    /** The laps so far. */
    public Summary summary() {
        double[] sorted = Arrays.copyOf(msPerUnit, laps);
        Arrays.sort(sorted);
        double mean = laps == 0 ? Double.NaN : Arrays.stream(sorted).sum() / laps;
        return new Summary(laps, units, percentile(sorted, 0.5), percentile(sorted, 0.1), mean,
                (previous - started) / 1e9);
    }

    /**
     * The {@code q}-quantile of sorted samples, interpolated linearly between the two nearest ranks (numpy's
     * default {@code np.percentile}); the numpy peers compute it the same way.
     */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(low + 1, sorted.length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }

    /**
     * The timings of a run, in milliseconds per unit.
     *
     * @param seconds from the stopwatch's start to the last lap
     */
    public record Summary(int laps, long units, double medianMs, double p10Ms, double meanMs, double seconds) {
    }
}
