package org.dls4j.shared.data.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class CatsDataTest {
    private static CatsData.Split train;
    private static CatsData.Split test;

    @BeforeAll
    static void load() {
        train = CatsData.train();
        test = CatsData.test();
    }

    @Test
    void trainingSetHas209ImagesOf64x64x3With72Cats() {
        assertEquals(209, train.size());
        assertEquals(List.of(209L, 64L, 64L, 3L), List.of(train.images().shape()[0], train.images().shape()[1],
                train.images().shape()[2], train.images().shape()[3]));
        assertEquals(DataType.UINT8, train.images().dataType());
        assertEquals(DataType.DOUBLE, train.labels().dataType());
        assertEquals(1, train.labels().size(0));
        assertEquals(209, train.labels().size(1));
        assertEquals(72.0, train.labels().sumNumber().doubleValue());
        assertEquals(List.of("non-cat", "cat"), train.classes());
    }

    @Test
    void testSetHas50ImagesWith33Cats() {
        assertEquals(50, test.size());
        assertEquals(33.0, test.labels().sumNumber().doubleValue());
        assertEquals(List.of("non-cat", "cat"), test.classes());
    }

    @Test
    void pinnedPixelsAndLabelsMatchTheNotebook() {
        // First pixel of the first training image: R, G, B = 17, 31, 56 (the notebook's sanity check).
        assertEquals(17, train.images().getInt(0, 0, 0, 0));
        assertEquals(31, train.images().getInt(0, 0, 0, 1));
        assertEquals(56, train.images().getInt(0, 0, 0, 2));
        assertEquals(0, train.label(0));
        assertEquals(1, train.label(2));
        assertEquals(1, test.label(0));
    }

    @Test
    void flattenedScaledIsReshapeTransposeDivideBy255() {
        var flat = train.flattenedScaled();
        assertEquals(DataType.DOUBLE, flat.dataType());
        assertEquals(12288, flat.size(0));
        assertEquals(209, flat.size(1));
        double[] expected = {17, 31, 56, 22, 33};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i] / 255.0, flat.getDouble(i, 0), 0.0);
        }
        // Row r, column c, channel k of image j is flat[(r*64 + c)*3 + k, j].
        assertEquals(train.images().getInt(5, 10, 20, 2) / 255.0, flat.getDouble((10 * 64 + 20) * 3 + 2, 5), 0.0);
        assertEquals(1.0, test.flattenedScaled().maxNumber().doubleValue(), 1e-12);
    }

    @Test
    void anH5WithoutTrainSetXSaysWhatWasExpectedAndFound(@TempDir Path folder) throws IOException {
        // A test file put where the training file belongs: the catalog accepts it, the structure check does not.
        CatalogEntry testEntry = SharedData.entry(CatsData.TEST_FILE);
        CatalogEntry disguised = new CatalogEntry("cats", CatsData.TRAIN_FILE, testEntry.bytes(), testEntry.sha256(),
                testEntry.source(), true);
        Files.createDirectories(folder.resolve("cats"));
        Files.copy(SharedData.require(CatsData.TEST_FILE), folder.resolve(CatsData.TRAIN_FILE));
        DataFiles files = SharedData.files(Catalog.of(List.of(disguised)), folder);

        DataException error = assertThrows(DataException.class, () -> CatsData.train(files));
        assertTrue(error.getMessage().contains("'train_set_x'"), error.getMessage());
        assertTrue(error.getMessage().contains("[list_classes, test_set_x, test_set_y]"), error.getMessage());
        assertTrue(error.getMessage().contains("Data set 'cats'"), error.getMessage());
    }
}
