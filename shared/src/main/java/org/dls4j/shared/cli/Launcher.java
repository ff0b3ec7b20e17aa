package org.dls4j.shared.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.dls4j.shared.bench.BenchCommand;
import org.dls4j.shared.exercise.ExerciseCommand;
import org.dls4j.shared.exercise.GradeCommand;

/**
 * The {@code ./dls} entry point: {@code list} shows every assignment, {@code run ID [options]} runs one,
 * {@code data ...} manages the data sets, {@code bench ...} times the from-scratch training loops beside numpy
 * ({@link BenchCommand}), {@code exercise} and {@code grade} are exercise mode ({@link ExerciseCommand},
 * {@link GradeCommand}). Assignments register themselves with a line in their module's
 * {@code META-INF/dls4j/assignments.tsv}: {@code id<TAB>class<TAB>title}.
 */
public final class Launcher {

    static final String REGISTRY = "META-INF/dls4j/assignments.tsv";
    private static final String DATA_COMMAND = "org.dls4j.shared.data.DataCommand";

    /** One registered assignment. */
    public record Entry(String id, String className, String title) {
    }

    private Launcher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            usage();
            return;
        }
        switch (args[0]) {
            case "list" -> list();
            case "run" -> {
                if (args.length < 2) {
                    System.err.println("Usage: ./dls run ASSIGNMENT [options]   (./dls list shows the assignments)");
                    System.exit(2);
                }
                invokeMain(find(args[1]).map(Entry::className).orElseGet(() -> {
                    System.err.println("Error: no assignment called '" + args[1] + "'. ./dls list shows them all.");
                    System.exit(2);
                    return null;
                }), Arrays.copyOfRange(args, 2, args.length));
            }
            case "data" -> invokeMain(DATA_COMMAND, Arrays.copyOfRange(args, 1, args.length));
            case "bench" -> exitUnlessZero(BenchCommand.execute(Arrays.copyOfRange(args, 1, args.length)));
            case "exercise" -> exitUnlessZero(ExerciseCommand.execute(Arrays.copyOfRange(args, 1, args.length)));
            case "grade" -> exitUnlessZero(GradeCommand.execute(Arrays.copyOfRange(args, 1, args.length)));
            default -> {
                System.err.println("Error: unknown command '" + args[0] + "'.");
                usage();
                System.exit(2);
            }
        }
    }

    private static void exitUnlessZero(int code) {
        if (code != 0) {
            System.exit(code);
        }
    }

    private static void usage() {
        System.out.println("""
                Usage: ./dls COMMAND
                  list                      every assignment, with its id and class
                  run ASSIGNMENT [options]  run one (by id or class name); add --help for its options
                  data list|verify|fetch    the data sets: where they were found, whether they verify, download
                  bench list | CASE...      time the from-scratch training loops beside numpy's (list: the
                                            cases every module registers)
                  exercise [ASSIGNMENT]     write a workspace where the graded functions are yours to write
                    [--workspace DIR]       (without ASSIGNMENT: the assignments that have graded functions)
                  grade ASSIGNMENT          grade your workspace: the notebook's test cases, expected beside
                    [--workspace DIR]       yours, and the score""");
    }

    private static void list() {
        List<Entry> entries = entries();
        int width = entries.stream().mapToInt(e -> e.id.length()).max().orElse(10);
        for (Entry e : entries) {
            System.out.println(String.format(Locale.ROOT, "%-" + width + "s  %s%n%" + width + "s  %s", e.id, e.title,
                    "", e.className));
        }
        if (entries.isEmpty()) {
            System.out.println("No assignments on the class path.");
        }
    }

    /** Every assignment registered on the class path, in course order. */
    public static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        try {
            Enumeration<URL> files = Launcher.class.getClassLoader().getResources(REGISTRY);
            while (files.hasMoreElements()) {
                URL url = files.nextElement();
                try (BufferedReader in = new BufferedReader(new InputStreamReader(url.openStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = in.readLine(); line != null; line = in.readLine()) {
                        if (line.isBlank() || line.startsWith("#")) {
                            continue;
                        }
                        String[] f = line.split("\t");
                        if (f.length != 3) {
                            throw new IllegalStateException("Malformed line in " + url + ": " + line);
                        }
                        entries.add(new Entry(f[0].trim(), f[1].trim(), f[2].trim()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entries.sort((a, b) -> a.id.compareTo(b.id));
        return entries;
    }

    /** An assignment by id ({@code c1w2-logistic-regression}), simple class name or full class name. */
    public static Optional<Entry> find(String name) {
        return entries().stream()
                .filter(e -> e.id.equalsIgnoreCase(name) || e.className.equals(name)
                        || e.className.substring(e.className.lastIndexOf('.') + 1).equalsIgnoreCase(name))
                .findFirst();
    }

    private static void invokeMain(String className, String[] args) throws Exception {
        Method main;
        try {
            main = Class.forName(className).getMethod("main", String[].class);
        } catch (ClassNotFoundException e) {
            System.err.println("Error: " + className + " is not on the class path (was its module built?).");
            System.exit(2);
            return;
        }
        try {
            main.invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
