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
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.GruLayer;
import org.dls4j.shared.graph.ReluLayer;
import org.dls4j.shared.graph.SigmoidCrossEntropy;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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
 *
 * <p>{@link Config} sets the sizes, the dropout rate, the batch norm momentum and the positive labels' weight:
 * {@link Config#NOTEBOOK} is the notebook's, {@link Config#FROM_SCRATCH} the assignment's default for training from
 * scratch (same sizes, Dropout(0.2), momentum 0.9).
 */
public final class TriggerModel {

    private TriggerModel() {
    }

    /**
     * The sizes and regularisation of the model: Conv1D filters, GRU units, Keras' dropout rate, batch norm momentum
     * and the weight of the positive labels in the loss.
     */
    public record Config(int filters, int units, double dropout, double momentum, double positiveWeight) {
        /** The notebook's: 196 filters, GRU(128), Dropout(0.8), Keras' momentum 0.99, plain binary cross-entropy. */
        public static final Config NOTEBOOK = new Config(196, 128, 0.8, 0.99, 1);
        /** The notebook's sizes, trained from scratch: Dropout(0.2), momentum 0.9 (see the docs page). */
        public static final Config FROM_SCRATCH = new Config(196, 128, 0.2, 0.9, 1);
    }

    /** {@code modelf((Tx, n_freq))} for {@code tx} spectrogram steps, Adam at {@code learningRate}. */
    public static ComputationGraph model(int tx, long seed, double learningRate) {
        return model(tx, Config.NOTEBOOK, seed, learningRate);
    }

    /**
     * {@code modelf} with {@code config}'s sizes: the graph of the class comment, its layers named as Keras names them
     * ({@code conv1d}, {@code batch_normalization}, ..., {@code time_distributed}).
     */
    @Graded("modelf")
    public static ComputationGraph model(int tx, Config config, long seed, double learningRate) {
        // Keras' Dropout(rate) drops that fraction: DL4J's DropoutLayer takes the probability to keep, 1 - rate
        double keep = 1 - config.dropout();
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new Adam(learningRate))
                .convolutionMode(ConvolutionMode.Truncate)
                .graphBuilder()
                // X_input = Input(shape = input_shape)
                .addInputs("input")
                .setInputTypes(InputType.recurrent(TriggerSynthesis.N_FREQ, tx, RNNFormat.NCW))
                // X = Conv1D(filters=196, kernel_size=15, strides=4)(X_input)
                .addLayer("conv1d", new Convolution1DLayer.Builder(15, 4).nOut(config.filters())
                        .activation(Activation.IDENTITY)
                        .rnnDataFormat(RNNFormat.NCW).build(), "input")
                // X = BatchNormalization()(X); X = Activation("relu")(X); X = Dropout(rate=0.8)(X)
                .addLayer("batch_normalization", batchNorm(config), "conv1d")
                .addLayer("activation", new ReluLayer(), "batch_normalization")
                .addLayer("dropout", new DropoutLayer(keep), "activation")
                // X = GRU(units=128, return_sequences=True)(X); X = Dropout(rate=0.8)(X); X = BatchNormalization()(X)
                .addLayer("gru", new GruLayer(config.units()), "dropout")
                .addLayer("dropout_1", new DropoutLayer(keep), "gru")
                .addLayer("batch_normalization_1", batchNorm(config), "dropout_1")
                // X = GRU(units=128, return_sequences=True)(X); X = Dropout(rate=0.8)(X); X = BatchNormalization()(X)
                .addLayer("gru_1", new GruLayer(config.units()), "batch_normalization_1")
                .addLayer("dropout_2", new DropoutLayer(keep), "gru_1")
                .addLayer("batch_normalization_2", batchNorm(config), "dropout_2")
                // X = Dropout(rate=0.8)(X)
                .addLayer("dropout_3", new DropoutLayer(keep), "batch_normalization_2")
                // X = TimeDistributed(Dense(1, activation = "sigmoid"))(X)
                .addLayer("time_distributed", new RnnOutputLayer.Builder(
                        new SigmoidCrossEntropy(config.positiveWeight())).nOut(1)
                        .activation(Activation.SIGMOID).dataFormat(RNNFormat.NCW).build(), "dropout_3")
                // batch norm, ReLU and dropout on (m T, features) rows: Keras' statistics per feature over all steps
                .inputPreProcessor("batch_normalization", new RnnToFeedForwardPreProcessor(RNNFormat.NCW))
                .inputPreProcessor("gru", new FeedForwardToRnnPreProcessor(RNNFormat.NCW))
                .inputPreProcessor("batch_normalization_1", new RnnToFeedForwardPreProcessor(RNNFormat.NCW))
                .inputPreProcessor("gru_1", new FeedForwardToRnnPreProcessor(RNNFormat.NCW))
                .inputPreProcessor("batch_normalization_2", new RnnToFeedForwardPreProcessor(RNNFormat.NCW))
                .inputPreProcessor("time_distributed", new FeedForwardToRnnPreProcessor(RNNFormat.NCW))
                // model = Model(inputs = X_input, outputs = X)
                .setOutputs("time_distributed")
                .build();
        return Graphs.forTraining(conf);
    }

    /**
     * Sets the output layer's bias to the log-odds of a label-1 step in {@code labels} (weighted by
     * {@code positiveWeight}, as the loss weighs them): the untrained model then predicts the labels' base rate, the
     * constant that minimises the loss, instead of 0.5 everywhere. Batch norm right before the output layer centres
     * its input, so only this bias can move the mean prediction, by about the learning rate per step.
     */
    public static void startOutputAtPrior(ComputationGraph model, INDArray labels, double positiveWeight) {
        double ones = labels.sumNumber().doubleValue() * positiveWeight;
        double zeros = labels.length() - labels.sumNumber().doubleValue();
        model.getLayer("time_distributed").getParam("b").assign(Math.log(Math.max(ones, 1) / Math.max(zeros, 1)));
    }

    private static BatchNormalization batchNorm(Config config) {
        return new BatchNormalization.Builder().eps(1e-3).decay(config.momentum()).build();
    }
}
