package org.dls4j.shared.data;

import java.nio.file.Paths;

/**
 * A JVM of its own that downloads one file, for {@link DownloaderTest}'s Ctrl-C test: the test stops it mid-transfer
 * and checks that the shutdown hook removed the temporary {@code .part} file.
 *
 * <p>Arguments: base URL, target folder, expected size, expected sha256.
 */
public final class DownloadChild {
    private DownloadChild() {
    }

    public static void main(String[] args) {
        CatalogEntry entry = new CatalogEntry("tiny", "tiny/tiny.csv", Long.parseLong(args[2]), args[3],
                "github owner/repo @ 0123456789abcdef0123456789abcdef01234567 : some folder/tiny data.csv", true);
        System.out.println("starting");
        new Downloader(args[0], Paths.get(args[1])).fetch(entry);
    }
}
