package org.dls4j.shared.data;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

/**
 * Shows how far a download has got: a progress bar on stderr when a person is watching ({@code System.console()} is
 * not null), nothing otherwise (tests, logs, pipes).
 */
public interface DownloadProgress extends AutoCloseable {
    /** Shows nothing. */
    Factory NONE = (task, expectedBytes) -> new DownloadProgress() {
        @Override
        public void advance(long bytes) {
        }

        @Override
        public void expectMore(long bytes) {
        }

        @Override
        public void close() {
        }
    };

    /** Opens the display for one batch of downloads. */
    @FunctionalInterface
    interface Factory {
        /**
         * @param task          shown before the bar, e.g. a file name or "12 files"
         * @param expectedBytes bytes expected so far (more may be announced with {@link #expectMore})
         */
        DownloadProgress open(String task, long expectedBytes);
    }

    /** {@code bytes} more arrived. */
    void advance(long bytes);

    /** {@code bytes} more are expected than announced (e.g. when an npm tarball's length becomes known). */
    void expectMore(long bytes);

    @Override
    void close();

    /** A me.tongfei progress bar on stderr when there is a console, else {@link #NONE}. */
    static Factory console() {
        if (System.console() == null) {
            return NONE;
        }
        return (task, expectedBytes) -> {
            ProgressBar bar = new ProgressBarBuilder().setTaskName("dls: downloading " + task)
                    .setInitialMax(Math.max(expectedBytes, 1)).setUnit(" MB", 1_000_000).showSpeed()
                    .setUpdateIntervalMillis(250).setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
            return new DownloadProgress() {
                private long max = Math.max(expectedBytes, 0);

                @Override
                public void advance(long bytes) {
                    bar.stepBy(bytes);
                }

                @Override
                public void expectMore(long bytes) {
                    max += bytes;
                    bar.maxHint(max);
                }

                @Override
                public void close() {
                    bar.close();
                }
            };
        };
    }
}
