package org.dls4j.shared.cli;

import picocli.CommandLine.Option;

/**
 * The options of a Keras {@code model.fit(X, Y, epochs, batch_size)} run on a DL4J graph: {@code --epochs},
 * {@code --batch-size}, Adam's {@code --learning-rate} (Keras' 0.001 unless the notebook says otherwise),
 * {@code --seed} (numpy's seed of the shuffles Keras makes every epoch: epoch e shuffles with seed + 1 + e) and
 * {@code --init-seed} (DL4J's seed of the initial weights; TensorFlow's cannot be reproduced). Each assignment's
 * {@code Options} passes the notebook's values to the constructor, so each default is written once, there; what else
 * {@code --seed} seeds (a notebook's generated data) is in the assignment's command description.
 */
public abstract class KerasFitOptions extends AssignmentOptions {

    @Option(names = "--epochs", description = "epochs of model.fit (default: ${DEFAULT-VALUE}).")
    public int epochs;

    @Option(names = "--batch-size", description = "batch_size (default: ${DEFAULT-VALUE}).")
    public int batchSize;

    @Option(names = "--learning-rate", description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    public double learningRate;

    @Option(names = "--seed", description = "numpy seed of the shuffles (Keras shuffles every epoch): epoch e "
            + "shuffles with seed + 1 + e (default: ${DEFAULT-VALUE}).")
    public long seed;

    @Option(names = "--init-seed", description = "DL4J seed of the Glorot initialisation (default: "
            + "${DEFAULT-VALUE}).")
    public long initSeed;

    protected KerasFitOptions(int epochs, int batchSize, double learningRate, long seed, long initSeed) {
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
        this.initSeed = initSeed;
    }

    @Override
    public void validate() {
        OptionChecks.atLeast("--epochs", epochs, 1);
        OptionChecks.atLeast("--batch-size", batchSize, 1);
        OptionChecks.positive("--learning-rate", learningRate);
        OptionChecks.numpySeed("--seed", seed, epochs);
    }
}
