package org.dls4j.course4.week2;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.KerasFitOptions;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.ImageSplit;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.data.images.SignsData;
import org.dls4j.shared.graph.GraphFit;
import org.dls4j.shared.graph.GraphSummary;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.plot.LinePlot;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 4, week 2, "Residual Networks": the identity block and the convolutional block as reusable DL4J graph
 * builders ({@link ResNetGraphs}), then ResNet50 trained on SIGNS (64x64 RGB hand signs, 6 classes).
 *
 * <p>What the learner sees:
 * <ol>
 *   <li>the 2021 notebook's identity block checks, with every kernel 1 and zero biases on three 4x4x3 pictures
 *       filled with -1, 1 and 3: the channel means of the output's first and last rows, with batch norm in
 *       inference mode ({@code training=False}: {@code [[0 ...] [192.71234 ... 48.92808] [578.1371 ...
 *       146.78426]]}) and in training mode (f = 2: {@code 0.40739}, {@code 4.99991}, ...; f = 3: {@code 0.37394},
 *       {@code 3.2379}, ...), the notebook's values exactly (to float32);</li>
 *   <li>the convolutional block's output shape on the same pictures, (3, 6, 2, 2) channels first (its values come
 *       from TensorFlow's seeded Glorot kernels and cannot be reproduced);</li>
 *   <li>ResNet50's summary: every layer under Keras' name, Total params 23,600,006, Non-trainable params 53,120;</li>
 *   <li>one Keras line per epoch of {@code model.fit(X_train, Y_train, epochs=10, batch_size=32)}, then "Loss = ..."
 *       and "Test Accuracy = ..." (the notebook: 0.9333 in 2021; its bar is 0.80), and {@code c4w2-resnet50.png}
 *       (loss and accuracy per epoch) in {@code --out};</li>
 *   <li>with {@code --image FILE}: "Input image shape: (1, 64, 64, 3)", the class prediction vector and "Class:
 *       3".</li>
 * </ol>
 * The course's pretrained {@code ResNet50.h5} is in no public copy, so the "load a trained model" cell has no
 * equivalent; and unless you supply {@code train_signs.h5}, the 1080 training pictures are the CS230 export of the
 * same photos. Training the 23.6 million parameters takes about a second per batch of 32 on two cores (34 batches
 * an epoch). Run: {@code ./dls run c4w2-residual-networks [--epochs 10] [--image my_image.jpg]}.
 */
public final class ResidualNetworks {

    /** The picture side and channels, and the six signs. */
    public static final int SIDE = 64, CHANNELS = 3, CLASSES = 6;
    /** The 2021 notebook's test accuracy after 10 epochs, and the bar it sets ("> 0.80"). */
    public static final double NOTEBOOK_TEST_ACCURACY = 0.9333, NOTEBOOK_BAR = 0.80;

    /** The notebook's settings. */
    @Command(name = "c4w2-residual-networks",
            description = "Course 4 week 2: identity and convolutional blocks, then ResNet50 on SIGNS, as DL4J graphs.")
    public static final class Options extends KerasFitOptions {

        @Option(names = "--image", paramLabel = "FILE",
                description = "A picture of your own hand sign (JPEG/PNG) to classify after training.")
        public Path image;

        /** {@code model.fit(X_train, Y_train, epochs = 10, batch_size = 32)}, Keras' Adam at 0.001. */
        public Options() {
            super(10, 32, 0.001, 1, 1);
        }

