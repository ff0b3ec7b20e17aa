package org.dls4j.shared.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * Remembers files that already passed their sha256 check, so a second run does not rehash them.
 *
 * <p>A small properties file keyed by absolute path, with value {@code stamp sha256}. The {@link FileStamp stamp} is
 * size, modification time, status-change time (ctime) and inode where the file system has them (POSIX), else size,
 * modification time and the file key. Any write to a file changes its ctime, and ctime cannot be set back (unlike the
 * modification time), so a file corrupted in place is hashed again. A file changed less than {@link #DEFAULT_RACY_WINDOW}
 * before it was hashed is not remembered at all (a second write within the same clock tick could keep the same
 * ctime, as git's "racily clean" entries); it is simply hashed again next time.
 *
 * <p>It lives in the user cache folder ({@code $XDG_CACHE_HOME/dls4j} or {@code ~/.cache/dls4j}), never beside
 * read-only shared data; if it cannot be written, files are hashed again next time. {@code ./dls data verify
 * --rehash} ignores it.
 */
public final class VerificationCache {
    /** Files changed more recently than this before their check are not remembered. */
    public static final Duration DEFAULT_RACY_WINDOW = Duration.ofSeconds(2);
    private static final String FILE_NAME = "verified-data-files.properties";

    private final Path file;
    private final long racyWindowMillis;
    private Properties loaded;
    private String loadedVersion;

    private VerificationCache(Path file, Duration racyWindow) {
        this.file = file;
        this.racyWindowMillis = racyWindow.toMillis();
    }

    /**
     * What identifies one version of a file.
     *
     * @param key           size, times and identity of the file as text (compared for equality only)
     * @param changedMillis when the file last changed (ctime where known, else mtime), epoch milliseconds
     */
    public record FileStamp(String key, long changedMillis) {
        /** Reads the stamp of a file (no content is read). */
        public static FileStamp of(Path dataFile) throws IOException {
            BasicFileAttributes basic = Files.readAttributes(dataFile, BasicFileAttributes.class);
            StringBuilder key = new StringBuilder().append(basic.size()).append(' ')
                    .append(basic.lastModifiedTime().toInstant());
            long changed = basic.lastModifiedTime().toMillis();
            Map<String, Object> unix = unixAttributes(dataFile);
            if (unix != null) {
                FileTime ctime = (FileTime) unix.get("ctime");
                key.append(" ctime=").append(ctime.toInstant()).append(" ino=").append(unix.get("ino"))
                        .append(" dev=").append(unix.get("dev"));
                changed = Math.max(changed, ctime.toMillis());
            } else {
                key.append(" key=").append(basic.fileKey());
            }
            return new FileStamp(key.toString(), changed);
        }

        private static Map<String, Object> unixAttributes(Path dataFile) throws IOException {
            try {
                return Files.readAttributes(dataFile, "unix:ctime,ino,dev");
            } catch (UnsupportedOperationException | IllegalArgumentException e) {
                return null; // not a POSIX file system: size, mtime and fileKey only
            }
        }
    }

    /** The cache in the user cache folder. */
    public static VerificationCache inUserCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".cache");
        return at(base.resolve("dls4j").resolve(FILE_NAME));
    }

    /** A cache stored in the given properties file. */
    public static VerificationCache at(Path propertiesFile) {
        return at(propertiesFile, DEFAULT_RACY_WINDOW);
    }

    /** A cache stored in the given properties file that remembers files changed at least {@code racyWindow} ago. */
    public static VerificationCache at(Path propertiesFile, Duration racyWindow) {
        return new VerificationCache(propertiesFile.toAbsolutePath(), racyWindow);
    }

    /** A cache that remembers nothing: every check hashes the file. */
    public static VerificationCache disabled() {
        return new VerificationCache(null, DEFAULT_RACY_WINDOW);
    }

    /** True when this exact version of the file (same stamp) was verified before against {@code sha256}. */
    public synchronized boolean isVerified(Path dataFile, FileStamp stamp, String sha256) {
        if (file == null) {
            return false;
        }
        String value = load().getProperty(key(dataFile));
        return value != null && value.equals(value(stamp, sha256));
    }

    /**
     * Records a successful check of the version {@code stamp} (read before hashing); ignored when the file changed
     * within the racy window, and when the cache cannot be written.
     */
    public synchronized void remember(Path dataFile, FileStamp stamp, String sha256) {
        if (file == null || System.currentTimeMillis() - stamp.changedMillis() < racyWindowMillis) {
            return;
        }
        Properties properties = load();
        properties.setProperty(key(dataFile), value(stamp, sha256));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".tmp");
            try {
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    properties.store(out, "dls4j: data files that passed their sha256 check (stamp sha256)");
                }
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                loaded = properties;
                loadedVersion = version();
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

    /** False for {@link #disabled()}. */
    public boolean enabled() {
        return file != null;
    }

    /** The cache file's contents, read again only when the file changed (other runs write it too). */
    private Properties load() {
        String version = version();
        if (loaded != null && version.equals(loadedVersion)) {
            return loaded;
        }
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                properties.load(in);
            } catch (IOException | IllegalArgumentException e) {
                properties = new Properties();
            }
        }
        loaded = properties;
        loadedVersion = version;
        return properties;
    }

    private String version() {
        try {
            return FileStamp.of(file).key();
        } catch (IOException e) {
            return "absent";
        }
    }

    private static String key(Path dataFile) {
        return dataFile.toAbsolutePath().normalize().toString();
    }

    private static String value(FileStamp stamp, String sha256) {
        return stamp.key() + " " + sha256;
    }
}
