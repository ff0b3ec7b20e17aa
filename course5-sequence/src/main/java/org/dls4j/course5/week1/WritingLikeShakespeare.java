package org.dls4j.course5.week1;

import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.GlibcLog;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.NumpySum;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.text.CharCorpus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 5, week 1, the Dinosaur Island notebook's optional last part: <b>Writing like Shakespeare</b>. A model of
 * two LSTMs trained (by the course, 350 epochs) on Shakespeare's sonnets continues the beginning of a poem, one
 * character at a time: the last {@code Tx = 40} characters go in, the next one is drawn from the model's
 * probabilities ({@code sample}: numpy's {@code multinomial}), appended, and so on 400 times. The model is the
 * course's {@code model_shakespeare_kiank_350_epoch.h5} in a DL4J graph ({@link ShakespeareGraph}); the draws are
 * numpy's ({@link NumpyRandom}), seeded with {@code --seed} where the notebook leaves numpy unseeded.
 *
 * <p>What the learner sees ({@code ./dls run c5w1-shakespeare}): the notebook's loading lines, the prompt (the
 * notebook asks for it with {@code input()}; the graded run typed "Forsooth this maketh no sense "), then
 * "Here is your poem:" and the prompt with its 400 characters, line by line. With {@code -q} the poem only.
 *
 * <p>Not done: the notebook fits the loaded model for one more epoch on 31,412 windows of the sonnets before
 * generating (loss about 2.55, continuing the Adam state saved in the file); this run generates from the
 * file's weights as they are.
 */
public final class WritingLikeShakespeare {

    /** {@code build_data}'s stride: a training window every 3 characters. */
    static final int STRIDE = 3;

    /** The notebook's {@code generate_output()}. */
    @Command(name = "c5w1-shakespeare",
            description = "Course 5 week 1 (optional part): the course's pretrained LSTM writes like Shakespeare.")
    public static final class Options extends AssignmentOptions {

        @Option(names = "--prompt", description = "The beginning of your poem (default: \"${DEFAULT-VALUE}\", the"
                + " graded run's).")
        public String prompt = "Forsooth this maketh no sense ";

        @Option(names = "--characters", description = "Characters to write (default: ${DEFAULT-VALUE}).")
        public int characters = 400;

        @Option(names = "--temperature", description = "sample()'s temperature: below 1 sharper, above 1 flatter"
                + " (default: ${DEFAULT-VALUE}).")
        public double temperature = 1.0;

        @Option(names = "--seed", description = "np.random.seed before writing; the notebook does not seed"
                + " (default: ${DEFAULT-VALUE}).")
        public long seed = 0;

        @Override
        public void validate() {
            OptionChecks.atLeast("--characters", characters, 1);
            OptionChecks.positive("--temperature", temperature);
            OptionChecks.numpySeed("--seed", seed, 0);
        }
    }

    /** The prompt, the characters written after it, and the model's size. */
    public record Result(String prompt, String written, long parameters) {

        /** {@code generated}: the prompt as typed and what the model wrote. */
        public String poem() {
            return prompt + written;
        }
    }

