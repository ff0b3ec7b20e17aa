package org.dls4j.shared.scratch.conv;

import java.util.Arrays;
import java.util.stream.Collectors;

/** {@code pool_forward}'s {@code mode}: {@code "max"} or {@code "average"}. */
public enum PoolMode {
    MAX("max"),
    AVERAGE("average");

    private final String word;

    PoolMode(String word) {
        this.word = word;
    }

    /**
     * The mode the notebook names {@code word}.
     *
     * @throws IllegalArgumentException for any other word, naming the two it accepts
     */
    public static PoolMode of(String word) {
        for (PoolMode mode : values()) {
            if (mode.word.equals(word)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be " + Arrays.stream(values())
                .map(m -> "\"" + m.word + "\"").collect(Collectors.joining(" or ")) + ", not "
                + (word == null ? "null" : "\"" + word + "\""));
    }

    /** The notebook's word for it. */
    @Override
    public String toString() {
        return word;
    }
}
