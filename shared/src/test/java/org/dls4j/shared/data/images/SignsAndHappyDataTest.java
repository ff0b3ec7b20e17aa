package org.dls4j.shared.data.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dls4j.shared.data.Catalog;
import org.dls4j.shared.data.CatalogEntry;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.data.SharedData;
import org.dls4j.shared.data.StandardErr;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

class SignsAndHappyDataTest {

    @Test
    void signsTestSetHas120ImagesWith20PerClass() {
        ImageSplit test = SignsData.test();
        assertEquals(120, test.size());
        assertEquals(List.of(120L, 64L, 64L, 3L), List.of(test.images().shape()[0], test.images().shape()[1],
                test.images().shape()[2], test.images().shape()[3]));
        assertEquals(List.of("0", "1", "2", "3", "4", "5"), test.classes());
        assertEquals(List.of(20, 20, 20, 20, 20, 20), perClass(test, 6));
        assertEquals(12288, test.flattenedScaled().size(0));
        INDArray nchw = test.channelsFirstScaled();
        assertArrayEquals(new long[] {120, 3, 64, 64}, nchw.shape());
        // picture 7, channel 2 (blue), row 10, column 33: the channels-last byte / 255
        assertEquals(test.images().getDouble(7, 10, 33, 2) / 255.0, nchw.getDouble(7, 2, 10, 33), 1e-7);
    }

    @Test
    void withoutTrainSignsH5TheTrainingSetIsTheCs230Export() {
        ImageSplit train = SignsData.train();
        assertEquals(1080, train.size());
        assertEquals(DataType.UINT8, train.images().dataType());
        assertEquals(List.of(180, 180, 180, 180, 180, 180), perClass(train, 6));
        assertTrue(train.source().contains("CS230"), train.source());
        // Sorted by name: train_signs/0_IMG_5864.jpg comes first, val_signs after the 864 training files.
        assertEquals(0, train.label(0));
        assertEquals(0, train.label(864));
        assertEquals(5, train.label(863));
    }

    @Test
    void theCs230TestFolderHas120Images() {
        assertEquals(List.of(20, 20, 20, 20, 20, 20), perClass(SignsData.cs230("test_signs"), 6));
        String message = assertThrows(DataException.class, () -> SignsData.cs230("dev_signs")).getMessage();
        assertTrue(message.contains("train_signs, val_signs and test_signs"), message);
    }

    @Test
    void happyTestSetAndTheFallbackSplit() {
        ImageSplit test = HappyData.test();
        assertEquals(150, test.size());
        assertEquals(List.of(66, 84), perClass(test, 2));
        assertEquals(List.of("0", "1"), test.classes());

        HappyData.FallbackSplit split = HappyData.fallbackSplit();
        assertEquals(121, split.train().size());
        assertEquals(29, split.test().size());
        assertEquals(List.of(53, 68), perClass(split.train(), 2));
        assertEquals(List.of(13, 16), perClass(split.test(), 2));
        // The first test image is whichever class reaches its fifth image first in file order.
        int fifthOfClass0 = positionOf(test, 0, 4);
        int fifthOfClass1 = positionOf(test, 1, 4);
        int first = Math.min(fifthOfClass0, fifthOfClass1);
        assertArrayEquals(pixels(test, first), pixels(split.test(), 0));
        assertEquals(test.label(first), split.test().label(0));
    }

    @Test
    void missingTrainHappyExplainsTheFallback(@TempDir Path empty) {
        DataFiles files = SharedData.files(Catalog.of(List.of(SharedData.entry(HappyData.TRAIN_FILE))), empty);
        String message = assertThrows(DataException.class, () -> HappyData.train(files)).getMessage();
        assertTrue(message.contains("happy/train_happy.h5 was not found"), message);
        assertTrue(message.contains(empty.toString()), message);
        assertTrue(message.contains("HappyData.fallbackSplit()"), message);
    }

    @Test
    void aGitLfsPointerInPlaceOfTrainSignsFallsBackToTheCs230ImagesWithAWarning(@TempDir Path folder)
            throws IOException {
        CatalogEntry train = SharedData.entry(SignsData.TRAIN_FILE);
        Path pointer = folder.resolve(train.path());
        Files.createDirectories(pointer.getParent());
        Files.writeString(pointer, "version https://git-lfs.github.com/spec/v1\noid sha256:" + train.sha256()
                + "\nsize " + train.bytes() + "\n");
        DataFiles files = SharedData.files(Catalog.bundled(), folder, SharedData.ROOT);
        String err = StandardErr.capture(() -> {
            ImageSplit split = SignsData.train(files);
            assertEquals(1080, split.size());
            assertTrue(split.source().contains("CS230"), split.source());
        });
        assertTrue(err.contains("dls: warning: " + pointer + " is a Git-LFS pointer file, not the data"), err);
        assertTrue(err.contains("treated as absent"), err);
    }

    @Test
    void aGitLfsPointerInPlaceOfTrainHappyIsNamedInTheMessage(@TempDir Path folder) throws IOException {
        CatalogEntry train = SharedData.entry(HappyData.TRAIN_FILE);
        Path pointer = folder.resolve(train.path());
        Files.createDirectories(pointer.getParent());
        Files.writeString(pointer, "version https://git-lfs.github.com/spec/v1\noid sha256:" + "ab".repeat(32)
                + "\nsize 12\n");
        DataFiles files = SharedData.files(Catalog.of(List.of(train)), folder);
        String message = assertThrows(DataException.class, () -> HappyData.train(files)).getMessage();
        assertTrue(message.contains("happy/train_happy.h5 was not found"), message);
        assertTrue(message.contains(pointer + " is a Git-LFS pointer file"), message);
        assertFalse(message.contains("corrupt"), message);
    }

    private static List<Integer> perClass(ImageSplit split, int classes) {
        Integer[] counts = new Integer[classes];
        java.util.Arrays.fill(counts, 0);
        INDArray labels = split.labels();
        for (int i = 0; i < split.size(); i++) {
            counts[labels.getInt(0, i)]++;
        }
        return List.of(counts);
    }

    private static int[] pixels(ImageSplit split, int i) {
        return split.images().get(NDArrayIndex.point(i)).castTo(DataType.INT32).dup('c').data().asInt();
    }

    private static int positionOf(ImageSplit split, int label, int occurrence) {
        int seen = 0;
        for (int i = 0; i < split.size(); i++) {
            if (split.label(i) == label && seen++ == occurrence) {
                return i;
            }
        }
        throw new AssertionError();
    }
}
