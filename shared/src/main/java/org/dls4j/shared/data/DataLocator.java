package org.dls4j.shared.data;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one place that knows where data files live.
 *
 * <p>Search order, first folder that has the file wins:
 * <ol>
 *   <li>{@code -Ddls.data=DIR} or, if that is not set, the environment variable {@code DLS_DATA} (a warning on
 *       stderr when that folder does not exist);</li>
 *   <li>the project's {@code datasets/} folder; the project root is {@code -Ddls.project=DIR} (set by {@code ./dls},
 *       so it works when started by absolute path from any folder) or else found by walking up from the working
 *       directory (so a run from a module folder or an IDE works) to the folder that has {@code datasets/catalog.tsv}
 *       or the {@code dls4j-parent} {@code pom.xml};</li>
 *   <li>{@code ../shared/datasets} beside the project root (the read-only shared copy).</li>
 * </ol>
 * Downloads go to the {@link #downloadFolder() first writable data folder}: the project's {@code datasets/}.
 */
public final class DataLocator {
    /** System property that names a data folder searched first. */
    public static final String PROPERTY = "dls.data";
    /** Environment variable that names a data folder searched first (when the property is not set). */
    public static final String ENVIRONMENT = "DLS_DATA";
    /** System property naming the project root ({@code ./dls} sets it); searched for upwards when absent. */
    public static final String PROJECT_PROPERTY = "dls.project";

    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    /** A folder searched for data files, with the reason it is searched (shown in messages). */
    public record SearchRoot(Path directory, String origin) {
        @Override
        public String toString() {
            return directory + "  (" + origin + ")";
        }
    }

    private final List<SearchRoot> roots;
    private final Path projectDatasets;
    private final List<String> warnings;

    private DataLocator(List<SearchRoot> roots, Path projectDatasets, List<String> warnings) {
        this.roots = List.copyOf(roots);
        this.projectDatasets = projectDatasets;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * The locator for this JVM: system property, environment, then the project ({@code -Ddls.project} or found
     * from {@code user.dir}). Its warnings (a configured data folder that does not exist) go to stderr, once per JVM.
     */
    public static DataLocator fromEnvironment() {
        DataLocator locator = from(System.getProperties().getProperty(PROPERTY), System.getenv(),
                Paths.get(System.getProperty("user.dir")), System.getProperty(PROJECT_PROPERTY));
        locator.printWarningsOnce(System.err);
        return locator;
    }

    /** The locator for an explicit property value, environment and working directory (tests). */
    static DataLocator from(String propertyValue, Map<String, String> environment, Path workingDirectory) {
        return from(propertyValue, environment, workingDirectory, null);
    }

    /** As {@link #from(String, Map, Path)}, with the value of {@code -Ddls.project} (may be null). */
    static DataLocator from(String propertyValue, Map<String, String> environment, Path workingDirectory,
            String projectValue) {
        List<SearchRoot> roots = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (propertyValue != null && !propertyValue.isBlank()) {
            roots.add(new SearchRoot(absolute(Paths.get(propertyValue)), "-D" + PROPERTY));
        } else {
            String fromEnvironment = environment.get(ENVIRONMENT);
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                roots.add(new SearchRoot(absolute(Paths.get(fromEnvironment)), "$" + ENVIRONMENT));
            }
        }
        if (!roots.isEmpty() && !Files.isDirectory(roots.get(0).directory())) {
            SearchRoot configured = roots.get(0);
            warnings.add(configured.origin() + " names the data folder " + configured.directory()
                    + ", which does not exist (or is not a folder); no data can be found there. Fix or unset "
                    + configured.origin() + ".");
        }
        Optional<Path> projectRoot = Optional.empty();
        if (projectValue != null && !projectValue.isBlank()) {
            Path named = absolute(Paths.get(projectValue));
            if (isProjectRoot(named)) {
                projectRoot = Optional.of(named);
            } else {
                warnings.add("-D" + PROJECT_PROPERTY + "=" + projectValue + " is not a dls4j project (it has neither"
                        + " datasets/catalog.tsv nor the dls4j-parent pom.xml); searching upwards from "
                        + workingDirectory + " instead.");
            }
        }
        if (projectRoot.isEmpty()) {
            projectRoot = findProjectRoot(absolute(workingDirectory));
        }
        Path datasets = null;
        if (projectRoot.isPresent()) {
            datasets = projectRoot.get().resolve("datasets");
            roots.add(new SearchRoot(datasets, "project datasets/ folder"));
            Path parent = projectRoot.get().getParent();
            if (parent != null) {
                roots.add(new SearchRoot(parent.resolve("shared").resolve("datasets"),
                        "shared data beside the project"));
            }
        }
        return new DataLocator(roots, datasets, warnings);
    }

    /**
     * A locator over exactly these folders, in this order (tests, tools).
     *
     * @param projectDatasets where downloads go; may be null when there is none
     */
    public static DataLocator of(List<SearchRoot> roots, Path projectDatasets) {
        return new DataLocator(roots, projectDatasets, List.of());
    }

    /** Problems with the configured folders, e.g. a {@code DLS_DATA} that does not exist. */
    public List<String> warnings() {
        return warnings;
    }

    /** Prints each warning to {@code err} unless this JVM printed it before. */
    void printWarningsOnce(PrintStream err) {
        for (String warning : warnings) {
            if (WARNED.add(warning)) {
                err.println("dls: warning: " + warning);
            }
        }
    }

    /** The folders searched, in order. */
    public List<SearchRoot> roots() {
        return roots;
    }

    /** The project's {@code datasets/} folder, where {@code fetch} writes; empty when no project was found. */
    public Optional<Path> projectDatasets() {
        return Optional.ofNullable(projectDatasets);
    }

    /** The first existing regular file with this relative path, searching the roots in order. */
    public Optional<Path> find(String relativePath) {
        return findAll(relativePath).stream().findFirst();
    }

    /** Every existing regular file with this relative path, in search order. */
    public List<Path> findAll(String relativePath) {
        String normalized = Catalog.normalize(relativePath);
        List<Path> found = new ArrayList<>();
        for (SearchRoot root : roots) {
            Path candidate = root.directory().resolve(normalized);
            if (Files.isRegularFile(candidate)) {
                found.add(candidate);
            }
        }
        return found;
    }

    /**
     * Where downloads go: the project's {@code datasets/} folder when it exists and is writable (or can be
     * created), else the first existing, writable search folder; empty when there is none (e.g. only read-only
     * shared data).
     */
    public Optional<Path> downloadFolder() {
        if (projectDatasets != null && writableOrCreatable(projectDatasets)) {
            return Optional.of(projectDatasets);
        }
        for (SearchRoot root : roots) {
            if (Files.isDirectory(root.directory()) && Files.isWritable(root.directory())) {
                return Optional.of(root.directory());
            }
        }
        return Optional.empty();
    }

    private static boolean writableOrCreatable(Path folder) {
        if (Files.isDirectory(folder)) {
            return Files.isWritable(folder);
        }
        Path parent = folder.getParent();
        return !Files.exists(folder) && parent != null && Files.isDirectory(parent) && Files.isWritable(parent);
    }

    /** The searched folders, one per line, for messages. */
    public String describeRoots() {
        if (roots.isEmpty()) {
            return "  (none: no -D" + PROPERTY + ", no $" + ENVIRONMENT + ", and no dls4j project above the working"
                    + " directory " + System.getProperty("user.dir") + ")";
        }
        StringBuilder text = new StringBuilder();
        for (SearchRoot root : roots) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append("  ").append(root).append(Files.isDirectory(root.directory()) ? "" : "  [folder does not exist]");
        }
        return text.toString();
    }

    /**
     * The dls4j project root at or above {@code start}: the first folder with {@code datasets/catalog.tsv}, or with
     * a {@code pom.xml} that declares the {@code dls4j-parent} artifact and its modules.
     */
    static Optional<Path> findProjectRoot(Path start) {
        for (Path directory = start; directory != null; directory = directory.getParent()) {
            if (isProjectRoot(directory)) {
                return Optional.of(directory);
            }
        }
        return Optional.empty();
    }

    private static boolean isProjectRoot(Path directory) {
        return Files.isRegularFile(directory.resolve("datasets").resolve("catalog.tsv"))
                || isParentPom(directory.resolve("pom.xml"));
    }

    private static boolean isParentPom(Path pom) {
        if (!Files.isRegularFile(pom)) {
            return false;
        }
        try {
            String text = Files.readString(pom, StandardCharsets.UTF_8);
            return text.contains("<artifactId>dls4j-parent</artifactId>") && text.contains("<modules>");
        } catch (IOException e) {
            return false;
        }
    }

    private static Path absolute(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
