package org.dls4j.shared.bench;

/**
 * A module's benchmark cases: the class a line of {@code META-INF/dls4j/benchmarks.tsv} names. It needs a public
 * no-argument constructor; {@link #setUp} does the untimed work (loading the data) and returns the loop to time.
 */
public interface BenchmarkSuite {

    /**
     * Loads what case {@code name} needs and returns it ready to run.
     *
     * @throws IllegalArgumentException when this suite has no such case
     */
    Workload setUp(String name);
}
