package org.dls4j.shared.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.dls4j.shared.Backend;
import org.dls4j.shared.Numerics;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.graph.FastPath;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * {@code ./dls bench list} shows every registered case ({@link BenchCase}); {@code ./dls bench CASE...} times each
 * one in a fresh JVM (so that its peak resident memory is its own), then runs its peer (numpy for the from-scratch
 * loops, PyTorch for the DL4J graphs) with the same number of threads, and prints both {@link ResultLine}s and
 * {@code RATIO case=NAME peer=KIND ratio=X}, where X is the peer's median time per unit over ours (above 1: ours is
 * faster). Without python3 or the peer's library, ours runs alone.
 *
 * <p>A timed run is the notebook's whole run from the case's initial state, after a shorter warm-up run from the
 * same state; each lap is timed with {@code System.nanoTime}. The child JVM gets the parent's JVM options and class
 * path and {@code OMP_NUM_THREADS=--threads} (ND4J's OpenBLAS and OpenMP threads); the peer gets the same count as
 * {@code OPENBLAS_NUM_THREADS} and {@code OMP_NUM_THREADS} and {@code --threads}, and itself drops
 * {@code OPENBLAS_CORETYPE} and {@code OPENBLAS_L2_SIZE} (see {@code bench/README.md}).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times the from-scratch loops beside numpy and the DL4J graphs beside PyTorch. `./dls bench list`"
                + " shows the cases.")
public final class BenchCommand implements Callable<Integer> {

    /** The exit code of a peer that cannot run here (no numpy, h5py or torch): the case is reported without it. */
    static final int PEER_UNAVAILABLE = 3;

    @Parameters(paramLabel = "CASE", description = "cases to run, or `list`")
    List<String> cases = new ArrayList<>();

    @Option(names = "--laps", paramLabel = "N",
            description = "timed iterations (epochs for mini-batch runs); default: the notebook's whole run")
    Integer laps;

    @Option(names = "--warmup", paramLabel = "N", description = "untimed laps first; default: the case's own")
    Integer warmup;

    @Option(names = "--threads", paramLabel = "N",
            description = "threads for both sides (default: ${DEFAULT-VALUE}, this machine's cores)")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-peer", description = "run ours only")
    boolean noPeer;

    /** Set in the child JVM, which times one case in-process. */
    @Option(names = "--child", hidden = true)
    boolean child;

    private final PrintStream out;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs {@code ./dls bench ARGS} on standard output and returns the exit code. */
    public static int execute(String... args) {
        return execute(System.out, args);
    }

    static int execute(PrintStream out, String... args) {
        CommandLine commandLine = new CommandLine(new BenchCommand(out));
        commandLine.setOut(new java.io.PrintWriter(out, true));
        return commandLine.execute(args);
    }

    @Override
    public Integer call() throws Exception {
        if (laps != null && laps < 1 || warmup != null && warmup < 0 || threads < 1) {
            System.err.println("Error: --laps and --threads must be at least 1, --warmup at least 0.");
            return 2;
        }
        if (cases.isEmpty() || cases.equals(List.of("list"))) {
            list();
            if (cases.isEmpty()) {
                out.println("Run one with ./dls bench CASE... (--help for the options).");
            }
            return 0;
        }
        List<BenchCase> chosen = new ArrayList<>();
        for (String name : cases) {
            Optional<BenchCase> c = BenchCase.find(name);
            if (c.isEmpty()) {
                System.err.println("Error: no benchmark case called '" + name + "'. ./dls bench list shows them.");
                return 2;
            }
            chosen.add(c.get());
        }
        if (child) {
            return measure(chosen.get(0));
        }
        int failures = 0;
        for (BenchCase c : chosen) {
            failures += compare(c) ? 0 : 1;
        }
        return failures == 0 ? 0 : 1;
    }

    private void list() {
        List<BenchCase> all = BenchCase.all();
        int width = Math.max(4, all.stream().mapToInt(c -> c.name().length()).max().orElse(4));
        String format = "%-" + width + "s  %-9s  %-18s  %-5s  %s%n";
        out.printf(Locale.ROOT, format, "case", "unit", "module", "peer", "description");
        for (BenchCase c : all) {
            out.printf(Locale.ROOT, format, c.name(), c.unit(), c.module(),
                    c.peer().map(BenchCase.Peer::kind).orElse("-"), c.description());
        }
        if (all.isEmpty()) {
            out.println("No benchmark cases on the class path.");
        }
    }

    // ------------------------------------------------------------------------------------------- parent: one case

