package org.dls4j.shared.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.dls4j.shared.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@link RnnSoftmaxOutputLayer} is DL4J's {@code RnnOutputLayer(MCXENT, softmax)}: behind a {@link BasicRnnLayer}
 * with the same weights, the outputs, the score and every gradient (the recurrent layer's too, so the input gradient
 * it hands back is DL4J's), with and without mini-batch scaling, and the parameters after three clipped SGD steps; a
 * saved network restores it.
 */
class RnnSoftmaxOutputLayerTest {
    private static final int N_IN = 6, UNITS = 5, CLASSES = 7, STEPS = 9, BATCH = 3;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void itIsDl4jsRnnOutputLayer(boolean miniBatch) {
        ComputationGraph stock = graph(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                .activation(Activation.SOFTMAX).build(), miniBatch);
        ComputationGraph java = graph(new RnnSoftmaxOutputLayer(0, CLASSES), miniBatch);
        assertInstanceOf(RnnSoftmaxOutputLayerRuntime.class, java.getLayer("out"));
        java.setParams(stock.params());
        BaseLayer stockConf = (BaseLayer) stock.getLayer("out").conf().getLayer();
        BaseLayer javaConf = (BaseLayer) java.getLayer("out").conf().getLayer();
        assertEquals(stockConf.getGradientNormalization(), javaConf.getGradientNormalization());
        assertEquals(stockConf.getGradientNormalizationThreshold(), javaConf.getGradientNormalizationThreshold());
        assertEquals(stockConf.getIUpdater(), javaConf.getIUpdater());
        assertEquals(stockConf.getWeightInitFn(), javaConf.getWeightInitFn());
        NumpyRandom rng = new NumpyRandom(3);
        INDArray x = rng.randn(BATCH, N_IN, STEPS).muli(2);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, BATCH, CLASSES, STEPS);
        for (int e = 0; e < BATCH; e++) {
            for (int t = 0; t < STEPS; t++) {
                labels.putScalar(new long[] {e, rng.choice(CLASSES), t}, 1.0);
            }
        }
        INDArray expected = stock.outputSingle(x);
        assertTrue(java.outputSingle(x).equalsWithEps(expected, 1e-14), "outputs");
        for (ComputationGraph g : new ComputationGraph[] {stock, java}) {
            g.setInputs(x);
            g.setLabels(labels);
            g.computeGradientAndScore();
        }
        assertEquals(stock.score(), java.score(), 1e-12 * Math.abs(stock.score()));
        for (var entry : stock.gradient().gradientForVariable().entrySet()) {
            INDArray ours = java.gradient().getGradientFor(entry.getKey());
            assertTrue(ours.equalsWithEps(entry.getValue(), 1e-12), entry.getKey() + ": DL4J " + entry.getValue()
                    + "\nvs " + ours);
        }
        assertEquals(5, java.gradient().gradientForVariable().size());
        for (int step = 0; step < 3; step++) {
            stock.fit(new INDArray[] {x}, new INDArray[] {labels});
            java.fit(new INDArray[] {x}, new INDArray[] {labels});
            assertEquals(stock.score(), java.score(), 1e-12 * Math.abs(stock.score()), "score of step " + step);
        }
        assertTrue(java.params().equalsWithEps(stock.params(), 1e-12), "parameters after three steps");
    }

    @Test
    void aSavedNetworkRestoresIt() throws IOException {
        ComputationGraph java = graph(new RnnSoftmaxOutputLayer(0, CLASSES), true);
        INDArray x = new NumpyRandom(5).randn(BATCH, N_IN, STEPS);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(java, bytes, true);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(
                bytes.toByteArray()), true);
        assertInstanceOf(RnnSoftmaxOutputLayerRuntime.class, restored.getLayer("out"));
        assertTrue(restored.outputSingle(x).equalsWithEps(java.outputSingle(x), 0), "restored outputs");
    }

    @Test
    void wrongLabelsAreNamed() {
        ComputationGraph java = graph(new RnnSoftmaxOutputLayer(0, CLASSES), true);
        INDArray x = new NumpyRandom(6).randn(BATCH, N_IN, STEPS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> java.fit(new INDArray[] {x},
                new INDArray[] {Nd4j.zeros(DataType.DOUBLE, BATCH, CLASSES + 1, STEPS)}));
        assertTrue(e.getMessage().contains("[3, 7, 9]"), e.getMessage());
    }

    private static ComputationGraph graph(Layer output, boolean miniBatch) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .seed(12)
                .updater(new Sgd(0.5))
                .miniBatch(miniBatch)
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(0.05)
                .graphBuilder()
                .addInputs("x")
                .addLayer("rnn", new BasicRnnLayer(UNITS, false), "x")
                .addLayer("out", output, "rnn")
                .setOutputs("out")
                .setInputTypes(InputType.recurrent(N_IN))
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }
}
