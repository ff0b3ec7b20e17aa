package org.dls4j.course1;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.dls4j.course1.week2.LogisticRegression;
import org.dls4j.course1.week3.PlanarClassifier;
import org.dls4j.course1.week4.DeepNetworkApplication;
import org.dls4j.shared.Backend;
import org.dls4j.shared.Numerics;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.data.images.CatsData;
import org.dls4j.shared.data.points.ToyData;
import org.dls4j.shared.scratch.dense.GradientDescent;
import org.dls4j.shared.scratch.dense.Initializers;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.train.CostListener;
import org.dls4j.shared.train.CostRecorder;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Speed and memory of the from-scratch training loops: milliseconds per iteration (mean, median, fastest) and the
 * process's peak resident memory ({@code VmHWM} in {@code /proc/self/status}) for the notebook's whole run.
 *
 * <pre>
 * OMP_WAIT_POLICY=PASSIVE java -cp ... org.dls4j.course1.Benchmark [CASE ...] [--iterations N] [--warmup N]
 * </pre>
 * Cases: {@code l-layer} (default: the cats L-layer model 12288-20-7-5-1, 209 examples, 2500 iterations) and
 * {@code two-layer} (12288-7-1). Run one case per JVM for a meaningful peak RSS. Other assignments add theirs with
 * {@link #register} (e.g. Course 1 week 2's logistic regression and week 3's planar model). Not a test: timings
 * depend on the machine and on what else runs on it (the load average is printed with the result).
 */
public final class Benchmark {

    /** One benchmarked training run, set up (data loaded, parameters initialised) and ready to go. */
    @FunctionalInterface
    public interface Case {
        /** Trains for {@code iterations} iterations, calling {@code afterEach} after every one with its cost. */
        void train(int iterations, CostListener afterEach);
    }

    private record Entry(String description, int notebookIterations, double notebookLastCost, Supplier<Case> setUp) {
    }

    private static final Map<String, Entry> CASES = new LinkedHashMap<>();

    static {
        register("l-layer", "cats L-layer model [12288, 20, 7, 5, 1], 209 examples, lr 0.0075", 2500,
                0.088439943441702, () -> cats(DeepNetworkApplication.L_LAYER_DIMS));
        register("two-layer", "cats two-layer model (12288, 7, 1), 209 examples, lr 0.0075", 2500,
                0.04421498215868955, () -> cats(DeepNetworkApplication.TWO_LAYER_DIMS));
        register("logistic-regression", "cats logistic regression (12288 -> 1), 209 examples, lr 0.005", 2000,
                Double.NaN, Benchmark::logisticRegression);
        register("planar", "planar flower, one hidden layer of 4 tanh units, 400 examples, lr 1.2", 10000,
                Double.NaN, Benchmark::planar);
    }

    private Benchmark() {
    }

    /**
     * Adds a case.
     *
     * @param notebookLastCost the notebook's cost at the last iteration, printed beside ours (NaN if none)
     * @param setUp loads the data and initialises; not timed
     */
    public static void register(String name, String description, int notebookIterations, double notebookLastCost,
            Supplier<Case> setUp) {
        CASES.put(name, new Entry(description, notebookIterations, notebookLastCost, setUp));
    }

    /** The cats models as the notebook trains them (the shared engine's {@link GradientDescent}). */
    static Case cats(int[] dims) {
        Numerics.useFloat64();
        INDArray x = CatsData.train().flattenedScaled();
        INDArray y = CatsData.train().labels();
        return (iterations, afterEach) -> {
            Parameters p = dims.length == 3 ? Initializers.initializeParameters(dims[0], dims[1], dims[2])
                    : Initializers.initializeParametersDeepScaled(dims);
            GradientDescent.train(x, y, p, 0.0075, iterations, 1, afterEach);
        };
    }

    /**
     * Week 2's model, timed through its costs: recorded after every iteration, each marks the end of one
     * iteration.
     */
    static Case logisticRegression() {
        Numerics.useFloat64();
        CatsData.Split train = CatsData.train();
        CatsData.Split test = CatsData.test();
        INDArray xTrain = train.flattenedScaled();
        INDArray xTest = test.flattenedScaled();
        return (iterations, afterEach) -> LogisticRegression.model(xTrain, train.labels(), xTest, test.labels(),
                iterations, 0.005, CostRecorder.every(1).onRecord(afterEach));
    }

    /** Week 3's model, timed through its costs like {@link #logisticRegression()}. */
    static Case planar() {
        Numerics.useFloat64();
        ToyData.Xy data = ToyData.planarFlower();
        return (iterations, afterEach) -> PlanarClassifier.nnModel(data.x(), data.y(), 4, iterations, 1.2,
                PlanarClassifier.NOTEBOOK_SEED, CostRecorder.every(1).onRecord(afterEach));
    }

    public static void main(String[] args) throws IOException {
        Numerics.useFloat64();
        List<String> names = new ArrayList<>();
        int iterations = -1;
        int warmup = 50;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--iterations" -> iterations = Integer.parseInt(args[++i]);
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                default -> names.add(args[i]);
            }
        }
        if (names.isEmpty()) {
            names.add("l-layer");
        }
        System.out.println(Backend.describe());
        for (String name : names) {
            Entry entry = CASES.get(name);
            if (entry == null) {
                System.err.println("Unknown case '" + name + "'; cases: " + CASES.keySet());
                System.exit(2);
            }
            Case c = entry.setUp().get();
            if (warmup > 0) {
                c.train(warmup, (i, cost) -> { });
            }
            int n = iterations > 0 ? iterations : entry.notebookIterations();
            double[] ms = new double[n];
            double[] last = new double[1];
            long[] previous = {System.nanoTime()};
            long start = previous[0];
            c.train(n, (i, cost) -> {
                long now = System.nanoTime();
                ms[i] = (now - previous[0]) / 1e6;
                previous[0] = now;
                last[0] = cost;
            });
            double total = (System.nanoTime() - start) / 1e9;
            double[] sorted = ms.clone();
            Arrays.sort(sorted);
            System.out.println(String.format(Locale.ROOT,
                    "%s: %s, %d iterations: %.2f ms/iteration (median %.2f, fastest %.2f), %.1f s in all;"
                            + " peak RSS %s; load average %s",
                    name, entry.description(), n, total * 1000 / n, sorted[n / 2], sorted[0], total, peakRss(),
                    loadAverage()));
            if (n == entry.notebookIterations() && !Double.isNaN(entry.notebookLastCost())) {
                System.out.println(String.format(Locale.ROOT, "  Cost after iteration %d: %s (notebook: %s)", n - 1,
                        NumpyFormat.fixed6(last[0]), NumpyFormat.fixed6(entry.notebookLastCost())));
            }
        }
    }

    /** {@code VmHWM} of this process, e.g. {@code 296 MB}. */
    static String peakRss() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return "unknown (no /proc)";
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format(Locale.ROOT, "%d MB", Math.round(kb / 1024.0));
            }
        }
        return "unknown";
    }

    private static String loadAverage() throws IOException {
        Path load = Path.of("/proc/loadavg");
        return Files.isReadable(load) ? Files.readString(load).trim().split(" ")[0] : "unknown";
    }
}
