package org.dls4j.course2.week3;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.Numerics;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.CommonOptions;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.data.images.ImageSplit;
import org.dls4j.shared.data.images.SignsData;
import org.dls4j.shared.graph.DenseGraphs;
import org.dls4j.shared.plot.LinePlot;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.util.FeatureUtil;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Course 2, week 3, the TensorFlow lab, done with DL4J: recognise the hand signs 0-5 (SIGNS, 64x64x3 images) with a
 * 12288-25-12-6 network (LINEAR→RELU→LINEAR→RELU→LINEAR→SOFTMAX), Adam, mini-batches of 32, 1500 epochs at learning
 * rate 0.0001: the notebook's model.
 *
 * <p>What the learner sees:
 * <ol>
 *   <li>the lab's small exercises that have numpy answers: {@code linear_function()} (numpy {@code seed(1)}:
 *       {@code [[-2.15657382] [ 2.95891446] [-1.08926781] [-0.84538042]]}), {@code sigmoid(0)}, {@code sigmoid(12)},
 *       the sigmoid cross-entropy {@code cost(logits, labels)}, {@code one_hot_matrix} and {@code ones};</li>
 *   <li>"Cost after epoch 0: …" every {@code --print-every} epochs, with the train and test accuracy beside it;</li>
 *   <li>"Train Accuracy: …", "Test Accuracy: …" and a notebook-vs-dls4j table; the notebook (TF1) reached train
 *       0.999074 and test 0.716667;</li>
 *   <li>{@code cost.png} (cost per epoch) and {@code accuracy.png} (train and test accuracy curves) in {@code --out}.</li>
 * </ol>
 * Caveats, printed too: the course's {@code train_signs.h5} is not public, so unless you supply it the 1080 training
 * images are the Stanford CS230 export of the same photos (slightly different JPEG pixels and order); weights come
 * from DL4J's Xavier initialiser, not TF's RNG; the network is float32 like TF's. So numbers land in the
 * notebook's band, not on its digits. The mini-batch shuffles are numpy's {@code random_mini_batches} exactly.
 * Run: {@code ./dls run c2w3-signs-classifier [--epochs 1500] [--learning-rate 0.0001] [--mini-batch-size 32]}.
 */
@Command(name = "c2w3-signs-classifier", mixinStandardHelpOptions = true,
        description = "Course 2 week 3: the TensorFlow lab's SIGNS classifier (12288-25-12-6, Adam) with DL4J, "
                + "plus the lab's small numpy exercises.")
public final class SignsClassifier implements Callable<Integer> {

    /** The notebook's {@code seed = 3} before the first call of {@code random_mini_batches}. */
    public static final long NOTEBOOK_SEED = 3;
    public static final int N_X = 64 * 64 * 3;
    public static final int CLASSES = 6;
    /** TF1 notebook's final accuracies (expected-c1-c2.md section 11.1). */
    public static final double NOTEBOOK_TRAIN_ACCURACY = 0.999074;
    public static final double NOTEBOOK_TEST_ACCURACY = 0.716667;
    /**
     * DL4J's initialisation seed. On these inputs (12288 pixels, all ≥ 0, mean 0.71) Adam's first steps move every
     * weight of a first-layer unit by about the learning rate in the same direction, so Z1 jumps by ~0.9 per step and
     * most ReLUs die in epoch 0 whatever the framework (a numpy replica keeps 2-8 of 25). With DL4J's seed 1 all 25
     * die and the network predicts one class; seed 8 keeps 7 alive after 3 epochs and trains like the notebook.
     */
    public static final long DEFAULT_INIT_SEED = 8;

    @Mixin
    CommonOptions common;

