package org.dls4j.shared.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * The options every assignment takes. Each assignment extends this with a nested {@code Options} class whose fields
 * start at the notebook's values, so that each default is written once: picocli shows it in {@code --help} and binds
 * the command line to it, and tests start from {@code new Options()} and change what they need.
 * <pre>{@code
 * @Command(name = "c2w1-initialization", description = "...")
 * public static final class Options extends AssignmentOptions {
 *     @Option(names = "--iterations", description = "Gradient-descent steps (default: ${DEFAULT-VALUE}).")
 *     public int iterations = 15000;
 *
 *     @Override
 *     public void validate() {
 *         OptionChecks.atLeast("--iterations", iterations, 1);
 *     }
 * }
 * }</pre>
 */
public abstract class AssignmentOptions {

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the plots and images (default: ${DEFAULT-VALUE}).")
    public Path out = Path.of("out");

    @Option(names = {"-q", "--quiet"}, description = "Print only the results: no progress bar, no per-iteration lines.")
    public boolean quiet;

    @Option(names = "--verbose", description = "Also show the libraries' log lines (ND4J, jHDF) on standard error.")
    public boolean verbose;

    @Option(names = "--offline", description = "Never download a missing data set (also: DLS_OFFLINE=1).")
    public boolean offline;

    /**
     * Checks the assignment's own options before any work is done, throwing an {@link OptionException} that says
     * which option is wrong and what it must be. {@code --out} is checked by the runner.
     */
    public void validate() {
    }
}
