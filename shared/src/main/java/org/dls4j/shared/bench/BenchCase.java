package org.dls4j.shared.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One benchmark case, as a module registers it with a line of its {@code META-INF/dls4j/benchmarks.tsv}:
 * <pre>
 * name &lt;TAB&gt; unit &lt;TAB&gt; suite class &lt;TAB&gt; peer &lt;TAB&gt; description
 * </pre>
 * {@code unit} is what one timing measures ({@code iteration}, {@code batch} or {@code step}); the suite class is a
 * {@link BenchmarkSuite} with a public no-argument constructor; {@code peer} is {@code numpy:PATH} or {@code torch:PATH}, a script under
 * the project root that runs the notebook's loop on the same data, or {@code -} for none. Blank lines and lines
 * starting with {@code #} are skipped.
 *
 * @param module the module whose class path entry holds the line, e.g. {@code course1-nn-basics}
 */
public record BenchCase(String name, Unit unit, String suiteClass, Optional<Peer> peer, String description,
        String module) {

    /** Where modules register their cases (every copy on the class path is read). */
    public static final String REGISTRY = "META-INF/dls4j/benchmarks.tsv";

    /** What one timing measures. */
    public enum Unit {
        /** One full-batch gradient-descent iteration. */
        ITERATION,
        /** One mini-batch of a framework's fit. */
        BATCH,
        /** One mini-batch update of a from-scratch loop. */
        STEP;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Unit parse(String text) {
            for (Unit u : values()) {
                if (u.toString().equals(text)) {
                    return u;
                }
            }
            throw new IllegalArgumentException("unknown unit '" + text + "' (iteration, batch or step)");
        }
    }

    /**
     * A program that runs the same loop with another library.
     *
     * @param kind the library, printed in the ratio line ({@code numpy}, {@code torch})
     * @param script the script's path relative to the project root
     */
    public record Peer(String kind, String script) {
    }

    private static final Pattern JAR_NAME = Pattern.compile("([^/]+?)(-\\d[^/]*)?\\.jar$");

    /** Every case registered on the class path, sorted by module, then in each file's order. */
    public static List<BenchCase> all() {
        List<BenchCase> cases = new ArrayList<>();
        try {
            for (URL url : Collections.list(BenchCase.class.getClassLoader().getResources(REGISTRY))) {
                try (Reader in = new InputStreamReader(url.openStream(), StandardCharsets.UTF_8)) {
                    cases.addAll(parse(in, moduleOf(url), url.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cases.sort(Comparator.comparing(BenchCase::module));
        return cases;
    }

    /** The registered case called {@code name}. */
    public static Optional<BenchCase> find(String name) {
        return all().stream().filter(c -> c.name.equals(name)).findFirst();
    }

    /** The cases of one registry file; {@code source} names it in error messages. */
    static List<BenchCase> parse(Reader reader, String module, String source) {
        return new BufferedReader(reader).lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> parseLine(line, module, source))
                .toList();
    }

    private static BenchCase parseLine(String line, String module, String source) {
        String[] f = line.split("\t");
        if (f.length != 5) {
            throw new IllegalStateException("Malformed line in " + source
                    + " (name, unit, class, peer, description separated by tabs): " + line);
        }
        try {
            return new BenchCase(f[0].trim(), Unit.parse(f[1].trim()), f[2].trim(), peer(f[3].trim()), f[4].trim(),
                    module);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Malformed line in " + source + ": " + e.getMessage() + ": " + line);
        }
    }

    private static Optional<Peer> peer(String text) {
        if (text.equals("-")) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon < 1 || colon == text.length() - 1) {
            throw new IllegalArgumentException("the peer must be KIND:PATH or -, not '" + text + "'");
        }
        return Optional.of(new Peer(text.substring(0, colon), text.substring(colon + 1)));
    }

    /**
     * The module a registry file comes from: the folder above {@code target/classes} when the file lies in a build
     * folder, the jar's name without its version when it lies in a jar, else the location itself.
     */
    static String moduleOf(URL url) {
        String location = url.toString();
        int end = location.indexOf(REGISTRY);
        location = end > 0 ? location.substring(0, end) : location;
        location = location.replaceFirst("!/$", "").replaceFirst("/$", "");
        Matcher jar = JAR_NAME.matcher(location);
        if (jar.find()) {
            return jar.group(1);
        }
        String[] parts = location.split("/");
        int n = parts.length;
        if (n >= 3 && parts[n - 2].equals("target")) {
            return parts[n - 3];
        }
        return location;
    }
}
