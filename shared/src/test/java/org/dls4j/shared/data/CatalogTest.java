package org.dls4j.shared.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class CatalogTest {

    /**
     * Where a course data folder with {@code manifest.tsv} is at hand ({@code -Ddls.data}, {@code DLS_DATA} or
     * {@code ../shared/datasets}), every manifest row must be in the catalog with the same size, sha256 and source.
     * Without one (a fresh clone) the catalog is still checked on its own: the same counts and a well-formed row for
     * every file.
     */
    @Test
    void everyManifestFileIsCatalogedWithItsSizeHashAndSource() throws IOException {
        Catalog catalog = Catalog.bundled();
        Optional<Path> manifest = manifest();
        if (manifest.isEmpty()) {
            System.out.println("No manifest.tsv in " + DataLocator.fromEnvironment().roots()
                    + "; checking the bundled catalog on its own.");
            assertCatalogIsWellFormed(catalog);
            return;
        }
        List<String> rows = Files.readAllLines(manifest.get(), StandardCharsets.UTF_8);
        int checked = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t", -1);
            CatalogEntry entry = catalog.require(f[0]);
            assertEquals(Long.parseLong(f[1]), entry.bytes(), f[0]);
            assertEquals(f[2], entry.sha256(), f[0]);
            assertEquals(f[4], entry.source(), f[0]);
            checked++;
        }
        assertEquals(MANIFEST_ROWS, checked, manifest.get().toString());
    }

    /** Runs whether or not the course data is at hand. */
    @Test
    void theBundledCatalogIsWellFormed() {
        assertCatalogIsWellFormed(Catalog.bundled());
    }

    private static final int MANIFEST_ROWS = 1637;
    private static final int GENERATED = 4;
    private static final int COURSE_ONLY = 3;

    /** 1,637 manifest rows + 4 generated CSVs + 3 course-only files, each with a 64-hex sha256, a size and a source. */
    static void assertCatalogIsWellFormed(Catalog catalog) {
        List<CatalogEntry> all = catalog.all();
        assertEquals(MANIFEST_ROWS + GENERATED + COURSE_ONLY, all.size(), "catalog rows");
        assertEquals(GENERATED, all.stream().filter(CatalogEntry::generated).count(), "generated rows");
        assertEquals(COURSE_ONLY, all.stream().filter(e -> !e.publiclyAvailable()).count(), "course-only rows");
        for (CatalogEntry entry : all) {
            assertTrue(entry.sha256().matches("[0-9a-f]{64}"), entry.path() + ": sha256 " + entry.sha256());
            assertTrue(entry.bytes() > 0, entry.path() + ": " + entry.bytes() + " bytes");
            assertFalse(entry.source().isBlank(), entry.path() + ": no source");
            assertFalse(entry.name().isBlank(), entry.path() + ": no data set name");
        }
    }

    private static Optional<Path> manifest() {
        return DataLocator.fromEnvironment().roots().stream()
                .map(root -> root.directory().resolve("manifest.tsv"))
                .filter(Files::isRegularFile)
                .findFirst();
    }

    @Test
    void abbreviatedSourcesExpand() throws IOException {
        String tsv = """
                @source\tkey\tgithub o/r @ c : \tlocal/\tremote/
                name\tpath\tbytes\tsha256\tsource\tavailability
                a\tlocal/x/1.jpg\t1\t%1$s\t@key\tshared
                b\tother/2.jpg\t1\t%1$s\t@key:elsewhere/2.jpg\tshared
                """.formatted("0".repeat(64));
        Catalog catalog = Catalog.parse(new StringReader(tsv), "test");
        assertEquals("github o/r @ c : remote/x/1.jpg", catalog.require("local/x/1.jpg").source());
        assertEquals("github o/r @ c : elsewhere/2.jpg", catalog.require("other/2.jpg").source());
        String unknownKey = tsv.replace("@key:elsewhere", "@nokey:elsewhere");
        DataException e = assertThrows(DataException.class, () -> Catalog.parse(new StringReader(unknownKey), "test"));
        assertTrue(e.getMessage().contains("'nokey'"), e.getMessage());
    }

    @Test
    void pathsThatLeaveTheDataFolderAreRejectedWithTheirLine() {
        for (String path : List.of("../outside.csv", "cats/../../etc/passwd", "/etc/passwd", "C:/data/x.h5",
                "cats\\train.h5", "cats//train.h5", "./cats/train.h5")) {
            String tsv = "name\tpath\tbytes\tsha256\tsource\tavailability\n"
                    + "ok\tcats/ok.h5\t1\t" + "0".repeat(64) + "\tgithub o/r @ c : ok.h5\tshared\n"
                    + "bad\t" + path + "\t1\t" + "0".repeat(64) + "\tgithub o/r @ c : x\tshared\n";
            DataException e = assertThrows(DataException.class, () -> Catalog.parse(new StringReader(tsv), "test.tsv"),
                    path);
            assertTrue(e.getMessage().contains("test.tsv, line 3") && e.getMessage().contains(path), e.getMessage());
        }
    }
}
