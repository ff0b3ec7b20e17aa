package org.dls4j.shared.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.images.Images;

/**
 * The checks an assignment's {@link AssignmentOptions#validate()} runs before any work, each throwing an
 * {@link OptionException} such as {@code --iterations must be at least 1, not 0}.
 */
public final class OptionChecks {

    private OptionChecks() {
    }

    public static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw new OptionException(option + " must be at least " + min + ", not " + value);
        }
    }

    public static void between(String option, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new OptionException(option + " must be between " + num(min) + " and " + num(max) + ", not "
                    + num(value));
        }
    }

    /** A finite number greater than zero (learning rates, regularisation strengths that must act). */
    public static void positive(String option, double value) {
        if (!(Double.isFinite(value) && value > 0)) {
            throw new OptionException(option + " must be a finite number greater than 0, not " + num(value));
        }
    }

    /** A finite number of at least zero ({@code --lambd 0} means no regularisation). */
    public static void nonNegative(String option, double value) {
        if (!(Double.isFinite(value) && value >= 0)) {
            throw new OptionException(option + " must be a finite number of at least 0, not " + num(value));
        }
    }

    /** At least one value. */
    public static void notEmpty(String option, Collection<?> values, String choices) {
        if (values == null || values.isEmpty()) {
            throw new OptionException(option + " needs at least one of " + choices);
        }
    }

    /**
     * A numpy seed, with the largest offset the assignment adds to it (per-epoch seeds {@code seed + epoch}): numpy
     * takes seeds from 0 to 2**32 - 1 and would fail in the middle of training.
     */
    public static void numpySeed(String option, long seed, long largestOffset) {
        long max = NumpyRandom.MAX_SEED - largestOffset;
        if (seed < 0 || seed > max) {
            throw new OptionException(option + " must be between 0 and " + max + (largestOffset > 0
                    ? " (numpy seeds go up to 2**32 - 1 and this run seeds " + option.replace("--", "") + " + "
                    + largestOffset + " at the end)" : " (numpy's seed range)") + ", not " + seed);
        }
    }

    /** {@code --out}: a folder that exists or can be created, and that can be written to. */
    public static void outputFolder(String option, Path folder) {
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw new OptionException(option + " must be a folder, but " + folder + " is a file");
        }
        try {
            Files.createDirectories(folder);
            Path probe = Files.createTempFile(folder, ".dls-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new OptionException(option + " " + folder + " cannot be written to (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /**
     * {@code --image}: a file that exists and whose header an image decoder reads ({@link Images#requireReadable}): a
     * text file named {@code x.jpg} is refused here, before training, not after it. The image is not decoded.
     */
    public static void readableImage(String option, Path file) {
        if (file == null) {
            return;
        }
        try {
            Images.requireReadable(file);
        } catch (DataException e) {
            throw new OptionException(option + ": " + e.getMessage());
        }
    }

    private static String num(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : String.format(Locale.ROOT, "%s", value);
    }
}
