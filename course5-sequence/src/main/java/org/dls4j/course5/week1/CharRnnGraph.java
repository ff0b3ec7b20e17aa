package org.dls4j.course5.week1;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.text.CharCorpus;
import org.dls4j.shared.graph.BasicRnnLayer;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.RnnSoftmaxOutputLayer;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.scratch.rnn.CharRnnSteps;
import org.dls4j.shared.train.CostRecorder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Dinosaur Island's character model as a DL4J graph:
 * <pre>
 * one-hot characters [1, vocab, T] -> BasicRnnLayer(n_a, tanh, state carried) -> RnnSoftmaxOutputLayer(vocab):
 *                                     softmax, cross-entropy
 * </pre>
 * trained like the notebook's: one name per iteration in the same shuffled order, the hidden state carried from
 * each name to the next ({@code a_prev = a[len(X)-1]}), plain SGD at the same learning rate, every gradient element
 * clipped into [-5, 5] ({@code ClipElementWiseAbsoluteValue}, numpy's {@code np.clip}), from the notebook's initial
 * weights ({@code initialize_parameters}, copied in as {@link RnnLayers} maps them). The loss of a name is the sum over
 * its characters, as the notebook's. Names are sampled with {@code rnnTimeStep}, one character at a time from a zero
 * state, seeded as the notebook's {@code sample} is; sampling leaves the carried training state alone.
 *
 * <p>The recurrent layer is the shared {@link BasicRnnLayer}, DL4J's {@code SimpleRnn} with its own forward and
 * backward pass through time: M2.1's {@code SimpleRnn} starts every {@code fit} from a zero state (its backward pass
 * runs the forward pass again from zeros whatever state the graph holds), so it could not carry the state, and it
 * took about 235 ND4J operations per name. The output layer is the shared {@link RnnSoftmaxOutputLayer}, DL4J's
 * {@code RnnOutputLayer} with a softmax and {@code MCXENT} computed in Java (DL4J's own took about 25 ND4J operations
 * a name). The names' one-hot arrays are made once ({@link #examples}).
 */
public final class CharRnnGraph {

    private CharRnnGraph() {
    }

    /** The graph with the notebook's {@code Wax, Waa, Wya, b, by} copied in, SGD at {@code learningRate}. */
    public static ComputationGraph graph(Parameters parameters, double learningRate) {
        int nA = (int) parameters.get("Waa").size(0);
        int vocab = (int) parameters.get("Wax").size(1);
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .dataType(DataType.DOUBLE)
                .updater(new Sgd(learningRate))
                // one name per step: no division of the gradient by the minibatch size (1), one operation less
                .miniBatch(false)
                .gradientNormalization(GradientNormalization.ClipElementWiseAbsoluteValue)
                .gradientNormalizationThreshold(DinosaurIsland.MAX_GRADIENT)
                .graphBuilder()
                .addInputs("characters")
                .addLayer("rnn", new BasicRnnLayer(nA, true), "characters")
                // DL4J's RnnOutputLayer(MCXENT, softmax), computed in Java: one forward pass for gradient and score
                .addLayer("y", new RnnSoftmaxOutputLayer(nA, vocab), "rnn")
                .setOutputs("y")
                // the data format of the layers ([m, n, T], NCW); without it the output layer reads T from dimension 1
                .setInputTypes(InputType.recurrent(vocab))
                .build();
        ComputationGraph graph = Graphs.forTraining(conf);
        graph.getLayer("rnn").setParam("W", parameters.get("Wax").transpose());
        graph.getLayer("rnn").setParam("RW", parameters.get("Waa").transpose());
        graph.getLayer("rnn").setParam("b", parameters.get("b").transpose());
        graph.getLayer("y").setParam("W", parameters.get("Wya").transpose());
        graph.getLayer("y").setParam("b", parameters.get("by").transpose());
        return graph;
    }

    /** The graph's weights under the notebook's names. */
    public static Parameters parameters(ComputationGraph graph) {
        return Parameters.of("Wax", graph.getLayer("rnn").getParam("W").transpose().dup('c'),
                "Waa", graph.getLayer("rnn").getParam("RW").transpose().dup('c'),
                "Wya", graph.getLayer("y").getParam("W").transpose().dup('c'),
                "b", column(graph.getLayer("rnn").getParam("b")),
                "by", column(graph.getLayer("y").getParam("b")));
    }

