package org.dls4j.shared.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/**
 * Keras' numbers from GraphFit on cases small enough to compute by hand: the logits are the input itself (an identity
 * layer that plain SGD at rate 0 leaves as it is), so every loss is a sum of {@code -ln p} of known softmaxes.
 */
class GraphFitTest {
    private static final double LN3 = Math.log(3);

    /**
     * Two pictures of 1x2 pixels, 2 classes, logits (ln 3, 0) or (0, ln 3) at each pixel: the labelled class gets
     * softmax 3/4 (three pixels) or 1/4 (one pixel of the first picture). Keras averages over the 4 pixels: loss
     * (3 ln(4/3) + ln 4) / 4, pixel accuracy 3/4. DL4J's score sums each picture's pixels: twice that.
     */
    @Test
    void aPerPixelLossIsAveragedOverThePixelsAndTheAccuracyCountsPixels() {
        ComputationGraph graph = perPixelGraph();
        // logits (m, classes, h, w): picture 0 pixels (ln3, 0), (ln3, 0); picture 1 pixels (0, ln3), (0, ln3)
        INDArray logits = Nd4j.createFromArray(new double[] {LN3, LN3, 0, 0, 0, 0, LN3, LN3}).reshape('c', 2, 2, 1, 2);
        // labels: picture 0 classes 0, 1 (the second pixel is wrong); picture 1 classes 1, 1
        INDArray labels = Nd4j.createFromArray(new double[] {1, 0, 0, 1, 0, 0, 1, 1}).reshape('c', 2, 2, 1, 2);
        DataSet data = new DataSet(logits, labels);
        double kerasLoss = (3 * Math.log(4 / 3.0) + Math.log(4)) / 4;

        assertEquals(kerasLoss, GraphFit.loss(graph, data), 1e-12);
        assertEquals(0.75, GraphFit.accuracy(graph, data), 1e-12);
        assertEquals(2 * kerasLoss, graph.score(data, false), 1e-12, "DL4J sums a picture's pixels");

        // the gradient is that of the sum over every pixel: softmax - label at each pixel, summed, for the logits' bias
        // (-1/4 + 3/4 + 1/4 + 1/4, the negative for class 1); the updater divides by the batch's 2 pictures, so the
        // step is H*W = 2 times Keras' (the mean over 4 pixels), which Adam's normalisation cancels
        graph.setInputs(logits);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        assertEquals(1.0, graph.gradient().getGradientFor("logits_b").getDouble(0), 1e-12);
        assertEquals(-1.0, graph.gradient().getGradientFor("logits_b").getDouble(1), 1e-12);

        GraphFit.Epoch epoch = GraphFit.fit(graph, new NotebookMiniBatches(logits, labels, 2, 0, DataType.DOUBLE), 1,
                data, Report.silent()).last();
        assertEquals(kerasLoss, epoch.loss(), 1e-12);
        assertEquals(0.75, epoch.accuracy(), 1e-12);
        assertEquals(kerasLoss, epoch.valLoss(), 1e-12);
        assertEquals(0.75, epoch.valAccuracy(), 1e-12);
    }

    /**
     * A dense softmax output keeps DL4J's score as the loss (the mean over the examples): logits (ln 3, 0) labelled 0
     * and 1, so the loss is (ln(4/3) + ln 4) / 2 and the accuracy 1/2, in evaluation and in the epoch's line.
     */
    @Test
    void aDenseOutputsLossIsTheMeanOverTheExamples() {
        ComputationGraph graph = Graphs.initialized(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(new Sgd(0.0)).graphBuilder().addInputs("in")
                .setInputTypes(InputType.feedForward(2))
                .addLayer("out", new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX)
                        .build(), "in")
                .setOutputs("out").build());
        graph.getLayer("out").setParam("W", Nd4j.eye(2).castTo(DataType.DOUBLE));
        graph.getLayer("out").setParam("b", Nd4j.zeros(DataType.DOUBLE, 1, 2));
        INDArray logits = Nd4j.createFromArray(new double[][] {{LN3, 0}, {LN3, 0}});
        INDArray labels = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}});
        DataSet data = new DataSet(logits, labels);
        double loss = (Math.log(4 / 3.0) + Math.log(4)) / 2;

        assertEquals(loss, GraphFit.loss(graph, data), 1e-12);
        assertEquals(0.5, GraphFit.accuracy(graph, data), 1e-12);
        GraphFit.Epoch epoch = GraphFit.fit(graph, new NotebookMiniBatches(logits, labels, 2, 0, DataType.DOUBLE), 1,
                null, Report.silent()).last();
        assertEquals(loss, epoch.loss(), 1e-12);
        assertEquals(0.5, epoch.accuracy(), 1e-12);
    }

    /** Input (2, 1, 2) -> an identity 1x1 convolution (the logits) -> softmax over the 2 channels of each pixel. */
    private static ComputationGraph perPixelGraph() {
        ComputationGraph graph = Graphs.initialized(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .updater(new Sgd(0.0)).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutional(1, 2, 2))
                .addLayer("logits", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.IDENTITY)
                        .build(), "in")
                .addLayer("out", new CnnLossLayer.Builder(LossFunction.MCXENT).activation(Activation.SOFTMAX).build(),
                        "logits")
                .setOutputs("out").build());
        graph.getLayer("logits").setParam("W", Nd4j.eye(2).castTo(DataType.DOUBLE).reshape(2, 2, 1, 1));
        graph.getLayer("logits").setParam("b", Nd4j.zeros(DataType.DOUBLE, 1, 2));
        return graph;
    }
}
