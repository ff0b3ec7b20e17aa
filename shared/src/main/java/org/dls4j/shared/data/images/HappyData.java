package org.dls4j.shared.data.images;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;

/**
 * The "Happy House" faces (C4 W1/W2 Keras tutorial): 64x64 RGB, label 1 = smiling. See {@link ImageSplit}.
 *
 * <p>{@code happy/test_happy.h5} (150 images, 84 smiling) is available. The course's {@code happy/train_happy.h5}
 * (600 images) is in no public copy: {@link #train()} uses it when a user has supplied it and otherwise explains
 * what to do. The documented stand-in is {@link #fallbackSplit()}, a fixed stratified split of the 150 test
 * images into 121 for training and 29 for testing.
 */
public final class HappyData {
    static final String TEST_FILE = "happy/test_happy.h5";
    static final String TRAIN_FILE = "happy/train_happy.h5";

    private HappyData() {
    }

    /**
     * Training and test parts of the fallback split.
     *
     * @param train 121 images (53 not smiling, 68 smiling)
     * @param test  29 images (13 not smiling, 16 smiling)
     */
    public record FallbackSplit(ImageSplit train, ImageSplit test) {
    }

    /** The 150 course test images (66 not smiling, 84 smiling). */
    public static ImageSplit test() {
        return test(DataFiles.standard());
    }

    /** The 600 course training images; a {@link DataException} naming the fallback when nobody supplied them. */
    public static ImageSplit train() {
        return train(DataFiles.standard());
    }

    /** True when {@code happy/train_happy.h5} is in a data folder (and verifies). */
    public static boolean trainAvailable() {
        return DataFiles.standard().findVerified(TRAIN_FILE).isPresent();
    }

    /**
     * A fixed stratified split of the 150 test images for when {@code train_happy.h5} is missing: within each
     * class, in file order, every fifth image (positions 4, 9, 14, ...) goes to the test part, the others to the
     * training part; both parts keep file order. 121 training and 29 test images.
     */
    public static FallbackSplit fallbackSplit() {
        return fallbackSplit(test());
    }

    static ImageSplit test(DataFiles files) {
        return H5ImageFile.read(files.require(TEST_FILE), "happy", "test", 64);
    }

    static ImageSplit train(DataFiles files) {
        Optional<Path> file = files.findVerified(TRAIN_FILE);
        if (file.isEmpty()) {
            String explanation = files.missing(files.catalog().require(TRAIN_FILE)).getMessage();
            throw new DataException(explanation + "\nWithout it, use HappyData.fallbackSplit(): a fixed stratified"
                    + " split of the 150 test images (121 to train, 29 to test).");
        }
        return H5ImageFile.read(file.get(), "happy", "train", 64);
    }

    static FallbackSplit fallbackSplit(ImageSplit all) {
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        int[] seenPerClass = new int[all.classes().size()];
        for (int i = 0; i < all.size(); i++) {
            int label = all.label(i);
            (seenPerClass[label]++ % 5 == 4 ? test : train).add(i);
        }
        return new FallbackSplit(all.select(toArray(train), "fallback training part"),
                all.select(toArray(test), "fallback test part"));
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
