package org.dls4j.shared.cli;

import picocli.CommandLine.Option;

/**
 * The options of a training run: {@code --learning-rate}, {@code --print-every} and {@code --seed}, plus
 * {@code --iterations} ({@link FullBatch}: full-batch gradient descent) or {@code --epochs} and
 * {@code --mini-batch-size} ({@link MiniBatch}: mini-batches, by hand or with DL4J). Each assignment's
 * {@code Options} passes the notebook's values to the constructor, so each default is written once, there; what
 * {@code --seed} seeds is in the assignment's command description.
 */
public abstract class TrainingOptions extends AssignmentOptions {

    @Option(names = "--learning-rate", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    public double learningRate;

    @Option(names = "--print-every", paramLabel = "N",
            description = "Print the cost every N iterations (epochs for mini-batch runs) (default: ${DEFAULT-VALUE}).")
    public int printEvery;

    @Option(names = "--seed", description = "The notebook's numpy seed, see above (default: ${DEFAULT-VALUE}).")
    public long seed;

    protected TrainingOptions(double learningRate, int printEvery, long seed) {
        this.learningRate = learningRate;
        this.printEvery = printEvery;
        this.seed = seed;
    }

    /** The largest number the run adds to {@code --seed}; 0 when it uses the seed as given. */
    protected long largestSeedOffset() {
        return 0;
    }

    @Override
    public void validate() {
        OptionChecks.positive("--learning-rate", learningRate);
        OptionChecks.atLeast("--print-every", printEvery, 1);
        OptionChecks.numpySeed("--seed", seed, largestSeedOffset());
    }

    /** For a run that records a cost every {@code recordEvery} iterations (epochs) and prints some of them. */
    protected void requirePrintingRecordedCosts(int recordEvery) {
        if (printEvery % recordEvery != 0) {
            throw new OptionException("--print-every must be a multiple of " + recordEvery + " (the costs are recorded "
                    + "every " + recordEvery + "), not " + printEvery);
        }
    }

    /** Full-batch gradient descent: {@code --iterations}. */
    public abstract static class FullBatch extends TrainingOptions {

        @Option(names = "--iterations", description = "Gradient-descent steps (default: ${DEFAULT-VALUE}).")
        public int iterations;

        protected FullBatch(int iterations, double learningRate, int printEvery, long seed) {
            super(learningRate, printEvery, seed);
            this.iterations = iterations;
        }

        @Override
        public void validate() {
            OptionChecks.atLeast("--iterations", iterations, 1);
            super.validate();
        }
    }

    /**
     * Mini-batch training: {@code --epochs} and {@code --mini-batch-size}; {@code --seed} starts the shuffles, epoch
     * e shuffling with {@code seed + 1 + e} (the notebooks' {@code seed = seed + 1} before each epoch), so the last
     * seed, {@code seed + epochs}, must still be a numpy seed.
     */
    public abstract static class MiniBatch extends TrainingOptions {

        @Option(names = "--epochs", description = "num_epochs (default: ${DEFAULT-VALUE}).")
        public int epochs;

        @Option(names = "--mini-batch-size", description = "mini_batch_size (default: ${DEFAULT-VALUE}).")
        public int miniBatchSize;

        protected MiniBatch(int epochs, int miniBatchSize, double learningRate, int printEvery, long seed) {
            super(learningRate, printEvery, seed);
            this.epochs = epochs;
            this.miniBatchSize = miniBatchSize;
        }

        @Override
        protected long largestSeedOffset() {
            return epochs;
        }

        @Override
        public void validate() {
            OptionChecks.atLeast("--epochs", epochs, 1);
            OptionChecks.atLeast("--mini-batch-size", miniBatchSize, 1);
            super.validate();
        }
    }
}
