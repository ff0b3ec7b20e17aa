package org.dls4j.shared.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every file the assignments read, with its size, sha256 and public source, grouped under logical data set names.
 *
 * <p>Read from {@code datasets/catalog.tsv} (tracked in git, packaged into the shared jar). Columns:
 * {@code name path bytes sha256 source availability}; lines starting with {@code #} are comments. Sources shared by
 * many rows are abbreviated: a line {@code @source KEY TEXT [LOCAL REMOTE]} (tab-separated, before the header)
 * defines a key; a source written {@code @KEY:rest} means TEXT + rest, and {@code @KEY} alone means TEXT + REMOTE +
 * the row's path without its LOCAL prefix.
 */
public final class Catalog {
    /** Classpath location of the packaged catalog. */
    public static final String RESOURCE = "/org/dls4j/shared/data/catalog.tsv";
    private static final String HEADER = "name\tpath\tbytes\tsha256\tsource\tavailability";

    private static Catalog bundled;

    private final Map<String, CatalogEntry> byPath;
    private final Map<String, List<CatalogEntry>> byName;

    private Catalog(List<CatalogEntry> entries) {
        Map<String, CatalogEntry> paths = new LinkedHashMap<>();
        Map<String, List<CatalogEntry>> names = new LinkedHashMap<>();
        for (CatalogEntry entry : entries) {
            if (paths.put(entry.path(), entry) != null) {
                throw new DataException("The data catalog lists " + entry.path() + " twice.");
            }
            names.computeIfAbsent(entry.name(), n -> new ArrayList<>()).add(entry);
        }
        names.replaceAll((n, list) -> List.copyOf(list));
        this.byPath = Collections.unmodifiableMap(paths);
        this.byName = Collections.unmodifiableMap(names);
    }

    /** The catalog packaged with the shared module (a copy of the project's {@code datasets/catalog.tsv}). */
    public static synchronized Catalog bundled() {
        if (bundled == null) {
            bundled = readBundled();
        }
        return bundled;
    }

    private static Catalog readBundled() {
        try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new DataException("The data catalog " + RESOURCE + " is not on the classpath. "
                        + "Rebuild the shared module (it packages datasets/catalog.tsv).");
            }
            return parse(new InputStreamReader(in, StandardCharsets.UTF_8), "classpath:" + RESOURCE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads a catalog file, e.g. a project's {@code datasets/catalog.tsv}. */
    public static Catalog read(Path tsv) {
        try (Reader reader = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            return parse(reader, tsv.toString());
        } catch (IOException e) {
            throw new DataException("Cannot read the data catalog " + tsv + ": " + e.getMessage(), e);
        }
    }

    /** A catalog of the given entries (tests, tools). */
    public static Catalog of(List<CatalogEntry> entries) {
        return new Catalog(entries);
    }

    static Catalog parse(Reader source, String origin) throws IOException {
        List<CatalogEntry> entries = new ArrayList<>();
        BufferedReader reader = new BufferedReader(source);
        boolean headerSeen = false;
        int lineNumber = 0;
        Map<String, String[]> sources = new LinkedHashMap<>();
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            lineNumber++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            if (!headerSeen && line.startsWith("@source\t")) {
                String[] fields = line.split("\t", -1);
                if (fields.length != 3 && fields.length != 5) {
                    throw new DataException("The data catalog " + origin + ", line " + lineNumber
                            + ", should be '@source KEY TEXT [LOCAL REMOTE]' but is: " + line);
                }
                sources.put(fields[1], fields);
                continue;
            }
            if (!headerSeen) {
                if (!line.equals(HEADER)) {
                    throw new DataException("The data catalog " + origin + " has the header\n  " + line
                            + "\nbut this version expects\n  " + HEADER);
                }
                headerSeen = true;
                continue;
            }
            String[] fields = line.split("\t", -1);
            if (fields.length != 6) {
                throw new DataException("The data catalog " + origin + ", line " + lineNumber + ", has "
                        + fields.length + " tab-separated fields instead of 6: " + line);
            }
            checkPath(fields[1], origin, lineNumber);
            long bytes;
            try {
                bytes = Long.parseLong(fields[2]);
            } catch (NumberFormatException e) {
                throw new DataException("The data catalog " + origin + ", line " + lineNumber
                        + ", has a size that is not a number: " + fields[2], e);
            }
            if (!fields[3].matches("[0-9a-f]{64}")) {
                throw new DataException("The data catalog " + origin + ", line " + lineNumber
                        + ", has a sha256 that is not 64 hex digits: " + fields[3]);
            }
            String entrySource = expandSource(fields[4], fields[1], sources, origin, lineNumber);
            entries.add(new CatalogEntry(fields[0], fields[1], bytes, fields[3], entrySource,
                    !"course-only".equals(fields[5])));
        }
        return new Catalog(entries);
    }

    /**
     * A catalog path must stay inside the data folder it is resolved against: relative, {@code /}-separated, no
     * {@code ..}, {@code .} or empty segments, no backslashes, no drive letters.
     */
    static void checkPath(String path, String origin, int lineNumber) {
        String problem = null;
        if (path.isEmpty()) {
            problem = "is empty";
        } else if (path.indexOf('\\') >= 0) {
            problem = "contains a backslash (catalog paths use /)";
        } else if (path.startsWith("/") || path.matches("[A-Za-z]:.*")) {
            problem = "is absolute (catalog paths are relative to a data folder)";
        } else {
            for (String segment : path.split("/", -1)) {
                if (segment.equals("..")) {
                    problem = "has a '..' segment (catalog paths must stay inside the data folder)";
                    break;
                }
                if (segment.isEmpty() || segment.equals(".")) {
                    problem = "has an empty or '.' segment";
                    break;
                }
            }
        }
        if (problem != null) {
            throw new DataException("The data catalog " + origin + ", line " + lineNumber + ", has the path '" + path
                    + "', which " + problem + ". Fix that line of datasets/catalog.tsv.");
        }
    }

    private static String expandSource(String source, String path, Map<String, String[]> sources, String origin,
            int lineNumber) {
        if (!source.startsWith("@")) {
            return source;
        }
        int colon = source.indexOf(':');
        String key = colon < 0 ? source.substring(1) : source.substring(1, colon);
        String[] definition = sources.get(key);
        if (definition == null) {
            throw new DataException("The data catalog " + origin + ", line " + lineNumber + ", uses the source key '"
                    + key + "' that no @source line defines.");
        }
        if (colon >= 0) {
            return definition[2] + source.substring(colon + 1);
        }
        if (definition.length != 5 || !path.startsWith(definition[3])) {
            throw new DataException("The data catalog " + origin + ", line " + lineNumber + ": the source '@" + key
                    + "' needs a LOCAL prefix that the path " + path + " starts with.");
        }
        return definition[2] + definition[4] + path.substring(definition[3].length());
    }

    /** The entry for a relative path such as {@code cats/train_catvnoncat.h5}. */
    public Optional<CatalogEntry> entry(String path) {
        return Optional.ofNullable(byPath.get(normalize(path)));
    }

    /** The entry for a relative path; a {@link DataException} when the catalog does not know it. */
    public CatalogEntry require(String path) {
        return entry(path).orElseThrow(() -> new DataException("The file " + path
                + " is not in the data catalog, so it cannot be verified. Known data sets: " + names()));
    }

    /** The files of one logical data set, in catalog order; a {@link DataException} for an unknown name. */
    public List<CatalogEntry> entries(String name) {
        List<CatalogEntry> entries = byName.get(name);
        if (entries == null) {
            throw new DataException("There is no data set called '" + name + "'. Known data sets: " + names());
        }
        return entries;
    }

    /** The files of a data set whose path starts with {@code prefix}, e.g. one folder of a data set. */
    public List<CatalogEntry> entriesUnder(String prefix) {
        List<CatalogEntry> result = new ArrayList<>();
        for (CatalogEntry entry : byPath.values()) {
            if (entry.path().startsWith(prefix)) {
                result.add(entry);
            }
        }
        return result;
    }

    /** Logical data set names in catalog order. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** Every entry, in catalog order. */
    public List<CatalogEntry> all() {
        return List.copyOf(byPath.values());
    }

    static String normalize(String path) {
        String slashed = path.replace('\\', '/');
        return slashed.startsWith("./") ? slashed.substring(2) : slashed;
    }
}
