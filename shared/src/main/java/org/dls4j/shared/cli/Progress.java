package org.dls4j.shared.cli;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar for a long training loop (me.tongfei progressbar, on standard error), made by
 * {@link Report#progress(String, long)}. It is drawn only on an interactive terminal ({@code -Ddls.progress=true}
 * forces it), so logs and tests stay clean; otherwise every method does nothing.
 * <pre>{@code
 * try (Progress progress = report.progress("Training", iterations)) {
 *     for (int i = 0; i < iterations; i++) {
 *         ...
 *         progress.stepTo(i + 1);
 *     }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {

    /** No bar. */
    public static final Progress NONE = new Progress(null, () -> { });

    private final ProgressBar bar;
    private final Runnable onClose;

    private Progress(ProgressBar bar, Runnable onClose) {
        this.bar = bar;
        this.onClose = onClose;
    }

    static Progress onTerminal(String task, long total, Runnable onClose) {
        boolean interactive = System.console() != null || Boolean.getBoolean("dls.progress");
        if (!interactive) {
            return NONE;
        }
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setConsumer(new ConsoleProgressBarConsumer(System.err))
                .continuousUpdate()
                .build();
        return new Progress(bar, onClose);
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

    /** Clears the bar's line so that a line printed next does not mix with it. */
    void clearLine() {
        if (bar != null) {
            System.err.print("\r\033[K");
            System.err.flush();
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            onClose.run();
        }
    }
}
