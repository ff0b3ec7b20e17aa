package org.dls4j.course2;

import org.dls4j.course2.week1.Initialization;
import org.dls4j.course2.week2.OptimizationMethods;
import org.dls4j.course2.week3.SignsClassifier;
import org.dls4j.shared.bench.BenchmarkSuite;
import org.dls4j.shared.bench.GraphWorkloads;
import org.dls4j.shared.bench.Workload;
import org.dls4j.shared.data.points.ToyData;

/**
 * Course 2's benchmark cases ({@code ./dls bench list}; registered in {@code META-INF/dls4j/benchmarks.tsv}): the
 * two long from-scratch runs, as the notebooks make them. The numpy peers in {@code bench/peers/course2.py} run the
 * notebooks' loops.
 * <ul>
 *   <li>{@code init-he}: week 1's Initialization model with He initialisation, 15000 full-batch iterations at 0.01
 *       on the 300 circles, timed per iteration;</li>
 *   <li>{@code adam-moons}: week 2's Optimization model with Adam, 5000 epochs of 5 mini-batches (64 x 4 + 44) on the
 *       300 moons, timed per epoch and reported per mini-batch step (the epoch's time over its 5 steps);</li>
 *   <li>{@code signs-dense}: week 3's SIGNS network (12288-25-12-6, float32) as its DL4J graph, one Adam step on a
 *       batch of 32, beside PyTorch ({@code bench/peers/framework.py}).</li>
 * </ul>
 */
public final class Course2Benchmarks implements BenchmarkSuite {

    @Override
    public Workload setUp(String name) {
        return switch (name) {
            case "init-he" -> initHe();
            case "adam-moons" -> adamMoons();
            case "signs-dense" -> GraphWorkloads.fitOneBatch(SignsClassifier.model(0.0001, 1),
                    GraphWorkloads.uniform(32, SignsClassifier.N_X), SignsClassifier.CLASSES, 1000, 100);
            default -> throw new IllegalArgumentException("Course 2 has no benchmark case '" + name + "'");
        };
    }

    /** {@code model(train_X, train_Y, initialization = "he")} with a cost after every iteration. */
    private static Workload initHe() {
        ToyData.Xy circles = ToyData.circlesTrain();
        long seed = new Initialization.Options().seed;
        return new Workload(15000, 1000, "iteration", (laps, stopwatch) -> Initialization.model(circles.x(),
                circles.y(), 0.01, laps, 1, Initialization.Init.HE, seed, (i, cost) -> stopwatch.lap(1))
                .costs().last());
    }

    /** {@code model(train_X, train_Y, layers_dims, optimizer = "adam")}. */
    private static Workload adamMoons() {
        ToyData.Xy moons = ToyData.moons();
        OptimizationMethods.Hyperparameters adam =
                OptimizationMethods.Hyperparameters.notebook(OptimizationMethods.Optimizer.ADAM);
        int steps = (moons.size() + adam.miniBatchSize() - 1) / adam.miniBatchSize();
        return new Workload(adam.numEpochs(), 200, "epoch", (laps, stopwatch) -> {
            double[] last = new double[1];
            OptimizationMethods.model(moons.x(), moons.y(), OptimizationMethods.LAYERS_DIMS, adam.withEpochs(laps),
                    (epoch, cost, learningRate) -> {
                        stopwatch.lap(steps);
                        last[0] = cost;
                    });
            return last[0];
        });
    }
}
