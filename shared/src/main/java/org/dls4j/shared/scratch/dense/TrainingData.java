package org.dls4j.shared.scratch.dense;

import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A training set prepared once for a {@link FusedDenseNet}: {@code X (n_x, m)} and {@code Y (n_L, m)} as row-major
 * values, with the labels checked for the network's {@link NetworkOutput} (a sigmoid output takes {@code (1, m)} of
 * 0 and 1), so a wrong {@code Y} is refused before the first step. Immutable.
 */
public final class TrainingData {

    private final int features;
    private final int outputs;
    private final int m;
    private final double[] x;
    private final double[] y;
    private final NetworkOutput output;

    private TrainingData(INDArray X, INDArray Y, NetworkOutput output, int outputs) {
        if (X.rank() != 2) {
            throw new IllegalArgumentException("X must be (n_x, m) but was " + Shapes.format(X.shape()));
        }
        if (X.size(1) > Integer.MAX_VALUE / 64) {
            throw new IllegalArgumentException("too many examples for one batch: " + X.size(1));
        }
        this.features = (int) X.size(0);
        this.m = (int) X.size(1);
        this.outputs = outputs;
        this.output = output;
        output.checkLabels(Y, outputs, m);
        try (var ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            x = X.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            y = Y.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        }
    }

    /** {@code X}, {@code Y} for {@code network}; throws when they do not fit its input or its output. */
    public static TrainingData of(INDArray X, INDArray Y, FusedDenseNet network) {
        int[] dims = network.layerDims();
        TrainingData data = new TrainingData(X, Y, network.spec().output(), dims[dims.length - 1]);
        network.requireFits(data);
        return data;
    }

    /** {@code n_x}. */
    public int features() {
        return features;
    }

    /** {@code n_L}, the rows of {@code Y}. */
    public int outputs() {
        return outputs;
    }

    /** The number of examples. */
    public int m() {
        return m;
    }

    /** The output the labels were checked for. */
    public NetworkOutput output() {
        return output;
    }

    double[] x() {
        return x;
    }

    double[] y() {
        return y;
    }
}
