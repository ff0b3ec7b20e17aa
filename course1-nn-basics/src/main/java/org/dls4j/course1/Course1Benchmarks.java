package org.dls4j.course1;

import java.util.function.Supplier;

import org.dls4j.course1.week2.LogisticRegression;
import org.dls4j.course1.week3.PlanarClassifier;
import org.dls4j.shared.bench.BenchmarkSuite;
import org.dls4j.shared.bench.Workload;
import org.dls4j.shared.data.images.CatsData;
import org.dls4j.shared.data.points.ToyData;
import org.dls4j.shared.scratch.dense.GradientDescent;
import org.dls4j.shared.scratch.dense.Initializers;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.train.CostRecorder;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Course 1's benchmark cases ({@code ./dls bench list}; registered in {@code META-INF/dls4j/benchmarks.tsv}), each
 * the notebook's whole training run with its data, learning rate and initialisation, timed per iteration. The numpy
 * peers in {@code bench/peers/course1.py} run the notebooks' loops.
 * <ul>
 *   <li>{@code l-layer}, {@code two-layer}: week 4's cats models through the shared engine
 *       ({@link GradientDescent}, what {@code DeepNetworkApplication} trains with);</li>
 *   <li>{@code logistic-regression}: week 2's {@code optimize}, 2000 iterations at 0.005 from zeros, through the
 *       shared engine as the assignment's run trains it ({@code LogisticRegression.optimizeFused});</li>
 *   <li>{@code planar}: week 3's {@code nn_model}, 4 tanh units, 10000 iterations at 1.2, seed 3, through the
 *       shared engine as the assignment's run trains it ({@code PlanarClassifier.nnModelFused}).</li>
 * </ul>
 * Weeks 2 and 3 are timed through their recorded costs: with a cost recorded after every iteration, each one ends
 * an iteration (recording one costs well under a microsecond against 0.07 ms or more per iteration).
 */
public final class Course1Benchmarks implements BenchmarkSuite {

    @Override
    public Workload setUp(String name) {
        return switch (name) {
            // layers_dims = [12288, 20, 7, 5, 1]; initialize_parameters_deep (seed 1, / np.sqrt(n_prev))
            case "l-layer" -> cats(() -> Initializers.initializeParametersDeepScaled(12288, 20, 7, 5, 1));
            // (n_x, n_h, n_y) = (12288, 7, 1); initialize_parameters (seed 1, * 0.01)
            case "two-layer" -> cats(() -> Initializers.initializeParameters(12288, 7, 1));
            case "logistic-regression" -> logisticRegression();
            case "planar" -> planar();
            default -> throw new IllegalArgumentException("Course 1 has no benchmark case '" + name + "'");
        };
    }

    /** Week 4: 2500 iterations at learning rate 0.0075 on the 209 training pictures. */
    private static Workload cats(Supplier<Parameters> initialisation) {
        INDArray x = CatsData.train().flattenedScaled();
        INDArray y = CatsData.train().labels();
        return new Workload(2500, 50, "iteration", (laps, stopwatch) -> new GradientDescent(x, y,
                initialisation.get()).run(0.0075, laps, 1, (i, cost) -> stopwatch.lap(1)).last());
    }

    /** Week 2: {@code optimize(w, b, X_train, Y_train, 2000, 0.005)} from {@code initialize_with_zeros}. */
    private static Workload logisticRegression() {
        INDArray x = CatsData.train().flattenedScaled();
        INDArray y = CatsData.train().labels();
        return new Workload(2000, 50, "iteration", (laps, stopwatch) -> {
            LogisticRegression.WeightsAndBias zeros = LogisticRegression.initializeWithZeros((int) x.size(0));
            CostRecorder costs = CostRecorder.every(1).onRecord((i, cost) -> stopwatch.lap(1));
            LogisticRegression.optimizeFused(zeros.w(), zeros.b(), x, y, laps, 0.005, costs);
            return costs.curve().last();
        });
    }

    /** Week 3: {@code nn_model(X, Y, n_h=4, num_iterations=10000)}, learning rate 1.2, seed 3. */
    private static Workload planar() {
        ToyData.Xy data = ToyData.planarFlower();
        return new Workload(10000, 500, "iteration", (laps, stopwatch) -> {
            CostRecorder costs = CostRecorder.every(1).onRecord((i, cost) -> stopwatch.lap(1));
            PlanarClassifier.nnModelFused(data.x(), data.y(), 4, laps, 1.2, PlanarClassifier.NOTEBOOK_SEED, costs);
            return costs.curve().last();
        });
    }
}
