package org.dls4j.shared.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Finds the project root from whichever module directory a test runs in. (Reference values the tests compare against
 * are test resources on the classpath; nothing here reads {@code ../shared}.)
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
}
