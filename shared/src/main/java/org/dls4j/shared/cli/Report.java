package org.dls4j.shared.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where an assignment's output goes: the one path every assignment prints through.
 * <ul>
 *   <li>{@link #say(String)}: a line the notebook prints along the way (headings, shapes, {@code Cost after iteration
 *       ...}, {@code Wrote out/...png}). Shown on the console unless {@code --quiet}.</li>
 *   <li>{@link #result(String)}: a line that is the answer (accuracies, the values under "Expected Output"). Always
 *       shown, {@code --quiet} included.</li>
 *   <li>{@link #progress(String, long)}: a progress bar for a long loop; on an interactive terminal only, never
 *       with {@code --quiet}. Lines said while it is open print above it.</li>
 * </ul>
 * {@link #console(boolean)} is the command line's; {@link #captured()} keeps every line for tests;
 * {@link #silent()} drops everything (benchmarks).
 */
public interface Report {

    /** A line printed along the way; dropped with {@code --quiet}. */
    void say(String line);

    /** A line that is part of the answer; printed even with {@code --quiet}. */
    void result(String line);

    /** A progress bar over {@code total} steps; close it when the loop ends. */
    Progress progress(String task, long total);

    /** Standard output, with a progress bar on an interactive terminal unless {@code quiet}. */
    static Report console(boolean quiet) {
        return new ConsoleReport(quiet);
    }

    /** Keeps every line, in order, for tests. */
    static Captured captured() {
        return new Captured();
    }

    /** Drops everything. */
    static Report silent() {
        return new Report() {
            @Override
            public void say(String line) {
            }

            @Override
            public void result(String line) {
            }

            @Override
            public Progress progress(String task, long total) {
                return Progress.NONE;
            }
        };
    }

    /** One captured line and whether it was a result. */
    record Line(String text, boolean result) {
    }

    /** A report that remembers what was said, for tests. */
    final class Captured implements Report {
        private final List<Line> lines = new ArrayList<>();

        @Override
        public synchronized void say(String line) {
            lines.add(new Line(line, false));
        }

        @Override
        public synchronized void result(String line) {
            lines.add(new Line(line, true));
        }

        @Override
        public Progress progress(String task, long total) {
            return Progress.NONE;
        }

        /** Every line, said and result, in order. */
        public synchronized List<String> lines() {
            return lines.stream().map(Line::text).toList();
        }

        /** Only the result lines, what {@code --quiet} prints. */
        public synchronized List<String> results() {
            return lines.stream().filter(Line::result).map(Line::text).toList();
        }

        /** The lines that pass {@code filter}. */
        public synchronized List<String> lines(Predicate<String> filter) {
            return lines().stream().filter(filter).toList();
        }

        /** Every line joined with newlines, as the console would show it. */
        public synchronized String text() {
            return String.join("\n", lines());
        }
    }
}
