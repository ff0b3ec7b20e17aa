package org.dls4j.shared.data;

/**
 * A data set could not be found, failed its checksum, or did not have the structure its loader expects.
 *
 * <p>The message is the whole explanation for a learner: which data set, which file, where it was looked for or what
 * was found, and what to do about it. It is meant to be printed as it is.
 */
public final class DataException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DataException(String message) {
        super(message);
    }

    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
