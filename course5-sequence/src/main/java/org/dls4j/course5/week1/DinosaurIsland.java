package org.dls4j.course5.week1;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.EnumConverters;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.text.CharCorpus;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.rnn.CharRnn;
import org.dls4j.shared.scratch.rnn.CharRnnSteps;
import org.dls4j.shared.scratch.rnn.RnnUtils;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostRecorder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 5, week 1: <b>Character level language model - Dinosaurus Island</b>. A basic RNN over characters learns
 * the 1536 dinosaur names of {@code dinos.txt} one name per iteration and then invents new ones. The graded
 * functions {@link #clip}, {@link #sample}, {@link #optimize} and {@link #model} are written line by line in ND4J
 * float64; {@code utils.py}'s helpers are {@link CharRnnSteps}, and the 35,000 training iterations run on
 * {@link CharRnn}, the same arithmetic fused (a test proves the two agree): the 35,000 iterations take seconds.
 *
 * <p>What the learner sees ({@code ./dls run c5w1-dinosaur-island}): the data's size, the notebook's checks of
 * {@code clip}, {@code sample} and {@code optimize}, then the model's smoothed loss and seven sampled names every
 * 2000 iterations, exactly the notebook's through iteration 14,000:
 * <pre>
 * Iteration: 2000, Loss: 27.884160
 *
 * Liusskeomnolxeros
 * Hmdaairus
 * ...
 * </pre>
 * (afterwards the notebooks' own runs disagree with one another: the training is sensitive to the last bit of a
 * product's summation order from about iteration 15,000). Then the same character model as a DL4J
 * {@code ComputationGraph} ({@link CharRnnGraph}) trained on the same examples from the same initial weights, carrying
 * the hidden state from name to name as the notebook does: the same lines through iteration 14,000, then its own;
 * and {@code c5w1-dinosaur-island-loss.png} in {@code --out}. With {@code -q} the loss lines and names only.
 */
public final class DinosaurIsland {

    /** The notebook prints the loss and samples names every 2000 iterations. */
    public static final int PRINT_EVERY = 2000;
    /** The loss curve keeps a point every 100 iterations. */
    static final int PLOT_EVERY = 100;
    /** {@code sample} stops after 50 characters. */
    public static final int MAX_CHARACTERS = 50;
    /** {@code optimize} clips every gradient element into {@code [-5, 5]}. */
    public static final double MAX_GRADIENT = 5;

    /** Which model to train: the notebook's numpy one, DL4J's graph, or both. */
    public enum Face {
        SCRATCH, DL4J
    }

    /** The notebook's {@code model(...)} defaults. */
    @Command(name = "c5w1-dinosaur-island",
            description = "Course 5 week 1: a character-level RNN learns dinosaur names and invents new ones.")
    public static final class Options extends AssignmentOptions {

        @Option(names = "--hidden", description = "Hidden units n_a (default: ${DEFAULT-VALUE}).")
        public int hidden = 50;

        @Option(names = "--learning-rate", description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
        public double learningRate = 0.01;

        @Option(names = "--iterations", description = "Training iterations, one name each"
                + " (default: ${DEFAULT-VALUE}).")
        public int iterations = 35000;

        @Option(names = "--seed", description = "np.random.seed before shuffling the names (default: ${DEFAULT-VALUE}).")
        public long seed = 0;

        @Option(names = "--names", description = "Names sampled every 2000 iterations (default: ${DEFAULT-VALUE}).")
        public int names = 7;

        @Option(names = "--face", split = ",", paramLabel = "FACE",
                description = "scratch and/or dl4j, comma-separated (default: both).")
        public List<Face> faces = new ArrayList<>(List.of(Face.SCRATCH, Face.DL4J));

        @Override
        public void validate() {
            OptionChecks.atLeast("--hidden", hidden, 1);
            OptionChecks.positive("--learning-rate", learningRate);
            OptionChecks.atLeast("--iterations", iterations, 1);
            OptionChecks.numpySeed("--seed", seed, 0);
            OptionChecks.atLeast("--names", names, 1);
            // sample(..., seed = 0 .. names - 1) seeds numpy with counter + seed, up to 2 * 49 + names - 1
            OptionChecks.notEmpty("--face", faces, EnumConverters.choices(Face.class));
        }
    }

    /** {@code optimize}'s {@code loss, gradients, a[len(X)-1]}. */
    public record Optimized(double loss, Parameters gradients, INDArray aLast) {
    }

    /** One trained model: its smoothed losses (every 100 iterations), the names printed, its parameters. */
    public record Trained(CostCurve losses, Map<Integer, List<String>> names, Parameters parameters) {

        /** The last name sampled, the 2021 notebook's {@code last_dino_name}. */
        public String lastName() {
            List<List<String>> all = new ArrayList<>(names.values());
            List<String> last = all.get(all.size() - 1);
            return last.get(last.size() - 1);
        }
    }

    /** The run: the scratch model, the DL4J model (null when not trained) and the loss plot. */
    public record Result(Trained scratch, Trained dl4j, Path plot) {
    }

    private DinosaurIsland() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), DinosaurIsland::run, args));
    }

    // -------------------------------------------------------------------------------- graded functions

    /**
     * {@code clip(gradients, maxValue)}: a copy of the gradients with {@code dWaa, dWax, dWya, db, dby} clipped
     * element by element into {@code [-maxValue, maxValue]} (2021: {@code gradients = copy.deepcopy(gradients)}).
     */
    @Graded("clip")
    public static Parameters clip(Parameters gradients, double maxValue) {
        Parameters clipped = gradients.copy();
        // for gradient in [dWax, dWaa, dWya, db, dby]: np.clip(gradient, -maxValue, maxValue, out=gradient)
        for (String name : List.of("dWaa", "dWax", "dWya", "db", "dby")) {
            INDArray g = clipped.get(name);
            Transforms.min(Transforms.max(g, -maxValue, false), maxValue, false);
        }
        return clipped;
    }

    /**
     * {@code sample(parameters, char_to_ix, seed)}: from a zero input and hidden state, one character at a time,
     * {@code np.random.seed(counter + seed)} then {@code np.random.choice(range(len(y)), p=y.ravel())}, until a
     * newline or 50 characters (then a newline is appended). Returns the sampled indices.
     */
    @Graded("sample")
    public static List<Integer> sample(Parameters parameters, Map<Character, Integer> charToIx, long seed) {
        // Waa, Wax, Wya, by, b = parameters['Waa'], ...
        INDArray waa = parameters.get("Waa");
        INDArray wax = parameters.get("Wax");
        INDArray wya = parameters.get("Wya");
        INDArray by = parameters.get("by");
        INDArray b = parameters.get("b");
        // vocab_size = by.shape[0]; n_a = Waa.shape[1]
        int vocabSize = (int) by.size(0);
        long nA = waa.size(1);
        // x = np.zeros((vocab_size, 1)); a_prev = np.zeros((n_a, 1))
        INDArray x = Nd4j.zeros(vocabSize, 1);
        INDArray aPrev = Nd4j.zeros(nA, 1);
        List<Integer> indices = new ArrayList<>();
        int idx = -1;
        int counter = 0;
        int newlineCharacter = charToIx.get('\n');
        NumpyRandom random = new NumpyRandom(0);
        // while (idx != newline_character and counter != 50):
        while (idx != newlineCharacter && counter != MAX_CHARACTERS) {
            // a = np.tanh(np.dot(Wax, x) + np.dot(Waa, a_prev) + b)
            INDArray a = RnnUtils.tanh(wax.mmul(x).addi(waa.mmul(aPrev)).addi(b));
            // z = np.dot(Wya, a) + by; y = softmax(z)
            INDArray y = RnnUtils.softmax(wya.mmul(a).addi(by));
            // np.random.seed(counter + seed)
            random.seed(counter + seed);
            // idx = np.random.choice(range(len(y)), p=y.ravel())
            idx = random.choice(vocabSize, y.toDoubleVector());
            indices.add(idx);
            // x = np.zeros((vocab_size, 1)); x[idx] = 1
            x = CharRnnSteps.oneHot(idx, vocabSize);
            // a_prev = a
            aPrev = a;
            seed += 1;
            counter += 1;
        }
        // if (counter == 50): indices.append(char_to_ix['\n'])
        if (counter == MAX_CHARACTERS) {
            indices.add(newlineCharacter);
        }
        return indices;
    }

    /**
     * {@code optimize(X, Y, a_prev, parameters, learning_rate)}: forward, backward, {@code clip(gradients, 5)},
     * update the parameters (in place); {@code X[0]} may be {@link CharRnnSteps#NONE}.
     */
    @Graded("optimize")
    public static Optimized optimize(int[] X, int[] Y, INDArray aPrev, Parameters parameters, double learningRate) {
        // loss, cache = rnn_forward(X, Y, a_prev, parameters)
        CharRnnSteps.Forward cache = CharRnnSteps.rnnForward(X, Y, aPrev, parameters, (int) parameters.get("by")
                .size(0));
        // gradients, a = rnn_backward(X, Y, parameters, cache)
        Parameters gradients = CharRnnSteps.rnnBackward(X, Y, parameters, cache);
        // gradients = clip(gradients, 5)
        gradients = clip(gradients, MAX_GRADIENT);
        // parameters = update_parameters(parameters, gradients, learning_rate)
        CharRnnSteps.updateParameters(parameters, gradients, learningRate);
        // return loss, gradients, a[len(X)-1]
        return new Optimized(cache.loss(), gradients, cache.a().get(X.length));
    }

    /**
     * {@code model(data_x, ix_to_char, char_to_ix, num_iterations, n_a, dino_names, vocab_size)}: the examples
     * shuffled with {@code np.random.seed(seed)}, one per iteration ({@code X = [None] + indices},
     * {@code Y = X[1:] + ["\n"]}), the hidden state carried from each to the next, the loss smoothed
     * ({@code smooth}, from {@code get_initial_loss(vocab_size, dino_names)}), and every 2000 iterations
     * {@code Iteration: j, Loss: ...} and {@code dinoNames} sampled names. Trained by {@link CharRnn}.
     */
    @Graded(value = "model", instructions = "Train with CharRnn, the fused twin of optimize: new CharRnn(parameters),\n"
            + "then rnn.optimize(X, Y, learning_rate, 5) for each example (it carries a_prev from one to the next).\n"
            + "The numbers are those of your optimize with a_prev carried, over ten times faster: the grader runs\n"
            + "2001 iterations (to the notebook's second print), which your optimize takes minutes for.")
    public static Trained model(List<String> examples, CharCorpus corpus, Options options, Report report) {
        int vocabSize = corpus.vocabularySize();
        // parameters = initialize_parameters(n_a, n_x, n_y)
        Parameters initial = CharRnnSteps.initializeParameters(options.hidden, vocabSize, vocabSize);
        CharRnn rnn = new CharRnn(initial);
        List<int[][]> xy = shuffledExamples(examples, corpus, options.seed);
        Map<Integer, List<String>> names = new LinkedHashMap<>();
        CostRecorder recorder = CostRecorder.every(PLOT_EVERY).hint("Try a smaller --learning-rate.")
                .onRecord((j, loss) -> {
                    if (j % PRINT_EVERY == 0) {
                        Parameters parameters = rnn.parameters();
                        names.put(j, printSamples(report, j, loss, corpus, options.names,
                                seed -> sample(parameters, corpus.charToIndex(), seed)));
                    }
                });
        // loss = get_initial_loss(vocab_size, dino_names)
        double loss = CharRnnSteps.initialLoss(vocabSize, options.names);
        try (Progress progress = report.progress("scratch RNN", options.iterations)) {
            for (int j = 0; j < options.iterations; j++) {
                // idx = j % len(examples); X = [None] + [char_to_ix[ch] ...]; Y = X[1:] + [char_to_ix["\n"]]
                int[][] example = xy.get(j % xy.size());
                // curr_loss, gradients, a_prev = optimize(X, Y, a_prev, parameters, learning_rate = 0.01)
                double currLoss = rnn.optimize(example[0], example[1], options.learningRate, MAX_GRADIENT);
                // loss = smooth(loss, curr_loss)
                loss = CharRnnSteps.smooth(loss, currLoss);
                recorder.record(j, loss);
                progress.step();
            }
        }
        return new Trained(recorder.curve(), names, rnn.parameters());
    }

    /**
     * {@code examples = [x.strip() for x in data_x]}; {@code np.random.seed(seed); np.random.shuffle(examples)}; each
     * name as {@code {X, Y}}: {@code X = [None] + indices} ({@link CharRnnSteps#NONE} first),
     * {@code Y = X[1:] + [char_to_ix["\n"]]}.
     */
    public static List<int[][]> shuffledExamples(List<String> examples, CharCorpus corpus, long seed) {
        List<String> shuffled = new ArrayList<>(examples);
        new NumpyRandom(seed).shuffle(shuffled);
        List<int[][]> xy = new ArrayList<>();
        for (String name : shuffled) {
            int[] x = new int[name.length() + 1];
            int[] y = new int[name.length() + 1];
            x[0] = CharRnnSteps.NONE;
            for (int i = 0; i < name.length(); i++) {
                Integer ix = corpus.charToIndex().get(name.charAt(i));
                if (ix == null) {
                    throw new IllegalArgumentException("The name '" + name + "' has a character outside the"
                            + " vocabulary: '" + name.charAt(i) + "'");
                }
                x[i + 1] = ix;
                y[i] = ix;
            }
            y[name.length()] = corpus.charToIndex().get('\n');
            xy.add(new int[][] {x, y});
        }
        return xy;
    }

    /**
     * {@code Iteration: j, Loss: ...} and {@code count} names, {@code sampler} giving the indices of
     * {@code sample(parameters, char_to_ix, seed)} for seed 0, 1, ...
     */
    static List<String> printSamples(Report report, int j, double loss, CharCorpus corpus, int count,
            IntFunction<List<Integer>> sampler) {
        // print('Iteration: %d, Loss: %f' % (j, loss) + '\n')
        report.result("Iteration: " + j + ", Loss: " + NumpyFormat.fixed6(loss));
        report.say("");
        List<String> names = new ArrayList<>();
        for (int seed = 0; seed < count; seed++) {
            // sampled_indices = sample(parameters, char_to_ix, seed); print_sample(sampled_indices, ix_to_char)
            String name = getSample(sampler.apply(seed), corpus.indexToChar());
            names.add(name);
            report.result(name);
        }
        report.say("");
        return names;
    }

    /** {@code get_sample(sample_ix, ix_to_char)}: the characters, the first upper-cased, without the newline. */
    public static String getSample(List<Integer> indices, Map<Integer, Character> ixToChar) {
        StringBuilder text = new StringBuilder();
        indices.forEach(ix -> text.append(ixToChar.get(ix)));
        String txt = text.toString().replace("\n", "");
        return txt.isEmpty() ? txt : Character.toUpperCase(txt.charAt(0)) + txt.substring(1);
    }

    // -------------------------------------------------------------------------------- the notebook, top to bottom

    /** Loads the names, runs the notebook's checks, trains the model(s), prints and plots. */
    public static Result run(Options options, Report report) {
        // data = open('dinos.txt', 'r').read().lower(); chars = sorted(list(set(data)))
        CharCorpus corpus = CharCorpus.dinos();
        report.say("There are " + corpus.text().length() + " total characters and " + corpus.vocabularySize()
                + " unique characters in your data.");
        checks(report, corpus);

        List<String> examples = corpus.lines();
        Trained scratch = null;
        Trained dl4j = null;
        LinePlot plot = LinePlot.titled("Dinosaur Island: smoothed loss").axes("iteration", "loss");
        if (options.faces.contains(Face.SCRATCH)) {
            report.say("== model: " + options.iterations + " iterations, n_a = " + options.hidden
                    + ", learning rate " + NumpyFormat.repr(options.learningRate));
            long start = System.nanoTime();
            scratch = model(examples, corpus, options, report);
            report.say(String.format("(%.1f microseconds per iteration)",
                    (System.nanoTime() - start) / 1e3 / options.iterations));
            plot.line("scratch (numpy)", toDoubles(scratch.losses().iterations()), scratch.losses().costs());
        }
        if (options.faces.contains(Face.DL4J)) {
            report.say("== DL4J: BasicRnnLayer(" + options.hidden + ", state carried) + RnnSoftmaxOutputLayer(softmax),"
                    + " the same examples and initial weights");
            long start = System.nanoTime();
            dl4j = CharRnnGraph.train(examples, corpus, options, report);
            report.say(String.format("(%.1f microseconds per iteration)",
                    (System.nanoTime() - start) / 1e3 / options.iterations));
            plot.line("DL4J", toDoubles(dl4j.losses().iterations()), dl4j.losses().costs());
        }
        Path png = plot.save(options.out.resolve("c5w1-dinosaur-island-loss.png"));
        report.say("Wrote " + png);
        return new Result(scratch, dl4j, png);
    }

    /** The notebook's checks of {@code clip}, {@code sample} (2021, seed 24) and {@code optimize}. */
    static void checks(Report report, CharCorpus corpus) {
        report.say("== clip");
        for (double maxValue : new double[] {10, 5}) {
            Parameters clipped = clip(DinosaurTestCases.clipGradients(), maxValue);
            report.result("maxValue = " + NumpyFormat.repr(maxValue) + ": gradients[\"dWaa\"][1][2] = "
                    + NumpyFormat.repr(clipped.get("dWaa").getDouble(1, 2)) + ", gradients[\"dWax\"][3][1] = "
                    + NumpyFormat.repr(clipped.get("dWax").getDouble(3, 1)) + ", gradients[\"dWya\"][1][2] = "
                    + NumpyFormat.repr(clipped.get("dWya").getDouble(1, 2)) + ", gradients[\"db\"][4] = "
                    + NumpyFormat.array(clipped.get("db").getRow(4)) + ", gradients[\"dby\"][1] = "
                    + NumpyFormat.array(clipped.get("dby").getRow(1)));
        }
        report.say("== sample");
        List<Integer> indices = sample(DinosaurTestCases.sampleParameters(24), corpus.charToIndex(), 0);
        report.result("list of sampled indices: " + indices);
        List<Character> chars = indices.stream().map(corpus.indexToChar()::get).toList();
        report.result("list of sampled characters: " + chars.toString().replace("\n", "\\n"));
        report.say("== optimize");
        DinosaurTestCases.OptimizeCase c = DinosaurTestCases.optimizeCase();
        Optimized o = optimize(c.X(), c.Y(), c.aPrev(), c.parameters(), 0.01);
        report.result("Loss = " + NumpyFormat.repr(o.loss()));
        report.result("gradients[\"dWaa\"][1][2] = " + NumpyFormat.repr(o.gradients().get("dWaa").getDouble(1, 2)));
        report.result("np.argmax(gradients[\"dWax\"]) = " + o.gradients().get("dWax").argMax().getInt(0));
        report.result("gradients[\"dWya\"][1][2] = " + NumpyFormat.repr(o.gradients().get("dWya").getDouble(1, 2)));
        report.result("gradients[\"db\"][4] = " + NumpyFormat.array(o.gradients().get("db").getRow(4)));
        report.result("gradients[\"dby\"][1] = " + NumpyFormat.array(o.gradients().get("dby").getRow(1)));
        report.result("a_last[4] = " + NumpyFormat.array(o.aLast().getRow(4)));
    }

    private static double[] toDoubles(int[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return out;
    }
}
