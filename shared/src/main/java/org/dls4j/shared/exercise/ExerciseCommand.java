package org.dls4j.shared.exercise;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code ./dls exercise ASSIGNMENT [--workspace DIR] [--force]} writes the learner's workspace ({@link
 * Exercise#write}); without an assignment it lists those that have graded functions.
 */
@Command(name = "exercise", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Writes a workspace in which every graded function of ASSIGNMENT is yours to write (a TODO"
                + " with the notebook's steps as comments). Without ASSIGNMENT: the assignments that have graded"
                + " functions.")
public final class ExerciseCommand implements Callable<Integer> {

    @Parameters(arity = "0..1", paramLabel = "ASSIGNMENT", description = "id or class name, e.g."
            + " c1w2-logistic-regression")
    String assignment;

    @Option(names = "--workspace", paramLabel = "DIR",
            description = "where to write it (default: ~/dls4j-exercises/ASSIGNMENT)")
    Path workspace;

    @Option(names = "--force", description = "overwrite the workspace's source files (your work) if they exist")
    boolean force;

    private final PrintWriter out;

    ExerciseCommand(PrintWriter out) {
        this.out = out;
    }

    /** Runs {@code ./dls exercise ARGS} on standard output and returns the exit code. */
    public static int execute(String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        return Commands.execute(new ExerciseCommand(out), out, new PrintWriter(System.err, true), args);
    }

    @Override
    public Integer call() {
        if (assignment == null) {
            list();
            return 0;
        }
        Exercise exercise = Exercise.of(assignment);
        Path dir = Commands.workspace(workspace, exercise);
        List<Path> written = exercise.write(dir, force);
        out.println("Wrote the exercise " + exercise.id() + " to " + dir + ":");
        written.forEach(p -> out.println("  " + p));
        out.println(exercise.functions().size() + " graded functions to write: "
                + String.join(", ", exercise.functionNames()));
        out.println("Write each TODO, then grade your work: ./dls grade " + exercise.id() + " --workspace " + dir);
        return 0;
    }

    private void list() {
        List<Exercise> all = Exercise.all();
        int width = all.stream().mapToInt(e -> e.id().length()).max().orElse(10);
        for (Exercise e : all) {
            out.println(String.format(Locale.ROOT, "%-" + width + "s  %2d graded: %s", e.id(), e.functions().size(),
                    String.join(", ", e.functionNames())));
        }
        out.println("./dls exercise ASSIGNMENT writes one; ./dls grade ASSIGNMENT grades it.");
    }

    /** What the two commands share: parsing, the default workspace, one-line errors. */
    static final class Commands {

        private Commands() {
        }

        static int execute(Callable<Integer> command, PrintWriter out, PrintWriter err, String... args) {
            CommandLine commandLine = new CommandLine(command);
            commandLine.setOut(out);
            commandLine.setErr(err);
            commandLine.setExecutionExceptionHandler((e, cl, parsed) -> {
                if (e instanceof ExerciseException) {
                    cl.getErr().println("Error: " + e.getMessage());
                    return 2;
                }
                throw e;
            });
            return commandLine.execute(args);
        }

        /** {@code --workspace}, or {@code ~/dls4j-exercises/ID}. */
        static Path workspace(Path option, Exercise exercise) {
            Path dir = option != null ? option : Path.of(System.getProperty("user.home"), "dls4j-exercises",
                    exercise.id());
            return dir.toAbsolutePath().normalize();
        }
    }
}
