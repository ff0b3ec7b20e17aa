package org.dls4j.course4.week1;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.ImageSplit;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.data.images.SignsData;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.graph.GraphFit;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.train.CostRecorder;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 4, week 1, "Convolution model - Application": recognise the hand signs 0-5 (SIGNS, 64x64 RGB) with a small
 * ConvNet, as a DL4J graph:
 * <pre>
 * CONV2D 8 filters 4x4, stride 1, same -> RELU -> MAXPOOL 8x8, stride 8, same
 *   -> CONV2D 16 filters 2x2, stride 1, same -> RELU -> MAXPOOL 4x4, stride 4, same
 *   -> FLATTEN (16*2*2 = 64) -> DENSE 6 -> SOFTMAX, categorical cross-entropy, Adam
 * </pre>
 * Two versions of the notebook ({@code --version}):
 * <ul>
 *   <li>{@code 2017} (TensorFlow 1, the default): convolutions without bias (1,286 parameters), Adam at 0.009,
 *       100 epochs of mini-batches of 64 shuffled by numpy's {@code random_mini_batches} (epoch e: {@code seed(4 + e);
 *       permutation(1080)}, exactly), "Cost after epoch 0: ..." every 5 epochs, then "Train Accuracy" and "Test
 *       Accuracy" (the notebook: 0.940741 and 0.783333);</li>
 *   <li>{@code 2021} (Keras functional model): convolutions with bias (1,310 parameters), Adam at Keras' 0.001, the
 *       same 100 epochs of 64 in file order ({@code tf.data ... .batch(64)}), one Keras line per epoch with the
 *       validation numbers (the notebook's last: accuracy 0.8509, val_accuracy 0.7333).</li>
 * </ul>
 * The learner sees the training lines, the accuracies beside the notebook's, with {@code --image FILE} "Your
 * algorithm predicts: y = 3", and two plots in {@code --out}: {@code c4w1-signs-convnet-cost.png} (the cost or loss
 * per epoch) and {@code c4w1-signs-convnet-accuracy.png} (train and test accuracy). The accuracies are the results
 * ({@code -q} keeps them). The weights come from DL4J's Glorot initialiser ({@code --init-seed}), not TensorFlow's
 * RNG, and unless you supply the course's {@code train_signs.h5} the 1080 training pictures are the CS230 export of
 * the same photos in another order, so the numbers land in the notebook's band, not on its digits.
 * Run: {@code ./dls run c4w1-signs-convnet [--version 2021] [--epochs 100] [--image my_sign.jpg]}.
 */
public final class SignsConvNet {

    /** The picture side and channels (64 x 64 RGB) and the six signs. */
    public static final int SIDE = 64, CHANNELS = 3, CLASSES = 6;

    /** The notebook versions: how the model is trained and what is printed. */
    public enum Version {
        /** TensorFlow 1 (2017-2020): numpy-shuffled mini-batches, no convolution bias, Adam 0.009. */
        TF1("2017", 0.009, 13, false, 0.940741, 0.783333),
        /** Keras (2021): batches in file order, convolutions with bias, Adam 0.001. */
        KERAS("2021", 0.001, 1, true, 0.8509, 0.7333);

        private final String year;
        /** The notebook's learning rate. */
        public final double learningRate;
        /** DL4J's initialisation seed for this version (see {@link Options#initSeed}). */
        public final long initSeed;
        /** Whether the convolutions have a bias. */
        public final boolean convolutionBias;
        /** The notebook's final train and test accuracy. */
        public final double notebookTrainAccuracy, notebookTestAccuracy;

        Version(String year, double learningRate, long initSeed, boolean convolutionBias, double train, double test) {
            this.year = year;
            this.learningRate = learningRate;
            this.initSeed = initSeed;
            this.convolutionBias = convolutionBias;
            this.notebookTrainAccuracy = train;
            this.notebookTestAccuracy = test;
        }

        @Override
        public String toString() {
            return year;
        }
    }

