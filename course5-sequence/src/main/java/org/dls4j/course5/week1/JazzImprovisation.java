package org.dls4j.course5.week1;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.KerasFitOptions;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.audio.MidiNotes;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.graph.GraphSummary;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.train.CostRecorder;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 5 week 1, "Improvise a Jazz Solo with an LSTM Network" (the 2018 Keras notebook, 78 values): an LSTM learns
 * Pat Metheny's solo in "And Then I Knew" as a sequence of musical values, then improvises new values, written as a
 * MIDI file over the original piano chords.
 *
 * <p>What the learner sees: the notebook's {@code load_music_utils} lines ("shape of X: (60, 30, 78)", "number of
 * training examples: 60", "Tx (length of sequence): 30", "total # of unique values: 78", "Shape of Y: (30, 60,
 * 78)"), the model summary ("Total params: 41,678"), the loss every 10 epochs ({@code Epoch 1/100 - loss: 126.3357}:
 * Keras' sum of the 30 outputs' cross-entropies, from about 126 = 29 ln 78 down to single digits), the
 * {@code predict_and_sample} lines ({@code np.argmax(results[12]) = ...}, {@code list(indices[12:18]) = ...}), one
 * line per measure of generated music and "Your generated music is saved in out/my_music.midi"; in {@code --out}
 * {@code my_music.midi} and {@code c5w1-jazz-improvisation.png} (the loss per epoch).
 *
 * <p><b>The values.</b> music21 is not there: {@link JazzGrammar} builds the notebook's corpus from the MIDI file
 * with {@code javax.sound.midi} and says exactly where its tokens differ from music21's grammar. On this file it
 * finds 78 distinct values, the notebook's {@code n_values}.
 *
 * <p><b>The model.</b> The notebook's {@code djmodel} unrolls one shared {@code LSTM_cell} and one shared
 * {@code densor} over the 30 steps by hand: at step t the cell reads {@code X[:, t, :]} and its own state from
 * step t - 1, and the densor turns its output into the softmax of step t. That is exactly what one DL4J {@link LSTM}
 * layer over the whole sequence followed by an {@link RnnOutputLayer} computes, because the inputs are all known in
 * advance: {@code X[:, t, :]} is the value at step t, the one the model had to predict at step t - 1 (teacher
 * forcing: {@code Y[t-1] = X[t]}), and the same weights serve every step in both. So the graph is
 * <pre>
 * X (m, Tx = 30, 78) -> LSTM 64 (all steps) -> DENSE 78 -> SOFTMAX at every step, categorical cross-entropy
 * </pre>
 * with 4 (78 + 64 + 1) 64 = 36,608 LSTM parameters and 64 x 78 + 78 = 5,070 dense ones: 41,678, as the notebook's
 * summary. The gates are Keras 2.0's {@code hard_sigmoid} ({@code clip(0.2 x + 0.5, 0, 1)}, DL4J's
 * {@code HARDSIGMOID}), the forget-gate bias starts at 1 (Keras' {@code unit_forget_bias}); the recurrent weights
 * start Glorot-uniform, as DL4J has no orthogonal initialiser. Data are channels last (DL4J's {@code NWC}).
 * The notebook's last target {@code Y[29]} is all zeros, which costs nothing and has no gradient in Keras; DL4J's
 * softmax cross-entropy assumes targets that sum to 1, so that step is masked out instead (the labels mask is the
 * sum of each step's one-hot target). Adam(0.01, 0.9, 0.999) with Keras' {@code decay=0.01} is DL4J's Adam with the
 * learning rate {@code 0.01 / (1 + 0.01 iteration)}; Keras' {@code fit} takes batches of 32, shuffled each epoch
 * (here with numpy's permutation, seed {@code --seed} + 1 + epoch).
 *
 * <p><b>Generating.</b> The notebook's {@code music_inference_model} feeds each step's one-hot arg-max back as the
 * next input, starting from zeros; here that is {@link ComputationGraph#rnnTimeStep} (DL4J keeps the LSTM's state
 * between calls) on the trained graph itself. As in the notebook, the same generated values are laid over each
 * measure's chords (the notebook calls {@code predict_and_sample} once per chord set from the same zero input, and
 * the arg-max makes it the same sequence every time); {@link JazzGrammar#render} turns them into notes.
 *
 * <p>Run: {@code ./dls run c5w1-jazz-improvisation [--epochs 100] [--generate 50]}.
 */
public final class JazzImprovisation {

    /** The notebook's {@code n_values} and {@code model.summary()} total. */
    public static final int NOTEBOOK_VALUES = 78, NOTEBOOK_PARAMS = 41_678;
    /** The written file, as the notebook names it. */
    public static final String MIDI_FILE = "my_music.midi";
    /** The tracks and channels of the written file, and their General MIDI programs (piano; jazz guitar). */
    static final int CHORD_CHANNEL = 0, MELODY_CHANNEL = 1;
    static final Map<Integer, Integer> PROGRAMS = Map.of(CHORD_CHANNEL, 0, MELODY_CHANNEL, 26);

    /** The notebook's settings. */
    @Command(name = "c5w1-jazz-improvisation",
            description = "Course 5: improvise a jazz solo with an LSTM (Keras' djmodel as a DL4J graph) and write it "
                    + "as MIDI. --seed also seeds data_processing's windows.")
    public static final class Options extends KerasFitOptions {

        @Option(names = "--decay", description = "Keras' Adam decay: rate / (1 + decay * iteration) (default: "
                + "${DEFAULT-VALUE}).")
        public double decay = 0.01;

        @Option(names = "--hidden", description = "n_a, the LSTM's hidden units (default: ${DEFAULT-VALUE}).")
        public int hidden = 64;

        @Option(names = "--examples", description = "m, training windows cut from the corpus (default: "
                + "${DEFAULT-VALUE}).")
        public int examples = 60;

        @Option(names = "--steps", description = "Tx, values per window (default: ${DEFAULT-VALUE}).")
        public int steps = 30;

        @Option(names = "--generate", description = "Ty, values the inference model generates (default: "
                + "${DEFAULT-VALUE}).")
        public int generate = 50;

        @Option(names = "--print-every", description = "print the loss every N epochs (default: ${DEFAULT-VALUE}).")
        public int printEvery = 10;

        /**
         * {@code model.fit([X, a0, c0], list(Y), epochs=100)} with Keras' batch_size 32, Adam at 0.01; numpy seed 0
         * for {@code data_processing}; DL4J's init seed 1.
         */
        public Options() {
            super(100, 32, 0.01, 0, 1);
        }

        @Override
        public void validate() {
            super.validate();
            OptionChecks.nonNegative("--decay", decay);
            OptionChecks.atLeast("--hidden", hidden, 1);
            OptionChecks.atLeast("--examples", examples, 1);
            OptionChecks.atLeast("--steps", steps, 2);
            OptionChecks.atLeast("--generate", generate, 1);
            OptionChecks.atLeast("--print-every", printEvery, 1);
        }
    }

    /**
     * {@code data_processing}'s arrays: {@code X (m, Tx, n_values)}, {@code Y (Ty, m, n_values)} as the notebook
     * shapes them, and where each window starts in the corpus.
     */
    public record Data(INDArray x, INDArray y, int[] windowStarts) {

        /** The targets as DL4J takes them, {@code (m, Tx, n_values)}: the notebook's Y with axes 0 and 1 swapped. */
        public INDArray labels() {
            return y.permute(1, 0, 2).dup('c');
        }
    }

    /**
     * Everything a run produced.
     *
     * @param losses    Keras' loss (the sum over the 30 outputs) of every epoch, in order
     * @param indices   the generated values' indices ({@code predict_and_sample})
     * @param melody    the notes of the generated melody as written
     */
    public record Result(int values, long params, double[] losses, int[] indices, List<String> generated,
            List<MidiNotes.Note> melody, Path midi, Path plot) {
    }

    private JazzImprovisation() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), JazzImprovisation::run, args));
    }

    /**
     * {@code data_processing(corpus, values_indices, m, Tx)}: {@code np.random.seed(seed)}, then for each example
     * {@code np.random.choice(len(corpus) - Tx)} picks a window of Tx values; {@code X[i, 0]} stays zero,
     * {@code X[i, j]} and {@code Y[i, j - 1]} are value j of the window, then Y's first two axes are swapped.
     */
    public static Data dataProcessing(List<String> corpus, Map<String, Integer> valuesIndices, int m, int tx,
            long seed) {
        if (corpus.size() <= tx) {
            throw new IllegalArgumentException("--steps " + tx + " needs a corpus longer than " + tx + " values, not "
                    + corpus.size());
        }
        int nValues = valuesIndices.size();
        NumpyRandom random = new NumpyRandom(seed);
        INDArray x = Nd4j.zeros(DataType.FLOAT, m, tx, nValues);
        INDArray y = Nd4j.zeros(DataType.FLOAT, m, tx, nValues);
        int[] starts = new int[m];
        for (int i = 0; i < m; i++) {
            starts[i] = random.choice(corpus.size() - tx);
            for (int j = 1; j < tx; j++) {
                int idx = valuesIndices.get(corpus.get(starts[i] + j));
                x.putScalar(new long[] {i, j, idx}, 1);
                y.putScalar(new long[] {i, j - 1, idx}, 1);
            }
        }
        return new Data(x, y.permute(1, 0, 2).dup('c'), starts);
    }

    /** {@code djmodel(Tx, n_a, n_values)} as one LSTM over the sequence and a softmax at every step (see above). */
    @Graded("djmodel")
    public static ComputationGraph djmodel(int tx, int nA, int nValues, long seed, double learningRate,
            double decay) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)                       // Keras' float32
                .weightInit(WeightInit.XAVIER_UNIFORM)          // glorot_uniform
                // Adam(lr=0.01, beta_1=0.9, beta_2=0.999, decay=0.01): lr / (1 + decay * iterations)
                .updater(new Adam(new InverseSchedule(ScheduleType.ITERATION, learningRate, decay, 1)))
                .graphBuilder()
                .addInputs("X")
                .setInputTypes(InputType.recurrent(nValues, tx, RNNFormat.NWC))
                // LSTM_cell = LSTM(n_a, return_state=True), shared by every step
                .addLayer("lstm", new LSTM.Builder().nOut(nA).activation(Activation.TANH)
                        .gateActivationFunction(Activation.HARDSIGMOID).forgetGateBiasInit(1)
                        .dataFormat(RNNFormat.NWC).build(), "X")
                // densor = Dense(n_values, activation='softmax'), loss='categorical_crossentropy' on every output
                .addLayer("dense", new RnnOutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(nValues)
                        .activation(Activation.SOFTMAX).dataFormat(RNNFormat.NWC).build(), "lstm")
                .setOutputs("dense")
                .build();
        return Graphs.forTraining(conf);
    }

    /**
     * {@code model.fit([X, a0, c0], list(Y), epochs)}: Keras' loss of each epoch (the sum over the outputs of each
     * output's mean cross-entropy, averaged over the epoch's batches by their sizes), {@code every} epochs said.
     */
    public static double[] fit(ComputationGraph model, Data data, Options options, Report report) {
        int tx = (int) data.x().size(1);
        NotebookMiniBatches batches = new NotebookMiniBatches(data.x(), data.labels(), options.batchSize,
                options.seed, DataType.FLOAT);
        // Y[:, 29] is all zeros: no target, no loss, no gradient
        batches.setPreProcessor(batch -> batch.setLabelsMaskArray(batch.getLabels().sum(2)));
        CostRecorder recorder = CostRecorder.every(options.printEvery).andLast(options.epochs)
                .onRecord((e, loss) -> report.say(String.format(Locale.ROOT, "Epoch %d/%d - loss: %.4f", e + 1,
                        options.epochs, loss)));
        double[] losses = new double[options.epochs];
        try (Progress progress = report.progress("Training", options.epochs)) {
            for (int e = 0; e < options.epochs; e++) {
                double sum = 0;
                for (DataSet batch : batches.epochBatches(e)) {
                    model.fit(batch);
                    // DL4J's score: the batch's summed cross-entropy over its examples and steps, per example
                    sum += model.score() * batch.numExamples();
                }
                losses[e] = sum / batches.size();
                recorder.record(e, losses[e]);
                progress.step();
            }
        }
        return losses;
    }

    /**
     * {@code predict_and_sample(inference_model)} with the notebook's {@code music_inference_model} in it: from a zero
     * input and zero state, {@code ty} steps of {@link ComputationGraph#rnnTimeStep} (DL4J's trained graph, stepped,
     * is the inference model: the same LSTM cell and dense layer at every step), each step's one-hot arg-max fed back
     * as the next input; returns the {@code ty} indices.
     */
    @Graded("predict_and_sample")
    public static int[] predictAndSample(ComputationGraph model, int ty) {
        int nValues = (int) model.getLayer("dense").getParam("b").length();
        model.rnnClearPreviousState();
        INDArray x = Nd4j.zeros(DataType.FLOAT, 1, 1, nValues);     // x_initializer
        int[] indices = new int[ty];
        for (int t = 0; t < ty; t++) {
            INDArray out = model.rnnTimeStep(x)[0];                   // (1, 1, n_values): one step, NWC
            indices[t] = Nd4j.argMax(out.reshape(nValues)).getInt(0);
            x = Nd4j.zeros(DataType.FLOAT, 1, 1, nValues);
            x.putScalar(new long[] {0, 0, indices[t]}, 1);             // one_hot(argmax)
        }
        model.rnnClearPreviousState();
        return indices;
    }

    /** Loads the solo, trains the model, generates, writes the MIDI file and the loss plot. */
    public static Result run(Options options, Report report) {
        return run(options, report, JazzGrammar.corpus(MidiNotes.metheny()));
    }

    /** {@link #run(Options, Report)} on a corpus already built (the tests build it once). */
    static Result run(Options options, Report report, JazzGrammar.Corpus corpus) {
        Map<String, Integer> valuesIndices = corpus.valuesIndices();
        int nValues = valuesIndices.size();
        Data data = dataProcessing(corpus.corpus(), valuesIndices, options.examples, options.steps, options.seed);
        report.say("shape of X: " + Shapes.format(data.x().shape()));
        report.say("number of training examples: " + data.x().size(0));
        report.say("Tx (length of sequence): " + data.x().size(1));
        report.say("total # of unique values: " + nValues);
        report.say("Shape of Y: " + Shapes.format(data.y().shape()));
        if (nValues != NOTEBOOK_VALUES) {
            report.say("Note: the notebook's music21 grammar has " + NOTEBOOK_VALUES + " values; this corpus has "
                    + nValues + ".");
        }

        ComputationGraph model = djmodel(options.steps, options.hidden, nValues, options.initSeed,
                options.learningRate, options.decay);
        GraphSummary summary = GraphSummary.of(model, options.steps, nValues);
        report.say(summary.table());
        long started = System.nanoTime();
        double[] losses = fit(model, data, options, report);
        report.result(String.format(Locale.ROOT, "loss at epoch 1: %.4f, at epoch %d: %.4f (trained in %.1f s)",
                losses[0], options.epochs, losses[options.epochs - 1], (System.nanoTime() - started) / 1e9));

        // results, indices = predict_and_sample(inference_model, x_initializer, a_initializer, c_initializer)
        int[] indices = predictAndSample(model, options.generate);
        for (int t : new int[] {12, 17}) {
            if (t < indices.length) {
                report.result("np.argmax(results[" + t + "]) = " + indices[t]);
            }
        }
        if (indices.length > 12) {
            report.result("list(indices[12:18]) = " + Arrays.toString(Arrays.copyOfRange(indices, 12,
                    Math.min(18, indices.length))));
        }
        List<String> generated = Arrays.stream(indices).mapToObj(corpus.values()::get).toList();
        report.say("Generated values: " + String.join(" ", generated));

        // out_stream = generate_music(inference_model)
        List<MidiNotes.Note> melody = new ArrayList<>();
        List<MidiNotes.Note> all = new ArrayList<>();
        List<JazzGrammar.Token> tokens = generated.stream().map(JazzGrammar.Token::parse).toList();
        report.say("Predicting new values for different set of chords.");
        long measureTicks = (long) JazzGrammar.MEASURE * corpus.ticksPerQuarter();
        for (int i = 0; i < corpus.measures().size(); i++) {
            JazzGrammar.Measure measure = corpus.measures().get(i);
            List<MidiNotes.Note> notes = JazzGrammar.render(tokens, measure, corpus, 1, MELODY_CHANNEL,
                    i * measureTicks);
            melody.addAll(notes);
            report.say("Generated " + notes.size() + " sounds using the predicted values for the set of chords (\""
                    + (i + 1) + "\") and after pruning");
            all.addAll(chords(corpus, measure, i * measureTicks));
        }
        all.addAll(melody);
        all.sort(MidiNotes.Note.ORDER);
        Path midi = new MidiNotes(corpus.ticksPerQuarter(), List.of(JazzGrammar.CHORD_TRACK,
                JazzGrammar.MELODY_TRACK), List.copyOf(all)).write(options.out.resolve(MIDI_FILE), PROGRAMS);
        report.say("Your generated music is saved in " + midi);

        Path plot = LinePlot.titled("Jazz LSTM training").axes("epoch", "loss (sum over the " + options.steps
                + " outputs)").line("loss", epochNumbers(losses.length), losses)
                .save(options.out.resolve("c5w1-jazz-improvisation.png"));
        report.say("Wrote " + plot);
        return new Result(nValues, summary.totalParams(), losses, indices, generated, List.copyOf(melody), midi, plot);
    }

    /** The piano's notes of {@code measure}, moved to start at {@code origin}, on track 0. */
    private static List<MidiNotes.Note> chords(JazzGrammar.Corpus corpus, JazzGrammar.Measure measure, long origin) {
        long from = (long) measure.start() * corpus.ticksPerQuarter();
        long to = from + (long) JazzGrammar.MEASURE * corpus.ticksPerQuarter();
        return corpus.piano().stream().filter(n -> n.startTick() >= from && n.startTick() < to)
                .map(n -> new MidiNotes.Note(0, CHORD_CHANNEL, n.key(), n.velocity(), n.startTick() - from + origin,
                        Math.min(n.endTick(), to) - from + origin))
                .collect(Collectors.toList());
    }

    private static double[] epochNumbers(int epochs) {
        double[] x = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            x[e] = e + 1;
        }
        return x;
    }
}
