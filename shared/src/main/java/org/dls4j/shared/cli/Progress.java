package org.dls4j.shared.cli;

import java.io.PrintStream;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for long training loops (me.tongfei progressbar, on standard error), shown only on an
 * interactive terminal and never with {@code --quiet}, so logs and tests stay clean. Lines the loop prints go
 * through {@link #println(String)} so that they land above the bar rather than through it.
 * <pre>{@code
 * try (Progress progress = Progress.start("Training", iterations, options.quiet())) {
 *     for (int i = 0; i < iterations; i++) {
 *         ...
 *         if (i % 100 == 0) progress.println(String.format("Cost after iteration %d: %f", i, cost));
 *         progress.step();
 *     }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {

    private final ProgressBar bar;
    private final PrintStream out;
    private final boolean quiet;

    private Progress(ProgressBar bar, PrintStream out, boolean quiet) {
        this.bar = bar;
        this.out = out;
        this.quiet = quiet;
    }

    /**
     * @param task the label shown left of the bar
     * @param total the number of steps
     * @param quiet no bar and no {@link #println} output at all
     */
    public static Progress start(String task, long total, boolean quiet) {
        boolean interactive = System.console() != null || Boolean.getBoolean("dls.progress");
        ProgressBar bar = null;
        if (!quiet && interactive) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new ConsoleProgressBarConsumer(System.err))
                    .continuousUpdate()
                    .build();
        }
        return new Progress(bar, System.out, quiet);
    }

    public void step() {
        if (bar != null) {
            bar.step();
        }
    }

    public void stepTo(long n) {
        if (bar != null) {
            bar.stepTo(n);
        }
    }

    /** Prints a result line (unless quiet), clearing the bar's line first so the two do not mix. */
    public void println(String line) {
        if (quiet) {
            return;
        }
        if (bar != null) {
            System.err.print("\r\033[K");
            System.err.flush();
        }
        out.println(line);
        out.flush();
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
