package org.dls4j.shared.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A Git-LFS pointer file found where a data file should be: a few lines of text such as
 * <pre>
 * version https://git-lfs.github.com/spec/v1
 * oid sha256:47480709d99f...
 * size 13281872
 * </pre>
 * that a repository using Git LFS keeps in place of the real file. Cloning or downloading such a repository without
 * {@code git lfs} gives these stubs instead of the data; the loaders treat them as absent.
 *
 * @param file the pointer file
 * @param oid  the sha256 of the real file, or empty when the pointer does not say
 * @param size the size of the real file in bytes, or -1 when the pointer does not say
 */
public record LfsPointer(Path file, String oid, long size) {
    /** Pointer files are small; the specification caps them at 1024 bytes. */
    private static final int MAX_BYTES = 1024;
    private static final String VERSION_PREFIX = "version https://git-lfs.github.com/spec/";

    /** The pointer in {@code file}, or empty when it is not one (any file over 1 KiB is not). */
    public static Optional<LfsPointer> read(Path file) {
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
            if (!text.startsWith(VERSION_PREFIX)) {
                return Optional.empty();
            }
            String oid = "";
            long size = -1;
            for (String line : text.split("\n")) {
                String trimmed = line.trim();
                if (trimmed.startsWith("oid sha256:")) {
                    oid = trimmed.substring("oid sha256:".length()).trim();
                } else if (trimmed.startsWith("size ")) {
                    try {
                        size = Long.parseLong(trimmed.substring(5).trim());
                    } catch (NumberFormatException e) {
                        size = -1;
                    }
                }
            }
            return Optional.of(new LfsPointer(file, oid, size));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** What this file is and what to do about it, for a warning or a missing-file message. */
    public String describe(CatalogEntry entry) {
        String target = size >= 0 ? "the real " + size + "-byte file" : "the real file";
        String match;
        if (oid.equals(entry.sha256())) {
            match = "; it points at exactly the catalog's file";
        } else if (!oid.isEmpty()) {
            match = "; it points at sha256 " + oid + ", not the catalog's " + entry.sha256();
        } else {
            match = "";
        }
        return file + " is a Git-LFS pointer file, not the data (data set '" + entry.name() + "'): a short text stub"
                + " that stands for " + target + match + ". It came from a repository that keeps its data in Git"
                + " LFS, copied without `git lfs`. It is treated as absent; replace it with the real file (run"
                + " `git lfs pull` in the repository it came from, or copy it from your course download).";
    }
}
