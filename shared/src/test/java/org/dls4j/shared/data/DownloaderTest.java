package org.dls4j.shared.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
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
        return new Downloader(HttpClient.newHttpClient(), baseUrl, target);
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
            Downloader cutOff = new Downloader(HttpClient.newHttpClient(),
                    "http://127.0.0.1:" + cutter.getLocalPort(), target);
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

    private static List<String> fileNames(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }

}
