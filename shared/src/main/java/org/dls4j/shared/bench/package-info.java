/**
 * {@code ./dls bench}: the speed and peak memory of the from-scratch training loops, each beside a numpy peer that
 * runs the notebook's own loop on the same data in the same run, and of the DL4J graphs, each beside the same network
 * in PyTorch ({@link GraphWorkloads}).
 *
 * <p>Modules register their cases in {@code META-INF/dls4j/benchmarks.tsv} ({@link BenchCase}) and set them up
 * through a {@link BenchmarkSuite}; {@link BenchCommand} times each case in a fresh JVM, runs its peer, and prints
 * one {@link ResultLine} per side plus the ratio.
 */
package org.dls4j.shared.bench;
