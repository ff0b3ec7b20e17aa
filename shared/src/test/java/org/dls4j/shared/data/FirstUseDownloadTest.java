package org.dls4j.shared.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link DataFiles#require} downloads a missing file on first use, from a local server on 127.0.0.1. */
@org.junit.jupiter.api.Timeout(60)
class FirstUseDownloadTest {
    private static final byte[] CONTENT = "x1,x2,y\n0.5,0.25,1\n".getBytes(StandardCharsets.UTF_8);
    private static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
    private static final CatalogEntry TINY = new CatalogEntry("tiny", "tiny/tiny.csv", CONTENT.length,
            DataFiles.sha256Of(CONTENT), "github owner/repo @ " + COMMIT + " : tiny.csv", true);
    private static final CatalogEntry OTHER = new CatalogEntry("tiny", "tiny/other.csv", CONTENT.length,
            DataFiles.sha256Of(CONTENT), "github owner/repo @ " + COMMIT + " : other.csv", true);

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private String baseUrl;

    @TempDir
    Path shared;
    @TempDir
    Path project;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/owner/repo/" + COMMIT + "/", exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                if (exchange.getRequestURI().getPath().endsWith("/missing.csv")) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, CONTENT.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(CONTENT);
                }
            }
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        System.clearProperty(DataFiles.OFFLINE_PROPERTY);
    }

    /**
     * Read-only-like shared folder first, the project's datasets/ second (where downloads go); online whatever
     * DLS_OFFLINE says, so these tests also run where it is set.
     */
    private DataFiles files(String url, CatalogEntry... entries) {
        return files(url, () -> false, entries);
    }

    private DataFiles files(String url, java.util.function.BooleanSupplier offline, CatalogEntry... entries) {
        Path datasets = project.resolve("datasets");
        DataLocator locator = DataLocator.of(List.of(new DataLocator.SearchRoot(shared, "shared data"),
                new DataLocator.SearchRoot(datasets, "project datasets/ folder")), datasets);
        return new DataFiles(Catalog.of(List.of(entries)), locator, VerificationCache.disabled(),
                folder -> new Downloader(url, folder), offline);
    }

    @Test
    void aMissingFileIsDownloadedIntoTheProjectOnFirstUseAndThenFound() throws IOException {
        DataFiles files = files(baseUrl, TINY);
        Path file = files.require(TINY.path());
        assertEquals(project.resolve("datasets").resolve(TINY.path()), file);
        assertArrayEquals(CONTENT, Files.readAllBytes(file));
        assertEquals(1, requests.get());
        assertEquals(file, files.require(TINY.path()));
        assertEquals(1, requests.get(), "found the second time, not downloaded again");
        assertEquals(List.of("tiny.csv"), List.of(file.getParent().toFile().list()));
    }

    @Test
    void offlineModeDownloadsNothingAndSaysSo() {
        System.setProperty(DataFiles.OFFLINE_PROPERTY, "true");
        assertTrue(DataFiles.offline());
        String message = assertThrows(DataException.class,
                () -> files(baseUrl, DataFiles::offline, TINY).require(TINY.path())).getMessage();
        assertEquals(0, requests.get());
        assertTrue(message.contains("tiny/tiny.csv was not found") && message.contains("offline mode"), message);
        assertTrue(message.contains(shared.toString()) && message.contains("./dls data fetch tiny"), message);
    }

    @Test
    void aFailedDownloadEndsInTheMissingFileMessage() {
        CatalogEntry missing = new CatalogEntry("tiny", "tiny/missing.csv", 3, DataFiles.sha256Of(new byte[3]),
                "github owner/repo @ " + COMMIT + " : missing.csv", true);
        String message = assertThrows(DataException.class, () -> files(baseUrl, missing).require(missing.path()))
                .getMessage();
        assertTrue(message.contains("tiny/missing.csv was not found"), message);
        assertTrue(message.contains("The automatic download failed") && message.contains("HTTP 404"), message);
        assertTrue(message.contains("./dls data fetch tiny"), message);
        assertFalse(Files.exists(project.resolve("datasets/tiny/missing.csv")));
    }

    @Test
    void afterAConnectionFailureLaterFilesAreNotTried() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        DataFiles files = files("http://127.0.0.1:" + closedPort, TINY, OTHER);
        String first = assertThrows(DataException.class, () -> files.require(TINY.path())).getMessage();
        assertTrue(first.contains("check your internet connection") && first.contains("127.0.0.1:" + closedPort),
                first);
        String second = assertThrows(DataException.class, () -> files.require(OTHER.path())).getMessage();
        assertTrue(second.contains("an earlier download in this run could not connect"), second);
        assertTrue(second.contains("tiny/other.csv was not found"), second);
    }

    @Test
    void generatedDataIsNeitherDownloadedNorSuggestedForFetch() {
        CatalogEntry planar = SharedData.entry("generated/planar_flower.csv");
        String message = assertThrows(DataException.class, () -> files(baseUrl, planar).require(planar.path()))
                .getMessage();
        assertEquals(0, requests.get());
        assertTrue(message.contains("generated/planar_flower.csv was not found"), message);
        assertTrue(message.contains("generated, not downloaded") && message.contains("generated/README.md"), message);
        assertFalse(message.contains("./dls data fetch"), message);
    }

    @Test
    void aGitLfsPointerCountsAsAbsentSoTheRealFileIsDownloaded() throws IOException {
        DataFilesTest.write(shared, TINY.path(), DataFilesTest.lfsPointer(TINY).getBytes(StandardCharsets.UTF_8));
        Path file = files(baseUrl, TINY).require(TINY.path());
        assertEquals(project.resolve("datasets").resolve(TINY.path()), file);
        assertEquals(1, requests.get());
    }
}
