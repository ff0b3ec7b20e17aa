package org.dls4j.shared.data;

/**
 * One file of the data catalog ({@code datasets/catalog.tsv}).
 *
 * @param name             logical data set the file belongs to, e.g. {@code cats}, {@code signs-cs230}
 * @param path             path relative to a data folder, always with {@code /}, e.g. {@code cats/train_catvnoncat.h5}
 * @param bytes            expected size in bytes
 * @param sha256           expected SHA-256, 64 lower-case hex digits
 * @param source           where the file comes from, e.g. {@code github owner/repo @ commit : path/in/repo}
 * @param publiclyAvailable false for files only the course download has (e.g. {@code signs/train_signs.h5}); the
 *                         loaders use such a file when a user supplies it and fall back otherwise
 */
public record CatalogEntry(String name, String path, long bytes, String sha256, String source,
                           boolean publiclyAvailable) {

    /**
     * True for files made by a script rather than copied from a public repository (source {@code generated ...},
     * recipe in {@code generated/README.md} of the course data folder); there is nothing to download.
     */
    public boolean generated() {
        return source.startsWith("generated");
    }

    /** The last path segment, e.g. {@code train_catvnoncat.h5}. */
    public String fileName() {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
