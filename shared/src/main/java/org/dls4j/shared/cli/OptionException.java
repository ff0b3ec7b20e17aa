package org.dls4j.shared.cli;

/** An option value that cannot work, found before any work is done. The message names the option and what it must be. */
public final class OptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public OptionException(String message) {
        super(message);
    }
}
