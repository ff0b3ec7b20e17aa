package org.dls4j.course5.week3;

import static org.dls4j.shared.graph.KerasH5Weights.assign;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.KerasH5Weights;
import org.dls4j.shared.graph.LstmLayer;
import org.dls4j.shared.scratch.attention.AttentionMath;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * The notebook's {@code model(Tx, Ty, n_a, n_s, human_vocab_size, machine_vocab_size)} as a DL4J graph, the shipped
 * {@code models/model.h5} loaded into it, and the notebook's translation and attention-map steps.
 * <pre>
 * X (m, 30, 37) -> Bidirectional(LSTM 32, concat) (m, 30, 64)      17,920
 *               -> attention decoder, Ty = 10 steps (m, 10, 64)    densor1 1,290 + densor2 11 + LSTM 64 33,024
 *               -> Dense(11, softmax) at each step (m, 10, 11)     715
 *                                                                  52,960, as the notebook's summary
 * </pre>
 * The encoder is DL4J's {@link Bidirectional} wrapper around the project's {@link LstmLayer} (Keras' LSTM, written in
 * Java; forward outputs, then the backward ones, as Keras' {@code merge_mode='concat'}); the decoder loop is the layer
 * {@link AttentionDecoder} (why: there);
 * the shared {@code output_layer} is an {@link RnnOutputLayer} (the same Dense applied to each of the 10 states) with
 * categorical cross-entropy: DL4J's loss of a batch is the sum over the 10 outputs of their mean cross-entropy,
 * Keras' loss for a model with 10 outputs. Keras' zero inputs {@code s0} and {@code c0} are the decoder's zero start.
 */
public final class NmtModel {

    /** The shipped weights, in the data catalog. */
    public static final String MODEL_FILE = "nmt/models/model.h5";
    /** The notebook's sizes: the encoder's and the post-attention LSTM's units. */
    public static final int N_A = 32, N_S = 64;
    /** The notebook's {@code model.summary()} total. */
    public static final long NOTEBOOK_PARAMS = 52_960;
    /** The graph's vertices. */
    public static final String INPUT = "X", ENCODER = "bidirectional", DECODER = "attention_decoder",
            OUTPUT = "output_layer";
    /** The Keras layer names in {@code models/model.h5}. */
    static final String KERAS_ENCODER = "bidirectional_10", KERAS_DENSOR1 = "dense_36", KERAS_DENSOR2 = "dense_37",
            KERAS_LSTM = "lstm_20", KERAS_OUTPUT = "dense_38";

    private NmtModel() {
    }

    /**
     * The graph: {@code Adam(lr, 0.9, 0.999, decay)} (Keras' {@code decay} is the rate {@code lr / (1 + decay *
     * iteration)}), float32, Keras' first weights (Glorot-uniform kernels, orthogonal recurrent kernels), LSTM gates
     * {@code hard_sigmoid} (Keras 2.0, the shipped model) or the logistic sigmoid ({@code hardSigmoid = false}, TF2
     * Keras).
     */
    @Graded("modelf")
    public static ComputationGraph graph(int tx, int ty, int nA, int nS, int humanVocab, int machineVocab,
            long seed, double learningRate, double decay, boolean hardSigmoid) {
        AttentionDecoder decoder = new AttentionDecoder(ty, nS);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new Adam(new InverseSchedule(ScheduleType.ITERATION, learningRate, decay, 1)))
                .graphBuilder()
                .addInputs(INPUT)
                .setInputTypes(InputType.recurrent(humanVocab, tx, RNNFormat.NWC))
                // Bidirectional(LSTM(n_a, return_sequences=True))
                .addLayer(ENCODER, new Bidirectional(Bidirectional.Mode.CONCAT,
                        new LstmLayer(nA, hardSigmoid, RNNFormat.NWC)), INPUT)
                .addLayer(DECODER, hardSigmoid ? decoder : decoder.sigmoidGates(), ENCODER)
                // output_layer = Dense(len(machine_vocab), activation=softmax), on each s<t>
                .addLayer(OUTPUT, new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(machineVocab)
                        .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NWC).build(), DECODER)
                .setOutputs(OUTPUT)
                .build();
        return Graphs.forTraining(conf);
    }

    /** The notebook's graph for the two vocabularies: Tx 30, Ty 10, n_a 32, n_s 64. */
    public static ComputationGraph notebookGraph(int humanVocab, int machineVocab, long seed, double learningRate,
            double decay) {
        return graph(DateData.TX, DateData.TY, N_A, N_S, humanVocab, machineVocab, seed, learningRate, decay, true);
    }

    /** The shipped {@code models/model.h5}, verified against the catalog. */
    public static KerasH5Weights shippedWeights() {
        return KerasH5Weights.read(DataFiles.standard().require(MODEL_FILE), "nmt");
    }

    /**
     * {@code model.load_weights('models/model.h5')}: copies the file's weights into {@code graph} (whose sizes must
     * be the file's), all in Keras' layout as they are.
     * With {@code asDeclared} the file's LSTMs must use the gates the graph uses; without, the weights go into
     * whatever gates the graph has, as TF2 Keras does when the 2021 notebook loads this Keras 2.1 file into layers
     * built with its default sigmoid.
     */
    public static void loadWeights(ComputationGraph graph, KerasH5Weights file, boolean asDeclared) {
        AttentionDecoder decoder = (AttentionDecoder) graph.getLayer(DECODER).conf().getLayer();
        String gates = decoder.isHardSigmoidGates() ? "hard_sigmoid" : "sigmoid";
        for (String lstm : asDeclared ? List.of(KERAS_ENCODER, KERAS_LSTM) : List.<String>of()) {
            String declared = file.layerSetting(lstm, "recurrent_activation");
            if (declared != null && !declared.equals(gates)) {
                throw new DataException(file.file() + ": layer " + lstm + " has " + declared + " gates; this graph "
                        + "has " + gates + " gates.");
            }
        }
        Layer encoder = graph.getLayer(ENCODER);
        long nA = encoder.getParam("f" + LstmLayer.RECURRENT_KERNEL).size(0);
        long vocabulary = encoder.getParam("f" + LstmLayer.KERNEL).size(0);
        for (String direction : List.of("forward", "backward")) {
            String prefix = direction.substring(0, 1);
            copyKerasLstm(file, KERAS_ENCODER, encoderPrefix(file, direction), encoder, vocabulary, nA,
                    prefix + LstmLayer.KERNEL, prefix + LstmLayer.RECURRENT_KERNEL, prefix + LstmLayer.BIAS);
        }
        Layer attention = graph.getLayer(DECODER);
        long features = 2 * nA;
        long nS = decoder.getNS();
        assign(attention, AttentionDecoder.DENSOR1_W, file.weight(KERAS_DENSOR1, "kernel", features + nS,
                AttentionDecoder.ATTENTION_UNITS));
        assign(attention, AttentionDecoder.DENSOR1_B, file.weight(KERAS_DENSOR1, "bias",
                AttentionDecoder.ATTENTION_UNITS));
        assign(attention, AttentionDecoder.DENSOR2_W, file.weight(KERAS_DENSOR2, "kernel",
                AttentionDecoder.ATTENTION_UNITS, 1));
        assign(attention, AttentionDecoder.DENSOR2_B, file.weight(KERAS_DENSOR2, "bias", 1));
        copyKerasLstm(file, KERAS_LSTM, "", attention, features, nS, AttentionDecoder.LSTM_KERNEL,
                AttentionDecoder.LSTM_RECURRENT, AttentionDecoder.LSTM_BIAS);
        Layer output = graph.getLayer(OUTPUT);
        long classes = output.getParam("b").length();
        assign(output, "W", file.weight(KERAS_OUTPUT, "kernel", nS, classes));
        assign(output, "b", file.weight(KERAS_OUTPUT, "bias", classes));
    }

    /**
     * Copies the Keras LSTM arrays {@code kerasPrefix + kernel (nIn, 4 units)}, {@code recurrent_kernel} and
     * {@code bias} of {@code kerasLayer} into the parameters {@code kernel}, {@code recurrent}, {@code bias} of
     * {@code layer}, which keep Keras' layout.
     */
    private static void copyKerasLstm(KerasH5Weights file, String kerasLayer, String kerasPrefix, Layer layer,
            long nIn, long units, String kernel, String recurrent, String bias) {
        assign(layer, kernel, file.weight(kerasLayer, kerasPrefix + "kernel", nIn, 4 * units));
        assign(layer, recurrent, file.weight(kerasLayer, kerasPrefix + "recurrent_kernel", units, 4 * units));
        assign(layer, bias, file.weight(kerasLayer, kerasPrefix + "bias", 4 * units));
    }

    /**
     * The prefix of one direction's weights in the Bidirectional layer, {@code forward_lstm_21/}: the wrapped LSTM's
     * name ({@code lstm_21}) is whatever Keras numbered it in the session that saved the file.
     */
    private static String encoderPrefix(KerasH5Weights file, String direction) {
        return file.weights(KERAS_ENCODER).keySet().stream()
                .filter(n -> n.startsWith(direction + "_") && n.endsWith("/kernel:0"))
                .map(n -> n.substring(0, n.length() - "kernel:0".length())).findFirst().orElse(direction + "_lstm/");
    }

    /**
     * The notebook's translation loop for one source: {@code string_to_int} (cut to Tx, padded), one-hot, predict,
     * arg-max of each output, {@code inv_machine_vocab}.
     */
    public static String translate(ComputationGraph graph, String source, DateData.Vocabulary human,
            DateData.Vocabulary machine, int tx) {
        INDArray x = DateData.oneHot(new int[][] {DateData.stringToInt(source, tx, human)}, human.size());
        INDArray prediction = graph.outputSingle(false, x);          // (1, Ty, 11)
        INDArray argMax = Nd4j.argMax(prediction, 2);
        StringBuilder output = new StringBuilder();
        for (long t = 0; t < argMax.length(); t++) {
            output.append(machine.symbols().get(argMax.getInt(0, (int) t)));
        }
        return output.toString();
    }

    /**
     * The attention weights {@code alpha<t, t'>} (Ty, Tx) of {@code source}: the notebook's {@code plot_attention_map}
     * reads the softmax layer's output at each step; here the encoder's sequence goes through the decoder's forward
     * pass once more, which keeps them.
     */
    public static INDArray attention(ComputationGraph graph, String source, DateData.Vocabulary human, int tx) {
        INDArray x = DateData.oneHot(new int[][] {DateData.stringToInt(source, tx, human)}, human.size());
        INDArray a = graph.feedForward(x, false).get(ENCODER);
        INDArray alphas = ((AttentionDecoderRuntime) graph.getLayer(DECODER)).attention(a);    // (1, Ty, Tx)
        return alphas.reshape(alphas.size(1), alphas.size(2));
    }

    /**
     * {@code one_step_attention(a, s_prev)}: the context {@code (m, 1, 2 n_a)} of one output step, the encoder's
     * sequence {@code a (m, Tx, 2 n_a)} weighted by the attention that the decoder's previous state
     * {@code s_prev (m, n_s)} pays to each of its Tx steps; the weights of {@code densor1} and {@code densor2} are
     * those of {@code params}, the attention decoder's parameter table ({@link AttentionDecoder#DENSOR1_W} and the
     * others). Float64 whatever the parameters' type: the attention decoder's first step of its loop, written out.
     */
    @Graded("one_step_attention")
    public static INDArray oneStepAttention(INDArray a, INDArray sPrev, Map<String, INDArray> params) {
        INDArray encoded = a.castTo(DataType.DOUBLE);
        long m = encoded.size(0);
        long tx = encoded.size(1);
        long nS = sPrev.size(1);
        // s_prev = repeator(s_prev)                       RepeatVector(Tx): (m, Tx, n_s)
        INDArray repeated = sPrev.castTo(DataType.DOUBLE).reshape(m, 1, nS).broadcast(m, tx, nS);
        // concat = concatenator([a, s_prev])              Concatenate(axis=-1): (m, Tx, 2 n_a + n_s)
        INDArray concat = Nd4j.concat(2, encoded, repeated);
        // e = densor1(concat)                             Dense(10, activation = "tanh")
        INDArray e = Transforms.tanh(AttentionMath.dense(concat, weight(params, AttentionDecoder.DENSOR1_W),
                weight(params, AttentionDecoder.DENSOR1_B)), false);
        // energies = densor2(e)                           Dense(1, activation = "relu"): (m, Tx, 1)
        INDArray energies = Transforms.relu(AttentionMath.dense(e, weight(params, AttentionDecoder.DENSOR2_W),
                weight(params, AttentionDecoder.DENSOR2_B)), false);
        // alphas = activator(energies)                    softmax over axis 1, the Tx steps
        INDArray alphas = AttentionMath.softmax(energies.reshape(m, tx)).reshape(m, tx, 1);
        // context = dotor([alphas, a])                    Dot(axes = 1): sum over t of alpha<t> a<t>, (m, 1, 2 n_a)
        return Nd4j.matmul(alphas, encoded, true, false, false);
    }

    private static INDArray weight(Map<String, INDArray> params, String name) {
        INDArray w = params.get(name);
        if (w == null) {
            throw new IllegalArgumentException("params has no " + name + " (the attention decoder's keys: "
                    + params.keySet() + ")");
        }
        return w.castTo(DataType.DOUBLE);
    }
}
