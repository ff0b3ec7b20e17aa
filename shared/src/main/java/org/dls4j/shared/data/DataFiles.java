package org.dls4j.shared.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Finds catalog files and checks them against their sha256 before they are used.
 *
 * <p>{@link #standard()} is what the loaders use: the packaged catalog, the {@link DataLocator} of this JVM and the
 * verification cache in the user cache folder. Tests build their own with {@link #DataFiles(Catalog, DataLocator,
 * VerificationCache)}. Nothing here writes, moves or deletes a data file.
 */
public final class DataFiles {
    private static volatile DataFiles standard;

    private final Catalog catalog;
    private final DataLocator locator;
    private final VerificationCache cache;

    public DataFiles(Catalog catalog, DataLocator locator, VerificationCache cache) {
        this.catalog = catalog;
        this.locator = locator;
        this.cache = cache;
    }

    /** The packaged catalog, the search folders of this JVM, and the user verification cache. */
    public static DataFiles standard() {
        DataFiles result = standard;
        if (result == null) {
            synchronized (DataFiles.class) {
                result = standard;
                if (result == null) {
                    result = new DataFiles(Catalog.bundled(), DataLocator.fromEnvironment(),
                            VerificationCache.inUserCacheDirectory());
                    standard = result;
                }
            }
        }
        return result;
    }

    public Catalog catalog() {
        return catalog;
    }

    public DataLocator locator() {
        return locator;
    }

    /** The same files checked without the verification cache: every check hashes ({@code verify --rehash}). */
    public DataFiles withoutCache() {
        return new DataFiles(catalog, locator, VerificationCache.disabled());
    }

    /**
     * The verified file for a catalog path, e.g. {@code cats/train_catvnoncat.h5}.
     *
     * @throws DataException when the file is in no search folder, or its size or sha256 differs from the catalog
     */
    public Path require(String relativePath) {
        CatalogEntry entry = catalog.require(relativePath);
        Path file = locator.find(entry.path()).orElseThrow(() -> missing(entry));
        verify(entry, file);
        return file;
    }

    /**
     * The verified file when some search folder has it, empty when none has; used for optional files such as
     * {@code signs/train_signs.h5}.
     *
     * @throws DataException when a file is found but fails its check
     */
    public Optional<Path> findVerified(String relativePath) {
        CatalogEntry entry = catalog.require(relativePath);
        Optional<Path> file = locator.find(entry.path());
        file.ifPresent(path -> verify(entry, path));
        return file;
    }

    /**
     * Checks one file against a catalog entry (size first, then sha256, using the verification cache).
     *
     * @throws DataException naming both hashes (or sizes) when it does not match
     */
    public void verify(CatalogEntry entry, Path file) {
        long size;
        VerificationCache.FileStamp stamp;
        try {
            stamp = VerificationCache.FileStamp.of(file);
            size = Files.size(file);
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + " (data set '" + entry.name() + "'): " + e.getMessage(), e);
        }
        if (size != entry.bytes()) {
            throw new DataException("The file " + file + " (data set '" + entry.name() + "') is corrupt or a different"
                    + " version: it has " + size + " bytes, the catalog expects " + entry.bytes() + " bytes"
                    + " (sha256 " + entry.sha256() + ").\n" + replaceAdvice(entry));
        }
        if (cache.isVerified(file, stamp, entry.sha256())) {
            return;
        }
        String actual = sha256(file);
        if (!actual.equals(entry.sha256())) {
            throw new DataException("The file " + file + " (data set '" + entry.name() + "') is corrupt or a different"
                    + " version: its sha256 does not match the catalog.\n  expected sha256: " + entry.sha256()
                    + "\n  actual sha256:   " + actual + "\n" + replaceAdvice(entry));
        }
        cache.remember(file, stamp, actual);
    }

    /**
     * The state of one catalog file.
     *
     * @param file    where it was found; null when no search folder has it
     * @param problem why it failed its check; null when it verified (or was not found)
     */
    public record FileCheck(CatalogEntry entry, Path file, String problem) {
        /** Found and verified. */
        public boolean verified() {
            return file != null && problem == null;
        }

        /** Found in a search folder (verified or not). */
        public boolean found() {
            return file != null;
        }
    }

    /** Looks for a catalog file and checks it, reporting instead of throwing. */
    public FileCheck check(CatalogEntry entry) {
        Optional<Path> file = locator.find(entry.path());
        if (file.isEmpty()) {
            return new FileCheck(entry, null, null);
        }
        try {
            verify(entry, file.get());
            return new FileCheck(entry, file.get(), null);
        } catch (DataException e) {
            return new FileCheck(entry, file.get(), e.getMessage());
        }
    }

    /** The SHA-256 of a file as 64 lower-case hex digits. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + " to check its sha256: " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    /** The SHA-256 of some bytes as 64 lower-case hex digits. */
    public static String sha256Of(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }

    /** The message for a catalog file that no search folder has. */
    public DataException missing(CatalogEntry entry) {
        StringBuilder text = new StringBuilder();
        text.append("Data set '").append(entry.name()).append("': the file ").append(entry.path())
                .append(" was not found.\nSearched, in this order:\n").append(locator.describeRoots())
                .append("\nExpected: ").append(entry.bytes()).append(" bytes, sha256 ").append(entry.sha256())
                .append("\nWhat to do: ");
        if (entry.publiclyAvailable()) {
            text.append("copy the file from your course download into the project's datasets/ folder (as ")
                    .append(entry.path()).append("), or set DLS_DATA (or -Ddls.data=) to a folder that has it, or run\n")
                    .append("  ./dls data fetch ").append(entry.name()).append("\nto download it from ")
                    .append(entry.source());
        } else {
            text.append("this file is not publicly available (").append(entry.source())
                    .append("); copy it from your course download into the project's datasets/ folder as ")
                    .append(entry.path()).append(", or set DLS_DATA (or -Ddls.data=) to a folder that has it.");
        }
        return new DataException(text.toString());
    }

    private static String replaceAdvice(CatalogEntry entry) {
        return "The file was left as it is. Replace it with the course file, or move it away and run\n"
                + "  ./dls data fetch " + entry.name();
    }
}
