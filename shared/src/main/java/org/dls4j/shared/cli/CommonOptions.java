package org.dls4j.shared.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/**
 * Options every assignment takes, mixed into its own options with {@code @Mixin CommonOptions common;}.
 * Assignment-specific options (iterations, learning rate, ...) live in the assignment's class with the
 * notebook's values as defaults.
 */
public final class CommonOptions {

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed for numpy's RandomState where the notebook seeds it (default: the notebook's seed).")
    private Long seed;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "out",
            description = "Directory for the plots and images (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = {"-q", "--quiet"}, description = "Print only the results, no progress bar or per-iteration lines.")
    private boolean quiet;

    /** The seed the user chose, or the notebook's. */
    public long seedOr(long notebookSeed) {
        return seed == null ? notebookSeed : seed;
    }

    public Path out() {
        return out;
    }

    public boolean quiet() {
        return quiet;
    }

    /** Options for code that runs an assignment without a command line (tests, benchmarks). */
    public static CommonOptions defaults(Path out, boolean quiet) {
        CommonOptions o = new CommonOptions();
        o.out = out;
        o.quiet = quiet;
        return o;
    }

    public CommonOptions withSeed(long newSeed) {
        CommonOptions o = new CommonOptions();
        o.seed = newSeed;
        o.out = out;
        o.quiet = quiet;
        return o;
    }
}
