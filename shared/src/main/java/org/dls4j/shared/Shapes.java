package org.dls4j.shared;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * numpy-style shape checks, with the message the notebooks' {@code assert X.shape == (...)} would give a learner:
 * {@code W1 must have shape (4, 2) but was (2, 4)}.
 */
public final class Shapes {

    private Shapes() {
    }

    /**
     * Checks that {@code array} has exactly {@code expected} as its shape.
     *
     * @param name what the learner calls the array, e.g. {@code "W1"}
     * @return {@code array}, for chaining
     * @throws IllegalArgumentException naming the array, the expected and the actual shape
     */
    public static INDArray require(INDArray array, String name, long... expected) {
        if (array == null) {
            throw new IllegalArgumentException(name + " must have shape " + format(expected) + " but was null");
        }
        if (!Arrays.equals(array.shape(), expected)) {
            throw new IllegalArgumentException(
                    name + " must have shape " + format(expected) + " but was " + format(array.shape()));
        }
        return array;
    }

    /** Checks that {@code b} has the shape of {@code a}: e.g. {@code dA} against {@code A}. */
    public static void requireSameShape(INDArray a, String nameA, INDArray b, String nameB) {
        if (!Arrays.equals(a.shape(), b.shape())) {
            throw new IllegalArgumentException(nameB + " must have the shape of " + nameA + ", " + format(a.shape())
                    + ", but was " + format(b.shape()));
        }
    }

    /** Checks a dimension: e.g. {@code requireDim(X, "X", 0, 12288)} for "X must have 12288 rows". */
    public static void requireDim(INDArray array, String name, int axis, long expected) {
        if (array.rank() <= axis || array.size(axis) != expected) {
            throw new IllegalArgumentException(name + " must have size " + expected + " along axis " + axis
                    + " but has shape " + format(array.shape()));
        }
    }

    /** A shape the way Python prints a tuple: {@code (4, 2)}, {@code (5,)}, {@code ()}. */
    public static String format(long... shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}
