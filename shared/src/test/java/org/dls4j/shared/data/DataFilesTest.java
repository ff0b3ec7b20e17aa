package org.dls4j.shared.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataFilesTest {
    private static final byte[] CONTENT = "x1,x2,y\n0.5,0.25,1\n".getBytes(StandardCharsets.UTF_8);
    private static final String PATH = "generated/tiny.csv";

    private static CatalogEntry tinyEntry() {
        return new CatalogEntry("tiny", PATH, CONTENT.length, DataFiles.sha256Of(CONTENT), "github o/r @ 0123abc : tiny.csv",
                true);
    }

    @Test
    void theFirstFolderThatHasTheFileWins(@TempDir Path first, @TempDir Path second) throws IOException {
        write(second, PATH, CONTENT);
        DataFiles files = SharedData.files(Catalog.of(List.of(tinyEntry())), first, second);
        assertEquals(second.resolve(PATH), files.require(PATH));
        write(first, PATH, CONTENT);
        assertEquals(first.resolve(PATH), files.require(PATH));
    }

    @Test
    void aMissingFileNamesDataSetFileFoldersHashAndWhatToDo(@TempDir Path first, @TempDir Path second) {
        DataFiles files = SharedData.files(Catalog.of(List.of(tinyEntry())), first, second);
        DataException error = assertThrows(DataException.class, () -> files.require(PATH));
        String message = error.getMessage();
        assertTrue(message.contains("Data set 'tiny'"), message);
        assertTrue(message.contains(PATH), message);
        assertTrue(message.contains(first.toString()) && message.contains(second.toString()), message);
        assertTrue(message.contains(tinyEntry().sha256()), message);
        assertTrue(message.contains("DLS_DATA") && message.contains("./dls data fetch tiny"), message);
    }

    @Test
    void aCourseOnlyFileSaysItCannotBeDownloaded(@TempDir Path folder) {
        DataFiles files = SharedData.files(Catalog.of(List.of(SharedData.entry("signs/train_signs.h5"))), folder);
        String message = assertThrows(DataException.class, () -> files.require("signs/train_signs.h5")).getMessage();
        assertTrue(message.contains("not publicly available"), message);
        assertFalse(message.contains("./dls data fetch"), message);
        assertTrue(files.findVerified("signs/train_signs.h5").isEmpty());
    }

    @Test
    void aChangedFileShowsBothHashesAndIsLeftAlone(@TempDir Path folder) throws IOException {
        byte[] changed = CONTENT.clone();
        changed[10] = '9';
        Path file = write(folder, PATH, changed);
        DataFiles files = SharedData.files(Catalog.of(List.of(tinyEntry())), folder);
        String message = assertThrows(DataException.class, () -> files.require(PATH)).getMessage();
        assertTrue(message.contains("corrupt or a different version"), message);
        assertTrue(message.contains("expected sha256: " + tinyEntry().sha256()), message);
        assertTrue(message.contains("actual sha256:   " + DataFiles.sha256Of(changed)), message);
        assertEquals(List.of((byte) '9'), List.of(Files.readAllBytes(file)[10]));
    }

    @Test
    void aFileOfTheWrongSizeSaysSo(@TempDir Path folder) throws IOException {
        write(folder, PATH, "short".getBytes(StandardCharsets.UTF_8));
        DataFiles files = SharedData.files(Catalog.of(List.of(tinyEntry())), folder);
        String message = assertThrows(DataException.class, () -> files.require(PATH)).getMessage();
        assertTrue(message.contains("has 5 bytes, the catalog expects " + CONTENT.length), message);
    }

    @Test
    void theCacheSkipsRehashingButAFileCorruptedInPlaceWithItsTimeRestoredFailsAgain(@TempDir Path folder,
            @TempDir Path cacheFolder) throws Exception {
        Path file = write(folder, PATH, CONTENT);
        VerificationCache cache = VerificationCache.at(cacheFolder.resolve("verified.properties"), Duration.ZERO);
        DataFiles files = new DataFiles(Catalog.of(List.of(tinyEntry())),
                DataLocator.of(List.of(new DataLocator.SearchRoot(folder, "test")), folder), cache);
        files.require(PATH);
        FileTime modified = Files.getLastModifiedTime(file);
        assertTrue(cache.isVerified(file, VerificationCache.FileStamp.of(file), tinyEntry().sha256()),
                "a verified file is remembered");

        // Same size, same modification time, different bytes: the write changed ctime, so the file is hashed again.
        Thread.sleep(50); // beyond one tick of the file system clock
        byte[] changed = CONTENT.clone();
        changed[10] = '9';
        Files.write(file, changed);
        Files.setLastModifiedTime(file, modified);
        assertEquals(modified, Files.getLastModifiedTime(file));
        assertFalse(cache.isVerified(file, VerificationCache.FileStamp.of(file), tinyEntry().sha256()));
        String message = assertThrows(DataException.class, () -> files.require(PATH)).getMessage();
        assertTrue(message.contains("actual sha256:   " + DataFiles.sha256Of(changed)), message);
    }

    @Test
    void aFileChangedJustBeforeItsCheckIsNotRemembered(@TempDir Path folder, @TempDir Path cacheFolder)
            throws IOException {
        // Within the default 2 s window a second write could keep the same ctime, so nothing is cached yet.
        Path file = write(folder, PATH, CONTENT);
        VerificationCache cache = VerificationCache.at(cacheFolder.resolve("verified.properties"));
        DataFiles files = new DataFiles(Catalog.of(List.of(tinyEntry())),
                DataLocator.of(List.of(new DataLocator.SearchRoot(folder, "test")), folder), cache);
        files.require(PATH);
        assertFalse(cache.isVerified(file, VerificationCache.FileStamp.of(file), tinyEntry().sha256()));
        FileTime modified = Files.getLastModifiedTime(file);
        byte[] changed = CONTENT.clone();
        changed[10] = '9';
        Files.write(file, changed);
        Files.setLastModifiedTime(file, modified);
        assertThrows(DataException.class, () -> files.require(PATH));
    }

    @Test
    void anUnwritableCacheOnlyCostsARehash(@TempDir Path folder) throws IOException {
        write(folder, PATH, CONTENT);
        Path blocked = folder.resolve("not-a-folder");
        Files.writeString(blocked, "a file where the cache folder should be");
        VerificationCache cache = VerificationCache.at(blocked.resolve("cache.properties"));
        DataFiles files = new DataFiles(Catalog.of(List.of(tinyEntry())),
                DataLocator.of(List.of(new DataLocator.SearchRoot(folder, "test")), folder), cache);
        assertEquals(folder.resolve(PATH), files.require(PATH));
        assertEquals(folder.resolve(PATH), files.require(PATH));
    }

    @Test
    void theBundledCatalogKnowsEveryManifestFileAndTheGeneratedOnes() {
        Catalog catalog = Catalog.bundled();
        // 1,637 files in manifest.tsv (MANIFEST.md counts 1,627 before the GloVe 100d stand-in and the 9 faceapi files), 4 generated CSVs,
        // 3 course-only files.
        assertEquals(1637 + 4 + 3, catalog.all().size());
        assertEquals(List.of("cats", "planar", "circles", "moons", "football", "signs", "signs-cs230", "happy",
                "facenet", "faceapi", "yolo", "nst", "dinos", "shakespeare", "jazz", "emojify", "glove", "nmt", "trigger"),
                catalog.names());
        assertEquals(1200, catalog.entries("signs-cs230").size());
        assertEquals("fbe56ab67c3ae28d564e3a644189117976d6b31af0a3ce9bb17dbf22908af242",
                catalog.require("cats/train_catvnoncat.h5").sha256());
        String message = assertThrows(DataException.class, () -> catalog.entries("kittens")).getMessage();
        assertTrue(message.contains("'kittens'") && message.contains("cats"), message);
    }

    /** The text git-lfs leaves in place of a file it did not fetch. */
    static String lfsPointer(CatalogEntry entry) {
        return "version https://git-lfs.github.com/spec/v1\noid sha256:" + entry.sha256() + "\nsize " + entry.bytes()
                + "\n";
    }

    @Test
    void aGitLfsPointerIsNamedAndTreatedAsAbsent(@TempDir Path first, @TempDir Path second) throws IOException {
        Path pointer = write(first, PATH, lfsPointer(tinyEntry()).getBytes(StandardCharsets.UTF_8));
        DataFiles files = SharedData.files(Catalog.of(List.of(tinyEntry())), first, second);
        String err = StandardErr.capture(() -> {
            String message = assertThrows(DataException.class, () -> files.require(PATH)).getMessage();
            assertTrue(message.contains(PATH + " was not found"), message);
            assertTrue(message.contains(pointer + " is a Git-LFS pointer file, not the data"), message);
            assertTrue(message.contains("points at exactly the catalog's file"), message);
            assertFalse(message.contains("corrupt"), message);
        });
        assertTrue(err.contains("dls: warning: " + pointer + " is a Git-LFS pointer file"), err);
        assertTrue(files.check(tinyEntry()).note().contains("Git-LFS pointer"));
        assertFalse(files.check(tinyEntry()).found());

        // A real copy further down the search order is used.
        write(second, PATH, CONTENT);
        assertEquals(second.resolve(PATH), files.require(PATH));
    }

    static Path write(Path root, String relative, byte[] content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
        return file;
    }
}
