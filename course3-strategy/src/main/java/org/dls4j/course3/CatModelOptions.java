package org.dls4j.course3;

import java.util.Arrays;

import org.dls4j.course1.week4.DeepNetworkApplication;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import picocli.CommandLine.Option;

/**
 * The options of the lessons that train Course 1's cat classifier ({@link CatModels}): its layers, and the
 * notebook's gradient descent (2500 iterations at 0.0075, numpy seed 1), taken from
 * {@link DeepNetworkApplication.Options} so that they are stated once. Each lesson passes the layers it starts from.
 */
public abstract class CatModelOptions extends AssignmentOptions {

    private static final DeepNetworkApplication.Options COURSE_1 = new DeepNetworkApplication.Options();

    @Option(names = "--layers", split = ",", paramLabel = "N", description = "layers_dims of the cat classifier, "
            + "12288 first and 1 last, comma-separated: 12288,7,1 is Course 1's two-layer model, 12288,20,7,5,1 its "
            + "L-layer model (default: ${DEFAULT-VALUE}).")
    public int[] layers;

    @Option(names = "--iterations", paramLabel = "N",
            description = "Gradient-descent steps per model (default: ${DEFAULT-VALUE}, Course 1's).")
    public int iterations = COURSE_1.iterations;

    @Option(names = "--learning-rate", paramLabel = "RATE",
            description = "Learning rate (default: ${DEFAULT-VALUE}, Course 1's).")
    public double learningRate = COURSE_1.learningRate;

    @Option(names = "--seed", description = "numpy seed of the initial weights and of the pictures drawn "
            + "(default: ${DEFAULT-VALUE}, Course 1's).")
    public long seed = COURSE_1.seed;

    protected CatModelOptions(int[] layers) {
        this.layers = layers.clone();
    }

    @Override
    public void validate() {
        int[] l = layers;
        int inputs = DeepNetworkApplication.L_LAYER_DIMS[0];
        if (l.length < 2 || l[0] != inputs || l[l.length - 1] != 1) {
            throw new OptionException("--layers must start with " + inputs + " (64*64*3 pixels) and end with 1 (one "
                    + "sigmoid unit), e.g. 12288,7,1, but was " + Arrays.toString(l));
        }
        for (int d : l) {
            OptionChecks.atLeast("--layers sizes", d, 1);
        }
        OptionChecks.atLeast("--iterations", iterations, 1);
        OptionChecks.positive("--learning-rate", learningRate);
        OptionChecks.numpySeed("--seed", seed, 0);
    }

    /** The layers as the lectures write a model: {@code [12288, 7, 1]}. */
    public String model() {
        return Arrays.toString(layers);
    }
}
