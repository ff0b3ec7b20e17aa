package org.dls4j.shared.graph;

import java.util.Arrays;

import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code (x - mean) / std} per feature of {@code (m, n)} rows, with the statistics fixed when it is made: Keras'
 * {@code Normalization} layer after {@code adapt(data)}. It has no parameters to train, passes gradients to the
 * layers below it ({@code dL/dx = dL/dy / std}; a frozen batch norm in DL4J stops them), and normalizes the same way
 * in training and in inference (a trainable batch norm normalizes each training batch by its own statistics, and its
 * moving averages trail features that are still changing).
 *
 * <p>A graph takes it as a vertex ({@link #asVertex()}). It is a preprocessor, plain ND4J, rather than a SameDiff
 * lambda layer: M2.1's SameDiff prints a line to standard output for every op it differentiates.
 */
public class FeatureStandardization implements InputPreProcessor {

    private static final long serialVersionUID = 1L;

    private double[] mean;
    private double[] std;

    /** For DL4J's JSON (de)serialization. */
    protected FeatureStandardization() {
    }

    private FeatureStandardization(double[] mean, double[] std) {
        this.mean = mean;
        this.std = std;
    }

    /**
     * The standardization adapted to {@code features} {@code (m, n)}: their mean and population standard deviation
     * per column, with {@code epsilon} added to the variance (0.001, Keras' batch norm's, keeps a constant feature
     * finite).
     */
    public static FeatureStandardization adaptedTo(INDArray features, double epsilon) {
        if (features.rank() != 2 || features.size(0) < 1) {
            throw new IllegalArgumentException("adapt takes features (m, n), not "
                    + Arrays.toString(features.shape()));
        }
        INDArray mean = features.mean(0);
        INDArray std = Nd4j.math().sqrt(features.var(false, 0).addi(epsilon));
        return new FeatureStandardization(mean.toDoubleVector(), std.toDoubleVector());
    }

    /** This standardization as a graph vertex with one input. */
    public PreprocessorVertex asVertex() {
        return new PreprocessorVertex(this);
    }

    @Override
    public INDArray preProcess(INDArray input, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        checkWidth(input);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
        return out.assign(input).subiRowVector(row(mean, input)).diviRowVector(row(std, input));
    }

    @Override
    public INDArray backprop(INDArray output, int miniBatchSize, LayerWorkspaceMgr workspaceMgr) {
        checkWidth(output);
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, output.dataType(), output.shape(),
                'c');
        return out.assign(output).diviRowVector(row(std, output));
    }

    private void checkWidth(INDArray rows) {
        if (rows.rank() != 2 || rows.size(1) != mean.length) {
            throw new IllegalArgumentException("FeatureStandardization was adapted to " + mean.length
                    + " features and takes (m, " + mean.length + "), not " + Arrays.toString(rows.shape()));
        }
    }

    private static INDArray row(double[] values, INDArray like) {
        return Nd4j.createFromArray(values).castTo(like.dataType());
    }

    @Override
    public FeatureStandardization clone() {
        return new FeatureStandardization(mean.clone(), std.clone());
    }

    @Override
    public InputType getOutputType(InputType inputType) {
        return inputType;
    }

    @Override
    public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
            int minibatchSize) {
        return new Pair<>(maskArray, currentMaskState);
    }

    public double[] getMean() {
        return mean;
    }

    public void setMean(double[] mean) {
        this.mean = mean;
    }

    public double[] getStd() {
        return std;
    }

    public void setStd(double[] std) {
        this.std = std;
    }
}
