package org.dls4j.shared.data;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** Test access to the real course files and to throw-away data folders. */
public final class SharedData {
    /** The read-only shared data folder beside the project root. */
    public static final Path ROOT = DataLocator.findProjectRoot(Paths.get("").toAbsolutePath())
            .orElseThrow().getParent().resolve("shared").resolve("datasets");

    private SharedData() {
    }

    /** The real files, found the standard way, with the cache in a temporary folder. */
    public static DataFiles files(Path cacheFolder) {
        return new DataFiles(Catalog.bundled(),
                DataLocator.of(List.of(new DataLocator.SearchRoot(ROOT, "shared data")), null),
                VerificationCache.at(cacheFolder.resolve("cache.properties")));
    }

    /** Data files over the given folders with the given catalog and no cache. */
    public static DataFiles files(Catalog catalog, Path... folders) {
        List<DataLocator.SearchRoot> roots = java.util.Arrays.stream(folders)
                .map(folder -> new DataLocator.SearchRoot(folder, "test folder " + folder.getFileName())).toList();
        return new DataFiles(catalog, DataLocator.of(roots, folders.length > 0 ? folders[0] : null),
                VerificationCache.disabled());
    }

    /** The real catalog entry for a path, e.g. to build a small catalog. */
    public static CatalogEntry entry(String path) {
        return Catalog.bundled().require(path);
    }
}
