package org.dls4j.shared.graph;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLambdaLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code (x - mean) / std} per feature of {@code (m, n)} rows, with the statistics fixed when the layer is made:
 * Keras' {@code Normalization} layer after {@code adapt(data)}. It has no parameters to train, passes gradients to
 * the layers below it (a frozen batch norm in DL4J stops them), and normalizes the same way in training and in
 * inference (a trainable batch norm normalizes each training batch by its own statistics, and its moving averages
 * trail features that are still changing).
 */
public class FeatureStandardization extends SameDiffLambdaLayer {

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

    @Override
    public SDVariable defineLayer(SameDiff sameDiff, SDVariable layerInput) {
        SDVariable mu = sameDiff.constant(Nd4j.createFromArray(mean).reshape(1, mean.length)
                .castTo(layerInput.dataType()));
        SDVariable sigma = sameDiff.constant(Nd4j.createFromArray(std).reshape(1, std.length)
                .castTo(layerInput.dataType()));
        return layerInput.sub(mu).div(sigma);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
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
