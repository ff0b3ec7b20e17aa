package org.dls4j.shared.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds catalog files, downloads missing ones on first use, and checks them against their sha256 before they are
 * used.
 *
 * <p>{@link #standard()} is what the loaders use: the packaged catalog, the {@link DataLocator} of this JVM, the
 * verification cache in the user cache folder, and automatic downloads: a file that no search folder has is
 * downloaded from its public source into the {@linkplain DataLocator#downloadFolder() first writable data folder}
 * (the project's {@code datasets/}), unless {@linkplain #offline() offline}; when that is not possible the message
 * says what to do. Tests build their own with {@link #DataFiles(Catalog, DataLocator, VerificationCache)}, which
 * never downloads. A Git-LFS pointer file found in place of a data file is {@linkplain LfsPointer treated as absent}.
 * Nothing here overwrites, moves or deletes a data file.
 */
public final class DataFiles {
    /** System property for offline mode; the CLI sets it for {@code --offline}. */
    public static final String OFFLINE_PROPERTY = "dls.offline";
    /** Environment variable for offline mode: {@code DLS_OFFLINE=1}. */
    public static final String OFFLINE_ENVIRONMENT = "DLS_OFFLINE";

    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();
    private static DataFiles standard;

    private final Catalog catalog;
    private final DataLocator locator;
    private final VerificationCache cache;
    private final Function<Path, Downloader> downloads;
    private final BooleanSupplier offlineMode;
    /** Set after a download could not connect: later files are not tried in this run. */
    private volatile String downloadsOff;

    /** Data files that are never downloaded automatically (tests, tools). */
    public DataFiles(Catalog catalog, DataLocator locator, VerificationCache cache) {
        this(catalog, locator, cache, null);
    }

    /**
     * @param downloads the downloader into a given folder, used for missing files on first use; null for none
     */
    public DataFiles(Catalog catalog, DataLocator locator, VerificationCache cache,
            Function<Path, Downloader> downloads) {
        this(catalog, locator, cache, downloads, DataFiles::offline);
    }

    /**
     * @param downloads   the downloader into a given folder, used for missing files on first use; null for none
     * @param offlineMode asked before each automatic download; true means none ({@link #offline()} normally)
     */
    public DataFiles(Catalog catalog, DataLocator locator, VerificationCache cache,
            Function<Path, Downloader> downloads, BooleanSupplier offlineMode) {
        this.catalog = catalog;
        this.locator = locator;
        this.cache = cache;
        this.downloads = downloads;
        this.offlineMode = offlineMode;
    }

    /** The packaged catalog, the search folders of this JVM, the user verification cache, downloads on first use. */
    public static synchronized DataFiles standard() {
        if (standard == null) {
            standard = new DataFiles(Catalog.bundled(), DataLocator.fromEnvironment(),
                    VerificationCache.inUserCacheDirectory(), Downloader::toFolder);
        }
        return standard;
    }

    /**
     * Offline mode: nothing is downloaded automatically. On with {@code -Ddls.offline=true} (what the CLI's
     * {@code --offline} sets) or the environment variable {@code DLS_OFFLINE=1}.
     */
    public static boolean offline() {
        return Boolean.getBoolean(OFFLINE_PROPERTY) || "1".equals(System.getenv(OFFLINE_ENVIRONMENT));
    }

    public Catalog catalog() {
        return catalog;
    }

    public DataLocator locator() {
        return locator;
    }

    /** The same files checked without the verification cache: every check hashes ({@code verify --rehash}). */
    public DataFiles withoutCache() {
        return new DataFiles(catalog, locator, VerificationCache.disabled(), downloads, offlineMode);
    }

    /**
     * The verified file for a catalog path, e.g. {@code cats/train_catvnoncat.h5}, downloaded first when no search
     * folder has it (see the class comment).
     *
     * @throws DataException when the file is in no search folder and could not be downloaded, or its size or sha256
     *                       differs from the catalog
     */
    public Path require(String relativePath) {
        return requireAll(List.of(catalog.require(relativePath))).get(0);
    }

    /**
     * The verified files for several catalog entries, in order; the missing ones are downloaded together (one
     * progress bar, one tarball per npm package) before any is checked.
     *
     * @throws DataException for the first file that is missing (and could not be downloaded) or fails its check
     */
    public List<Path> requireAll(List<CatalogEntry> entries) {
        List<Located> located = new ArrayList<>();
        List<CatalogEntry> absent = new ArrayList<>();
        for (CatalogEntry entry : entries) {
            Located here = locate(entry, true);
            located.add(here);
            if (here.file() == null) {
                absent.add(entry);
            }
        }
        Map<CatalogEntry, String> notDownloaded = absent.isEmpty() ? Map.of() : download(absent);
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            CatalogEntry entry = entries.get(i);
            Located here = located.get(i);
            if (here.file() == null) {
                here = locate(entry, false);
                if (here.file() == null) {
                    throw missing(entry, here.pointers(), notDownloaded.get(entry));
                }
            }
            verify(entry, here.file());
            files.add(here.file());
        }
        return files;
    }

    /**
     * The verified file when some search folder has it, empty when none has; used for optional files such as
     * {@code signs/train_signs.h5} (nothing is downloaded). A Git-LFS pointer in its place counts as absent, with a
     * warning on stderr.
     *
     * @throws DataException when a file is found but fails its check
     */
    public Optional<Path> findVerified(String relativePath) {
        CatalogEntry entry = catalog.require(relativePath);
        Optional<Path> file = Optional.ofNullable(locate(entry, true).file());
        file.ifPresent(path -> verify(entry, path));
        return file;
    }

    /** Where a file was found (null when nowhere), and the Git-LFS pointers passed over on the way. */
    private record Located(Path file, List<LfsPointer> pointers) {
    }

    private Located locate(CatalogEntry entry, boolean warn) {
        List<LfsPointer> pointers = new ArrayList<>();
        for (Path candidate : locator.findAll(entry.path())) {
            Optional<LfsPointer> pointer = sizeOf(candidate) == entry.bytes() ? Optional.empty()
                    : LfsPointer.read(candidate);
            if (pointer.isEmpty()) {
                return new Located(candidate, pointers);
            }
            pointers.add(pointer.get());
            if (warn) {
                warn(pointer.get().describe(entry));
            }
        }
        return new Located(null, pointers);
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Prints {@code dls: warning: MESSAGE} on stderr, once per message in this JVM. */
    public static void warn(String message) {
        if (WARNED.add(message)) {
            System.err.println("dls: warning: " + message);
        }
    }

    /**
     * Downloads what it can of {@code absent}; returns, for each file it did not get, why (null when the message
     * for a missing file already says it all: no automatic downloads, or nothing to download).
     */
    private synchronized Map<CatalogEntry, String> download(List<CatalogEntry> absent) {
        Map<CatalogEntry, String> why = new HashMap<>();
        List<CatalogEntry> wanted = absent.stream().filter(Downloader::downloadable).toList();
        if (downloads == null || wanted.isEmpty()) {
            return why;
        }
        String skipped = null;
        Optional<Path> folder = locator.downloadFolder();
        if (offlineMode.getAsBoolean()) {
            skipped = "Not downloaded: offline mode is on (--offline, -D" + OFFLINE_PROPERTY + "=true or "
                    + OFFLINE_ENVIRONMENT + "=1).";
        } else if (downloadsOff != null) {
            skipped = "Not downloaded: an earlier download in this run could not connect:\n  " + downloadsOff;
        } else if (folder.isEmpty()) {
            skipped = "Not downloaded: there is no writable data folder to download into (the project's datasets/"
                    + " folder was not found or is read-only).";
        }
        if (skipped != null) {
            for (CatalogEntry entry : wanted) {
                why.put(entry, skipped);
            }
            return why;
        }
        long bytes = wanted.stream().mapToLong(CatalogEntry::bytes).sum();
        Set<String> names = new LinkedHashSet<>();
        wanted.forEach(entry -> names.add(entry.name()));
        System.err.println("dls: data set " + String.join(", ", names) + ": " + (wanted.size() == 1
                ? wanted.get(0).path() + " is" : wanted.size() + " files are") + " missing; downloading "
                + humanBytes(bytes) + " into " + folder.get() + " (use --offline or DLS_OFFLINE=1 to skip).");
        int downloaded = 0;
        for (Downloader.Result result : downloads.apply(folder.get()).fetchAll(wanted)) {
            if (result.outcome() == Downloader.Outcome.FAILED) {
                why.put(result.entry(), "The automatic download failed:\n  "
                        + result.error().getMessage().replace("\n", "\n  "));
                if (result.connectionFailed() && downloadsOff == null) {
                    downloadsOff = result.error().getMessage().lines().findFirst().orElse("");
                }
            } else {
                downloaded++;
            }
        }
        if (downloaded > 0) {
            System.err.println("dls: downloaded and verified " + downloaded + (downloaded == 1 ? " file" : " files")
                    + " into " + folder.get() + ".");
        }
        return why;
    }

    private static String humanBytes(long bytes) {
        if (bytes < 10_000) {
            return bytes + " bytes";
        }
        if (bytes < 10_000_000) {
            return (bytes + 500) / 1000 + " kB";
        }
        return (bytes + 500_000) / 1_000_000 + " MB";
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
     * @param note    what else was found, e.g. a Git-LFS pointer that was passed over; null when nothing
     */
    public record FileCheck(CatalogEntry entry, Path file, String problem, String note) {
        /** Found and verified. */
        public boolean verified() {
            return file != null && problem == null;
        }

        /** Found in a search folder (verified or not). */
        public boolean found() {
            return file != null;
        }
    }

    /** Looks for a catalog file and checks it, reporting instead of throwing (nothing is downloaded). */
    public FileCheck check(CatalogEntry entry) {
        Located located = locate(entry, false);
        String note = located.pointers().isEmpty() ? null : located.pointers().stream()
                .map(pointer -> pointer.describe(entry)).collect(Collectors.joining("\n"));
        if (located.file() == null) {
            return new FileCheck(entry, null, null, note);
        }
        try {
            verify(entry, located.file());
            return new FileCheck(entry, located.file(), null, note);
        } catch (DataException e) {
            return new FileCheck(entry, located.file(), e.getMessage(), note);
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
        return missing(entry, locate(entry, false).pointers(), null);
    }

    private DataException missing(CatalogEntry entry, List<LfsPointer> pointers, String downloadProblem) {
        StringBuilder text = new StringBuilder();
        text.append("Data set '").append(entry.name()).append("': the file ").append(entry.path())
                .append(" was not found.");
        for (LfsPointer pointer : pointers) {
            text.append("\nFound only a Git-LFS pointer: ").append(pointer.describe(entry));
        }
        text.append("\nSearched, in this order:\n").append(locator.describeRoots())
                .append("\nExpected: ").append(entry.bytes()).append(" bytes, sha256 ").append(entry.sha256());
        if (downloadProblem != null) {
            text.append('\n').append(downloadProblem);
        }
        text.append("\nWhat to do: ");
        if (entry.generated()) {
            text.append("this file is generated, not downloaded (").append(entry.source()).append("). The course"
                    + " data folder has it as ").append(entry.path()).append(", and generated/README.md there gives"
                    + " the recipe; copy it into the project's datasets/ folder (as ").append(entry.path())
                    .append("), or set DLS_DATA (or -Ddls.data=) to a folder that has it.");
        } else if (!entry.publiclyAvailable()) {
            text.append("this file is not publicly available (").append(entry.source())
                    .append("); copy it from your course download into the project's datasets/ folder as ")
                    .append(entry.path()).append(", or set DLS_DATA (or -Ddls.data=) to a folder that has it.");
        } else if (Downloader.downloadable(entry)) {
            text.append("copy the file from your course download into the project's datasets/ folder (as ")
                    .append(entry.path()).append("), or set DLS_DATA (or -Ddls.data=) to a folder that has it, or run\n")
                    .append("  ./dls data fetch ").append(entry.name()).append("\nto download it from ")
                    .append(entry.source());
        } else {
            text.append("this file cannot be downloaded automatically (source: ").append(entry.source())
                    .append("); copy it from the course data folder into the project's datasets/ folder (as ")
                    .append(entry.path()).append("), or set DLS_DATA (or -Ddls.data=) to a folder that has it.");
        }
        return new DataException(text.toString());
    }

    private static String replaceAdvice(CatalogEntry entry) {
        if (Downloader.downloadable(entry)) {
            return "The file was left as it is. Replace it with the course file, or move it away and run\n"
                    + "  ./dls data fetch " + entry.name();
        }
        return "The file was left as it is. Replace it with the course file (" + entry.path() + " of the course data"
                + " folder" + (entry.generated() ? "; generated/README.md there gives the recipe" : "") + ").";
    }
}