    @Option(names = "--epochs", defaultValue = "1500", description = "Number of epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--learning-rate", defaultValue = "0.0001",
            description = "Adam's learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--mini-batch-size", defaultValue = "32", description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int miniBatchSize;

    @Option(names = "--init-seed", defaultValue = "" + DEFAULT_INIT_SEED,
            description = "DL4J seed for the Xavier initialisation (default: ${DEFAULT-VALUE}; the notebook's "
                    + "tf.set_random_seed(1) cannot be reproduced, and DL4J's seed 1 loses every first-layer ReLU in "
                    + "epoch 0). --seed is numpy's mini-batch seed (default 3).")
    long initSeed;

    @Option(names = "--print-every", defaultValue = "100",
            description = "Print the cost and accuracies every N epochs (default: ${DEFAULT-VALUE}, the notebook's).")
    int printEvery;

    @Option(names = "--record-every", defaultValue = "10",
            description = "Measure train/test accuracy for the curves every N epochs (default: ${DEFAULT-VALUE}).")
    int recordEvery;

    /** Training settings; {@link #notebook()} are the notebook's. */
    public record Settings(int epochs, double learningRate, int miniBatchSize, long shuffleSeed, long initSeed,
            int printEvery, int recordEvery) {
        public static Settings notebook() {
            return new Settings(1500, 0.0001, 32, NOTEBOOK_SEED, DEFAULT_INIT_SEED, 100, 10);
        }

        public Settings withEpochs(int newEpochs) {
            return new Settings(newEpochs, learningRate, miniBatchSize, shuffleSeed, initSeed, printEvery,
                    recordEvery);
        }

        void validate() {
            if (epochs < 1) {
                throw new IllegalArgumentException("--epochs must be at least 1 but was " + epochs);
            }
            if (!(learningRate > 0) || !Double.isFinite(learningRate)) {
                throw new IllegalArgumentException("--learning-rate must be a positive number but was " + learningRate);
            }
            if (miniBatchSize < 1) {
                throw new IllegalArgumentException("--mini-batch-size must be at least 1 but was " + miniBatchSize);
            }
            if (printEvery < 1 || recordEvery < 1) {
                throw new IllegalArgumentException("--print-every and --record-every must be at least 1");
            }
        }
    }

    /** The data as DL4J wants it: one example per row, float32, one-hot labels. */
    public record Data(INDArray xTrain, INDArray yTrain, INDArray xTest, INDArray yTest, String trainSource,
            String testSource) {
        public Data {
            Shapes.requireDim(xTrain, "X_train", 1, N_X);
            Shapes.requireDim(xTest, "X_test", 1, N_X);
            Shapes.requireDim(yTrain, "Y_train", 1, CLASSES);
            Shapes.requireDim(yTest, "Y_test", 1, CLASSES);
            Shapes.requireDim(yTrain, "Y_train", 0, xTrain.size(0));
            Shapes.requireDim(yTest, "Y_test", 0, xTest.size(0));
        }
    }

    /** The lab's small exercises and what they returned. */
    public record Exercises(INDArray linearFunction, float sigmoid0, float sigmoid12, float sigmoidMinus1,
            INDArray costOfLogits, INDArray costOfSigmoids, INDArray oneHot, INDArray ones) {
    }

    /** Everything a run produced. */
    public record Result(double[] epochCosts, int[] recordedEpochs, double[] trainAccuracy, double[] testAccuracy,
            double finalTrainAccuracy, double finalTestAccuracy, double trainSeconds, String trainSource,
            List<Path> plots) {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new SignsClassifier(), args));
    }

    @Override
    public Integer call() {
        Settings settings = new Settings(epochs, learningRate, miniBatchSize, common.seedOr(NOTEBOOK_SEED), initSeed,
                printEvery, recordEvery);
        settings.validate();
        PrintStream out = System.out;
        printExercises(runExercises(), out);
        out.println();
        Data data = load();
        out.println("Training set: " + data.xTrain().size(0) + " images from " + data.trainSource());
        out.println("Test set:     " + data.xTest().size(0) + " images from " + data.testSource());
        Result r = train(data, settings, common, out);
        printComparison(r, settings, out);
        return 0;
    }

    // ------------------------------------------------------------------------------------------ the small exercises

    /** {@code linear_function()}: {@code np.random.seed(1)}, X (3, 1), W (4, 3), b (4, 1), {@code Y = WX + b}. */
    public static INDArray linearFunction() {
        NumpyRandom rng = new NumpyRandom(1);
        // np.random.randn(3, 1), randn(4, 3), randn(4, 1)
        INDArray x = rng.randn(3, 1);
        INDArray w = rng.randn(4, 3);
        INDArray b = rng.randn(4, 1);
        // tf.add(tf.matmul(W, X), b)
        return w.mmul(x).addi(b);
    }

    /**
     * {@code sigmoid(z)} as a float32, like {@code tf.sigmoid}: the float64 value rounded once to float32. At z = 12
     * that is 0.99999386; TF2 prints 0.9999939 (its float32 kernel lands 1 ulp higher) and ND4J's float32 sigmoid
     * 0.9999938 (1 ulp lower), so all three agree to float32 precision only.
     */
    public static float sigmoid(float z) {
        // tf.sigmoid(tf.cast(z, tf.float32))
        return Transforms.sigmoid(Nd4j.scalar(DataType.DOUBLE, (double) z), false).castTo(DataType.FLOAT).getFloat(0);
    }

    /**
     * {@code cost(logits, labels)}: {@code tf.nn.sigmoid_cross_entropy_with_logits}, element-wise, in TF's stable
     * form {@code max(x, 0) − x·z + log1p(exp(−|x|))}, evaluated in float64 and rounded once to float32 (as above):
     * the notebook's printed values to all 8 decimals but the last of one element.
     */
    public static INDArray cost(INDArray logits, INDArray labels) {
        Shapes.requireSameShape(logits, "logits", labels, "labels");
        INDArray x = logits.castTo(DataType.DOUBLE);
        INDArray z = labels.castTo(DataType.DOUBLE);
        // max(x, 0) - x * z + log1p(exp(-abs(x)))
        INDArray relu = Transforms.max(x, 0.0, true);
        INDArray softplus = Transforms.log1p(Transforms.exp(Transforms.abs(x, true).negi(), false), false);
        return relu.subi(x.mul(z)).addi(softplus).castTo(DataType.FLOAT);
    }

    /** {@code one_hot_matrix(labels, C)}: shape (C, m), column j is the one-hot vector of {@code labels[j]}. */
    public static INDArray oneHotMatrix(int[] labels, int c) {
        for (int label : labels) {
            if (label < 0 || label >= c) {
                throw new IllegalArgumentException("label " + label + " is outside 0.." + (c - 1));
            }
        }
        // tf.one_hot(labels, C, axis=0)
        return FeatureUtil.toOutcomeMatrix(labels, c).transpose().castTo(DataType.FLOAT).dup('c');
    }

    /** {@code ones(shape)}: {@code tf.ones(shape)}. */
    public static INDArray ones(long... shape) {
        return Nd4j.ones(DataType.FLOAT, shape);
    }

    /** Runs each exercise with the notebook's inputs. */
    public static Exercises runExercises() {
        INDArray logits = Nd4j.createFromArray(new float[] {0.2f, 0.4f, 0.7f, 0.9f});
        INDArray labels = Nd4j.createFromArray(new float[] {0, 0, 1, 1});
        return new Exercises(linearFunction(), sigmoid(0), sigmoid(12), sigmoid(-1), cost(logits, labels),
                // the 2017 version passed sigmoid(logits) as the logits
                cost(Transforms.sigmoid(logits, true), labels), oneHotMatrix(new int[] {1, 2, 3, 0, 2, 1}, 4),
                ones(3));
    }

    static void printExercises(Exercises e, PrintStream out) {
        out.println("linear_function():");
        out.println("result = " + NumpyFormat.array(e.linearFunction()).replace("\n", "\n         "));
        out.println("sigmoid(-1) = " + e.sigmoidMinus1());
        out.println("sigmoid(0) = " + e.sigmoid0());
        out.println("sigmoid(12) = " + e.sigmoid12());
        out.println("cost(logits = [0.2, 0.4, 0.7, 0.9], labels = [0, 0, 1, 1]) = "
                + NumpyFormat.array(e.costOfLogits().castTo(DataType.DOUBLE)));
        out.println("cost(logits = sigmoid([0.2, 0.4, 0.7, 0.9]), ...) (2017 version) = "
                + NumpyFormat.array(e.costOfSigmoids().castTo(DataType.DOUBLE)));
        out.println("one_hot = " + NumpyFormat.array(e.oneHot().castTo(DataType.DOUBLE)).replace("\n", "\n          "));
        out.println("ones = " + NumpyFormat.array(e.ones().castTo(DataType.DOUBLE)));
    }

    // ------------------------------------------------------------------------------------------ the model

    /** SIGNS: the course's test h5 and the training images (course h5 if supplied, else the CS230 export). */
    public static Data load() {
        ImageSplit train = SignsData.train();
        ImageSplit test = SignsData.test();
        return new Data(rows(train), oneHotRows(train), rows(test), oneHotRows(test), train.source(), test.source());
    }

    /** {@code X.reshape(m, -1).T / 255.} transposed back to DL4J's one example per row, float32. */
    static INDArray rows(ImageSplit split) {
        return split.flattenedScaled().transpose().castTo(DataType.FLOAT).dup('c');
    }

    /** Labels as DL4J's one-hot rows {@code (m, 6)} (the notebook's {@code convert_to_one_hot(Y, 6)}, transposed). */
    static INDArray oneHotRows(ImageSplit split) {
        int[] labels = new int[split.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = split.label(i);
        }
        return FeatureUtil.toOutcomeMatrix(labels, CLASSES).castTo(DataType.FLOAT);
    }

    /** The notebook's network as a DL4J graph. */
    public static ComputationGraph model(double learningRate, long initSeed) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(initSeed)                           // tf.set_random_seed(1)
                .dataType(DataType.FLOAT)                 // TF's float32
                .weightInit(WeightInit.XAVIER_UNIFORM)    // tf.contrib.layers.xavier_initializer(seed = 1)
                .biasInit(0)                              // tf.zeros_initializer() for b1, b2, b3
                .updater(new Adam(learningRate))          // tf.train.AdamOptimizer: beta1 0.9, beta2 0.999, eps 1e-8
                .graphBuilder()
                .addInputs("X")
                .setInputTypes(InputType.feedForward(N_X))  // 12288 inputs; DL4J infers every nIn from this
                .addLayer("A1", new DenseLayer.Builder().nOut(25).activation(Activation.RELU).build(), "X")
                .addLayer("A2", new DenseLayer.Builder().nOut(12).activation(Activation.RELU).build(), "A1")
                // Z3 with softmax + cross-entropy = tf.nn.softmax_cross_entropy_with_logits, averaged over the batch
                .addLayer("Z3", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "A2")
                .setOutputs("Z3")
                .build();
        return DenseGraphs.initialized(conf);
    }

    /** Fraction of rows whose arg-max output equals the arg-max label. */
    public static double accuracy(ComputationGraph graph, INDArray x, INDArray y) {
        INDArray predicted = graph.outputSingle(false, x).argMax(1);
        INDArray actual = y.argMax(1);
        return predicted.eq(actual).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /**
     * The notebook's {@code model(X_train, Y_train, X_test, Y_test)}: per epoch a fresh numpy shuffle, one Adam step
     * per mini-batch, and the epoch cost {@code Σ minibatch_cost / int(m / minibatch_size)} exactly as the notebook
     * sums it (1080 / 32 gives 33 although there are 34 batches, so the printed cost is about 2 % high).
     */
    public static Result train(Data data, Settings s, CommonOptions options, PrintStream out) {
        s.validate();
        long started = System.nanoTime();
        ComputationGraph graph = model(s.learningRate(), s.initSeed());
        NotebookMiniBatches batches = new NotebookMiniBatches(data.xTrain(), data.yTrain(), s.miniBatchSize(),
                s.shuffleSeed(), DataType.FLOAT);
        int m = batches.size();
        int numMinibatches = Math.max(1, m / s.miniBatchSize());
        double[] costs = new double[s.epochs()];
        List<Integer> recorded = new ArrayList<>();
        List<Double> trainAcc = new ArrayList<>();
        List<Double> testAcc = new ArrayList<>();
        try (Progress progress = Progress.start("Training", s.epochs(), options.quiet())) {
            for (int epoch = 0; epoch < s.epochs(); epoch++) {
                double epochCost = 0;
                for (DataSet batch : batches.epochBatches(epoch)) {
                    graph.fit(batch);
                    epochCost += graph.score() / numMinibatches;
                }
                costs[epoch] = Numerics.requireFinite(epochCost, epoch, "try a smaller --learning-rate");
                boolean last = epoch == s.epochs() - 1;
                boolean print = epoch % s.printEvery() == 0 || last;
                if (epoch % s.recordEvery() == 0 || print) {
                    recorded.add(epoch);
                    trainAcc.add(accuracy(graph, data.xTrain(), data.yTrain()));
                    testAcc.add(accuracy(graph, data.xTest(), data.yTest()));
                }
                if (print) {
                    progress.println(String.format(Locale.ROOT, "Cost after epoch %d: %f   train accuracy %.6f"
                            + "   test accuracy %.6f", epoch, epochCost, trainAcc.get(trainAcc.size() - 1),
                            testAcc.get(testAcc.size() - 1)));
                }
                progress.step();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        double finalTrain = trainAcc.get(trainAcc.size() - 1);
        double finalTest = testAcc.get(testAcc.size() - 1);
        out.println("Parameters have been trained!");
        out.println(String.format(Locale.ROOT, "Train Accuracy: %f", finalTrain));
        out.println(String.format(Locale.ROOT, "Test Accuracy: %f", finalTest));

        int[] epochsRecorded = recorded.stream().mapToInt(Integer::intValue).toArray();
        double[] xs = recorded.stream().mapToDouble(Integer::doubleValue).toArray();
        List<Path> plots = new ArrayList<>();
        plots.add(LinePlot.titled("Learning rate =" + NumpyFormat.repr(s.learningRate()))
                .axes("epoch", "cost")
                .line("cost", costs)
                .save(options.out().resolve("c2w3-signs-cost.png")));
        plots.add(LinePlot.titled("SIGNS accuracy (train: " + shortSource(data.trainSource()) + ")")
                .axes("epoch", "accuracy")
                .line("train", xs, trainAcc.stream().mapToDouble(Double::doubleValue).toArray())
                .line("test", xs, testAcc.stream().mapToDouble(Double::doubleValue).toArray())
                .save(options.out().resolve("c2w3-signs-accuracy.png")));
        return new Result(costs, epochsRecorded, trainAcc.stream().mapToDouble(Double::doubleValue).toArray(),
                testAcc.stream().mapToDouble(Double::doubleValue).toArray(), finalTrain, finalTest, seconds,
                data.trainSource(), plots);
    }

    private static String shortSource(String source) {
        return source.contains("CS230") ? "CS230 export" : "train_signs.h5";
    }

    static void printComparison(Result r, Settings s, PrintStream out) {
        out.println();
        out.println(String.format(Locale.ROOT, "Trained %d epochs in %.1f s (%.0f ms per epoch).", s.epochs(),
                r.trainSeconds(), 1000 * r.trainSeconds() / s.epochs()));
        out.println("                 notebook (TF1, 1500 epochs)   dls4j");
        out.println(String.format(Locale.ROOT, "train accuracy   %-29s %f", "0.999074", r.finalTrainAccuracy()));
        out.println(String.format(Locale.ROOT, "test accuracy    %-29s %f", "0.716667", r.finalTestAccuracy()));
        if (r.trainSource().contains("CS230")) {
            out.println("Caveat: train_signs.h5 is not public; the training images are the CS230 export of the same "
                    + "photos (other JPEG pixels, other order), and the weights come from DL4J's RNG, not TF's.");
        }
        for (Path p : r.plots()) {
            out.println("Saved " + p);
        }
    }
}