    /** Ours in a child JVM, then the peer; both result lines and the ratio. False when ours failed. */
    private boolean compare(BenchCase c) throws IOException, InterruptedException {
        out.println("== " + c.name() + " (" + c.module() + "): " + c.description());
        out.println("   threads: " + threads + " on each side (dls4j: OMP_NUM_THREADS=" + threads + "; peer: "
                + "OPENBLAS_NUM_THREADS, OMP_NUM_THREADS=" + threads + "); load average " + ProcessInfo.loadAverage());
        ProcessBuilder ours = new ProcessBuilder(childCommand(c.name()));
        ours.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        Outcome mine = run(ours);
        if (mine.exitCode() != 0 || mine.result().isEmpty()) {
            out.println("dls4j run of " + c.name() + " failed (exit code " + mine.exitCode() + ").");
            return false;
        }
        if (noPeer || c.peer().isEmpty()) {
            out.println(mine.result().get());
            return true;
        }
        BenchCase.Peer peer = c.peer().get();
        Optional<Path> script = projectRoot().map(root -> root.resolve(peer.script())).filter(Files::isRegularFile);
        if (script.isEmpty()) {
            out.println(peer.kind() + " peer not run: " + peer.script() + " not found (run from the project, or set"
                    + " -Ddls.project); dls4j alone.");
            out.println(mine.result().get());
            return true;
        }
        String python = Optional.ofNullable(System.getenv("DLS_PYTHON")).orElse("python3");
        List<String> command = new ArrayList<>(List.of(python, script.get().toString(), c.name(),
                "--threads", Integer.toString(threads)));
        addLapOptions(command);
        ProcessBuilder theirs = new ProcessBuilder(command);
        theirs.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
        theirs.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        Outcome peerOutcome;
        try {
            peerOutcome = run(theirs);
        } catch (IOException e) {
            out.println(peer.kind() + " peer not run: " + python + " not found (set DLS_PYTHON); dls4j alone.");
            out.println(mine.result().get());
            return true;
        }
        if (peerOutcome.result().isEmpty()) {
            out.println(peer.kind() + " peer not run" + (peerOutcome.exitCode() == PEER_UNAVAILABLE
                    ? " (see its line above)" : ": it failed with exit code " + peerOutcome.exitCode())
                    + "; dls4j alone.");
            out.println(mine.result().get());
            return true;
        }
        ResultLine a = mine.result().get();
        ResultLine b = peerOutcome.result().get();
        double ratio = b.medianMs() / a.medianMs();
        out.printf(Locale.ROOT, "%s: dls4j %s ms/%s, %s %s ms/%s (medians, %d threads each): dls4j %sx as fast;"
                        + " load average %s%n", c.name(), ResultLine.ms(a.medianMs()), a.unit(), peer.kind(),
                ResultLine.ms(b.medianMs()), b.unit(), threads, ratio(ratio), ProcessInfo.loadAverage());
        out.println(a);
        out.println(b);
        out.println("RATIO case=" + c.name() + " peer=" + peer.kind() + " ratio=" + ratio(ratio));
        return true;
    }

    private record Outcome(int exitCode, Optional<ResultLine> result) {
    }

    /** Three significant digits: {@code 2.31}, {@code 12.3}, {@code 0.00427}. */
    static String ratio(double value) {
        return ResultLine.significant(value, 3);
    }

    /** Runs a process, copying its output lines (indented) but its result line, which it keeps. */
    private Outcome run(ProcessBuilder builder) throws IOException, InterruptedException {
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process process = builder.start();
        ResultLine result = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                Optional<ResultLine> parsed = ResultLine.parse(line);
                if (parsed.isPresent()) {
                    result = parsed.get();
                } else {
                    out.println("   " + line);
                }
            }
        }
        return new Outcome(process.waitFor(), Optional.ofNullable(result));
    }

    /** This JVM again (its options and class path), timing one case. */
    private List<String> childCommand(String name) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!option.startsWith("-agentlib:jdwp")) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchCommand.class.getName(), "--child",
                name));
        addLapOptions(command);
        return command;
    }

    private void addLapOptions(List<String> command) {
        if (laps != null) {
            command.addAll(List.of("--laps", laps.toString()));
        }
        if (warmup != null) {
            command.addAll(List.of("--warmup", warmup.toString()));
        }
    }

    /** {@code -Ddls.project} (set by {@code ./dls}), else the first folder up from here with {@code bench/}. */
    static Optional<Path> projectRoot() {
        String home = System.getProperty("dls.project");
        if (home != null && !home.isBlank()) {
            return Optional.of(Path.of(home));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("bench")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    // -------------------------------------------------------------------------------------- child: timing one case

    /** Sets the case up, warms it up, times it and prints its lines and result line. */
    private int measure(BenchCase c) throws Exception {
        Numerics.useFloat64();
        BenchmarkSuite suite;
        try {
            suite = (BenchmarkSuite) Class.forName(c.suiteClass()).getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        Workload w = suite.setUp(c.name());
        int timed = laps != null ? laps : w.notebookLaps();
        int warm = warmup != null ? warmup : w.warmupLaps();
        out.println(c.name() + " (dls4j): " + Backend.describe() + "; " + FastPath.describe());
        if (warm > 0) {
            w.training().train(warm, new Stopwatch(warm));
        }
        Stopwatch stopwatch = new Stopwatch(timed);
        double cost = w.training().train(timed, stopwatch);
        Stopwatch.Summary s = stopwatch.summary();
        out.println(summary(s, w.lapName(), c.unit().toString(), warm, cost));
        long rss = ProcessInfo.peakRssMb();
        out.println("  peak RSS " + rss + " MB (VmHWM of this JVM); load average " + ProcessInfo.loadAverage());
        out.println(new ResultLine(c.name(), c.unit().toString(), s.medianMs(), s.p10Ms(), rss));
        return 0;
    }

    /** The human line of a timed run; the peers print the same. */
    static String summary(Stopwatch.Summary s, String lapName, String unit, int warm, double cost) {
        String laps = s.laps() + " " + plural(lapName) + (lapName.equals(unit) ? "" : " (" + s.units() + " " + unit
                + "s)");
        return String.format(Locale.ROOT, "  %s after %d warm-up: median %s ms/%s, p10 %s, mean %s; %.1f s;"
                        + " last cost %s", laps, warm, ResultLine.ms(s.medianMs()), unit, ResultLine.ms(s.p10Ms()),
                ResultLine.ms(s.meanMs()), s.seconds(), NumpyFormat.repr(cost));
    }

    /** {@code iterations}, {@code epochs}, {@code batches}. */
    static String plural(String noun) {
        return noun + (noun.endsWith("ch") || noun.endsWith("s") ? "es" : "s");
    }
}