    /** The notebook's settings. */
    @Command(name = "c4w1-signs-convnet",
            description = "Course 4 week 1: the SIGNS ConvNet (conv 4x4x8, maxpool 8, conv 2x2x16, maxpool 4, dense 6)"
                    + " as a DL4J graph, in the 2017 TensorFlow version or the 2021 Keras version.")
    public static final class Options extends AssignmentOptions {

        @Option(names = "--version", description = "Notebook version: ${COMPLETION-CANDIDATES} (default: "
                + "${DEFAULT-VALUE}).")
        public Version version = Version.TF1;

        @Option(names = "--epochs", description = "num_epochs (default: ${DEFAULT-VALUE}).")
        public int epochs = 100;

        @Option(names = "--mini-batch-size", description = "minibatch_size (default: ${DEFAULT-VALUE}).")
        public int miniBatchSize = 64;

        @Option(names = "--learning-rate",
                description = "Adam's learning rate (default: the version's, 0.009 for 2017, 0.001 for 2021).")
        public Double learningRate;

        @Option(names = "--print-every", paramLabel = "N",
                description = "2017: print the cost every N epochs (default: ${DEFAULT-VALUE}).")
        public int printEvery = 5;

        @Option(names = "--seed", description = "2017: numpy seed before the first epoch; epoch e shuffles with "
                + "seed + 1 + e (default: ${DEFAULT-VALUE}).")
        public long seed = 3;

        /**
         * DL4J's seed for the Glorot draws (TensorFlow's cannot be reproduced). The inputs are all non-negative and
         * Adam's first steps at 0.009 move every kernel weight by about the learning rate, so in the 2017 version
         * many of the 8 + 16 RELU maps die in the first epochs whatever the framework: over DL4J seeds 1-18, the
         * cost after 20 epochs ranged from 0.48 to 1.90 (1.90 = a constant prediction; the notebook's TF run: 0.70).
         * Seed 13 trains like the notebook (0.48); the 2021 version (Adam at 0.001) trains with seed 1.
         */
        @Option(names = "--init-seed", description = "DL4J seed of the Glorot initialisation (default: the "
                + "version's, 13 for 2017, 1 for 2021; TensorFlow's seeds cannot be reproduced).")
        public Long initSeed;

        @Option(names = "--image", paramLabel = "FILE",
                description = "A picture of your own hand sign (JPEG/PNG) to classify after training.")
        public Path image;

        /** The initialisation seed in force: {@code --init-seed}, or the version's. */
        public long initSeed() {
            return initSeed != null ? initSeed : version.initSeed;
        }

        /** The learning rate in force: {@code --learning-rate}, or the version's. */
        public double learningRate() {
            return learningRate != null ? learningRate : version.learningRate;
        }

        @Override
        public void validate() {
            OptionChecks.atLeast("--epochs", epochs, 1);
            OptionChecks.atLeast("--mini-batch-size", miniBatchSize, 1);
            OptionChecks.positive("--learning-rate", learningRate());
            OptionChecks.atLeast("--print-every", printEvery, 1);
            OptionChecks.numpySeed("--seed", seed, epochs);
            OptionChecks.readableImage("--image", image);
        }
    }

    /** SIGNS as the graph takes it: pictures {@code (m, 3, 64, 64)} in [0, 1], one-hot labels {@code (m, 6)}. */
    public record Data(DataSet train, DataSet test, String trainSource) {

        /** The course's test h5 and the training pictures (course h5 if supplied, else the CS230 export). */
        public static Data load() {
            ImageSplit train = SignsData.train();
            ImageSplit test = SignsData.test();
            return new Data(new DataSet(train.channelsFirstScaled(), train.oneHotRows()),
                    new DataSet(test.channelsFirstScaled(), test.oneHotRows()), train.source());
        }
    }

