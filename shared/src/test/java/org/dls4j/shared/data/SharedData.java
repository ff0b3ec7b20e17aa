package org.dls4j.shared.data;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/** Test access to the real course files and to throw-away data folders. */
public final class SharedData {
    /**
     * The real course data: {@code -Ddls.data} or {@code DLS_DATA} when set, else the read-only shared folder beside
     * the project root ({@code ../shared/datasets}). In a fresh clone neither may exist; the tests that need the data
     * then fail with the loaders' own message (the file, the folders searched, {@code ./dls data fetch NAME}).
     */
    public static final Path ROOT = root();

    private SharedData() {
    }

    private static Path root() {
        String configured = System.getProperty(DataLocator.PROPERTY);
        if (configured == null || configured.isBlank()) {
            configured = System.getenv(DataLocator.ENVIRONMENT);
        }
        if (configured != null && !configured.isBlank()) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        Path start = Paths.get("").toAbsolutePath();
        Path project = DataLocator.findProjectRoot(start).orElse(start);
        Path parent = project.getParent() != null ? project.getParent() : project;
        return parent.resolve("shared").resolve("datasets");
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

    /**
     * A real course file under {@link #ROOT}, verified; when it is not there, the loaders' message (the file, the
     * folder searched, {@code ./dls data fetch NAME}).
     */
    public static Path require(String relativePath) {
        return files(Catalog.bundled(), ROOT).require(relativePath);
    }

    /** The real catalog entry for a path, e.g. to build a small catalog. */
    public static CatalogEntry entry(String path) {
        return Catalog.bundled().require(path);
    }
}
