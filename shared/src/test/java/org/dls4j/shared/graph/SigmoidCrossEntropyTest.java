package org.dls4j.shared.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.nio.file.Path;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.dls4j.shared.testing.NdAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;

class SigmoidCrossEntropyTest {

    private static final SigmoidCrossEntropy LOSS = new SigmoidCrossEntropy();
    private static final INDArray LABELS = Nd4j.createFromArray(new double[][] {{0}, {1}, {1}, {0}});

    /** Where DL4J's clipped loss is exact (no saturation), both give the same score and gradient. */
    @Test
    void agreesWithDl4jsLossAwayFromSaturation() {
        INDArray z = Nd4j.createFromArray(new double[][] {{-2.0}, {0.3}, {4.0}, {1.5}});
        LossBinaryXENT dl4j = new LossBinaryXENT();
        assertEquals(dl4j.computeScore(LABELS, z.dup(), new ActivationSigmoid(), null, true),
                LOSS.computeScore(LABELS, z.dup(), new ActivationSigmoid(), null, true), 1e-9);
        NdAssert.assertAllClose(dl4j.computeGradient(LABELS, z.dup(), new ActivationSigmoid(), null),
                LOSS.computeGradient(LABELS, z.dup(), new ActivationSigmoid(), null), 1e-9, 1e-12, "gradient");
        // per example: -log(1 - sigmoid(-2)) = log(1 + e^-2) = 0.12692801104297263
        assertEquals(0.12692801104297263,
                LOSS.computeScoreArray(LABELS, z.dup(), new ActivationSigmoid(), null).getDouble(0, 0), 1e-15);
    }

    /** A saturated float32 sigmoid: DL4J's gradient is 0 there, TensorFlow's (and this one) is sigmoid(z) - y. */
    @Test
    void keepsTheGradientWhenTheSigmoidSaturates() {
        INDArray z = Nd4j.createFromArray(new float[][] {{30f}});
        INDArray zero = Nd4j.zeros(DataType.FLOAT, 1, 1);
        assertEquals(0.0, new LossBinaryXENT().computeGradient(zero, z.dup(), new ActivationSigmoid(), null)
                .getDouble(0), 1e-6, "DL4J's clipped loss has no gradient left");
        assertEquals(1.0, LOSS.computeGradient(zero, z.dup(), new ActivationSigmoid(), null).getDouble(0), 1e-6);
        assertEquals(30.0, LOSS.computeScore(zero, z.dup(), new ActivationSigmoid(), null, true), 1e-5);
        INDArray mask = Nd4j.zeros(DataType.FLOAT, 1, 1);
        assertEquals(0.0, LOSS.computeGradient(zero, z.dup(), new ActivationSigmoid(), mask).getDouble(0));
    }

    /** Weighted positives: PyTorch's {@code binary_cross_entropy_with_logits(z, y, pos_weight=3)}, float64. */
    @Test
    void weighsPositivesAsPyTorchsPosWeight() {
        SigmoidCrossEntropy weighted = new SigmoidCrossEntropy(3);
        INDArray z = Nd4j.createFromArray(new double[][] {{-2.0}, {0.3}, {4.0}, {1.5}});
        NdAssert.assertAllClose(Nd4j.createFromArray(new double[][] {{0.1269280110429727}, {1.6630657334055812},
                {0.054449783753429334}, {1.7014132779827524}}),
                weighted.computeScoreArray(LABELS, z.dup(), new ActivationSigmoid(), null), 1e-14, 1e-15, "losses");
        assertEquals(0.8864642015461839, weighted.computeScore(LABELS, z.dup(), new ActivationSigmoid(), null, true),
                1e-14);
        NdAssert.assertAllClose(Nd4j.createFromArray(new double[][] {{0.11920292202211755}, {-1.276672449565023},
                {-0.05395862988627442}, {0.8175744761936437}}),
                weighted.computeGradient(LABELS, z.dup(), new ActivationSigmoid(), null), 1e-14, 1e-15, "gradient");
        assertEquals(new SigmoidCrossEntropy(3), weighted);
        assertThrows(IllegalArgumentException.class, () -> new SigmoidCrossEntropy(0));
    }

    @Test
    void refusesAnotherActivation() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LOSS.computeScore(LABELS, LABELS, new ActivationSoftmax(), null, true));
        assertEquals("SigmoidCrossEntropy works from the logits of a SIGMOID output layer, not softmax", e.getMessage());
    }

    /** A graph with this loss (here weighted) is saved and restored like any other. */
    @Test
    void survivesSavingAndRestoring(@TempDir Path folder) throws Exception {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).graphBuilder()
                .addInputs("x").setInputTypes(InputType.feedForward(3))
                .addLayer("out", new OutputLayer.Builder(new SigmoidCrossEntropy(2.5)).nOut(1)
                        .activation(Activation.SIGMOID).build(), "x")
                .setOutputs("out").build();
        ComputationGraph graph = Graphs.initialized(conf);
        File file = folder.resolve("graph.zip").toFile();
        ModelSerializer.writeModel(graph, file, true);
        ComputationGraph restored = Graphs.restored(file);
        assertEquals(graph.getConfiguration(), restored.getConfiguration());
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 3);
        NdAssert.assertAllClose(graph.outputSingle(x), restored.outputSingle(x), 0, 0, "outputs");
        // a configuration saved before the weight existed: Keras' plain loss
        assertEquals(LOSS, NeuralNetConfiguration.mapper().readValue(
                "{\"@class\" : \"org.dls4j.shared.graph.SigmoidCrossEntropy\"}", ILossFunction.class));
    }
}
