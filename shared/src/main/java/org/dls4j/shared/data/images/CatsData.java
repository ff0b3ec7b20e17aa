package org.dls4j.shared.data.images;

import org.dls4j.shared.data.DataFiles;

/**
 * Cat vs non-cat pictures (Course 1 weeks 2 and 4): {@code cats/train_catvnoncat.h5} (209 images, 72 cats) and
 * {@code cats/test_catvnoncat.h5} (50 images, 33 cats), 64x64 RGB, read with jHDF.
 *
 * <p>Each split is what the notebook's {@code load_dataset()} gave: {@code train_set_x_orig} (m, 64, 64, 3) uint8,
 * {@code train_set_y} reshaped to (1, m), {@code classes = [non-cat, cat]}; plus the notebook's preprocessing
 * {@code train_set_x_orig.reshape(m, -1).T / 255.} as {@link Split#flattenedScaled()} (12288, m).
 */
public final class CatsData {
    static final String TRAIN_FILE = "cats/train_catvnoncat.h5";
    static final String TEST_FILE = "cats/test_catvnoncat.h5";

    private CatsData() {
    }

    /** One split of the cat data; see {@link ImageSplit} for shapes and dtypes. */
    public static final class Split extends ImageSplit {
        Split(ImageSplit split) {
            super(split);
        }
    }

    /** The 209 training images (labels: 1 = cat, 72 of them). */
    public static Split train() {
        return train(DataFiles.standard());
    }

    /** The 50 test images (labels: 1 = cat, 33 of them). */
    public static Split test() {
        return test(DataFiles.standard());
    }

    static Split train(DataFiles files) {
        return new Split(H5ImageFile.read(files.require(TRAIN_FILE), "cats", "train", 64));
    }

    static Split test(DataFiles files) {
        return new Split(H5ImageFile.read(files.require(TEST_FILE), "cats", "test", 64));
    }
}
