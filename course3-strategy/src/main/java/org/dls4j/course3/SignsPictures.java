package org.dls4j.course3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.stream.IntStream;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.data.images.ImageSplit;
import org.dls4j.shared.data.images.SignsData;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * SIGNS hand-sign pictures as Course 4's ConvNet takes them ({@code (m, 3, 64, 64)} FLOAT in [0, 1], channels
 * first), with their digits, and the selections the lessons make: some digits only, a number per digit drawn by a
 * seeded numpy permutation, two sets put together. The folders are the CS230 export's {@code train_signs} (864),
 * {@code val_signs} (216) and {@code test_signs} (120) ({@link SignsData#cs230}).
 *
 * @param pictures {@code (m, 3, 64, 64)} FLOAT
 * @param digits   the digit 0-5 of each picture
 */
public record SignsPictures(INDArray pictures, int[] digits) {

    /** The digits 0-5, as the six classes of the full problem. */
    public static final int[] ALL_DIGITS = {0, 1, 2, 3, 4, 5};

    public SignsPictures {
        if (pictures.size(0) != digits.length) {
            throw new IllegalArgumentException(pictures.size(0) + " pictures but " + digits.length + " digits");
        }
        digits = digits.clone();
    }

    /** One CS230 folder: {@code train_signs}, {@code val_signs} or {@code test_signs}. */
    public static SignsPictures folder(String folder) {
        ImageSplit split = SignsData.cs230(folder);
        int[] digits = new int[split.size()];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = split.label(i);
        }
        return new SignsPictures(split.channelsFirstScaled(), digits);
    }

    /** How many pictures. */
    public int size() {
        return digits.length;
    }

    /** The digit of picture {@code i}. */
    public int digit(int i) {
        return digits[i];
    }

    /** The pictures at these positions, in this order. */
    public SignsPictures select(int[] positions) {
        int[] picked = new int[positions.length];
        for (int i = 0; i < positions.length; i++) {
            picked[i] = digits[positions[i]];
        }
        if (positions.length == 0) {
            throw new IllegalArgumentException("no pictures selected");
        }
        long[] rows = Arrays.stream(positions).asLongStream().toArray();
        INDArray selected = pictures.get(NDArrayIndex.indices(rows), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all()).dup('c');
        return new SignsPictures(selected, picked);
    }

    /** Only the pictures of these digits, in their order here. */
    public SignsPictures only(int... wanted) {
        return select(positions(i -> contains(wanted, digits[i])));
    }

    /**
     * The first {@code perDigit} pictures of each digit in the order of numpy's
     * {@code np.random.seed(seed); np.random.permutation(m)} (all of a digit when it has fewer), in that order.
     */
    public SignsPictures perDigit(int perDigit, long seed) {
        int[] order = new NumpyRandom(seed).permutation(size());
        int[] taken = new int[6];
        List<Integer> kept = new ArrayList<>();
        for (int i : order) {
            if (taken[digits[i]] < perDigit) {
                taken[digits[i]]++;
                kept.add(i);
            }
        }
        return select(kept.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * This set split in two by numpy's {@code np.random.seed(seed); np.random.permutation(m)}: the first
     * {@code firstSize} of the permutation, then the rest.
     */
    public SignsPictures[] split(int firstSize, long seed) {
        int[] order = new NumpyRandom(seed).permutation(size());
        return new SignsPictures[] {select(Arrays.copyOfRange(order, 0, firstSize)),
                select(Arrays.copyOfRange(order, firstSize, order.length))};
    }

    /** These pictures followed by {@code other}'s. */
    public SignsPictures and(SignsPictures other) {
        int[] both = Arrays.copyOf(digits, size() + other.size());
        System.arraycopy(other.digits, 0, both, size(), other.size());
        return new SignsPictures(Nd4j.concat(0, pictures, other.pictures), both);
    }

    /** The same digits with other pictures (the same count, e.g. transformed copies). */
    public SignsPictures withPictures(INDArray newPictures) {
        return new SignsPictures(newPictures, digits);
    }

    /**
     * A DL4J data set whose one-hot labels are the positions of the digits in {@code classes} (for example digits
     * 3, 4, 5 as classes 0, 1, 2).
     *
     * @throws IllegalArgumentException when a picture's digit is not one of {@code classes}
     */
    public DataSet dataSet(int... classes) {
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, size(), classes.length);
        for (int i = 0; i < size(); i++) {
            int c = indexOf(classes, digits[i]);
            if (c < 0) {
                throw new IllegalArgumentException("digit " + digits[i] + " is not one of the classes "
                        + Arrays.toString(classes));
            }
            oneHot.putScalar(i, c, 1f);
        }
        return new DataSet(pictures, oneHot);
    }

    private int[] positions(IntPredicate keep) {
        return IntStream.range(0, size()).filter(keep).toArray();
    }

    private static boolean contains(int[] values, int value) {
        return indexOf(values, value) >= 0;
    }

    private static int indexOf(int[] values, int value) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
