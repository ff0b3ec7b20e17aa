package org.dls4j.shared.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DataCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(DataFiles files, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new DataCommand(files)).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    @Test
    void listShowsEveryDataSetWhereItWasFoundAndWhetherItVerified(@TempDir Path cache) {
        DataFiles realFiles = new DataFiles(Catalog.bundled(), DataLocator.of(List.of(
                new DataLocator.SearchRoot(SharedData.ROOT, "shared data")), null), VerificationCache.inUserCacheDirectory());
        Run run = run(realFiles, "list");
        if (run.exitCode() != 0) {
            // Name every missing or corrupt file and what to do (./dls data fetch NAME) rather than just the table.
            Run verify = run(realFiles, "verify");
            String firstProblems = verify.err().lines().limit(40).collect(java.util.stream.Collectors.joining("\n"));
            assertEquals(0, run.exitCode(), run.out() + "\nFirst problems:\n" + firstProblems);
        }
        for (String name : Catalog.bundled().names()) {
            assertTrue(run.out().contains("\n" + name + " "), name + " in\n" + run.out());
        }
        assertTrue(run.out().contains("4 verified") && run.out().contains(SharedData.ROOT.toString()), run.out());
        assertTrue(run.out().contains("1200 verified"), run.out());
        assertTrue(run.out().contains("1 course-only absent"), run.out());
    }

    @Test
    void verifyExplainsACorruptFileAndFails(@TempDir Path folder) throws IOException {
        CatalogEntry moons = SharedData.entry("generated/moons.csv");
        DataFilesTest.write(folder, moons.path(), "x1,x2,y\n".repeat(1).getBytes(StandardCharsets.UTF_8));
        Run run = run(SharedData.files(Catalog.of(List.of(moons)), folder), "verify", "moons");
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("moons") && run.out().contains("1 CORRUPT"), run.out());
        assertTrue(run.err().contains("corrupt or a different version"), run.err());
    }

    @Test
    void verifyOfAMissingFileSaysWhatToDo(@TempDir Path folder) {
        CatalogEntry moons = SharedData.entry("generated/moons.csv");
        Run run = run(SharedData.files(Catalog.of(List.of(moons)), folder), "verify");
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("1 MISSING"), run.out());
        assertTrue(run.err().contains("generated/moons.csv was not found") && run.err().contains(folder.toString()),
                run.err());
    }

    @Test
    void anUnknownDataSetNamesTheKnownOnes(@TempDir Path folder) {
        Run run = run(SharedData.files(Catalog.bundled(), folder), "verify", "kittens");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("'kittens'") && run.err().contains("signs-cs230"), run.err());
    }

    @Test
    void verifyRehashIgnoresTheCache(@TempDir Path folder, @TempDir Path cacheFolder) throws IOException {
        CatalogEntry moons = SharedData.entry("generated/moons.csv");
        byte[] wrong = new byte[(int) moons.bytes()];
        Path file = DataFilesTest.write(folder, moons.path(), wrong);
        // A cache that (wrongly) vouches for this exact version of the file.
        VerificationCache cache = VerificationCache.at(cacheFolder.resolve("cache.properties"), java.time.Duration.ZERO);
        cache.remember(file, VerificationCache.FileStamp.of(file), moons.sha256());
        DataFiles files = new DataFiles(Catalog.of(List.of(moons)),
                DataLocator.of(List.of(new DataLocator.SearchRoot(folder, "test")), folder), cache);

        Run cached = run(files, "verify", "moons");
        assertEquals(0, cached.exitCode(), cached.out() + cached.err());
        Run rehashed = run(files, "verify", "--rehash", "moons");
        assertEquals(1, rehashed.exitCode(), rehashed.out());
        assertTrue(rehashed.out().contains("1 CORRUPT"), rehashed.out());
        assertTrue(rehashed.err().contains("actual sha256:"), rehashed.err());
    }

    @Test
    void verifyNamesAGitLfsPointerAndCountsItAsMissing(@TempDir Path folder) throws IOException {
        CatalogEntry moons = SharedData.entry("generated/moons.csv");
        Path pointer = DataFilesTest.write(folder, moons.path(),
                DataFilesTest.lfsPointer(moons).getBytes(StandardCharsets.UTF_8));
        Run run = run(SharedData.files(Catalog.of(List.of(moons)), folder), "verify", "moons");
        assertEquals(1, run.exitCode());
        assertTrue(run.out().contains("1 MISSING") && run.out().contains("1 Git-LFS pointer"), run.out());
        assertTrue(run.err().contains(pointer + " is a Git-LFS pointer file"), run.err());
        assertTrue(!run.err().contains("corrupt"), run.err());
    }
}
