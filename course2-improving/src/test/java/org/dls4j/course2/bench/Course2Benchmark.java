package org.dls4j.course2.bench;

import java.util.Locale;

import org.dls4j.course2.ToyDataRuns;
import org.dls4j.course2.week1.Initialization;
import org.dls4j.course2.week2.OptimizationMethods;
import org.dls4j.shared.Backend;
import org.dls4j.shared.Numerics;
import org.dls4j.shared.data.points.ToyData;

/**
 * Timings of the two long from-scratch runs (a plain main, not a test): the Initialization He run (15000 full-batch
 * iterations on 300 circles) and the Optimization Adam run (5000 epochs of 5 mini-batches on 300 moons). Each is
 * run {@code repeats} times (default 3); the first includes the JIT warm-up.
 * <pre>
 * mvn -q -pl course2-improving -am test-compile
 * java -cp ... org.dls4j.course2.bench.Course2Benchmark [repeats]
 * </pre>
 */
public final class Course2Benchmark {

    private Course2Benchmark() {
    }

    public static void main(String[] args) {
        Numerics.useFloat64();
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        System.out.println(Backend.describe());
        ToyData.Xy circles = ToyData.circlesTrain();
        ToyData.Xy moons = ToyData.moons();
        for (int r = 0; r < repeats; r++) {
            ToyDataRuns.Training he = Initialization.model(circles.x(), circles.y(), 0.01, 15000, 1000,
                    Initialization.Init.HE, new Initialization.Options().seed, (i, cost) -> { });
            OptimizationMethods.TrainedModel adam = OptimizationMethods.model(moons.x(), moons.y(),
                    OptimizationMethods.LAYERS_DIMS,
                    OptimizationMethods.Hyperparameters.notebook(OptimizationMethods.Optimizer.ADAM), null);
            System.out.println(String.format(Locale.ROOT,
                    "run %d: Initialization He %.4f ms/iteration (%.2f s for 15000); Optimization Adam %.4f ms/epoch"
                            + " (%.2f s for 5000), last costs %s / %s",
                    r + 1, he.msPerIteration(), he.nanos() / 1e9, adam.msPerEpoch(),
                    adam.trainingNanos() / 1e9, he.costs().last(), adam.costs().last()));
        }
    }
}
