package org.dls4j.course5.week1;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.KerasH5Weights;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The "Writing like Shakespeare" model of the Dinosaur Island notebook,
 * {@code models/model_shakespeare_kiank_350_epoch.h5} (Keras 2.0.6), as a DL4J graph with the file's weights:
 * <pre>
 * x (m, Tx = 40, 38) one-hot -> LSTM 128, every step (lstm_5)      85,504
 *                            -> DROPOUT 0.5 -> LSTM 128, last step (lstm_6)   131,584
 *                            -> DROPOUT 0.5 -> DENSE 38 -> SOFTMAX (dense_3)    4,902
 *                                                                  221,990
 * </pre>
 * Keras 2.0's LSTMs have {@code hard_sigmoid} gates ({@code clip(0.2 x + 0.5, 0, 1)}, DL4J's {@code HARDSIGMOID});
 * the file's gate blocks are reordered for DL4J's {@code LSTM} by {@link KerasH5Weights#copyLstm}. The file holds
 * 665,971 numbers: these 221,990 weights, Adam's two moments of each and Adam's iteration count. float32, as Keras.
 */
public final class ShakespeareGraph {

    /** The pretrained model, in the data catalog. */
    public static final String MODEL_FILE = "dinos/models/model_shakespeare_kiank_350_epoch.h5";
    /** The window the model reads, {@code Tx}. */
    public static final int TX = 40;
    /** The LSTMs' units. */
    public static final int UNITS = 128;
    /** Keras' {@code model.summary()} total of the shipped model. */
    public static final long PARAMS = 221_990;
    /** The graph's input and layers, named as the Keras model's. */
    public static final String INPUT = "input_3", LSTM_1 = "lstm_5", LSTM_2 = "lstm_6", DENSE = "dense_3";

    private ShakespeareGraph() {
    }

    /** The graph for a vocabulary of {@code characters}, unset weights (DL4J's initialisation). */
    public static ComputationGraph graph(int characters) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .updater(new Adam(0.001))           // the file's training_config: Adam(lr 0.001), categorical CE
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.recurrent(characters, TX, RNNFormat.NWC))
                .addLayer(LSTM_1, lstm().build(), INPUT)
                // Dropout(0.5) after a layer is DL4J's dropOut on the next one (0.5: the probability to keep)
                .addLayer(LSTM_2, new LastTimeStep(lstm().dropOut(0.5).build()), LSTM_1)
                .addLayer(DENSE, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(characters)
                        .activation(Activation.SOFTMAX).dropOut(0.5).build(), LSTM_2)
                .setOutputs(DENSE)
                .build();
        return Graphs.initialized(conf);
    }

    private static LSTM.Builder lstm() {
        return new LSTM.Builder().nOut(UNITS).activation(Activation.TANH).gateActivationFunction(Activation.HARDSIGMOID)
                .dataFormat(RNNFormat.NWC);
    }

    /**
     * {@code model = load_model('models/model_shakespeare_kiank_350_epoch.h5')}: the graph with the shipped weights,
     * the file verified against the catalog and its layers checked (names, shapes, hard-sigmoid gates).
     */
    public static ComputationGraph pretrained(int characters) {
        KerasH5Weights file = KerasH5Weights.read(DataFiles.standard().require(MODEL_FILE), "shakespeare");
        for (String lstm : List.of(LSTM_1, LSTM_2)) {
            String gates = file.layerSetting(lstm, "recurrent_activation");
            if (gates != null && !gates.equals("hard_sigmoid")) {
                throw new DataException(file.file() + ": layer " + lstm + " has " + gates + " gates; the notebook's"
                        + " model has hard_sigmoid gates.");
            }
        }
        ComputationGraph graph = graph(characters);
        file.copyLstm(LSTM_1, "", graph.getLayer(LSTM_1), "");
        file.copyLstm(LSTM_2, "", graph.getLayer(LSTM_2), "");
        KerasH5Weights.assign(graph.getLayer(DENSE), "W", file.weight(DENSE, "kernel", UNITS, characters));
        KerasH5Weights.assign(graph.getLayer(DENSE), "b", file.weight(DENSE, "bias", characters));
        return graph;
    }

    /** {@code model.predict(x_pred)[0]}: the next character's probabilities for a window {@code (1, Tx, chars)}. */
    public static double[] predict(ComputationGraph graph, INDArray window) {
        return graph.outputSingle(false, window).toDoubleVector();
    }

    /**
     * {@code x_pred} of {@code generate_output}: a {@code (1, Tx, chars)} float32 one-hot window of {@code sentence}
     * (Tx characters), where {@code '0'} (the padding) is a row of zeros.
     */
    public static INDArray window(String sentence, Map<Character, Integer> charToIndex) {
        int characters = charToIndex.size();
        float[] x = new float[TX * characters];
        for (int t = 0; t < sentence.length(); t++) {
            char c = sentence.charAt(t);
            if (c != '0') {
                x[t * characters + charToIndex.get(c)] = 1f;
            }
        }
        return Nd4j.create(x, new long[] {1, TX, characters}, 'c');
    }
}
