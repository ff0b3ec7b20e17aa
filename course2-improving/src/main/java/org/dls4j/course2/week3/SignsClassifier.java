package org.dls4j.course2.week3;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.cli.TrainingOptions;
import org.dls4j.shared.data.images.ImageSplit;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.data.images.SignsData;
import org.dls4j.shared.exercise.Graded;
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
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.util.FeatureUtil;
import picocli.CommandLine.Command;
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
 *   <li>"Cost after epoch 0: …" every {@code --print-every} epochs and at the last, with the train and test accuracy
 *       beside it;</li>
 *   <li>"Train Accuracy: …", "Test Accuracy: …" and a notebook-vs-dls4j table; the notebook (TF1) reached train
 *       0.999074 and test 0.716667;</li>
 *   <li>with {@code --image FILE} (the notebook's "test with your own image"): "Your algorithm predicts: y = 3";</li>
 *   <li>{@code c2w3-signs-cost.png} (cost per epoch) and {@code c2w3-signs-accuracy.png} (train and test accuracy,
 *       every {@code --record-every} epochs) in {@code --out}.</li>
 * </ol>
 * The exercises' values and the accuracies are the results ({@code -q} keeps them). Caveats, printed too: the
 * course's {@code train_signs.h5} is not public, so unless you supply it the 1080 training images are the Stanford
 * CS230 export of the same photos (slightly different JPEG pixels and order); weights come from DL4J's Xavier
 * initialiser, not TF's RNG; the network is float32 like TF's (its configuration says so). So numbers land in the
 * notebook's band, not on its digits. The mini-batch shuffles are numpy's {@code random_mini_batches} exactly.
 * Run: {@code ./dls run c2w3-signs-classifier [--epochs 1500] [--learning-rate 0.0001] [--image my_sign.jpg]}.
 */
public final class SignsClassifier {

    public static final int N_X = 64 * 64 * 3;
    public static final int CLASSES = 6;
    /** TF1 notebook's final accuracies (expected-c1-c2.md section 11.1). */
    public static final double NOTEBOOK_TRAIN_ACCURACY = 0.999074;
    public static final double NOTEBOOK_TEST_ACCURACY = 0.716667;

    /** The notebook's settings (and DL4J's initialisation seed, which the notebook cannot have). */
    @Command(name = "c2w3-signs-classifier",
            description = "Course 2 week 3: the TensorFlow lab's SIGNS classifier (12288-25-12-6, Adam) with DL4J, "
                    + "plus the lab's small numpy exercises. --seed is numpy's seed of the mini-batch shuffles: epoch "
                    + "e shuffles with seed + 1 + e.")
    public static final class Options extends TrainingOptions.MiniBatch {

        /**
         * DL4J's initialisation seed. On these inputs (12288 pixels, all ≥ 0, mean 0.71) Adam's first steps move
         * every weight of a first-layer unit by about the learning rate in the same direction, so Z1 jumps by ~0.9
         * per step and most ReLUs die in epoch 0 whatever the framework (a numpy replica keeps 2-8 of 25). With
         * DL4J's seed 1 all 25 die and the network predicts one class; seed 8 keeps 7 alive after 3 epochs and
         * trains like the notebook.
         */
        @Option(names = "--init-seed",
                description = "DL4J seed for the Xavier initialisation (default: ${DEFAULT-VALUE}; the notebook's "
                        + "tf.set_random_seed(1) cannot be reproduced, and DL4J's seed 1 loses every first-layer ReLU "
                        + "in epoch 0).")
        public long initSeed = 8;

        @Option(names = "--record-every", paramLabel = "N",
                description = "Measure train/test accuracy for the curves every N epochs (default: ${DEFAULT-VALUE}).")
        public int accuracyEvery = 10;

        @Option(names = "--image", paramLabel = "FILE",
                description = "A picture of your own hand sign (JPEG/PNG) to classify after training.")
        public Path image;

        /**
         * {@code num_epochs = 1500}, {@code minibatch_size = 32}, {@code learning_rate = 0.0001}, the cost (with the
         * accuracies) printed every 100 epochs, {@code seed = 3}.
         */
        public Options() {
            super(1500, 32, 0.0001, 100, 3);
        }

        @Override
        public void validate() {
            super.validate();
            OptionChecks.atLeast("--record-every", accuracyEvery, 1);
            OptionChecks.readableImage("--image", image);
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

    /**
     * What {@link #train} returns: the trained graph, the cost of every epoch, the accuracies at the recorded epochs
     * (the last one included) and the training time.
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
    public record Result(Exercises exercises, Training training, String trainSource, int predictedSign,
            List<Path> plots) {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), SignsClassifier::run, args));
    }

    // ------------------------------------------------------------------------------------------ the small exercises

    /** {@code linear_function()}: {@code np.random.seed(1)}, X (3, 1), W (4, 3), b (4, 1), {@code Y = WX + b}. */
    @Graded("linear_function")
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
    @Graded("sigmoid")
    public static float sigmoid(float z) {
        // tf.sigmoid(tf.cast(z, tf.float32))
        return Transforms.sigmoid(Nd4j.scalar(DataType.DOUBLE, (double) z), false).castTo(DataType.FLOAT).getFloat(0);
    }

    /**
     * {@code cost(logits, labels)}: {@code tf.nn.sigmoid_cross_entropy_with_logits}, element-wise, in TF's stable
     * form {@code max(x, 0) − x·z + log1p(exp(−|x|))}, evaluated in float64 and rounded once to float32 (as above):
     * the notebook's printed values to all 8 decimals but the last of one element.
     */
    @Graded("cost")
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
    @Graded("one_hot_matrix")
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
    @Graded("ones")
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

    static void reportExercises(Exercises e, Report report) {
        report.say("linear_function():");
        report.result("result = " + NumpyFormat.array(e.linearFunction()).replace("\n", "\n         "));
        report.result("sigmoid(-1) = " + e.sigmoidMinus1());
        report.result("sigmoid(0) = " + e.sigmoid0());
        report.result("sigmoid(12) = " + e.sigmoid12());
        report.result("cost(logits = [0.2, 0.4, 0.7, 0.9], labels = [0, 0, 1, 1]) = "
                + NumpyFormat.array(e.costOfLogits().castTo(DataType.DOUBLE)));
        report.result("cost(logits = sigmoid([0.2, 0.4, 0.7, 0.9]), ...) (2017 version) = "
                + NumpyFormat.array(e.costOfSigmoids().castTo(DataType.DOUBLE)));
        report.result("one_hot = " + NumpyFormat.array(e.oneHot().castTo(DataType.DOUBLE))
                .replace("\n", "\n          "));
        report.result("ones = " + NumpyFormat.array(e.ones().castTo(DataType.DOUBLE)));
    }

    // ------------------------------------------------------------------------------------------ the model

    /** SIGNS: the course's test h5 and the training images (course h5 if supplied, else the CS230 export). */
    public static Data load() {
        ImageSplit train = SignsData.train();
        ImageSplit test = SignsData.test();
        return new Data(rows(train), train.oneHotRows(), rows(test), test.oneHotRows(), train.source(), test.source());
    }

    /** {@code X.reshape(m, -1).T / 255.} transposed back to DL4J's one example per row, float32. */
    static INDArray rows(ImageSplit split) {
        return split.flattenedScaled().transpose().castTo(DataType.FLOAT).dup('c');
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
        return Graphs.initialized(conf);
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
     * sums it (1080 / 32 gives 33 although there are 34 batches, so the printed cost is about 2 % high). Says the
     * cost and the accuracies every {@code --print-every} epochs and at the last; the accuracies are also measured
     * every {@code --record-every} epochs for the curves.
     *
     * @throws org.dls4j.shared.train.TrainingDivergedException when the cost becomes NaN or infinite
     */
    public static Training train(Data data, Options options, Report report) {
        long started = System.nanoTime();
        ComputationGraph graph = model(options.learningRate, options.initSeed);
        NotebookMiniBatches batches = new NotebookMiniBatches(data.xTrain(), data.yTrain(), options.miniBatchSize,
                options.seed, DataType.FLOAT);
        // num_minibatches = int(m / minibatch_size)
        int numMinibatches = Math.max(1, batches.size() / options.miniBatchSize);
        double[] costs = new double[options.epochs];
        List<Integer> recorded = new ArrayList<>();
        List<Double> trainAcc = new ArrayList<>();
        List<Double> testAcc = new ArrayList<>();
        // if print_cost == True and epoch % 100 == 0: print ("Cost after epoch %i: %f" % (epoch, epoch_cost))
        CostRecorder printed = CostRecorder.every(options.printEvery).andLast(options.epochs)
                .onRecord((epoch, cost) -> report.say(String.format(Locale.ROOT, "Cost after epoch %d: %f   train "
                        + "accuracy %.6f   test accuracy %.6f", epoch, cost, trainAcc.get(trainAcc.size() - 1),
                        testAcc.get(testAcc.size() - 1))));
        try (Progress progress = report.progress("Training", options.epochs)) {
            // for epoch in range(num_epochs):
            for (int epoch = 0; epoch < options.epochs; epoch++) {
                // epoch_cost = 0.; minibatches = random_mini_batches(X_train, Y_train, minibatch_size, seed)
                double epochCost = 0;
                for (DataSet batch : batches.epochBatches(epoch)) {
                    // _ , minibatch_cost = sess.run([optimizer, cost], feed_dict={X: minibatch_X, Y: minibatch_Y})
                    graph.fit(batch);
                    // epoch_cost += minibatch_cost / num_minibatches
                    epochCost += graph.score() / numMinibatches;
                }
                costs[epoch] = epochCost;
                if (epoch % options.accuracyEvery == 0 || printed.due(epoch)) {
                    recorded.add(epoch);
                    trainAcc.add(accuracy(graph, data.xTrain(), data.yTrain()));
                    testAcc.add(accuracy(graph, data.xTest(), data.yTest()));
                }
                printed.record(epoch, epochCost);
                progress.step();
            }
        }
        return new Training(graph, costs, recorded.stream().mapToInt(Integer::intValue).toArray(),
                trainAcc.stream().mapToDouble(Double::doubleValue).toArray(),
                testAcc.stream().mapToDouble(Double::doubleValue).toArray(), (System.nanoTime() - started) / 1e9);
    }

    /**
     * The notebook's "test with your own image": {@code scipy.misc.imresize(image, size=(64, 64))}, flattened and
     * divided by 255 like the training images, then {@code predict}: the sign 0-5 with the largest output.
     */
    public static int predictSign(ComputationGraph graph, Path picture) {
        // my_image = scipy.misc.imresize(image, size=(64,64)).reshape((1, 64*64*3)).T / 255.
        INDArray pixels = Images.resize(Images.read(picture), 64, 64).divi(255.0);
        INDArray row = pixels.reshape('c', 1, N_X).castTo(DataType.FLOAT);
        // my_image_prediction = predict(my_image, parameters): np.argmax of Z3
        return graph.outputSingle(false, row).argMax(1).getInt(0);
    }

    // ------------------------------------------------------------------------------------------ the notebook

    /** The exercises, then the model on SIGNS, the comparison, {@code --image} and the plots. The CLI runs this. */
    public static Result run(Options options, Report report) {
        Exercises exercises = runExercises();
        reportExercises(exercises, report);
        report.say("");
        return run(options, report, exercises, load());
    }

    /** {@link #run(Options, Report)} on data already loaded (the tests load SIGNS once). */
    static Result run(Options options, Report report, Exercises exercises, Data data) {
        report.say("Training set: " + data.xTrain().size(0) + " images from " + data.trainSource());
        report.say("Test set:     " + data.xTest().size(0) + " images from " + data.testSource());
        // parameters = model(X_train, Y_train, X_test, Y_test)
        Training training = train(data, options, report);
        report.say("Parameters have been trained!");
        report.result(String.format(Locale.ROOT, "Train Accuracy: %f", training.finalTrainAccuracy()));
        report.result(String.format(Locale.ROOT, "Test Accuracy: %f", training.finalTestAccuracy()));
        reportComparison(training, options, data.trainSource(), report);
        int predicted = -1;
        if (options.image != null) {
            predicted = predictSign(training.graph(), options.image);
            // print("Your algorithm predicts: y = " + str(np.squeeze(my_image_prediction)))
            report.result("Your algorithm predicts: y = " + predicted);
        }
        List<Path> plots = plot(training, options, data.trainSource());
        plots.forEach(p -> report.say("Wrote " + p));
        return new Result(exercises, training, data.trainSource(), predicted, plots);
    }

    private static List<Path> plot(Training training, Options options, String trainSource) {
        double[] epochs = java.util.Arrays.stream(training.recordedEpochs()).asDoubleStream().toArray();
        // plt.plot(np.squeeze(costs)); plt.ylabel('cost'); plt.xlabel('iterations (per fives)')
        Path cost = LinePlot.titled("Learning rate =" + NumpyFormat.repr(options.learningRate))
                .axes("epoch", "cost")
                .line("cost", training.epochCosts())
                .save(options.out.resolve("c2w3-signs-cost.png"));
        Path accuracy = LinePlot.titled("SIGNS accuracy (train: " + shortSource(trainSource) + ")")
                .axes("epoch", "accuracy")
                .line("train", epochs, training.trainAccuracy())
                .line("test", epochs, training.testAccuracy())
                .save(options.out.resolve("c2w3-signs-accuracy.png"));
        return List.of(cost, accuracy);
    }

    private static String shortSource(String source) {
        return source.contains("CS230") ? "CS230 export" : "train_signs.h5";
    }

    private static void reportComparison(Training training, Options options, String trainSource, Report report) {
        report.say("");
        report.say(String.format(Locale.ROOT, "Trained %d epochs in %.1f s (%.0f ms per epoch).", options.epochs,
                training.seconds(), 1000 * training.seconds() / options.epochs));
        report.say("                 notebook (TF1, 1500 epochs)   dls4j");
        report.say(String.format(Locale.ROOT, "train accuracy   %-29f %f", NOTEBOOK_TRAIN_ACCURACY,
                training.finalTrainAccuracy()));
        report.say(String.format(Locale.ROOT, "test accuracy    %-29f %f", NOTEBOOK_TEST_ACCURACY,
                training.finalTestAccuracy()));
        if (trainSource.contains("CS230")) {
            report.say("Caveat: train_signs.h5 is not public; the training images are the CS230 export of the same "
                    + "photos (other JPEG pixels, other order), and the weights come from DL4J's RNG, not TF's.");
        }
    }
}
