package org.dls4j.shared.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;

/** The notebooks' {@code summary(model)} lines of a DL4J configuration, channels last, in the order of adding. */
class NotebookSummaryTest {

    /**
     * Two inputs and each layer type the summary names: a 3x3 'same' convolution of 3 -> 4 channels has 3*3*3*4 + 4
     * = 112 parameters; the transposed 3x3 of 4 -> 2 at stride 2, 74; a 'valid' 3x3 of the 3 merged channels -> 2,
     * 56; the dense layer of 2 -> 2, 6. Keras' Dropout rate is the fraction DL4J does not keep.
     */
    @Test
    void linesAreTheNotebooksForEachLayerType() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .convolutionMode(ConvolutionMode.Same).graphBuilder()
                .addInputs("a", "b")
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU)
                        .weightInit(WeightInit.RELU).build(), "a")
                .addLayer("pool", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .build(), "conv")
                .addLayer("drop", new DropoutLayer.Builder(0.75).build(), "pool")
                .addLayer("up", new Deconvolution2D.Builder(3, 3).stride(2, 2).nOut(2)
                        .activation(Activation.IDENTITY).weightInit(WeightInit.XAVIER_UNIFORM).build(), "drop")
                .addVertex("merge", new MergeVertex(), "up", "b")
                .addLayer("valid", new ConvolutionLayer.Builder(3, 3).nOut(2)
                        .convolutionMode(ConvolutionMode.Truncate).activation(Activation.IDENTITY)
                        .weightInit(WeightInit.XAVIER_UNIFORM).build(), "merge")
                .addLayer("avg", new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Truncate).build(), "valid")
                .addLayer("gap", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "avg")
                .addLayer("dense", new OutputLayer.Builder(LossFunction.MCXENT).nOut(2).activation(Activation.SOFTMAX)
                        .build(), "gap")
                .setOutputs("dense")
                .setInputTypes(InputType.convolutional(8, 8, 3), InputType.convolutional(8, 8, 1))
                .build();
        assertEquals(List.of(
                "['InputLayer', [(None, 8, 8, 3)], 0]",
                "['InputLayer', [(None, 8, 8, 1)], 0]",
                "['Conv2D', (None, 8, 8, 4), 112, 'same', 'relu', 'HeNormal']",
                "['MaxPooling2D', (None, 4, 4, 4), 0, (2, 2)]",
                "['Dropout', (None, 4, 4, 4), 0, 0.25]",
                "['Conv2DTranspose', (None, 8, 8, 2), 74]",
                "['Concatenate', (None, 8, 8, 3), 0]",
                "['Conv2D', (None, 6, 6, 2), 56, 'valid', 'linear', 'GlorotUniform']",
                "['AveragePooling2D', (None, 5, 5, 2), 0, (2, 2), strides (1, 1)]",
                "['GlobalAveragePooling2D', (None, 2), 0]",
                "['Dense', (None, 2), 6, 'softmax']"),
                NotebookSummary.of(conf, InputType.convolutional(8, 8, 3), InputType.convolutional(8, 8, 1)));
    }
}
