package org.dls4j.shared.data.images;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.dls4j.shared.data.CatalogEntry;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The SIGNS hand-sign digits 0-5 (C2 W3 TensorFlow, C4 W1 ConvNet application, C4 W2 ResNets), 64x64 RGB.
 *
 * <ul>
 *   <li>{@link #test()}: {@code signs/test_signs.h5}, 120 images, 20 per class, exactly the course file.</li>
 *   <li>{@link #train()}: {@code signs/train_signs.h5} (1080 images) when a user has supplied it; it is not
 *       publicly available, so otherwise the Stanford CS230 64x64 JPEG export of the same photos
 *       ({@code signs/cs230_64x64_SIGNS/}, train 864 + val 216 = 1080, 180 per class), label from the file name
 *       {@code <label>_IMG_<n>.jpg}. Those are the same pictures as the course h5 (RMSE about 4.5/255 per image)
 *       but not bit-identical and in a different order (train folder then val folder, each sorted by name), so
 *       trained numbers will not match the notebook's exactly. {@link ImageSplit#source()} says which one was
 *       used.</li>
 * </ul>
 * Classes are {@code ["0", ..., "5"]}; see {@link ImageSplit} for shapes and dtypes.
 */
public final class SignsData {
    static final String TEST_FILE = "signs/test_signs.h5";
    static final String TRAIN_FILE = "signs/train_signs.h5";
    static final String CS230 = "signs/cs230_64x64_SIGNS/";
    private static final List<String> CLASSES = List.of("0", "1", "2", "3", "4", "5");

    private SignsData() {
    }

    /** The 120 course test images. */
    public static ImageSplit test() {
        return H5ImageFile.read(DataFiles.standard().require(TEST_FILE), "signs", "test", 64);
    }

    /** The 1080 training images: {@code train_signs.h5} when present, else the CS230 train+val JPEGs. */
    public static ImageSplit train() {
        return train(DataFiles.standard());
    }

    /**
     * One folder of the CS230 export: {@code train_signs} (864), {@code val_signs} (216) or {@code test_signs} (120),
     * sorted by file name.
     */
    public static ImageSplit cs230(String folder) {
        return cs230(DataFiles.standard(), List.of(folder));
    }

    static ImageSplit train(DataFiles files) {
        return files.findVerified(TRAIN_FILE)
                .map(file -> H5ImageFile.read(file, "signs", "train", 64))
                .orElseGet(() -> cs230(files, List.of("train_signs", "val_signs")));
    }

    static ImageSplit cs230(DataFiles files, List<String> folders) {
        List<CatalogEntry> entries = new ArrayList<>();
        for (String folder : folders) {
            List<CatalogEntry> inFolder = new ArrayList<>(files.catalog().entriesUnder(CS230 + folder + "/"));
            if (inFolder.isEmpty()) {
                throw new DataException("Data set 'signs-cs230' has no folder '" + folder
                        + "'; it has train_signs, val_signs and test_signs.");
            }
            inFolder.sort(Comparator.comparing(CatalogEntry::fileName));
            entries.addAll(inFolder);
        }
        int m = entries.size();
        int[] pixels = new int[m * 64 * 64 * 3];
        double[] labels = new double[m];
        List<Path> found = files.requireAll(entries); // missing images are downloaded together
        Path firstFile = found.get(0);
        for (int i = 0; i < m; i++) {
            CatalogEntry entry = entries.get(i);
            Path file = found.get(i);
            BufferedImage image = Images.decode(file);
            if (image.getWidth() != 64 || image.getHeight() != 64) {
                throw DataException.wrongStructure(file, "signs-cs230", "a 64x64 image",
                        "a " + image.getWidth() + "x" + image.getHeight() + " image");
            }
            Images.copyRgb(image, pixels, i * 64 * 64 * 3);
            labels[i] = labelOf(entry.fileName(), file);
        }
        INDArray images = Nd4j.createFromArray(pixels).reshape('c', m, 64, 64, 3).castTo(DataType.UINT8);
        String source = firstFile.getParent().getParent() + " " + folders + " (CS230 JPEG export)";
        return new ImageSplit(images, Nd4j.create(labels, new long[] {1, m}, 'c'), CLASSES, source);
    }

    private static int labelOf(String fileName, Path file) {
        char first = fileName.charAt(0);
        if (first < '0' || first > '5' || fileName.charAt(1) != '_') {
            throw DataException.wrongStructure(file, "signs-cs230", "a file name <label 0-5>_IMG_<n>.jpg",
                    "'" + fileName + "'");
        }
        return first - '0';
    }
}
