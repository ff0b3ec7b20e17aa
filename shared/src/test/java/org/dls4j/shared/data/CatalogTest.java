package org.dls4j.shared.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.dls4j.shared.testing.ReferenceFiles;
import org.junit.jupiter.api.Test;

class CatalogTest {

    @Test
    void everyManifestFileIsCatalogedWithItsSizeHashAndSource() throws IOException {
        Path manifest = ReferenceFiles.projectRoot().resolveSibling("shared").resolve("datasets").resolve("manifest.tsv");
        List<String> rows = Files.readAllLines(manifest, StandardCharsets.UTF_8);
        Catalog catalog = Catalog.bundled();
        int checked = 0;
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split("\t", -1);
            CatalogEntry entry = catalog.require(f[0]);
            assertEquals(Long.parseLong(f[1]), entry.bytes(), f[0]);
            assertEquals(f[2], entry.sha256(), f[0]);
            assertEquals(f[4], entry.source(), f[0]);
            checked++;
        }
        assertEquals(1637, checked);
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
}
