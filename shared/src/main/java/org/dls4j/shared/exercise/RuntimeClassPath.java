package org.dls4j.shared.exercise;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * The class path of this JVM as a list of files, with the {@code Class-Path} of manifest-only jars (Surefire's
 * booter jar) expanded: what the workspace compiles against, the same classes the grader then runs with.
 */
final class RuntimeClassPath {

    private RuntimeClassPath() {
    }

    /** Every entry of {@code java.class.path} that exists, manifest class paths expanded, without repeats. */
    static List<Path> entries() {
        Set<Path> entries = new LinkedHashSet<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                add(Path.of(entry).toAbsolutePath().normalize(), entries);
            }
        }
        return new ArrayList<>(entries);
    }

    /** The entries joined for {@code javac -classpath}. */
    static String joined() {
        return String.join(File.pathSeparator, entries().stream().map(Path::toString).toList());
    }

    private static void add(Path entry, Set<Path> entries) {
        if (!Files.exists(entry) || !entries.add(entry) || !entry.toString().endsWith(".jar")) {
            return;
        }
        try (JarFile jar = new JarFile(entry.toFile())) {
            Manifest manifest = jar.getManifest();
            String classPath = manifest == null ? null : manifest.getMainAttributes().getValue("Class-Path");
            if (classPath == null) {
                return;
            }
            URI base = entry.toUri();
            for (String item : classPath.trim().split("\\s+")) {
                if (!item.isEmpty()) {
                    add(Path.of(base.resolve(item)).normalize(), entries);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the class path entry " + entry, e);
        } catch (IllegalArgumentException e) {
            // a Class-Path item that is not a file URI: javac would ignore it too
        }
    }
}