    /** A bias, which DL4J keeps as {@code (1, n)} or {@code (n)}, as the notebook's column {@code (n, 1)}. */
    private static INDArray column(INDArray bias) {
        return bias.dup('c').reshape(bias.length(), 1);
    }

    /** One name's features and labels, {@code [1, vocab, T]} one-hot ({@link CharRnnSteps#NONE}: zeros). */
    public static INDArray[] example(int[] X, int[] Y, int vocab) {
        int steps = X.length;
        double[] features = new double[vocab * steps];
        double[] labels = new double[vocab * steps];
        for (int t = 0; t < steps; t++) {
            if (X[t] != CharRnnSteps.NONE) {
                features[X[t] * steps + t] = 1.0;
            }
            labels[Y[t] * steps + t] = 1.0;
        }
        long[] shape = {1, vocab, steps};
        return new INDArray[] {Nd4j.create(features, shape, 'c'), Nd4j.create(labels, shape, 'c')};
    }

    /** {@link #example} of each {@code {X, Y}}, made once for the whole training run. */
    public static List<INDArray[]> examples(List<int[][]> xy, int vocab) {
        return xy.stream().map(e -> example(e[0], e[1], vocab)).toList();
    }

    /** One training iteration on one name; returns its loss (summed over the characters). */
    public static double fit(ComputationGraph graph, INDArray[] example) {
        graph.fit(new INDArray[] {example[0]}, new INDArray[] {example[1]});
        return graph.score();
    }

    /**
     * {@code sample} through the graph: from a zero input and state, {@code rnnTimeStep} one character at a time,
     * {@code np.random.seed(counter + seed)}, {@code np.random.choice(vocab, p)}, until a newline or 50 characters.
     */
    public static List<Integer> sample(ComputationGraph graph, Map<Character, Integer> charToIx, long seed) {
        int vocab = (int) graph.getLayer("y").getParam("b").length();
        int newline = charToIx.get('\n');
        graph.rnnClearPreviousState();
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, vocab, 1);
        NumpyRandom random = new NumpyRandom(0);
        List<Integer> indices = new ArrayList<>();
        int idx = -1;
        int counter = 0;
        while (idx != newline && counter != DinosaurIsland.MAX_CHARACTERS) {
            double[] p = graph.rnnTimeStep(x)[0].ravel().toDoubleVector();
            random.seed(counter + seed);
            idx = random.choice(vocab, p);
            indices.add(idx);
            x = Nd4j.zeros(DataType.DOUBLE, 1, vocab, 1);
            x.putScalar(new long[] {0, idx, 0}, 1.0);
            seed += 1;
            counter += 1;
        }
        if (counter == DinosaurIsland.MAX_CHARACTERS) {
            indices.add(newline);
        }
        graph.rnnClearPreviousState();
        return indices;
    }

    /** Trains the graph as {@link DinosaurIsland#model} trains the scratch RNN, printing the same lines. */
    static DinosaurIsland.Trained train(List<String> examples, CharCorpus corpus, DinosaurIsland.Options options,
            Report report) {
        int vocab = corpus.vocabularySize();
        ComputationGraph graph = graph(CharRnnSteps.initializeParameters(options.hidden, vocab, vocab),
                options.learningRate);
        List<INDArray[]> xy = examples(DinosaurIsland.shuffledExamples(examples, corpus, options.seed), vocab);
        Map<Integer, List<String>> names = new LinkedHashMap<>();
        CostRecorder recorder = CostRecorder.every(DinosaurIsland.PLOT_EVERY).onRecord((j, loss) -> {
            if (j % DinosaurIsland.PRINT_EVERY == 0) {
                names.put(j, DinosaurIsland.printSamples(report, j, loss, corpus, options.names,
                        seed -> sample(graph, corpus.charToIndex(), seed)));
            }
        });
        double loss = CharRnnSteps.initialLoss(vocab, options.names);
        try (Progress progress = report.progress("DL4J RNN", options.iterations)) {
            for (int j = 0; j < options.iterations; j++) {
                loss = CharRnnSteps.smooth(loss, fit(graph, xy.get(j % xy.size())));
                recorder.record(j, loss);
                progress.step();
            }
        }
        return new DinosaurIsland.Trained(recorder.curve(), names, parameters(graph));
    }
}
