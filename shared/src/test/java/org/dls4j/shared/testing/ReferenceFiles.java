package org.dls4j.shared.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds {@code ../shared/reference} (the notebooks' printed values and numpy's own RNG vectors) beside the project
 * root, from whichever module directory a test runs in.
 */
public final class ReferenceFiles {

    private ReferenceFiles() {
    }

    /** The project root: the nearest directory upwards from {@code user.dir} holding the parent pom. */
    public static Path projectRoot() {
        Path dir = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("shared"))
                    && Files.isDirectory(p.resolve("course1-nn-basics"))) {
                return p;
            }
        }
        throw new IllegalStateException("No dls4j project root above " + dir);
    }

    /** A file of {@code ../shared/reference}, e.g. {@code numpy-rng-vectors.json}. */
    public static Path reference(String name) {
        Path file = projectRoot().resolveSibling("shared").resolve("reference").resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("Reference file not found: " + file);
        }
        return file;
    }
}
