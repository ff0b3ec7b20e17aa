package org.dls4j.shared.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that knows where data files live.
 *
 * <p>Search order, first folder that has the file wins:
 * <ol>
 *   <li>{@code -Ddls.data=DIR} or, if that is not set, the environment variable {@code DLS_DATA};</li>
 *   <li>the project's {@code datasets/} folder; the project root is found by walking up from the working directory
 *       (so a run from a module folder or an IDE works) to the folder that has {@code datasets/catalog.tsv} or the
 *       {@code dls4j-parent} {@code pom.xml};</li>
 *   <li>{@code ../shared/datasets} beside the project root (the read-only shared copy).</li>
 * </ol>
 */
public final class DataLocator {
    /** System property that names a data folder searched first. */
    public static final String PROPERTY = "dls.data";
    /** Environment variable that names a data folder searched first (when the property is not set). */
    public static final String ENVIRONMENT = "DLS_DATA";

    /** A folder searched for data files, with the reason it is searched (shown in messages). */
    public record SearchRoot(Path directory, String origin) {
        @Override
        public String toString() {
            return directory + "  (" + origin + ")";
        }
    }

    private final List<SearchRoot> roots;
    private final Path projectDatasets;

    private DataLocator(List<SearchRoot> roots, Path projectDatasets) {
        this.roots = List.copyOf(roots);
        this.projectDatasets = projectDatasets;
    }

    /** The locator for this JVM: system property, environment, then the project found from {@code user.dir}. */
    public static DataLocator fromEnvironment() {
        return from(System.getProperties().getProperty(PROPERTY), System.getenv(),
                Paths.get(System.getProperty("user.dir")));
    }

    /** The locator for an explicit property value, environment and working directory (tests). */
    static DataLocator from(String propertyValue, Map<String, String> environment, Path workingDirectory) {
        List<SearchRoot> roots = new ArrayList<>();
        if (propertyValue != null && !propertyValue.isBlank()) {
            roots.add(new SearchRoot(absolute(Paths.get(propertyValue)), "-D" + PROPERTY));
        } else {
            String fromEnvironment = environment.get(ENVIRONMENT);
            if (fromEnvironment != null && !fromEnvironment.isBlank()) {
                roots.add(new SearchRoot(absolute(Paths.get(fromEnvironment)), "$" + ENVIRONMENT));
            }
        }
        Optional<Path> projectRoot = findProjectRoot(absolute(workingDirectory));
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
        return new DataLocator(roots, datasets);
    }

    /**
     * A locator over exactly these folders, in this order (tests, tools).
     *
     * @param projectDatasets where downloads go; may be null when there is none
     */
    public static DataLocator of(List<SearchRoot> roots, Path projectDatasets) {
        return new DataLocator(roots, projectDatasets);
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
        String normalized = Catalog.normalize(relativePath);
        for (SearchRoot root : roots) {
            Path candidate = root.directory().resolve(normalized);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
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
            if (Files.isRegularFile(directory.resolve("datasets").resolve("catalog.tsv"))
                    || isParentPom(directory.resolve("pom.xml"))) {
                return Optional.of(directory);
            }
        }
        return Optional.empty();
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
