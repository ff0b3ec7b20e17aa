package org.dls4j.course5.week2;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.graph.Graphs;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Emojifier-V2 of "Emojify" as a DL4J graph:
 * <pre>
 * word indices (m, max_len) -> EMBEDDING (frozen GloVe vectors, 50-d) -> LSTM 128, every step -> DROPOUT 0.5
 *   -> LSTM 128, last step -> DROPOUT 0.5 -> DENSE 5 -> SOFTMAX, categorical cross-entropy
 * </pre>
 * The embedding matrix is row i = the vector of word i, row 0 the padding's zeros (the notebook's
 * {@code pretrained_embedding_layer}); it stays fixed while the rest trains with Adam.
 */
public final class EmojifyV2Graph {

    /** The LSTMs' hidden units and the five emoji classes. */
    public static final int HIDDEN = 128, CLASSES = 5;

    private EmojifyV2Graph() {
    }

    /** The network over sentences of {@code maxLen} words with {@code embeddings} (vocabulary + 1, dimensions). */
    @Graded("Emojify_V2")
    public static ComputationGraph graph(INDArray embeddings, int maxLen, long seed, double learningRate) {
        int vocabulary = (int) embeddings.size(0);
        int dimensions = (int) embeddings.size(1);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)                  // Keras' float32
                .weightInit(WeightInit.XAVIER_UNIFORM)     // glorot_uniform kernels
                .updater(new Adam(learningRate))           // optimizer='adam'
                .cacheMode(CacheMode.DEVICE)
                .graphBuilder()
                .addInputs("sentence_indices")
                // no input types: DL4J would take max_len for the embedding's nIn (the vocabulary); every nIn is set
                // trainable=False: a frozen layer
                .addLayer("embedding", new FrozenLayer(new EmbeddingSequenceLayer.Builder().nIn(vocabulary)
                        .nOut(dimensions).inputLength(maxLen).build()), "sentence_indices")
                .addLayer("lstm", new LSTM.Builder().nIn(dimensions).nOut(HIDDEN).activation(Activation.TANH)
                        .build(), "embedding")
                // Dropout(0.5) after a layer is DL4J's dropOut on the next one (0.5: the probability to keep)
                .addLayer("lstm_1", new LastTimeStep(new LSTM.Builder().nIn(HIDDEN).nOut(HIDDEN)
                        .activation(Activation.TANH).dropOut(0.5).build()), "lstm")
                .addLayer("dense", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(HIDDEN).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).dropOut(0.5).build(), "lstm_1")
                .setOutputs("dense")
                .build();
        ComputationGraph graph = Graphs.initialized(conf);
        graph.getLayer("embedding").setParam("W", embeddings.castTo(DataType.FLOAT));
        return graph;
    }
}
