package org.dls4j.shared.exercise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;

/**
 * Compiles a workspace's {@code src/main/java} in this JVM with the JDK's compiler, against this JVM's class path
 * (so against the project's classes, which the workspace's own replace).
 */
final class WorkspaceCompiler {

    /**
     * What the compiler did.
     *
     * @param errors one line per error, {@code src/main/java/.../X.java:12: error: ...}, empty when it compiled
     * @param classNames the binary names of the classes it wrote
     */
    record Compilation(List<String> errors, List<String> classNames) {
        boolean compiled() {
            return errors.isEmpty();
        }
    }

    private WorkspaceCompiler() {
    }

    /** The workspace's source folder. */
    static Path sources(Path workspace) {
        return workspace.resolve("src/main/java");
    }

    /**
     * Compiles every {@code .java} file under {@code workspace/src/main/java} into {@code classes}.
     *
     * @throws ExerciseException when the workspace holds no Java source
     */
    static Compilation compile(Path workspace, Path classes) {
        List<Path> files = javaFiles(sources(workspace));
        if (files.isEmpty()) {
            throw new ExerciseException("No Java sources under " + sources(workspace) + ".");
        }
        JavaCompiler javac = GradedSource.javac();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", classes.toString(), "-classpath", RuntimeClassPath.joined(),
                    "-proc:none", "-g", "-nowarn", "-encoding", "UTF-8", "-Xlint:none");
            boolean ok = javac.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) {
                    errors.add(where(workspace, d) + ": error: " + d.getMessage(Locale.ROOT).lines().findFirst()
                            .orElse(""));
                }
            }
            if (!ok && errors.isEmpty()) {
                errors.add("the compiler failed without saying why");
            }
            return new Compilation(List.copyOf(errors), ok ? classNames(classes) : List.of());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String where(Path workspace, Diagnostic<? extends JavaFileObject> d) {
        if (d.getSource() == null) {
            return "javac";
        }
        Path file = Path.of(d.getSource().toUri());
        Path shown = file.startsWith(workspace) ? workspace.relativize(file) : file;
        return shown + ":" + d.getLineNumber();
    }

    static List<Path> javaFiles(Path root) {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(".java") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> classNames(Path classes) {
        try (Stream<Path> walk = Files.walk(classes)) {
            return walk.filter(p -> p.toString().endsWith(".class")).map(p -> {
                String relative = classes.relativize(p).toString();
                return relative.substring(0, relative.length() - ".class".length()).replace(p.getFileSystem()
                        .getSeparator(), ".");
            }).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
