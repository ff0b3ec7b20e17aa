package org.dls4j.course5.week3;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.GruLayer;
import org.dls4j.shared.graph.ReluLayer;
import org.dls4j.shared.graph.SigmoidCrossEntropy;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The notebook's {@code modelf(input_shape)} as a DL4J graph on spectrograms {@code (m, 101, 5511)} (channels first):
 * <pre>
 * Conv1D(196, 15, strides=4) -> BatchNorm -> ReLU -> Dropout(0.8)               (m, 196, 1375)
 * GRU(128, return_sequences) -> Dropout(0.8) -> BatchNorm                        (m, 128, 1375)
 * GRU(128, return_sequences) -> Dropout(0.8) -> BatchNorm -> Dropout(0.8)        (m, 128, 1375)
 * TimeDistributed(Dense(1, sigmoid))                                             (m, 1, 1375)
 * </pre>
 * Keras' {@code Dropout(0.8)} drops 80% of the units: DL4J's dropout takes the probability to keep, 0.2. The GRUs are
 * {@link GruLayer}s, TF2's (reset after, sigmoid gates): 523,329 parameters, the 2021 notebook's summary (the 2018
 * notebook's Keras 2.0 GRU, reset before and hard-sigmoid gates, had 522,561). Batch norm as Keras' (epsilon 1e-3,
 * momentum 0.99) over each step's features; binary cross-entropy from the logits; float32 as Keras.
 */
public final class TriggerModel {

    private TriggerModel() {
    }

    /** {@code modelf((Tx, n_freq))} for {@code tx} spectrogram steps, Adam at {@code learningRate}. */
    public static ComputationGraph model(int tx, long seed, double learningRate) {
        double keep = 0.2;                                       // Dropout(0.8)
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new Adam(learningRate))
                .convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder()
                .addInputs("input")
                .setInputTypes(InputType.recurrent(TriggerSynthesis.N_FREQ, tx, RNNFormat.NCW))
                // X = Conv1D(filters=196, kernel_size=15, strides=4)(X_input)
                .addLayer("conv1d", new Convolution1DLayer.Builder(15, 4).nOut(196).activation(Activation.IDENTITY)
                        .rnnDataFormat(RNNFormat.NCW).build(), "input")
                .addLayer("batch_normalization", batchNorm(), "conv1d")
                .addLayer("activation", new ReluLayer(), "batch_normalization")
                .addLayer("dropout", new DropoutLayer(keep), "activation")
                .addLayer("gru", new GruLayer(128), "dropout")
                .addLayer("dropout_1", new DropoutLayer(keep), "gru")
                .addLayer("batch_normalization_1", batchNorm(), "dropout_1")
                .addLayer("gru_1", new GruLayer(128), "batch_normalization_1")
                .addLayer("dropout_2", new DropoutLayer(keep), "gru_1")
                .addLayer("batch_normalization_2", batchNorm(), "dropout_2")
                .addLayer("dropout_3", new DropoutLayer(keep), "batch_normalization_2")
                // X = TimeDistributed(Dense(1, activation = "sigmoid"))(X)
                .addLayer("time_distributed", new RnnOutputLayer.Builder(new SigmoidCrossEntropy()).nOut(1)
                        .activation(Activation.SIGMOID).dataFormat(RNNFormat.NCW).build(), "dropout_3")
                // batch norm, ReLU and dropout on (m T, features) rows: Keras' statistics per feature over all steps
                .inputPreProcessor("batch_normalization", new RnnToFeedForwardPreProcessor(RNNFormat.NCW))
                .inputPreProcessor("gru", new FeedForwardToRnnPreProcessor(RNNFormat.NCW))
                .inputPreProcessor("batch_normalization_1", new RnnToFeedForwardPreProcessor(RNNFormat.NCW))
                .inputPreProcessor("gru_1", new FeedForwardToRnnPreProcessor(RNNFormat.NCW))
                .inputPreProcessor("batch_normalization_2", new RnnToFeedForwardPreProcessor(RNNFormat.NCW))
                .inputPreProcessor("time_distributed", new FeedForwardToRnnPreProcessor(RNNFormat.NCW))
                .setOutputs("time_distributed")
                .build();
        return Graphs.forTraining(conf);
    }

    private static BatchNormalization batchNorm() {
        return new BatchNormalization.Builder().eps(1e-3).decay(0.99).build();
    }
}
