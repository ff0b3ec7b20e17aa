package org.dls4j.shared.exercise;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.dls4j.shared.cli.Launcher;
import org.dls4j.shared.exercise.Grade.FunctionGrade;

/**
 * One assignment in exercise mode: its {@link Graded} functions (found by reflection on the classes its
 * {@link GradedChecks} name), the source files that hold them, and the two things a learner does with them: write a
 * workspace ({@link #write}) and grade it ({@link #gradeWorkspace}). {@link #gradeSolutions} grades the project's
 * own code, which must get full marks.
 */
public final class Exercise {

    private final Launcher.Entry entry;
    private final GradedChecks checks;
    private final List<GradedFunction> functions;

    private Exercise(Launcher.Entry entry, GradedChecks checks) {
        this.entry = entry;
        this.checks = checks;
        this.functions = GradedFunction.in(checks.gradedClasses());
    }

    /**
     * The assignment by id or class name.
     *
     * @throws ExerciseException when there is none, or it has no graded functions
     */
    public static Exercise of(String name) {
        Launcher.Entry entry = Launcher.find(name).orElseThrow(() -> new ExerciseException(
                "No assignment called '" + name + "'. ./dls exercise (without an assignment) lists those with graded"
                        + " functions."));
        return forEntry(entry).orElseThrow(() -> new ExerciseException(entry.id() + " has no graded functions"
                + " (the notebook grades none, or they are not written as exercises yet). ./dls exercise lists"
                + " those that have."));
    }

    /** Every registered assignment that has graded functions, in course order. */
    public static List<Exercise> all() {
        return Launcher.entries().stream().map(Exercise::forEntry).flatMap(Optional::stream).toList();
    }

