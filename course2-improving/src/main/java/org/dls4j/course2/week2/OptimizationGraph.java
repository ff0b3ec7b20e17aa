package org.dls4j.course2.week2;

import java.util.HashMap;
import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.course2.week2.OptimizationMethods.Decay;
import org.dls4j.course2.week2.OptimizationMethods.EpochListener;
import org.dls4j.course2.week2.OptimizationMethods.Hyperparameters;
import org.dls4j.course2.week2.OptimizationMethods.MiniBatch;
import org.dls4j.course2.week2.OptimizationMethods.TrainedModel;
import org.dls4j.shared.graph.DenseGraphs;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The DL4J face of {@link OptimizationMethods}: the same network ({@code [2, 5, 2, 1]}, ReLU, ReLU, sigmoid, binary
 * cross-entropy averaged over the mini-batch), as a {@link ComputationGraph} in float64 (which
 * {@link DenseGraphs#binaryClassifier} sets), from the same initial weights and on the same mini-batches in the same
 * order ({@link OptimizationMethods#randomMiniBatches} with seed 11, 12, ...), with DL4J's updaters:
 * <ul>
 *   <li>{@code gd}: {@link Sgd} — the same update, so the costs agree with the from-scratch run to ~1e-12;</li>
 *   <li>{@code momentum}: {@link Nesterovs} with momentum {@code beta} and learning rate
 *       {@code learning_rate * (1 - beta)}. The notebook's momentum {@code v = beta v + (1 - beta) dW; W -= lr v} is
 *       classical (heavy-ball) momentum with step {@code lr (1 - beta)}; DL4J only has the Nesterov variant, which
 *       looks ahead one step, so the curves agree closely but not to the last digit;</li>
 *   <li>{@code adam}: {@link Adam} with the same betas and epsilon. DL4J folds the bias correction into the step
 *       ({@code lr sqrt(1-beta2^t)/(1-beta1^t) m / (sqrt(v) + eps)}), which moves epsilon inside the correction:
 *       agreement to about 1e-6;</li>
 *   <li>decay: a {@link MapSchedule} on the epoch (DL4J's epoch counter is advanced after each epoch), holding
 *       exactly the rates the notebook's {@code update_lr} / {@code schedule_lr_decay} give each epoch.</li>
 * </ul>
 * Each {@code fit} computes the batch's mean loss before its update ({@code score()}), so {@code cost_total} is
 * {@code sum(score * batch size)}, as the notebook's {@code np.sum} of the batch's losses.
 */
public final class OptimizationGraph {

    private OptimizationGraph() {
    }

    /** The DL4J updater for {@code h}, with the decay schedule when {@code h} has one. */
    public static IUpdater updater(Hyperparameters h, int numEpochs) {
        ISchedule schedule = h.decay() == Decay.NONE ? null : schedule(h, numEpochs);
        return switch (h.optimizer()) {
            case GD -> schedule == null ? new Sgd(h.learningRate()) : new Sgd(schedule);
            case MOMENTUM -> {
                double beta = h.beta();
                ISchedule scaled = schedule == null ? null : scaledSchedule(h, numEpochs, 1 - beta);
                yield scaled == null ? new Nesterovs(h.learningRate() * (1 - beta), beta) : new Nesterovs(scaled, beta);
            }
            case ADAM -> schedule == null ? new Adam(h.learningRate(), h.beta1(), h.beta2(), h.epsilon())
                    : Adam.builder().learningRateSchedule(schedule).beta1(h.beta1()).beta2(h.beta2())
                            .epsilon(h.epsilon()).build();
        };
    }

    /** A readable name of the updater, for the CLI. */
    public static String updaterName(Hyperparameters h) {
        String base = switch (h.optimizer()) {
            case GD -> "Sgd";
            case MOMENTUM -> "Nesterovs, momentum " + h.beta();
            case ADAM -> "Adam";
        };
        return base + (h.decay() == Decay.NONE ? "" : " + MapSchedule(EPOCH)");
    }

    /** Epoch e (from 0) trains with {@code lr0} at e = 0 and {@code decay(lr0, e - 1, decay_rate)} after. */
    static ISchedule schedule(Hyperparameters h, int numEpochs) {
        return scaledSchedule(h, numEpochs, 1.0);
    }

    private static ISchedule scaledSchedule(Hyperparameters h, int numEpochs, double factor) {
        Map<Integer, Double> values = new HashMap<>();
        double previous = Double.NaN;
        for (int e = 0; e < numEpochs; e++) {
            double lr = e == 0 ? h.learningRate()
                    : h.decay().apply(h.learningRate(), e - 1, h.decayRate(), h.timeInterval());
            if (lr != previous) {
                values.put(e, lr * factor);
                previous = lr;
            }
        }
        return new MapSchedule(ScheduleType.EPOCH, values);
    }

    /** The graph for {@code layers_dims}, hidden ReLU, sigmoid output, binary cross-entropy without clipping. */
    public static ComputationGraph build(int[] layerDims, IUpdater updater) {
        return DenseGraphs.binaryClassifier(layerDims, Activation.RELU, updater);
    }

    /**
     * Trains like {@link OptimizationMethods#model}, with the graph: the same initial weights, the same mini-batches
     * ({@link OptimizationMethods#randomMiniBatches}) in the same order, the same epoch loop and records.
     *
     * @throws org.dls4j.shared.train.TrainingDivergedException when the cost becomes NaN or infinite
     */
    public static TrainedModel train(INDArray X, INDArray Y, int[] layersDims, Hyperparameters h,
            EpochListener onEpoch) {
        ComputationGraph graph = build(layersDims, updater(h, h.numEpochs()));
        DenseGraphs.setParameters(graph, OptimizationMethods.initialParameters(layersDims));
        return OptimizationMethods.epochs(h, (int) X.size(1), (seed, learningRate) -> {
            // the rate comes from the graph's schedule (see updater)
            double costTotal = 0;
            for (MiniBatch batch : OptimizationMethods.randomMiniBatches(X, Y, h.miniBatchSize(), seed)) {
                graph.fit(DenseGraphs.examplesAsRows(batch.x(), batch.y()));
                // score = mean loss of the batch before the update; np.sum(logprobs) = score * batch size
                costTotal += graph.score() * batch.size();
            }
            graph.incrementEpochCount();
            return costTotal;
        }, () -> DenseGraphs.parameters(graph, layersDims.length - 1), onEpoch);
    }
}
