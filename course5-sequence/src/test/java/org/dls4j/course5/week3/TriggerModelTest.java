package org.dls4j.course5.week3;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The model's layers, parameter counts and dropout rates are the 2021 notebook's summary's; the whole graph's gradients
 * (convolution, batch norms, both GRUs, the weighted loss, the preprocessors between them) equal central differences.
 */
class TriggerModelTest {

    /** The notebook's summary, as the grader checks it. */
    @Test
    void parameterCountsAreTheNotebooks() {
        assertPasses(new TriggerWordDetectionChecks(), "modelf");
    }

    /**
     * A small model (3 filters, GRU(4), no dropout, positive weight 3) on 51 spectrogram steps (10 output steps), in
     * float64: the gradient of every trainable parameter but most of the convolution's (every 25th of those) equals
     * the central difference of the loss (the score is the batch's mean; DL4J's gradient is the batch's sum until the
     * updater divides it by the batch size).
     */
    @Test
    void gradientsOfTheWholeModelEqualCentralDifferences() {
        ComputationGraph model = TriggerModel.model(51, new TriggerModel.Config(3, 4, 0, 0.99, 3), 5, 1e-3)
                .convertDataType(DataType.DOUBLE);
        NumpyRandom rng = new NumpyRandom(11);
        INDArray x = rng.randn(2, TriggerSynthesis.N_FREQ, 51);
        INDArray y = rng.rand(2, 1, 10).gt(0.7).castTo(DataType.DOUBLE);
        DataSet batch = new DataSet(x, y);
        model.setInputs(x);
        model.setLabels(y);
        model.computeGradientAndScore();
        assertEquals(model.score(), model.score(batch, true), 1e-12);
        Map<String, INDArray> gradients = model.gradient().gradientForVariable();
        int checked = 0;
        for (Map.Entry<String, INDArray> entry : model.paramTable().entrySet()) {
            String key = entry.getKey();
            if (key.startsWith("batch_normalization") && !key.endsWith("_gamma") && !key.endsWith("_beta")) {
                continue;                                   // moving mean and variance: not trained
            }
            INDArray value = entry.getValue();
            INDArray analytic = gradients.get(key).div(x.size(0));  // the sum over the batch: the updater divides
            int stride = key.equals("conv1d_W") ? 25 : 1;
            for (int i = 0; i < value.length(); i += stride) {
                double v = value.getDouble(i);
                value.putScalar(i, v + 1e-6);
                double up = model.score(batch, true);
                value.putScalar(i, v - 1e-6);
                double down = model.score(batch, true);
                value.putScalar(i, v);
                double numerical = (up - down) / 2e-6;
                assertEquals(numerical, analytic.getDouble(i), 1e-6 + 1e-5 * Math.abs(numerical), key + "[" + i + "]");
                checked++;
            }
        }
        assertTrue(checked > 400, "checked " + checked);
    }
}
