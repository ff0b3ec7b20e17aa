package org.dls4j.course5.week2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.NumpyDot;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.EnumConverters;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.text.EmojifyData;
import org.dls4j.shared.data.text.GloveVectors;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.graph.GraphFit;
import org.dls4j.shared.graph.GraphSummary;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 5, week 2: <b>Emojify!</b> Which of five emoji (heart, baseball, smile, disappointed, fork and knife) fits a
 * short sentence, learnt from 132 sentences. Emojifier-V1 (numpy, from scratch): the average of a sentence's GloVe
 * vectors into a softmax, trained by per-example SGD. Emojifier-V2 (Keras): the word indices through a frozen GloVe
 * embedding, two LSTMs of 128 and a softmax, as a DL4J graph ({@link EmojifyV2Graph}).
 *
 * <p>What the learner sees ({@code ./dls run c5w2-emojify}): V1's cost and training accuracy every 100 epochs, the
 * training and test accuracies, the notebook's own six sentences, the confusion matrix of the test set; V2's model
 * summary, Keras' line per epoch, the test accuracy and the mislabelled test sentences; both beside the notebook's
 * numbers. {@code --sentence} (repeatable) asks both models about your sentences. The notebook's GloVe 6B 50d is
 * in no public copy: {@link GloveVectors#load()} gives 100-d vectors of the 50,008 most frequent words, so the
 * numbers are ours, not the notebook's. Words the vectors lack are skipped, as the 2021 notebook's
 * {@code sentence_to_avg} and {@code sentences_to_indices} skip them, and the run names them.
 */
public final class Emojify {

    /** The notebook's results (50-d GloVe): V1 train and test accuracy, V2 test accuracy. */
    static final double NOTEBOOK_V1_TRAIN = 0.977272727273, NOTEBOOK_V1_TEST = 0.857142857143,
            NOTEBOOK_V2_TEST = 0.8214285969734192;
    /** The notebook's own sentences and their labels. */
    static final List<String> MY_SENTENCES = List.of("i adore you", "i love you", "funny lol", "lets play with a ball",
            "food is ready", "not feeling happy");
    static final int[] MY_LABELS = {0, 0, 2, 1, 4, 3};

    /** Which Emojifier to train. */
    public enum Model {
        V1, V2
    }

    /** The notebook's settings. */
    @Command(name = "c5w2-emojify",
            description = "Course 5 week 2: Emojifier-V1 (averaged GloVe vectors, softmax, SGD from scratch) and "
                    + "Emojifier-V2 (frozen embedding, two LSTMs, a DL4J graph).")
    public static final class Options extends AssignmentOptions {

        @Option(names = "--model", split = ",", paramLabel = "MODEL",
                description = "v1 and/or v2, comma-separated (default: both).")
        public List<Model> models = new ArrayList<>(List.of(Model.V1, Model.V2));

        @Option(names = "--learning-rate", description = "V1's SGD learning rate (default: ${DEFAULT-VALUE}).")
        public double learningRate = 0.01;

        @Option(names = "--iterations", description = "V1's epochs, num_iterations (default: ${DEFAULT-VALUE}).")
        public int iterations = 400;

        @Option(names = "--seed", description = "np.random.seed before V1's randn weights (default: ${DEFAULT-VALUE}).")
        public long seed = 1;

        @Option(names = "--epochs", description = "V2's epochs (default: ${DEFAULT-VALUE}).")
        public int epochs = 50;

        @Option(names = "--batch-size", description = "V2's batch_size (default: ${DEFAULT-VALUE}).")
        public int batchSize = 32;

        @Option(names = "--v2-seed", description = "numpy seed of V2's shuffles (epoch e: seed + 1 + e) and DL4J seed "
                + "of its Glorot weights (default: ${DEFAULT-VALUE}).")
        public long v2Seed = 1;

        @Option(names = "--mask-padding", description = "V2: hide the padding from the LSTMs with DL4J's feature "
                + "mask. The notebook's Keras model has no mask (its Embedding has no mask_zero): its LSTMs read the "
                + "padding's zero vectors, and so do ours by default.")
        public boolean maskPadding;

        @Option(names = "--sentence", paramLabel = "TEXT", description = "A sentence of your own to emojify "
                + "(repeatable).")
        public List<String> sentences = new ArrayList<>();

        @Override
        public void validate() {
            OptionChecks.notEmpty("--model", models, EnumConverters.choices(Model.class));
            OptionChecks.positive("--learning-rate", learningRate);
            OptionChecks.atLeast("--iterations", iterations, 1);
            OptionChecks.numpySeed("--seed", seed, 0);
            OptionChecks.atLeast("--epochs", epochs, 1);
            OptionChecks.atLeast("--batch-size", batchSize, 1);
            OptionChecks.numpySeed("--v2-seed", v2Seed, epochs);
        }
    }

    /** V1's trained parameters ({@code W (n_y, n_h)}, {@code b (n_y)}) and its last printed cost. */
    public record V1(double[][] W, double[] b, double lastCost) {
    }

    /** One model's accuracies and its answers to the notebook's and your sentences. */
    public record Scores(double trainAccuracy, double testAccuracy, int[] testPredictions, int[] mySentences,
            int[] yourSentences, int[][] confusion) {
    }

    /** A run: the words the vectors lack, V1's and V2's scores (null when not trained). */
    public record Result(List<String> missingWords, V1 v1, Scores v1Scores, GraphFit.History v2History,
            Scores v2Scores) {
    }

    private Emojify() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), Emojify::run, args));
    }

    // -------------------------------------------------------------------------------- Emojifier-V1

    /**
     * {@code sentence_to_avg(sentence, word_to_vec_map)} (2021): the average of the vectors of the sentence's
     * lower-cased words the map has; zeros when it has none.
     */
    @Graded("sentence_to_avg")
    public static double[] sentenceToAvg(String sentence, Map<String, double[]> wordToVecMap) {
        // words = sentence.lower().split()
        String[] words = split(sentence);
        // avg = np.zeros(word_to_vec_map[any_word].shape); count = 0
        double[] avg = new double[wordToVecMap.values().iterator().next().length];
        int count = 0;
        for (String w : words) {
            // if w in word_to_vec_map: avg += word_to_vec_map[w]; count += 1
            double[] e = wordToVecMap.get(w);
            if (e != null) {
                for (int i = 0; i < avg.length; i++) {
                    avg[i] += e[i];
                }
                count++;
            }
        }
        // if count > 0: avg = avg / count
        if (count > 0) {
            for (int i = 0; i < avg.length; i++) {
                avg[i] /= count;
            }
        }
        return avg;
    }

    /**
     * {@code model(X, Y, word_to_vec_map, learning_rate, num_iterations)}: {@code W = randn(n_y, n_h) / sqrt(n_h)},
     * {@code b = 0}, then per example {@code z = W avg + b}, {@code a = softmax(z)}, {@code W -= lr dz avg^T},
     * {@code b -= lr dz}; every 100 epochs the last example's cost and the training accuracy ({@link #predict}).
     * {@code random} is numpy's generator after the notebook's {@code np.random.seed}.
     */
    @Graded("model")
    public static V1 model(List<String> X, int[] Y, Map<String, double[]> wordToVecMap, double learningRate,
            int numIterations, NumpyRandom random, Report report) {
        int m = Y.length;
        // n_y = len(np.unique(Y)); n_h = word_to_vec_map[any_word].shape[0]
        int nY = (int) Arrays.stream(Y).distinct().count();
        int nH = wordToVecMap.values().iterator().next().length;
        // W = np.random.randn(n_y, n_h) / np.sqrt(n_h); b = np.zeros((n_y,))
        double[][] W = new double[nY][nH];
        double[] b = new double[nY];
        double sqrtNH = Math.sqrt(nH);
        for (double[] row : W) {
            for (int j = 0; j < nH; j++) {
                row[j] = random.standardNormal() / sqrtNH;
            }
        }
        double[][] avgs = new double[m][];
        for (int i = 0; i < m; i++) {
            avgs[i] = sentenceToAvg(X.get(i), wordToVecMap);
        }
        double cost = Double.NaN;
        for (int t = 0; t < numIterations; t++) {
            for (int i = 0; i < m; i++) {
                // avg = sentence_to_avg(X[i], word_to_vec_map)
                double[] avg = avgs[i];
                // z = np.dot(W, avg) + b; a = softmax(z)
                double[] a = softmax(affine(W, avg, b));
                // cost = -np.sum(Y_oh[i] * np.log(a))
                cost = -(0.0 + Math.log(a[Y[i]]));
                // dz = a - Y_oh[i]
                double[] dz = a.clone();
                dz[Y[i]] -= 1;
                // dW = np.dot(dz.reshape(n_y, 1), avg.reshape(1, n_h)); db = dz
                // W = W - learning_rate * dW; b = b - learning_rate * db
                for (int k = 0; k < nY; k++) {
                    for (int j = 0; j < nH; j++) {
                        W[k][j] = W[k][j] - learningRate * (dz[k] * avg[j]);
                    }
                    b[k] = b[k] - learningRate * dz[k];
                }
            }
            if (t % 100 == 0) {
                report.say("Epoch: " + t + " --- cost = " + NumpyFormat.repr(cost));
                predict(X, Y, W, b, wordToVecMap, report);
            }
        }
        return new V1(W, b, cost);
    }

    /** {@code predict(X, Y, W, b, word_to_vec_map)}: the most likely emoji of each sentence; says the accuracy. */
    public static int[] predict(List<String> X, int[] Y, double[][] W, double[] b, Map<String, double[]> wordToVecMap,
            Report report) {
        int[] pred = new int[X.size()];
        int right = 0;
        for (int j = 0; j < pred.length; j++) {
            // Z = np.dot(W, avg) + b; A = softmax(Z); pred[j] = np.argmax(A)
            pred[j] = argmax(softmax(affine(W, sentenceToAvg(X.get(j), wordToVecMap), b)));
            right += Y != null && pred[j] == Y[j] ? 1 : 0;
        }
        if (Y != null) {
            // print("Accuracy: " + str(np.mean((pred[:] == Y.reshape(Y.shape[0], 1)[:]))))
            report.say("Accuracy: " + NumpyFormat.repr((double) right / pred.length));
        }
        return pred;
    }

    /** {@code np.dot(W, avg) + b}, each row's dot product rounded as numpy's. */
    private static double[] affine(double[][] W, double[] avg, double[] b) {
        double[] z = new double[W.length];
        for (int k = 0; k < z.length; k++) {
            z[k] = NumpyDot.dot(W[k], avg) + b[k];
        }
        return z;
    }

    /** {@code emo_utils.softmax(x)}: {@code e_x = np.exp(x - np.max(x)); e_x / e_x.sum()}. */
    static double[] softmax(double[] x) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : x) {
            max = Math.max(max, v);
        }
        double[] eX = new double[x.length];
        double sum = 0.0;
        for (int i = 0; i < x.length; i++) {
            eX[i] = Math.exp(x[i] - max);
            sum += eX[i];
        }
        for (int i = 0; i < x.length; i++) {
            eX[i] /= sum;
        }
        return eX;
    }

    private static int argmax(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) {
            if (a[i] > a[best]) {
                best = i;
            }
        }
        return best;
    }

    // -------------------------------------------------------------------------------- Emojifier-V2

    /**
     * {@code sentences_to_indices(X, word_to_index, max_len)} (2021): row i holds the indices of sentence i's
     * lower-cased words that the index has, from the left, then zeros; {@code (m, max_len)} DOUBLE.
     */
    @Graded("sentences_to_indices")
    public static INDArray sentencesToIndices(List<String> X, Map<String, Integer> wordToIndex, int maxLen) {
        // X_indices = np.zeros((m, max_len))
        INDArray xIndices = Nd4j.zeros(DataType.DOUBLE, X.size(), maxLen);
        for (int i = 0; i < X.size(); i++) {
            int j = 0;
            // for w in X[i].lower().split(): if w in word_to_index: X_indices[i, j] = word_to_index[w]; j += 1
            for (String w : split(X.get(i))) {
                Integer index = wordToIndex.get(w);
                if (index != null && j < maxLen) {
                    xIndices.putScalar(i, j++, index);
                }
            }
        }
        return xIndices;
    }

    /** DL4J's feature mask of word indices: 1 for a word, 0 for the padding (index 0). */
    public static INDArray paddingMask(INDArray indices) {
        return indices.neq(0).castTo(DataType.FLOAT);
    }

    // -------------------------------------------------------------------------------- the notebook

    /** Loads the sentences and GloVe, trains the models asked for. */
    public static Result run(Options options, Report report) {
        return run(options, report, EmojifyData.train(), EmojifyData.test(), GloveVectors.load());
    }

    /** {@link #run(Options, Report)} on data already loaded (the tests load it once). */
    static Result run(Options options, Report report, EmojifyData.Sentences train, EmojifyData.Sentences test,
            GloveVectors glove) {
        Map<String, double[]> wordToVecMap = WordVectors.wordToVecMap(glove);
        report.say(String.format(Locale.ROOT, "%d training and %d test sentences; GloVe: %,d words of %d dimensions"
                + " (the notebook: 400,000 of 50)", train.size(), test.size(), glove.size(), glove.dimension()));
        List<String> missing = missingWords(List.of(train.sentences(), test.sentences(), MY_SENTENCES,
                options.sentences), wordToVecMap);
        report.say(missing.isEmpty() ? "Every word of the sentences has a GloVe vector."
                : missing.size() + " word(s) have no GloVe vector and are skipped, as the 2021 notebook's "
                + "sentence_to_avg and sentences_to_indices skip them: " + String.join(", ", missing));
        V1 v1 = null;
        Scores v1Scores = null;
        if (options.models.contains(Model.V1)) {
            report.say("");
            report.say("== Emojifier-V1: averaged word vectors, softmax, " + options.iterations + " epochs of SGD");
            v1 = model(train.sentences(), train.labels(), wordToVecMap, options.learningRate, options.iterations,
                    new NumpyRandom(options.seed), report);
            Map<String, double[]> map = wordToVecMap;
            V1 trained = v1;
            v1Scores = scores("Emojifier-V1", train, test, options.sentences, NOTEBOOK_V1_TRAIN, NOTEBOOK_V1_TEST,
                    (sentences, labels) -> predict(sentences, labels, trained.W(), trained.b(), map, Report.silent()),
                    report);
        }
        GraphFit.History history = null;
        Scores v2Scores = null;
        if (options.models.contains(Model.V2)) {
            report.say("");
            report.say("== Emojifier-V2: frozen GloVe embedding, LSTM 128, dropout, LSTM 128, dropout, dense 5");
            int maxLen = train.maxWords();
            Map<String, Integer> wordToIndex = glove.wordToIndex();
            ComputationGraph graph = EmojifyV2Graph.graph(glove.embeddingMatrix(), maxLen, options.v2Seed, 0.001);
            report.say(GraphSummary.of(graph, maxLen).table());
            report.say(options.maskPadding ? "The padding is masked: the second LSTM's output is the one after each "
                    + "sentence's last word." : "The LSTMs read the padding's zero vectors, as the notebook's Keras "
                    + "model does (--mask-padding hides them).");
            DataSet trainSet = dataSet(train, wordToIndex, maxLen, options.maskPadding);
            NotebookMiniBatches batches = new NotebookMiniBatches(trainSet.getFeatures(),
                    trainSet.getFeaturesMaskArray(), trainSet.getLabels(), options.batchSize, options.v2Seed,
                    DataType.FLOAT);
            history = GraphFit.fit(graph, batches, options.epochs, null, report);
            v2Scores = scores("Emojifier-V2", train, test, options.sentences, Double.NaN, NOTEBOOK_V2_TEST,
                    (sentences, labels) -> {
                        INDArray indices = sentencesToIndices(sentences, wordToIndex, maxLen).castTo(DataType.FLOAT);
                        return GraphFit.predict(graph, indices, options.maskPadding ? paddingMask(indices) : null);
                    }, report);
            int[] predicted = v2Scores.testPredictions();
            for (int i = 0; i < test.size(); i++) {
                if (predicted[i] != test.labels()[i]) {
                    report.say("Expected emoji:" + EmojifyData.EMOJI.get(test.labels()[i]) + " prediction: "
                            + test.sentences().get(i).strip() + " " + EmojifyData.EMOJI.get(predicted[i]));
                }
            }
            report.say(String.format(Locale.ROOT, "Trained in %.1f s.", history.seconds()));
        }
        return new Result(missing, v1, v1Scores, history, v2Scores);
    }

    /** A model's predictions for a list of sentences (labels, or null, for the accuracy it may say). */
    private interface Predictor {
        int[] predict(List<String> sentences, int[] labels);
    }

    /** Accuracies, the notebook's sentences, yours, and the test set's confusion matrix. */
    private static Scores scores(String name, EmojifyData.Sentences train, EmojifyData.Sentences test,
            List<String> yours, double notebookTrain, double notebookTest, Predictor predictor, Report report) {
        double trainAccuracy = accuracy(predictor.predict(train.sentences(), train.labels()), train.labels());
        int[] testPredictions = predictor.predict(test.sentences(), test.labels());
        double testAccuracy = accuracy(testPredictions, test.labels());
        report.result(name + " training accuracy: " + NumpyFormat.repr(trainAccuracy) + (Double.isNaN(notebookTrain)
                ? "" : "  (notebook, 50-d GloVe: " + NumpyFormat.repr(notebookTrain) + ")"));
        report.result(name + " test accuracy: " + NumpyFormat.repr(testAccuracy) + "  (notebook, 50-d GloVe: "
                + NumpyFormat.repr(notebookTest) + ")");
        int[] mine = predictor.predict(MY_SENTENCES, MY_LABELS);
        report.say("The notebook's sentences (accuracy " + NumpyFormat.repr(accuracy(mine, MY_LABELS)) + "):");
        for (int i = 0; i < mine.length; i++) {
            report.say(MY_SENTENCES.get(i) + " " + EmojifyData.EMOJI.get(mine[i]));
        }
        int[] yourPredictions = yours.isEmpty() ? new int[0] : predictor.predict(yours, null);
        for (int i = 0; i < yourPredictions.length; i++) {
            report.result(yours.get(i) + " " + EmojifyData.EMOJI.get(yourPredictions[i]));
        }
        int[][] confusion = new int[EmojifyData.LABEL_NAMES.size()][EmojifyData.LABEL_NAMES.size()];
        for (int i = 0; i < testPredictions.length; i++) {
            confusion[test.labels()[i]][testPredictions[i]]++;
        }
        report.say(confusionTable(confusion));
        return new Scores(trainAccuracy, testAccuracy, testPredictions, mine, yourPredictions, confusion);
    }

    /** pandas' {@code crosstab(Y_test, pred_test, rownames=['Actual'], colnames=['Predicted'], margins=True)}. */
    static String confusionTable(int[][] confusion) {
        int n = confusion.length;
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-9s", "Predicted"));
        for (int c = 0; c < n; c++) {
            out.append(String.format(Locale.ROOT, "%5d", c));
        }
        out.append(String.format(Locale.ROOT, "%5s%nActual%n", "All"));
        int[] columns = new int[n];
        for (int r = 0; r < n; r++) {
            out.append(String.format(Locale.ROOT, "%-9d", r));
            int all = 0;
            for (int c = 0; c < n; c++) {
                out.append(String.format(Locale.ROOT, "%5d", confusion[r][c]));
                all += confusion[r][c];
                columns[c] += confusion[r][c];
            }
            out.append(String.format(Locale.ROOT, "%5d%n", all));
        }
        out.append(String.format(Locale.ROOT, "%-9s", "All"));
        int total = 0;
        for (int c = 0; c < n; c++) {
            out.append(String.format(Locale.ROOT, "%5d", columns[c]));
            total += columns[c];
        }
        return out.append(String.format(Locale.ROOT, "%5d", total)).toString();
    }

    private static double accuracy(int[] predicted, int[] labels) {
        int right = 0;
        for (int i = 0; i < labels.length; i++) {
            right += predicted[i] == labels[i] ? 1 : 0;
        }
        return (double) right / labels.length;
    }

    /** Word indices {@code (m, max_len)} FLOAT, with their padding mask when asked, and the one-hot labels. */
    public static DataSet dataSet(EmojifyData.Sentences sentences, Map<String, Integer> wordToIndex, int maxLen,
            boolean maskPadding) {
        INDArray indices = sentencesToIndices(sentences.sentences(), wordToIndex, maxLen).castTo(DataType.FLOAT);
        DataSet data = new DataSet(indices, sentences.oneHot().castTo(DataType.FLOAT));
        if (maskPadding) {
            data.setFeaturesMaskArray(paddingMask(indices));
        }
        return data;
    }

    /** The distinct lower-cased words of the sentences that the vectors lack, sorted. */
    static List<String> missingWords(List<List<String>> sentenceLists, Map<String, double[]> wordToVecMap) {
        TreeSet<String> missing = new TreeSet<>();
        for (List<String> sentences : sentenceLists) {
            for (String sentence : sentences) {
                for (String w : split(sentence)) {
                    if (!wordToVecMap.containsKey(w)) {
                        missing.add(w);
                    }
                }
            }
        }
        return List.copyOf(missing);
    }

    /** {@code sentence.lower().split()}. */
    private static String[] split(String sentence) {
        String stripped = sentence.toLowerCase(Locale.ROOT).strip();
        return stripped.isEmpty() ? new String[0] : stripped.split("\\s+");
    }
}