        @Override
        public void validate() {
            super.validate();
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

    /** The three identity block checks of the 2021 notebook, each {@code (3, 2, 4)}, and the conv block's shape. */
    public record BlockChecks(INDArray inference, INDArray trainingF2, INDArray trainingF3, long[] convolutionalShape) {
    }

    /** Everything a run produced; {@code predictedSign} is the class of {@code --image}, or -1 without one. */
    public record Result(BlockChecks blocks, GraphSummary summary, GraphFit.History history, double testLoss,
            double testAccuracy, double movingAccuracy, int predictedSign, Path plot) {
    }

    private ResidualNetworks() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), ResidualNetworks::run, args));
    }

    // ------------------------------------------------------------------------------------------ the blocks

    /**
     * The 2021 notebook's deterministic check of a block: kernels all 1, biases 0, batch norm with gamma 1 and beta 0,
     * on three 4x4x3 pictures filled with -1, 1 and 3; returns {@code A[:, (0, -1), :, :].mean(axis=3)} in the
     * notebook's channels-last terms, i.e. the channel mean of the first and last rows, {@code (3, 2, 4)}.
     *
     * @param f the middle convolution's size
     * @param filters [F1, F2, F3] (F3 must be 3 for the identity block: the shortcut is added)
     * @param training batch norm with the batch's statistics ({@code training=True}) or in inference mode
     */
    public static INDArray identityBlockCheck(int f, int[] filters, boolean training) {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.ONES)                 // initializer=constant(value=1)
                .biasInit(0)
                .graphBuilder()
                .addInputs("X")
                .setInputTypes(InputType.convolutional(4, 4, 3));
        String out = ResNetGraphs.identityBlock(g, "X", f, filters, 1, "a");
        ComputationGraph block = Graphs.initialized(g.setOutputs(out).build());
        // X = np.concatenate((X1, X2, X3), axis=0) with X1 = np.ones((1, 4, 4, 3)) * -1, X2 ... * 1, X3 ... * 3
        INDArray x = Nd4j.create(DataType.FLOAT, 3, 3, 4, 4);   // channels first
        float[] fill = {-1, 1, 3};
        for (int i = 0; i < 3; i++) {
            x.get(NDArrayIndex.point(i)).assign(fill[i]);
        }
        INDArray a = block.outputSingle(training, x);               // (3, 3, 4, 4)
        // A3np[:, (0, -1), :, :].mean(axis=3): the channel mean of rows 0 and 3
        INDArray firstAndLast = Nd4j.concat(2, a.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(0),
                NDArrayIndex.all()).reshape(3, 3, 1, 4), a.get(NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.point(3), NDArrayIndex.all()).reshape(3, 3, 1, 4));
        return firstAndLast.mean(1).castTo(DataType.DOUBLE);
    }

    /** The convolutional block (f 2, [2, 4, 6], s 2) on the same pictures: its output shape, channels first. */
    public static long[] convolutionalBlockShape() {
        ComputationGraphConfiguration.GraphBuilder g = new NeuralNetConfiguration.Builder()
                .seed(0)
                .dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM)       // glorot_uniform(seed=0): TensorFlow's draws
                .graphBuilder()
                .addInputs("X")
                .setInputTypes(InputType.convolutional(4, 4, 3));
        String out = ResNetGraphs.convolutionalBlock(g, "X", 2, new int[] {2, 4, 6}, 1, "a", 2);
        ComputationGraph block = Graphs.initialized(g.setOutputs(out).build());
        return block.outputSingle(false, Nd4j.ones(DataType.FLOAT, 3, 3, 4, 4)).shape();
    }

    /** All four checks. */
    public static BlockChecks blockChecks() {
        return new BlockChecks(identityBlockCheck(2, new int[] {4, 4, 3}, false),
                identityBlockCheck(2, new int[] {3, 3, 3}, true), identityBlockCheck(3, new int[] {3, 3, 3}, true),
                convolutionalBlockShape());
    }

    private static void reportBlocks(BlockChecks checks, Report report) {
        report.say("identity_block, f = 2, filters [4, 4, 3], training=False:");
        // print(np.around(A3.numpy()[:,(0,-1),:,:].mean(axis = 3), 5))
        report.result(NumpyFormat.array(Transforms.round(checks.inference().mul(1e5), false).divi(1e5)));
        report.result("value [1, 1, 0] = " + NumpyFormat.repr(checks.inference().getDouble(1, 1, 0)));
        report.say("identity_block, f = 2, filters [3, 3, 3], training=True:");
        report.result(NumpyFormat.array(Transforms.round(checks.trainingF2().mul(1e5), false).divi(1e5)));
        report.say("identity_block, f = 3, filters [3, 3, 3], training=True (identity_block_test):");
        report.result(NumpyFormat.array(Transforms.round(checks.trainingF3().mul(1e5), false).divi(1e5)));
        report.say("convolutional_block, f = 2, filters [2, 4, 6], s = 2: output shape "
                + shape(checks.convolutionalShape()) + " (channels first; the notebook's (3, 2, 2, 6). Its values "
                + "come from TensorFlow's seeded glorot_uniform and cannot be reproduced.)");
    }

    // ------------------------------------------------------------------------------------------ ResNet50

    /** {@code ResNet50(input_shape=(64, 64, 3), classes=6)} with Adam at {@code learningRate}. */
    public static ComputationGraph resNet50(long initSeed, double learningRate) {
        return ResNetGraphs.resnet50(SIDE, CHANNELS, CLASSES, initSeed, learningRate);
    }

    /** The block checks, the summary, training, evaluation, {@code --image} and the plot. The CLI runs this. */
    public static Result run(Options options, Report report) {
        BlockChecks blocks = blockChecks();
        reportBlocks(blocks, report);
        report.say("");
        return run(options, report, blocks, Data.load());
    }

    /** {@link #run(Options, Report)} after the block checks, on data already loaded (the tests shorten it). */
    static Result run(Options options, Report report, BlockChecks blocks, Data data) {
        ComputationGraph model = resNet50(options.initSeed, options.learningRate);
        GraphSummary summary = GraphSummary.of(model, CHANNELS, SIDE, SIDE);
        report.say(summary.table());
        report.say("number of training examples = " + data.train().numExamples() + " (" + data.trainSource() + ")");
        report.say("number of test examples = " + data.test().numExamples());
        // model.fit(X_train, Y_train, epochs = 10, batch_size = 32): Keras shuffles every epoch
        NotebookMiniBatches batches = new NotebookMiniBatches(data.train().getFeatures(), data.train().getLabels(),
                options.batchSize, options.seed, DataType.FLOAT);
        GraphFit.History history = GraphFit.fit(model, batches, options.epochs, null, report);
        // preds = model.evaluate(X_test, Y_test)
        // the moving averages trail the weights: evaluate, then again with re-estimated statistics
        GraphFit.Evaluation evaluation = GraphFit.evaluate(model, batches.epochBatches(0), data.test(), report);
        double loss = evaluation.loss();
        double accuracy = evaluation.accuracy();
        double movingAccuracy = evaluation.movingAccuracy();
        report.result(String.format(Locale.ROOT, "Loss = %s", NumpyFormat.repr(loss)));
        report.result(String.format(Locale.ROOT, "Test Accuracy = %s", NumpyFormat.repr(accuracy)));
        report.say(String.format(Locale.ROOT, "The notebook (2021, 10 epochs): Test Accuracy = %.4f (its bar: > %.2f);"
                + " trained here in %.0f s (%.0f s per epoch).", NOTEBOOK_TEST_ACCURACY, NOTEBOOK_BAR,
                history.seconds(), history.seconds() / options.epochs));
        report.say("The notebook then loads the course's pretrained ResNet50.h5 (test accuracy 0.95); that file is "
                + "in no public copy.");
        int predicted = -1;
        if (options.image != null) {
            predicted = classify(model, options.image, report);
        }
        double[] epochs = history.epochs().stream().mapToDouble(GraphFit.Epoch::epoch).toArray();
        Path plot = LinePlot.titled("ResNet50 on SIGNS").axes("epoch", "loss / accuracy")
                .line("loss", epochs, history.loss())
                .line("accuracy", epochs, history.accuracy())
                .save(options.out.resolve("c4w2-resnet50.png"));
        report.say("Wrote " + plot);
        return new Result(blocks, summary, history, loss, accuracy, movingAccuracy, predicted, plot);
    }

    /** The notebook's "test on your own image" cell. */
    private static int classify(ComputationGraph model, Path image, Report report) {
        // img = image.load_img(img_path, target_size=(64, 64)); x = np.expand_dims(x, axis=0); x = x/255.0
        INDArray x = Images.channelsFirstPicture(image, SIDE);
        report.say("Input image shape: (1, 64, 64, 3) (here channels first: " + shape(x.shape()) + ")");
        INDArray prediction = model.outputSingle(false, x).castTo(DataType.DOUBLE);
        report.result("Class prediction vector [p(0), p(1), p(2), p(3), p(4), p(5)] = ");
        report.result(NumpyFormat.array(prediction));
        int predicted = prediction.argMax(1).getInt(0);
        report.result("Class: " + predicted);
        return predicted;
    }

    private static String shape(long[] shape) {
        return Arrays.toString(shape).replace('[', '(').replace(']', ')');
    }
}
