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

    /** A file that is there and verified but whose contents are not what its loader expects. */
    public static DataException wrongStructure(java.nio.file.Path file, String dataSet, String expected, String found) {
        return new DataException("Data set '" + dataSet + "': " + file + " does not have the expected structure.\n"
                + "  expected: " + expected + "\n  found:    " + found
                + "\nIs this the right file? Replace it with the course file.");
    }
}
