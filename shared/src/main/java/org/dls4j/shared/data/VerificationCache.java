package org.dls4j.shared.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * Remembers files that already passed their sha256 check, so a second run does not rehash them.
 *
 * <p>A small properties file keyed by absolute path, with value {@code size mtime sha256}. A file counts as verified
 * only while its size and modification time are unchanged. It lives in the user cache folder
 * ({@code $XDG_CACHE_HOME/dls4j} or {@code ~/.cache/dls4j}), never beside read-only shared data; if it cannot be
 * written, files are simply hashed again next time.
 */
public final class VerificationCache {
    private static final String FILE_NAME = "verified-data-files.properties";

    private final Path file;

    private VerificationCache(Path file) {
        this.file = file;
    }

    /** The cache in the user cache folder. */
    public static VerificationCache inUserCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return at(base.resolve("dls4j").resolve(FILE_NAME));
    }

    /** A cache stored in the given properties file (tests). */
    public static VerificationCache at(Path propertiesFile) {
        return new VerificationCache(propertiesFile.toAbsolutePath());
    }

    /** A cache that remembers nothing: every check hashes the file. */
    public static VerificationCache disabled() {
        return new VerificationCache(null);
    }

    /** True when this exact file (same size and mtime) was verified before against {@code sha256}. */
    public synchronized boolean isVerified(Path dataFile, long size, long modifiedMillis, String sha256) {
        if (file == null) {
            return false;
        }
        String value = load().getProperty(key(dataFile));
        return value != null && value.equals(value(size, modifiedMillis, sha256));
    }

    /** Records a successful check; failure to write the cache is ignored. */
    public synchronized void remember(Path dataFile, long size, long modifiedMillis, String sha256) {
        if (file == null) {
            return;
        }
        Properties properties = load();
        properties.setProperty(key(dataFile), value(size, modifiedMillis, sha256));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    properties.store(out, "dls4j: data files that passed their sha256 check (size mtime sha256)");
                }
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be written only costs a rehash next time.
        }
    }

    /** Where the cache is kept; null when disabled. */
    public Path location() {
        return file;
    }

    private Properties load() {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException | IllegalArgumentException e) {
                return new Properties();
            }
        }
        return properties;
    }

    private static String key(Path dataFile) {
        return dataFile.toAbsolutePath().normalize().toString();
    }

    private static String value(long size, long modifiedMillis, String sha256) {
        return size + " " + modifiedMillis + " " + sha256;
    }
}
