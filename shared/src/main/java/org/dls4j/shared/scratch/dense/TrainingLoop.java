package org.dls4j.shared.scratch.dense;

/**
 * The training step of Course 2's from-scratch models: a {@link FusedDenseNet}'s forward and backward pass followed
 * by an {@link UpdateRule} ({@link GdRule}, {@link MomentumRule}, {@link AdamRule}), on the whole training set
 * ({@link #fullBatchStep}) or on each mini-batch of an epoch ({@link #epoch}). After every step the caller's
 * {@link Parameters} hold the updated values.
 * <pre>{@code
 * FusedDenseNet network = new FusedDenseNet(parameters, FusedDenseNet.Spec.initUtils());
 * TrainingLoop loop = new TrainingLoop(network, new GdRule());
 * TrainingData data = TrainingData.of(X, Y, network);
 * for (int i = 0; i < numIterations; i++) {
 *     double cost = loop.fullBatchStep(data, learningRate);
 * }
 * }</pre>
 */
public final class TrainingLoop {

    private final FusedDenseNet network;
    private final UpdateRule rule;

    public TrainingLoop(FusedDenseNet network, UpdateRule rule) {
        this.network = network;
        this.rule = rule;
    }

    /** The parameters being trained (the caller's object, up to date after every step). */
    public Parameters parameters() {
        return network.parameters();
    }

    /** One iteration on the whole of {@code data}; returns the cost of the parameters before the update. */
    public double fullBatchStep(TrainingData data, double learningRate) {
        network.requireFits(data);
        return step(data.x(), data.y(), data.m(), learningRate);
    }

    /**
     * One epoch of the 2019-21 model: {@code random_mini_batches(X, Y, mini_batch_size, seed)}, then one step per
     * mini-batch; returns {@code cost_total}, the sum of the batches' costs (the model prints {@code cost_total / m}).
     */
    public double epoch(MiniBatches batches, long seed, double learningRate) {
        network.requireFits(batches.data());
        // for minibatch in minibatches: ...; cost_total += compute_cost(a3, minibatch_Y)
        return batches.forEach(seed, (x, y, size) -> step(x, y, size, learningRate));
    }

    private double step(double[] x, double[] y, int m, double learningRate) {
        // a3, caches = forward_propagation(X, parameters); cost = compute_cost(a3, Y); grads = backward_propagation()
        double cost = network.forwardBackward(x, y, m);
        // parameters = update_parameters_with_...(parameters, grads, ...)
        rule.update(network.parameterArrays(), network.gradientArrays(), learningRate);
        network.publish();
        return cost;
    }
}
