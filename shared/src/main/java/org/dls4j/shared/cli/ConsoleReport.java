package org.dls4j.shared.cli;

import java.io.PrintStream;

/** {@link Report#console(boolean)}: lines to standard output, the progress bar on standard error. */
final class ConsoleReport implements Report {

    private final boolean quiet;
    private final PrintStream out;
    private Progress open = Progress.NONE;

    ConsoleReport(boolean quiet) {
        this(quiet, System.out);
    }

    ConsoleReport(boolean quiet, PrintStream out) {
        this.quiet = quiet;
        this.out = out;
    }

    @Override
    public synchronized void say(String line) {
        if (!quiet) {
            print(line);
        }
    }

    @Override
    public synchronized void result(String line) {
        print(line);
    }

    private void print(String line) {
        open.clearLine();
        out.println(line);
        out.flush();
    }

    @Override
    public synchronized Progress progress(String task, long total) {
        open = quiet ? Progress.NONE : Progress.onTerminal(task, total, () -> {
            synchronized (this) {
                open = Progress.NONE;
            }
        });
        return open;
    }
}
