package org.dls4j.shared.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Keras' adapted Normalization: fixed statistics, the same in training and inference, gradients passed through. */
class FeatureStandardizationTest {

    @Test
    void standardizesWithTheAdaptedStatisticsAndPassesGradients() {
        INDArray data = Nd4j.createFromArray(new double[][] {{1, 10}, {3, 10}, {5, 16}});
        // column means 3 and 12, population variances 8/3 and 8: std sqrt(8/3), sqrt(8) (epsilon 0)
        FeatureStandardization standardization = FeatureStandardization.adaptedTo(data, 0);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("x").setInputTypes(InputType.feedForward(2))
                .addLayer("below", new DenseLayer.Builder().nOut(2).activation(Activation.IDENTITY).build(), "x")
                .addLayer("standardized", standardization, "below")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1)
                        .activation(Activation.IDENTITY).build(), "standardized")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        graph.getLayer("below").getParam("W").assign(Nd4j.eye(2));
        graph.getLayer("below").getParam("b").assign(0);
        INDArray x = Nd4j.createFromArray(new double[][] {{3 + Math.sqrt(8.0 / 3), 12 - Math.sqrt(8)}});
        assertArrayEquals(new double[] {1, -1},
                graph.feedForward(x, true).get("standardized").toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {1, -1},
                graph.feedForward(x, false).get("standardized").toDoubleVector(), 1e-12);
        // a training step reaches the layer below it
        INDArray below = graph.getLayer("below").params().dup();
        graph.fit(new org.nd4j.linalg.dataset.DataSet(x, Nd4j.ones(DataType.DOUBLE, 1, 1)));
        assertNotEquals(below, graph.getLayer("below").params());
    }
}
