package org.dls4j.course5;

import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.course5.week1.CharRnnGraph;
import org.dls4j.course5.week1.DinosaurIsland;
import org.dls4j.course5.week2.Emojify;
import org.dls4j.course5.week2.EmojifyV2Graph;
import org.dls4j.course5.week3.DateData;
import org.dls4j.course5.week3.NeuralMachineTranslation;
import org.dls4j.course5.week3.NmtModel;
import org.dls4j.shared.bench.BenchmarkSuite;
import org.dls4j.shared.bench.GraphWorkloads;
import org.dls4j.shared.bench.Workload;
import org.dls4j.shared.data.text.CharCorpus;
import org.dls4j.shared.data.text.EmojifyData;
import org.dls4j.shared.data.text.GloveVectors;
import org.dls4j.shared.scratch.rnn.CharRnn;
import org.dls4j.shared.scratch.rnn.CharRnnSteps;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Course 5's benchmark cases ({@code ./dls bench list}). One from-scratch case, beside the notebook's numpy loop
 * ({@code bench/peers/course5.py}):
 * <ul>
 *   <li>{@code dinosaur-scratch}: week 1's Dinosaur Island {@code model()}, 35,000 iterations of {@code optimize}
 *       (n_a 50, vocabulary 27, learning rate 0.01, clip 5, one name each, the hidden state carried) on
 *       {@link CharRnn}, from {@code initialize_parameters} on the names shuffled with seed 0; the names sampled every
 *       2000 iterations are left out on both sides. The "cost" is the last smoothed loss.</li>
 * </ul>
 * and DL4J graphs beside the same layers in PyTorch ({@code bench/peers/framework.py}):
 * <ul>
 *   <li>{@code char-rnn}: one SGD step of week 1's {@link CharRnnGraph} (BasicRnnLayer 50 carrying the state,
 *       RnnSoftmaxOutputLayer 27, float64, clip 5) on one name, the names in the notebook's shuffled order (unit
 *       {@code step});</li>
 *   <li>{@code lstm-emojify}: one Adam step of week 2's Emojifier-V2 (frozen 400001 x 50 embedding, two LSTMs of 128
 *       over 10 words, dense 5) on a batch of 32 sentences of random word indices; {@code emojify-v2} the same on
 *       a real masked batch;</li>
 *   <li>{@code nmt-attention}: one Adam step of week 3's attention model on the notebook's batch of 100 dates.</li>
 * </ul>
 */
public final class Course5Benchmarks implements BenchmarkSuite {

    /** GloVe 6B's 400000 words and the padding row; the notebook's 50-d vectors; its longest sentence. */
    static final int VOCABULARY = 400_001, DIMENSIONS = 50, MAX_LEN = 10, BATCH = 32;

    @Override
    public Workload setUp(String name) {
        return switch (name) {
            case "dinosaur-scratch" -> dinosaurScratch();
            case "char-rnn" -> charRnn();
            case "lstm-emojify" -> lstmEmojify();
            case "emojify-v2" -> emojifyV2();
            case "nmt-attention" -> nmtAttention();
            default -> throw new IllegalArgumentException("Course 5 has no benchmark case '" + name + "'");
        };
    }

    /** The notebook's {@code model()} loop without its sampling: optimize, smooth. */
    private static Workload dinosaurScratch() {
        CharCorpus corpus = CharCorpus.dinos();
        int vocab = corpus.vocabularySize();
        DinosaurIsland.Options notebook = new DinosaurIsland.Options();
        List<int[][]> xy = DinosaurIsland.shuffledExamples(corpus.lines(), corpus, notebook.seed);
        return new Workload(notebook.iterations, 2000, "iteration", (laps, stopwatch) -> {
            CharRnn rnn = new CharRnn(CharRnnSteps.initializeParameters(notebook.hidden, vocab, vocab));
            double loss = CharRnnSteps.initialLoss(vocab, notebook.names);
            for (int j = 0; j < laps; j++) {
                int[][] example = xy.get(j % xy.size());
                double currLoss = rnn.optimize(example[0], example[1], notebook.learningRate,
                        DinosaurIsland.MAX_GRADIENT);
                loss = CharRnnSteps.smooth(loss, currLoss);
                stopwatch.lap(1);
            }
            return loss;
        });
    }

    /** One {@code fit} of the DL4J face per name; the laps go on from where the warm-up left the graph. */
    private static Workload charRnn() {
        CharCorpus corpus = CharCorpus.dinos();
        int vocab = corpus.vocabularySize();
        DinosaurIsland.Options notebook = new DinosaurIsland.Options();
        List<INDArray[]> names = CharRnnGraph.examples(DinosaurIsland.shuffledExamples(corpus.lines(), corpus,
                notebook.seed), vocab);
        ComputationGraph graph = CharRnnGraph.graph(CharRnnSteps.initializeParameters(notebook.hidden, vocab, vocab),
                notebook.learningRate);
        return new Workload(3000, 300, "step", (laps, stopwatch) -> {
            double loss = Double.NaN;
            for (int j = 0; j < laps; j++) {
                loss = CharRnnGraph.fit(graph, names.get(j % names.size()));
                stopwatch.lap(1);
            }
            return loss;
        });
    }

    private static Workload lstmEmojify() {
        INDArray embeddings = GraphWorkloads.uniform(VOCABULARY, DIMENSIONS);
        // word indices 1 .. 400000 (0 is the padding), as floats: DL4J's embedding layers take them so
        INDArray indices = Nd4j.rand(DataType.FLOAT, BATCH, MAX_LEN).muli(VOCABULARY - 1).addi(1).castTo(DataType.INT)
                .castTo(DataType.FLOAT);
        return GraphWorkloads.fitOneBatch(EmojifyV2Graph.graph(embeddings, MAX_LEN, 1, 0.001), indices,
                EmojifyV2Graph.CLASSES, 300, 30);
    }

    /**
     * One Adam step of week 3's attention model on the notebook's batch: 100 generated dates (numpy seed 12345),
     * one-hot {@code (100, 30, 37)}, labels {@code (100, 10, 11)}.
     */
    private static Workload nmtAttention() {
        NeuralMachineTranslation.Options notebook = new NeuralMachineTranslation.Options();
        DateData.Dataset dataset = DateData.loadDataset(notebook.batchSize, notebook.seed);
        DateData.Encoded data = DateData.preprocess(dataset.examples(), dataset.human(), dataset.machine(),
                DateData.TX, DateData.TY);
        ComputationGraph model = NmtModel.notebookGraph(dataset.human().size(), dataset.machine().size(),
                notebook.initSeed, notebook.learningRate, notebook.decay);
        return GraphWorkloads.fitOneBatch(model, new DataSet(data.xoh(), data.yoh()), 50, 5);
    }

    private static Workload emojifyV2() {
        GloveVectors glove = GloveVectors.load();
        EmojifyData.Sentences train = EmojifyData.train();
        int maxLen = train.maxWords();
        DataSet all = Emojify.dataSet(train, glove.wordToIndex(), maxLen, false);
        DataSet batch = new NotebookMiniBatches(all.getFeatures(), all.getFeaturesMaskArray(), all.getLabels(), BATCH,
                1, DataType.FLOAT).epochBatches(0).get(0);
        return GraphWorkloads.fitOneBatch(EmojifyV2Graph.graph(glove.embeddingMatrix(), maxLen, 1, 0.001), batch, 300,
                30);
    }
}
