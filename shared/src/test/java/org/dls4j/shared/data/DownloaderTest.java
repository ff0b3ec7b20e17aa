package org.dls4j.shared.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Downloads against a local HTTP server on 127.0.0.1 (there is no outside network in tests). */
@org.junit.jupiter.api.Timeout(60)
class DownloaderTest {
    private static final byte[] CONTENT = "x1,x2,y\n0.5,0.25,1\n-1.5,2.0,0\n".getBytes(StandardCharsets.UTF_8);
    private static final String SOURCE_PATH = "some folder/tiny data.csv";
    private static final String URL_PATH = "/owner/repo/0123456789abcdef0123456789abcdef01234567/some%20folder/tiny%20data.csv";

    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private HttpServer server;
    private String baseUrl;

    @TempDir
    Path target;

    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            Handler handler = handlers.get(exchange.getRequestURI().getRawPath());
            try {
                if (handler == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    handler.handle(exchange);
                }
            } finally {
                exchange.close();
            }
        });
        server.start();
        baseUrl = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private static CatalogEntry entry(byte[] expected) {
        return new CatalogEntry("tiny", "tiny/tiny.csv", expected.length, DataFiles.sha256Of(expected),
                "github owner/repo @ 0123456789abcdef0123456789abcdef01234567 : " + SOURCE_PATH, true);
    }

    private Downloader downloader() {
        return new Downloader(baseUrl, target);
    }

    private void serve(byte[] body) {
        handlers.put(URL_PATH, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    @Test
    void buildsTheRawGithubUrlFromTheManifestSource() {
        Downloader github = Downloader.toFolder(target);
        CatalogEntry cats = SharedData.entry("cats/train_catvnoncat.h5");
        assertEquals("https://raw.githubusercontent.com/Kulbear/deep-learning-coursera/"
                        + "8ef9dd4fd4a627217d4ff31e63b661dbb3db9150/Neural%20Networks%20and%20Deep%20Learning/datasets/"
                        + "train_catvnoncat.h5", github.url(cats).orElseThrow().toString());
        assertTrue(github.url(SharedData.entry("signs/train_signs.h5")).isEmpty());
        assertTrue(github.url(SharedData.entry("generated/moons.csv")).isEmpty());
    }

    @Test
    void downloadsVerifiesAndMovesIntoPlace() throws IOException {
        serve(CONTENT);
        assertEquals(Downloader.Outcome.DOWNLOADED, downloader().fetch(entry(CONTENT)));
        assertArrayEquals(CONTENT, Files.readAllBytes(target.resolve("tiny/tiny.csv")));
        assertEquals(List.of("tiny.csv"), fileNames(target.resolve("tiny")));
        assertEquals(Downloader.Outcome.ALREADY_PRESENT, downloader().fetch(entry(CONTENT)));
    }

    @Test
    void aWrongHashLeavesNoFileAndShowsBothHashes() throws IOException {
        byte[] other = CONTENT.clone();
        other[9] = '7';
        serve(other);
        String message = assertThrows(DataException.class, () -> downloader().fetch(entry(CONTENT))).getMessage();
        assertTrue(message.contains("expected sha256: " + DataFiles.sha256Of(CONTENT)), message);
        assertTrue(message.contains("actual sha256:   " + DataFiles.sha256Of(other)), message);
        assertTrue(message.contains("Nothing was written"), message);
        assertEquals(List.of(), fileNames(target.resolve("tiny")));
    }

    @Test
    void anInterruptedTransferLeavesNoFinalOrTemporaryFile() throws Exception {
        // A bare socket server: it promises the whole file in Content-Length, sends 10 bytes and hangs up.
        try (ServerSocket cutter = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread serverThread = new Thread(() -> {
                try (Socket socket = cutter.accept()) {
                    BufferedReader request = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                    for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
                        // read the request headers
                    }
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + CONTENT.length + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(CONTENT, 0, 10);
                    out.flush();
                } catch (IOException ignored) {
                    // the test checks the client side
                }
            });
            serverThread.start();
            Downloader cutOff = new Downloader("http://127.0.0.1:" + cutter.getLocalPort(), target);
            String message = assertThrows(DataException.class, () -> cutOff.fetch(entry(CONTENT))).getMessage();
            serverThread.join(10_000);
            assertTrue(message.contains("cut off after 10 of " + CONTENT.length + " bytes"), message);
            assertTrue(message.contains("Nothing was written"), message);
            assertEquals(List.of(), fileNames(target.resolve("tiny")));
        }
    }

    @Test
    void aServerErrorSaysSo() throws IOException {
        String message = assertThrows(DataException.class, () -> downloader().fetch(entry(CONTENT))).getMessage();
        assertTrue(message.contains("HTTP 404") && message.contains(URL_PATH), message);
        assertEquals(List.of(), fileNames(target.resolve("tiny")));
    }

    @Test
    void anExistingDifferentFileIsNeverOverwritten() throws IOException {
        serve(CONTENT);
        Path existing = DataFilesTest.write(target, "tiny/tiny.csv", "mine".getBytes(StandardCharsets.UTF_8));
        String message = assertThrows(DataException.class, () -> downloader().fetch(entry(CONTENT))).getMessage();
        assertTrue(message.contains("Nothing was overwritten"), message);
        assertEquals("mine", Files.readString(existing));
    }

    @Test
    void theFetchCommandDownloadsADataSetByName(@TempDir Path emptyShared) {
        serve(CONTENT);
        DataFiles files = SharedData.files(Catalog.of(List.of(entry(CONTENT))), target, emptyShared);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new DataCommand(files)).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute("fetch", "tiny", "--to", target.toString(), "--base-url", baseUrl);
        assertEquals(0, exitCode, err.toString());
        assertTrue(out.toString().contains("downloaded  tiny/tiny.csv"), out.toString());
        assertTrue(Files.isRegularFile(target.resolve("tiny/tiny.csv")));
        assertEquals(CONTENT.length, files.require("tiny/tiny.csv").toFile().length());

        StringWriter again = new StringWriter();
        new CommandLine(new DataCommand(files)).setOut(new PrintWriter(again))
                .execute("fetch", "tiny", "--to", target.toString(), "--base-url", baseUrl);
        assertTrue(again.toString().contains("present     tiny/tiny.csv"), again.toString());
    }

    /**
     * A bare socket server on 127.0.0.1: reads one request, sends the headers of a 200 answer that promises
     * {@code announced} bytes, then {@code body}, then keeps the connection open (sending one more byte every
     * {@code trickleMillis} when that is positive) until closed.
     */
    private static final class StallingServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        StallingServer(long announced, byte[] body, long trickleMillis) throws IOException {
            socket = new ServerSocket(0, 5, InetAddress.getByName("127.0.0.1"));
            thread = new Thread(() -> {
                try (Socket client = socket.accept()) {
                    BufferedReader request = new BufferedReader(
                            new InputStreamReader(client.getInputStream(), StandardCharsets.ISO_8859_1));
                    for (String line = request.readLine(); line != null && !line.isEmpty(); line = request.readLine()) {
                        // read the request headers
                    }
                    OutputStream out = client.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + announced + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                    while (!socket.isClosed()) {
                        Thread.sleep(trickleMillis > 0 ? trickleMillis : 50);
                        if (trickleMillis > 0) {
                            out.write('x');
                            out.flush();
                        }
                    }
                } catch (IOException | InterruptedException ignored) {
                    // the test checks the client side
                }
            }, "stalling-server");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
            thread.interrupt();
        }
    }

    @Test
    void aServerThatStopsSendingTimesOutAndLeavesNothing() throws Exception {
        try (StallingServer stalled = new StallingServer(CONTENT.length, java.util.Arrays.copyOf(CONTENT, 10), 0)) {
            Downloader impatient = new Downloader(stalled.url(), stalled.url(), target, Duration.ofSeconds(5),
                    Duration.ofMillis(500), DownloadProgress.NONE);
            long start = System.nanoTime();
            String message = assertThrows(DataException.class, () -> impatient.fetch(entry(CONTENT))).getMessage();
            assertTrue(System.nanoTime() - start < 20_000_000_000L, "gave up within the read timeout");
            assertTrue(message.contains("stalled: no data for 0.5 s after 10 of " + CONTENT.length + " bytes"),
                    message);
            assertTrue(message.contains("check your internet connection"), message);
            assertEquals(List.of(), fileNames(target.resolve("tiny")));
        }
    }

    @Test
    void anInterruptedDownloadLeavesNoPartFile() throws Exception {
        try (StallingServer trickle = new StallingServer(1_000_000, new byte[] {'x'}, 20)) {
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread download = new Thread(() -> {
                try {
                    new Downloader(trickle.url(), target).fetch(entry(CONTENT));
                } catch (Throwable e) {
                    thrown.set(e);
                }
            });
            download.start();
            assertTrue(waitForPartFile(target.resolve("tiny")), "a .part file while the transfer runs");
            download.interrupt();
            download.join(20_000);
            assertFalse(download.isAlive());
            assertTrue(thrown.get() instanceof DataException, String.valueOf(thrown.get()));
            assertTrue(thrown.get().getMessage().contains("was interrupted"), thrown.get().getMessage());
            assertEquals(List.of(), fileNames(target.resolve("tiny")));
        }
    }

    @Test
    void stoppingTheJvmMidDownloadLeavesNoPartFile() throws Exception {
        try (StallingServer stalled = new StallingServer(CONTENT.length, java.util.Arrays.copyOf(CONTENT, 10), 0)) {
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    DownloadChild.class.getName(), stalled.url(), target.toString(), String.valueOf(CONTENT.length),
                    DataFiles.sha256Of(CONTENT)).redirectErrorStream(true)
                    .redirectOutput(target.resolve("child.log").toFile()).start();
            try {
                assertTrue(waitForPartFile(target.resolve("tiny")), "a .part file while the child downloads: "
                        + Files.readString(target.resolve("child.log")));
                child.destroy(); // SIGTERM: the JVM runs its shutdown hooks, as for Ctrl-C (SIGINT)
                assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            } finally {
                child.destroyForcibly();
            }
            assertEquals(List.of(), fileNames(target.resolve("tiny")));
        }
    }

    @Test
    void aConnectionFailureNamesTheUrlAndTheRestOfTheBatchIsNotTried() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = probe.getLocalPort();
        }
        Downloader nowhere = new Downloader("http://127.0.0.1:" + closedPort, target);
        CatalogEntry other = new CatalogEntry("tiny", "tiny/other.csv", CONTENT.length, DataFiles.sha256Of(CONTENT),
                "github owner/repo @ 0123456789abcdef0123456789abcdef01234567 : other.csv", true);
        List<Downloader.Result> results = nowhere.fetchAll(List.of(entry(CONTENT), other));
        String message = results.get(0).error().getMessage();
        assertTrue(message.contains("check your internet connection"), message);
        assertTrue(message.contains("http://127.0.0.1:" + closedPort + URL_PATH), message);
        assertTrue(results.get(0).connectionFailed() && results.get(1).connectionFailed());
        assertTrue(results.get(1).error().getMessage().contains("an earlier download could not connect"),
                results.get(1).error().getMessage());
        assertEquals(List.of(), fileNames(target.resolve("tiny")));
    }

    @Test
    void npmFilesComeOutOfThePackageTarballDownloadedOnce() throws IOException {
        byte[] model = "weights of a small model".getBytes(StandardCharsets.UTF_8);
        byte[] licence = "MIT licence text".getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream tgz = new java.io.ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(tgz))) {
            for (Map.Entry<String, byte[]> file : Map.of("package/LICENSE", licence, "package/model/m.bin", model,
                    "package/README.md", new byte[100]).entrySet()) {
                TarArchiveEntry item = new TarArchiveEntry(file.getKey());
                item.setSize(file.getValue().length);
                tar.putArchiveEntry(item);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        handlers.put("/@scope/pkg/-/pkg-1.2.3.tgz", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, tgz.size());
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(tgz.toByteArray());
            }
        });
        CatalogEntry modelEntry = new CatalogEntry("pkg", "pkg/m.bin", model.length, DataFiles.sha256Of(model),
                "npm @scope/pkg@1.2.3 : package/model/m.bin", true);
        CatalogEntry licenceEntry = new CatalogEntry("pkg", "pkg/LICENSE-pkg.txt", licence.length,
                DataFiles.sha256Of(licence), "npm @scope/pkg@1.2.3 : package/LICENSE", true);
        assertEquals(baseUrl + "/@scope/pkg/-/pkg-1.2.3.tgz", downloader().url(modelEntry).orElseThrow().toString());

        List<Downloader.Result> results = downloader().fetchAll(List.of(modelEntry, licenceEntry));
        assertEquals(List.of(Downloader.Outcome.DOWNLOADED, Downloader.Outcome.DOWNLOADED),
                results.stream().map(Downloader.Result::outcome).toList(), String.valueOf(results));
        assertEquals(1, requests.get());
        assertArrayEquals(model, Files.readAllBytes(target.resolve("pkg/m.bin")));
        assertArrayEquals(licence, Files.readAllBytes(target.resolve("pkg/LICENSE-pkg.txt")));
        assertEquals(List.of("LICENSE-pkg.txt", "m.bin"), fileNames(target.resolve("pkg")));
    }

    @Test
    void theFaceApiFilesComeFromTheNpmRegistryTarball() {
        CatalogEntry faceapi = SharedData.entry("faceapi/face_recognition_model.bin");
        assertTrue(Downloader.downloadable(faceapi));
        assertEquals("https://registry.npmjs.org/@vladmandic/face-api/-/face-api-1.7.15.tgz",
                Downloader.toFolder(target).url(faceapi).orElseThrow().toString());
        CatalogEntry glove = SharedData.entry("glove/glove.6B.100d.top50k.txt.gz");
        assertFalse(Downloader.downloadable(glove));
        assertTrue(Downloader.whyNotDownloadable(glove).contains("cannot be downloaded automatically"));
    }

    @Test
    void fetchingAGeneratedDataSetExplainsInsteadOfDownloading(@TempDir Path emptyShared) {
        DataFiles files = SharedData.files(Catalog.bundled(), target, emptyShared);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new DataCommand(files)).setOut(new PrintWriter(out))
                .setErr(new PrintWriter(err)).execute("fetch", "planar", "--to", target.toString(), "--base-url", baseUrl);
        assertEquals(0, exitCode, err.toString());
        assertTrue(out.toString().contains("generated   generated/planar_flower.csv")
                && out.toString().contains("generated/README.md"), out.toString());
        assertFalse(Files.exists(target.resolve("generated")));
    }

    private static boolean waitForPartFile(Path folder) throws IOException, InterruptedException {
        for (int i = 0; i < 400; i++) {
            if (fileNames(folder).stream().anyMatch(name -> name.endsWith(".part"))) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static List<String> fileNames(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

}