    /** The assignment's exercise, when it has a checks class ({@code FooChecks} beside {@code Foo}). */
    public static Optional<Exercise> forEntry(Launcher.Entry entry) {
        Class<?> checksClass;
        try {
            checksClass = Class.forName(entry.className() + GradedChecks.SUFFIX);
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
        return Optional.of(new Exercise(entry, instantiate(checksClass)));
    }

    public String id() {
        return entry.id();
    }

    public String title() {
        return entry.title();
    }

    /** The graded functions, sorted by name. */
    public List<GradedFunction> functions() {
        return functions;
    }

    /** The graded functions' names in the notebook's order (the checks' order). */
    public List<String> functionNames() {
        return checks.checks().stream().map(GradedCheck::function).toList();
    }

    /** The project's source files that hold the graded functions. */
    public List<Path> sourceFiles() {
        return functions.stream().map(GradedFunction::sourceClass).distinct().map(this::sourceFile).toList();
    }

    /**
     * Writes the learner's workspace: each source file with its graded bodies blanked, under {@code src/main/java},
     * a {@code pom.xml} that depends on the project's module, and a {@code README.md}.
     *
     * @param force overwrite source files that are there already (the learner's work)
     * @return the files written, relative to {@code workspace}
     * @throws ExerciseException when a source file exists and {@code force} is false
     */
    public List<Path> write(Path workspace, boolean force) {
        return write(workspace, force, true);
    }

    /** The workspace with the project's solutions in it, unblanked: what the tests grade for full marks. */
    public List<Path> writeSolutions(Path workspace) {
        return write(workspace, true, false);
    }

    /** Grades the project's own functions (full marks, or dls4j has a defect). */
    public Grade gradeSolutions(Duration timeLimit) {
        return Grader.grade(id(), functions, checks, Map.of(), timeLimit);
    }

    /**
     * Compiles {@code workspace} in this JVM and grades the learner's functions. Compile errors give every function
     * a fail and are returned with the grade.
     *
     * @throws ExerciseException when the workspace has no sources
     */
    public WorkspaceGrade gradeWorkspace(Path workspace, Duration timeLimit) {
        requireWorkspace(workspace);
        Path classes = null;
        try {
            classes = Files.createTempDirectory("dls4j-grade-");
            WorkspaceCompiler.Compilation compilation = WorkspaceCompiler.compile(workspace, classes);
            if (!compilation.compiled()) {
                List<FunctionGrade> failed = functionNames().stream().map(f -> new FunctionGrade(f, false,
                        List.of(), "the workspace does not compile")).toList();
                return new WorkspaceGrade(new Grade(id(), failed), compilation.errors());
            }
            try (WorkspaceClassLoader loader = new WorkspaceClassLoader(classes, moduleClasses(),
                    Exercise.class.getClassLoader())) {
                GradedChecks learners = instantiate(loader.loadClass(checks.getClass().getName()));
                return new WorkspaceGrade(Grader.grade(id(), functions, learners,
                        notInWorkspace(Set.copyOf(compilation.classNames())), timeLimit), List.of());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("The checks class vanished: " + e.getMessage(), e);
        } finally {
            deleteQuietly(classes);
        }
    }

    /**
     * Refuses a workspace folder that does not exist.
     *
     * @throws ExerciseException saying how to write it
     */
    public void requireWorkspace(Path workspace) {
        if (!Files.isDirectory(workspace)) {
            throw new ExerciseException("There is no workspace " + workspace + ". Write it first: ./dls exercise "
                    + id() + " --workspace " + workspace);
        }
    }

    /**
     * The grade of a workspace.
     *
     * @param compileErrors the compiler's errors; empty when it compiled
     */
    public record WorkspaceGrade(Grade grade, List<String> compileErrors) {

        /** The compiler's errors (if any), then the grade's lines. */
        public List<String> lines() {
            List<String> lines = new ArrayList<>();
            if (!compileErrors.isEmpty()) {
                lines.add("The workspace does not compile:");
                compileErrors.forEach(e -> lines.add("  " + e));
            }
            lines.addAll(grade.lines());
            return lines;
        }
    }

    /** The functions whose class the workspace does not define: the project's code must not earn the marks. */
    private Map<String, String> notInWorkspace(Set<String> compiled) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (GradedFunction f : functions) {
            if (!compiled.contains(f.sourceClass().getName())) {
                refused.put(f.name(), "not in the workspace (" + relativeSource(f.sourceClass()) + " is missing)");
            }
        }
        return refused;
    }

    private List<Path> write(Path workspace, boolean force, boolean blank) {
        List<Path> written = new ArrayList<>();
        Map<Path, String> sources = new LinkedHashMap<>();
        for (Class<?> c : functions.stream().map(GradedFunction::sourceClass).distinct().toList()) {
            Path source = sourceFile(c);
            String text = read(source);
            GradedSource parsed = GradedSource.parse(source.getFileName().toString(), text);
            sources.put(relativeSource(c), blank ? parsed.blanked() : text);
        }
        for (Path relative : sources.keySet()) {
            if (!force && Files.exists(workspace.resolve(relative))) {
                throw new ExerciseException(workspace.resolve(relative) + " exists already (your work?). Grade it"
                        + " with ./dls grade " + id() + " --workspace " + workspace + ", or start over with --force"
                        + " (which overwrites it).");
            }
        }
        sources.forEach((relative, text) -> written.add(writeFile(workspace, relative, text)));
        String readme = WorkspaceFiles.readme(this, workspace, List.copyOf(written));
        written.add(writeFile(workspace, Path.of("pom.xml"), WorkspaceFiles.pom(this, module())));
        written.add(writeFile(workspace, Path.of("README.md"), readme));
        return List.copyOf(written);
    }

    /** {@code src/main/java/org/dls4j/course1/week2/LogisticRegression.java}. */
    static Path relativeSource(Class<?> topLevel) {
        return Path.of("src/main/java", topLevel.getName().replace('.', '/') + ".java");
    }

    /** The project's source file of a top-level class, from where its module's classes are. */
    private Path sourceFile(Class<?> topLevel) {
        Path relative = Path.of("src/main/java").relativize(relativeSource(topLevel));
        Path source = module().resolve("src/main/java").resolve(relative);
        if (!Files.isRegularFile(source)) {
            throw new ExerciseException("The source of " + topLevel.getName() + " is not at " + source + ": exercise"
                    + " mode copies the project's sources, so run ./dls from a checkout of dls4j.");
        }
        return source;
    }

    /** The module folder ({@code .../course1-nn-basics}): its classes are in {@code target/classes}. */
    Path module() {
        try {
            Path classes = Path.of(moduleClasses().toURI());
            if (Files.isDirectory(classes) && classes.endsWith(Path.of("target", "classes"))) {
                return classes.getParent().getParent();
            }
            throw new ExerciseException("The classes of " + id() + " come from " + classes + ", not from a module's"
                    + " target/classes: exercise mode needs the project's source tree (run ./dls from a checkout).");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where the checks' module keeps its classes (a folder, or a jar). */
    private URL moduleClasses() {
        return checks.getClass().getProtectionDomain().getCodeSource().getLocation();
    }

    private static GradedChecks instantiate(Class<?> checksClass) {
        try {
            return (GradedChecks) checksClass.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Cannot create " + checksClass.getName() + ": " + e.getCause(), e);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException(checksClass.getName() + " must implement GradedChecks and have a public"
                    + " no-argument constructor", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path writeFile(Path workspace, Path relative, String text) {
        try {
            Path file = workspace.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardCharsets.UTF_8);
            return relative;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + workspace.resolve(relative) + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (var walk = Files.walk(folder)) {
            walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is no reason to fail the grade
        }
    }

    @Override
    public String toString() {
        return id() + " (" + functions.stream().map(GradedFunction::name).collect(Collectors.joining(", ")) + ")";
    }
}