    private WritingLikeShakespeare() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), WritingLikeShakespeare::run, args));
    }

    /**
     * {@code sample(preds, temperature)}: the probabilities sharpened or flattened by the temperature, one
     * {@code np.random.multinomial} trial, and {@code np.random.choice} of its one-hot outcome (which draws one more
     * uniform, as numpy's does). float64.
     */
    public static int sample(double[] preds, double temperature, NumpyRandom random) {
        int n = preds.length;
        double[] p = new double[n];
        for (int i = 0; i < n; i++) {
            // preds = np.asarray(preds).astype('float64'); preds = np.log(preds) / temperature
            // exp_preds = np.exp(preds)
            p[i] = Math.exp(GlibcLog.log(preds[i]) / temperature);
        }
        // preds = exp_preds / np.sum(exp_preds)
        double sum = NumpySum.sum(p);
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        // probas = np.random.multinomial(1, preds, 1)
        int[] probas = random.multinomial(1, p);
        double[] oneHot = new double[n];
        for (int i = 0; i < n; i++) {
            oneHot[i] = probas[i];
        }
        // return np.random.choice(range(len(chars)), p = probas.ravel())
        return random.choice(n, oneHot);
    }

    /**
     * {@code sentence = ('{0:0>' + str(Tx) + '}').format(usr_input).lower()}: the prompt left-padded with
     * {@code '0'} to {@code Tx} characters and lower-cased. A longer prompt keeps its last {@code Tx} characters (the
     * notebook's {@code x_pred[0, t, ...]} fails past {@code Tx}).
     */
    public static String padded(String prompt) {
        String lower = prompt.toLowerCase(Locale.ROOT);
        if (lower.length() >= ShakespeareGraph.TX) {
            return lower.substring(lower.length() - ShakespeareGraph.TX);
        }
        return "0".repeat(ShakespeareGraph.TX - lower.length()) + lower;
    }

    /** The prompt's characters outside the corpus (the notebook stops with a {@code KeyError}); '0' is padding. */
    static void checkPrompt(String prompt, CharCorpus corpus) {
        TreeSet<Character> unknown = new TreeSet<>();
        for (char c : padded(prompt).toCharArray()) {
            if (c != '0' && !corpus.charToIndex().containsKey(c)) {
                unknown.add(c);
            }
        }
        if (!unknown.isEmpty()) {
            throw new OptionException("--prompt has characters the sonnets do not have: " + unknown + ". Use"
                    + " letters, spaces, line breaks and " + punctuation(corpus) + " (the model knows "
                    + corpus.vocabularySize() + " characters).");
        }
    }

    private static String punctuation(CharCorpus corpus) {
        StringBuilder marks = new StringBuilder();
        corpus.vocabulary().stream().filter(c -> c > ' ' && !Character.isLetter(c)).forEach(marks::append);
        return marks.toString();
    }

    /**
     * {@code generate_output()}: {@code characters} times, the window's next-character probabilities, a
     * {@link #sample}, the character appended to what is written and to the window (its first one dropped). Each
     * finished line goes to {@code report} as it is written.
     */
    public static String generate(ComputationGraph graph, CharCorpus corpus, String prompt, Options options,
            Report report) {
        Map<Character, Integer> charIndices = corpus.charToIndex();
        NumpyRandom random = new NumpyRandom(options.seed);
        // sentence = ('{0:0>' + str(Tx) + '}').format(usr_input).lower()
        String sentence = padded(prompt);
        StringBuilder generated = new StringBuilder();
        StringBuilder line = new StringBuilder(prompt);
        try (Progress progress = report.progress("writing", options.characters)) {
            for (int i = 0; i < options.characters; i++) {
                // x_pred = np.zeros((1, Tx, len(chars))); x_pred[0, t, char_indices[char]] = 1. unless char == '0'
                // preds = model.predict(x_pred, verbose=0)[0]
                double[] preds = ShakespeareGraph.predict(graph, ShakespeareGraph.window(sentence, charIndices));
                // next_index = sample(preds, temperature = 1.0); next_char = indices_char[next_index]
                char nextChar = corpus.indexToChar().get(sample(preds, options.temperature, random));
                // generated += next_char; sentence = sentence[1:] + next_char
                generated.append(nextChar);
                sentence = sentence.substring(1) + nextChar;
                // sys.stdout.write(next_char)
                if (nextChar == '\n') {
                    report.result(line.toString());
                    line.setLength(0);
                } else {
                    line.append(nextChar);
                }
                progress.step();
            }
        }
        report.result(line.toString());
        return generated.toString();
    }

    /** Loads the text and the model, then writes the poem. */
    public static Result run(Options options, Report report) {
        // text = io.open('shakespeare.txt', encoding='utf-8').read().lower()
        report.say("Loading text data...");
        CharCorpus corpus = CharCorpus.shakespeare();
        checkPrompt(options.prompt, corpus);
        report.say("Creating training set...");
        // build_data(text, Tx, stride = 3): one window per range(0, len(text) - Tx, stride)
        int windows = (corpus.text().length() - ShakespeareGraph.TX + STRIDE - 1) / STRIDE;
        report.say("number of training examples: " + windows);
        report.say("Loading model...");
        ComputationGraph graph = ShakespeareGraph.pretrained(corpus.vocabularySize());
        report.say("(" + graph.numParams() + " parameters: LSTM 128, LSTM 128, dense " + corpus.vocabularySize()
                + "; the notebook's extra epoch of fit is not run here)");
        report.say("Write the beginning of your poem, the Shakespeare machine will complete it. Your input is: "
                + options.prompt);
        report.say("");
        report.say("Here is your poem: ");
        report.say("");
        String written = generate(graph, corpus, options.prompt, options, report);
        return new Result(options.prompt, written, graph.numParams());
    }
}
