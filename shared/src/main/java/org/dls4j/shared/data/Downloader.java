package org.dls4j.shared.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Downloads catalog files from the public source the manifest names into a data folder (normally the project's
 * {@code datasets/}).
 *
 * <p>A source {@code github owner/repo @ commit : path} becomes
 * {@code https://raw.githubusercontent.com/owner/repo/commit/path}. The body goes to a temporary file beside the
 * target; only when its size and sha256 match the catalog is it renamed into place. A failed, short or wrong
 * download leaves nothing behind, and an existing file is never overwritten.
 */
public final class Downloader {
    /** Where GitHub serves raw files; replaced by a local server in tests. */
    public static final String GITHUB_RAW = "https://raw.githubusercontent.com";
    private static final Pattern GITHUB_SOURCE = Pattern.compile("github (\\S+)/(\\S+) @ ([0-9a-f]{7,40}) : (.+)");

    private final HttpClient client;
    private final String baseUrl;
    private final Path targetRoot;

    /**
     * @param baseUrl    replaces {@link #GITHUB_RAW}, e.g. {@code http://127.0.0.1:8123}
     * @param targetRoot the data folder to write into
     */
    public Downloader(HttpClient client, String baseUrl, Path targetRoot) {
        this.client = client;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.targetRoot = targetRoot;
    }

    /** A downloader to GitHub with a 30 s connect timeout that follows redirects. */
    public static Downloader toFolder(Path targetRoot) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        return new Downloader(client, GITHUB_RAW, targetRoot);
    }

    /** The download URL for an entry, empty when its source is not a GitHub file (nothing to download). */
    public Optional<URI> url(CatalogEntry entry) {
        Matcher matcher = GITHUB_SOURCE.matcher(entry.source());
        if (!entry.publiclyAvailable() || !matcher.matches()) {
            return Optional.empty();
        }
        StringBuilder url = new StringBuilder(baseUrl).append('/').append(matcher.group(1)).append('/')
                .append(matcher.group(2)).append('/').append(matcher.group(3));
        for (String segment : matcher.group(4).split("/")) {
            url.append('/').append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return Optional.of(URI.create(url.toString()));
    }

    /** What happened to one file. */
    public enum Outcome {
        /** Downloaded, verified and moved into place. */
        DOWNLOADED,
        /** A verified copy was already in the target folder; nothing was written. */
        ALREADY_PRESENT
    }

    /**
     * Downloads one file unless a verified copy is already in the target folder.
     *
     * @throws DataException when there is no public source, the server fails, the transfer is cut short, the bytes
     *                       do not match the catalog, or a different file is already at the target path
     */
    public Outcome fetch(CatalogEntry entry) {
        Path target = targetRoot.resolve(entry.path());
        if (Files.exists(target)) {
            String actual = DataFiles.sha256(target);
            if (actual.equals(entry.sha256())) {
                return Outcome.ALREADY_PRESENT;
            }
            throw new DataException("Not downloading " + entry.path() + ": " + target + " already exists and is a"
                    + " different file (sha256 " + actual + ", expected " + entry.sha256() + "). Nothing was"
                    + " overwritten; move it away and fetch again.");
        }
        URI uri = url(entry).orElseThrow(() -> new DataException("There is no public download for " + entry.path()
                + " (data set '" + entry.name() + "', source: " + entry.source() + "). Copy it from your course"
                + " download into " + target + "."));
        Path temporary = null;
        try {
            Files.createDirectories(target.getParent());
            temporary = Files.createTempFile(target.getParent(), "." + entry.fileName() + ".", ".part");
            download(entry, uri, temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return Outcome.DOWNLOADED;
        } catch (FileAlreadyExistsException e) {
            throw new DataException("Not replacing " + target + ", which appeared during the download.", e);
        } catch (IOException e) {
            throw new DataException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Best effort: the temporary name starts with a dot and ends in .part.
                }
            }
        }
    }

    private void download(CatalogEntry entry, URI uri, Path temporary) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(10)).GET().build();
        HttpResponse<InputStream> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new DataException("Download of " + entry.path() + " from " + uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataException("Download of " + entry.path() + " was interrupted.", e);
        }
        long received = 0;
        MessageDigest digest = sha256Digest();
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new DataException("Download of " + entry.path() + " from " + uri + " failed: HTTP "
                        + response.statusCode() + ". Nothing was written.");
            }
            try (OutputStream out = Files.newOutputStream(temporary)) {
                byte[] buffer = new byte[1 << 16];
                for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
                    out.write(buffer, 0, read);
                    digest.update(buffer, 0, read);
                    received += read;
                }
            }
        } catch (IOException e) {
            throw new DataException("Download of " + entry.path() + " from " + uri + " was cut off after " + received
                    + " of " + entry.bytes() + " bytes (" + e.getMessage() + "). Nothing was written; run the"
                    + " fetch again.", e);
        }
        if (received != entry.bytes()) {
            throw new DataException("Download of " + entry.path() + " from " + uri + " gave " + received
                    + " bytes, the catalog expects " + entry.bytes() + ". Nothing was written.");
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(entry.sha256())) {
            throw new DataException("Download of " + entry.path() + " from " + uri + " does not match the catalog:\n"
                    + "  expected sha256: " + entry.sha256() + "\n  actual sha256:   " + actual
                    + "\nThe source may have changed or served a Git-LFS pointer. Nothing was written.");
        }
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256", e);
        }
    }
}