    /**
     * What training gave: the cost (2017) or loss (2021) of every epoch, train and test accuracy at the recorded
     * epochs (1-based, the last included), and the time.
     */
    public record Training(ComputationGraph graph, double[] epochCosts, int[] recordedEpochs, double[] trainAccuracy,
            double[] testAccuracy, double seconds) {

        public double finalTrainAccuracy() {
            return trainAccuracy[trainAccuracy.length - 1];
        }

        public double finalTestAccuracy() {
            return testAccuracy[testAccuracy.length - 1];
        }
    }

    /** Everything a run produced; {@code predictedSign} is the class of {@code --image}, or -1 without one. */
    public record Result(Version version, Training training, String trainSource, int predictedSign,
            List<Path> plots) {
    }

    private SignsConvNet() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), SignsConvNet::run, args));
    }

    /** The Keras version's network (convolutions with bias), Glorot weights from {@code seed}, Adam at {@code lr}. */
    public static ComputationGraph graph(long seed, double learningRate) {
        return graph(Version.KERAS, seed, learningRate);
    }

    /** The network of {@code version}, Glorot-uniform weights drawn from {@code seed}, Adam at {@code learningRate}. */
    @Graded("convolutional_model")
    public static ComputationGraph graph(Version version, long seed, double learningRate) {
        return graph(version, seed, learningRate, 8, 16);
    }

    /**
     * The same network with {@code filters1} filters in the first convolution and {@code filters2} in the second
     * (the notebook's are 8 and 16): a narrower or wider member of the family, for comparisons of size against
     * accuracy and running time.
     */
    public static ComputationGraph graph(Version version, long seed, double learningRate, int filters1,
            int filters2) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)                  // TensorFlow's float32
                .weightInit(WeightInit.XAVIER_UNIFORM)     // xavier_initializer / Keras' glorot_uniform
                .biasInit(0)                               // zeros, as in both versions
                .updater(new Adam(learningRate))           // Adam: beta1 0.9, beta2 0.999
                .convolutionMode(ConvolutionMode.Same)     // padding='same' for every convolution and pooling
                .cacheMode(CacheMode.DEVICE)               // keep each forward convolution for the backward pass
                .graphBuilder()
                .addInputs("input_img")
                // DL4J infers every layer's nIn from the input type: pictures channels first, (m, 3, 64, 64)
                .setInputTypes(InputType.convolutional(SIDE, SIDE, CHANNELS, CNN2DFormat.NCHW))
                .addLayer("A1", conv(4, filters1, version.convolutionBias), "input_img")
                .addLayer("P1", maxPool(8), "A1")
                .addLayer("A2", conv(2, filters2, version.convolutionBias), "P1")
                .addLayer("P2", maxPool(4), "A2")
                // DL4J flattens the (16, 2, 2) maps itself before the dense layer; softmax + cross-entropy is
                // tf.nn.softmax_cross_entropy_with_logits averaged over the batch
                .addLayer("outputs", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "P2")
                .setOutputs("outputs")
                .build();
        return Graphs.forTraining(conf);   // no gradient with respect to the pictures: fit() never uses it
    }

    /** CONV2D with {@code filters} f x f filters, stride 1, then RELU. */
    private static ConvolutionLayer conv(int f, int filters, boolean bias) {
        return new ConvolutionLayer.Builder(f, f).nOut(filters).stride(1, 1).hasBias(bias)
                .activation(Activation.RELU).build();
    }

    /** MAXPOOL f x f with stride f. */
    private static SubsamplingLayer maxPool(int f) {
        return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(f, f).stride(f, f).build();
    }

    // ------------------------------------------------------------------------------------------ training

    /** Trains {@code graph} (the network of {@code options.version}) on {@code data}, saying what the notebook prints. */
    public static Training train(ComputationGraph graph, Data data, Options options, Report report) {
        return options.version == Version.TF1 ? trainTf1(graph, data, options, report)
                : trainKeras(graph, data, options, report);
    }

    /**
     * The 2017 notebook's {@code model(...)}: per epoch {@code random_mini_batches(X_train, Y_train, 64, seed)}, one
     * Adam step per mini-batch, the epoch cost {@code Σ minibatch_cost / int(m / minibatch_size)} as the notebook
     * sums it (1080 / 64 gives 16 although there are 17 batches), printed every {@code --print-every} epochs; the
     * accuracies are measured at the printed epochs and the last.
     */
    private static Training trainTf1(ComputationGraph graph, Data data, Options options, Report report) {
        long started = System.nanoTime();
        NotebookMiniBatches batches = new NotebookMiniBatches(data.train().getFeatures(), data.train().getLabels(),
                options.miniBatchSize, options.seed, DataType.FLOAT);
        // num_minibatches = int(m / minibatch_size)
        int numMinibatches = Math.max(1, batches.size() / options.miniBatchSize);
        double[] costs = new double[options.epochs];
        List<Integer> recorded = new ArrayList<>();
        List<Double> trainAccuracy = new ArrayList<>();
        List<Double> testAccuracy = new ArrayList<>();
        // if print_cost == True and epoch % 5 == 0: print ("Cost after epoch %i: %f" % (epoch, epoch_cost))
        CostRecorder printed = CostRecorder.every(options.printEvery).andLast(options.epochs)
                .hint("Try a smaller --learning-rate.")
                .onRecord((epoch, cost) -> report.say(String.format(Locale.ROOT, "Cost after epoch %d: %f", epoch,
                        cost)));
        try (Progress progress = report.progress("Training", options.epochs)) {
            for (int epoch = 0; epoch < options.epochs; epoch++) {
                // minibatches = random_mini_batches(X_train, Y_train, minibatch_size, seed)
                double epochCost = 0;
                for (DataSet batch : batches.epochBatches(epoch)) {
                    // _ , temp_cost = sess.run([optimizer, cost], feed_dict={X:minibatch_X, Y:minibatch_Y})
                    graph.fit(batch);
                    // minibatch_cost += temp_cost / num_minibatches
                    epochCost += graph.score() / numMinibatches;
                }
                costs[epoch] = epochCost;
                if (printed.record(epoch, epochCost)) {
                    recorded.add(epoch + 1);
                    trainAccuracy.add(GraphFit.accuracy(graph, data.train()));
                    testAccuracy.add(GraphFit.accuracy(graph, data.test()));
                }
                progress.step();
            }
        }
        return new Training(graph, costs, recorded.stream().mapToInt(Integer::intValue).toArray(),
                trainAccuracy.stream().mapToDouble(Double::doubleValue).toArray(),
                testAccuracy.stream().mapToDouble(Double::doubleValue).toArray(), (System.nanoTime() - started) / 1e9);
    }

    /**
     * The 2021 notebook's {@code conv_model.fit(train_dataset, epochs=100, validation_data=test_dataset)}. Its
     * batches follow the h5 file's order, which is random; the CS230 stand-in is sorted by class (every batch would
     * hold one sign), so its pictures are put once in the order of numpy's {@code seed(1); permutation(m)}.
     */
    private static Training trainKeras(ComputationGraph graph, Data data, Options options, Report report) {
        DataSet train = data.train();
        if (data.trainSource().contains("CS230")) {
            int[] order = new NumpyRandom(1).permutation(train.numExamples());
            INDArray pictures = train.getFeatures();
            INDArray shuffled = pictures.reshape('c', pictures.size(0), -1).getRows(order).reshape('c',
                    pictures.shape());
            train = new DataSet(shuffled, train.getLabels().getRows(order));
        }
        // train_dataset = tf.data.Dataset.from_tensor_slices((X_train, Y_train)).batch(64)
        NotebookMiniBatches batches = NotebookMiniBatches.unshuffled(train.getFeatures(), train.getLabels(),
                options.miniBatchSize, DataType.FLOAT);
        GraphFit.History history = GraphFit.fit(graph, batches, options.epochs, data.test(), report);
        int[] epochs = history.epochs().stream().mapToInt(GraphFit.Epoch::epoch).toArray();
        return new Training(graph, history.loss(), epochs, history.accuracy(), history.valAccuracy(),
                history.seconds());
    }

    // ------------------------------------------------------------------------------------------ the notebook

    /** Loads SIGNS, trains, compares with the notebook, classifies {@code --image}, plots. The CLI runs this. */
    public static Result run(Options options, Report report) {
        return run(options, report, Data.load());
    }

    /** {@link #run(Options, Report)} on data already loaded (the tests load SIGNS once). */
    static Result run(Options options, Report report, Data data) {
        report.say("number of training examples = " + data.train().numExamples());
        report.say("number of test examples = " + data.test().numExamples());
        report.say("X_train shape: " + shape(data.train()) + " (channels first; the notebook's is (1080, 64, 64, 3))");
        report.say("Training pictures: " + data.trainSource());
        ComputationGraph graph = graph(options.version, options.initSeed(), options.learningRate());
        report.say("Model (" + options.version + " version): " + graph.numParams() + " parameters");
        Training training = train(graph, data, options, report);
        report.result(String.format(Locale.ROOT, "Train Accuracy: %f", training.finalTrainAccuracy()));
        report.result(String.format(Locale.ROOT, "Test Accuracy: %f", training.finalTestAccuracy()));
        compare(training, options, data.trainSource(), report);
        int predicted = -1;
        if (options.image != null) {
            predicted = GraphFit.predict(training.graph(), Images.channelsFirstPicture(options.image, SIDE))[0];
            report.result("Your algorithm predicts: y = " + predicted);
        }
        List<Path> plots = plot(training, options);
        plots.forEach(p -> report.say("Wrote " + p));
        return new Result(options.version, training, data.trainSource(), predicted, plots);
    }

    private static String shape(DataSet set) {
        return Arrays.toString(set.getFeatures().shape()).replace('[', '(').replace(']', ')');
    }

    private static void compare(Training training, Options options, String trainSource, Report report) {
        report.say("");
        report.say(String.format(Locale.ROOT, "Trained %d epochs in %.1f s (%.0f ms per epoch).", options.epochs,
                training.seconds(), 1000 * training.seconds() / options.epochs));
        report.say(String.format(Locale.ROOT, "                 notebook (%s, 100 epochs)   dls4j", options.version));
        report.say(String.format(Locale.ROOT, "train accuracy   %-26f %f", options.version.notebookTrainAccuracy,
                training.finalTrainAccuracy()));
        report.say(String.format(Locale.ROOT, "test accuracy    %-26f %f", options.version.notebookTestAccuracy,
                training.finalTestAccuracy()));
        if (trainSource.contains("CS230")) {
            report.say("Caveat: train_signs.h5 is not public; the training pictures are the CS230 export of the same "
                    + "photos (other JPEG pixels, other order), and the weights come from DL4J's RNG, not TF's.");
        }
    }

    private static List<Path> plot(Training training, Options options) {
        boolean tf1 = options.version == Version.TF1;
        double[] epochs = Arrays.stream(training.recordedEpochs()).asDoubleStream().toArray();
        // plt.plot(np.squeeze(costs)); plt.ylabel('cost'); plt.xlabel('iterations (per tens)')
        Path cost = LinePlot.titled("Learning rate = " + options.learningRate())
                .axes("epoch", tf1 ? "cost" : "loss")
                .line(tf1 ? "cost" : "loss", training.epochCosts())
                .save(options.out.resolve("c4w1-signs-convnet-cost.png"));
        Path accuracy = LinePlot.titled("SIGNS ConvNet accuracy (" + options.version + " version)")
                .axes("epoch", "accuracy")
                .line("train", epochs, training.trainAccuracy())
                .line("test", epochs, training.testAccuracy())
                .save(options.out.resolve("c4w1-signs-convnet-accuracy.png"));
        return List.of(cost, accuracy);
    }
}
