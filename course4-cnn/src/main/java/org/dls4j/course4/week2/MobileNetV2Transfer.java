package org.dls4j.course4.week2;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.weights.WeightInit;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.images.ImageAugmentation;
import org.dls4j.shared.exercise.Graded;
import org.dls4j.shared.graph.GraphFit;
import org.dls4j.shared.graph.GraphSummary;
import org.dls4j.shared.graph.Graphs;
import org.dls4j.shared.graph.KerasH5Weights;
import org.dls4j.shared.graph.MobileNetV2;
import org.dls4j.shared.graph.SigmoidCrossEntropy;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

/**
 * {@link TransferLearning} with the notebook's own network, when the learner supplies Keras' MobileNetV2 ImageNet
 * weights ({@code --mobilenet-v2 FILE}): the notebook's {@code alpaca_model} on the Happy House pictures,
 * <pre>
 * pictures (resized to 160) -> augmentation (training only) -> x / 127.5 - 1
 *   -> MobileNetV2 (Keras' 155 layers, frozen) -> GlobalAveragePooling2D -> Dropout(0.2) -> Dense(1) (logit)
 * </pre>
 * Adam at 0.001 for 5 epochs; then {@code fine_tune_at = 120}: Keras' {@code base_model.layers[:120]} stay frozen
 * (up to {@code block_13_expand_relu}), the rest is trained with Adam at a tenth of the rate for 5 more epochs. One
 * difference remains: the notebook calls the base with {@code training=False}, so even its unfrozen batch norms
 * normalise with their moving statistics; DL4J's unfrozen batch norms normalise each training batch with its own.
 */
final class MobileNetV2Transfer {

    /** Keras' {@code len(base_model.layers)}: the input, Conv1_pad, ..., out_relu. */
    static final int LAYERS = 155;

    private MobileNetV2Transfer() {
    }

    /**
     * {@code alpaca_model}: the base with its first {@code frozenLayers} Keras layers frozen (all 155: the whole base;
     * 0 or 1: none, the input has no weights) and the notebook's head, Adam at {@code learningRate}: layers
     * {@code "global_average_pooling2d"}, {@code "dropout"} and {@code "dense"} on the base's {@code out_relu}. The
     * augmentation and {@code preprocess_input} happen before the graph ({@link TransferLearning#dataAugmenter},
     * {@link TransferLearning#scaled}).
     */
    @Graded(value = "alpaca_model", instructions = "DL4J's TransferLearning.GraphBuilder(base) with a"
            + " FineTuneConfiguration (Adam(learningRate), seed): setFeatureExtractor(layer) freezes that layer and"
            + " all below it; addLayer(...) adds the head; return Graphs.transferred(base, builder).")
    static ComputationGraph alpacaModel(ComputationGraph base, int frozenLayers, double learningRate, long seed) {
        // base_model.trainable = False (or, fine-tuning: True, then base_model.layers[:fine_tune_at] not trainable);
        // Keras' layer i of the base is MobileNetV2.kerasLayers(...).get(i)
        List<String> layers = MobileNetV2.kerasLayers(base.getConfiguration());
        FineTuneConfiguration training = new FineTuneConfiguration.Builder()
                .updater(new Adam(learningRate))            // tf.keras.optimizers.Adam(learning_rate)
                .seed(seed)
                .build();
        org.deeplearning4j.nn.transferlearning.TransferLearning.GraphBuilder builder =
                new org.deeplearning4j.nn.transferlearning.TransferLearning.GraphBuilder(base)
                        .fineTuneConfiguration(training);
        if (frozenLayers > 1) {
            builder.setFeatureExtractor(layers.get(frozenLayers - 1));  // base_model.layers[:fine_tune_at]
        }
        // x = base_model(x, training=False): the head reads the base's last layer, out_relu (m, 1280, 5, 5)
        builder
                // tfl.GlobalAveragePooling2D(): (m, 1280)
                .addLayer("global_average_pooling2d", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(),
                        MobileNetV2.OUTPUT)
                // tfl.Dropout(0.2)
                .addLayer("dropout", new DropoutLayer.Builder(0.8).build(), "global_average_pooling2d")
                // tfl.Dense(1) and BinaryCrossentropy(from_logits=True)
                .addLayer("dense", new OutputLayer.Builder(new SigmoidCrossEntropy()).nIn(1280).nOut(1)
                        .weightInit(WeightInit.XAVIER_UNIFORM).activation(Activation.SIGMOID).build(), "dropout")
                .setOutputs("dense");
        return Graphs.transferred(base, builder);
    }

    /** The notebook's two fits on the Happy House pictures, with the learner's weight file. */
    static TransferLearning.Result run(TransferLearning.Options options, Report report, HappyHouse.Data happy) {
        KerasH5Weights weights = MobileNetV2.readWeights(options.mobileNetV2);
        ComputationGraph base = MobileNetV2.load(weights, options.size);   // checks every layer's shapes first
        report.say("Pretrained backbone: the notebook's MobileNetV2 (alpha 1.0, " + LAYERS + " layers) with your "
                + "ImageNet weights from " + options.mobileNetV2 + " (Keras " + weights.kerasVersion() + ")");
        DataSet train = TransferLearning.scaled(happy.train(), options.size);
        DataSet test = TransferLearning.scaled(happy.test(), options.size);
        ImageAugmentation augmentation = TransferLearning.dataAugmenter(options.rotation, options.seed);
        report.say("data_augmenter(): " + augmentation.describe());

        ComputationGraph model = alpacaModel(base, LAYERS, options.learningRate, options.initSeed);
        report.say(GraphSummary.of(model, 3, options.size, options.size).table());
        GraphFit.History head = GraphFit.fit(model, TransferLearning.batches(train, options.batchSize, options.seed,
                augmentation), options.epochs, test, report);
        double headAccuracy = GraphFit.accuracy(model, test);
        report.result(String.format(Locale.ROOT, "Frozen MobileNetV2, new head: val_accuracy = %.4f (notebook, on "
                + "the alpacas: %.4f)", headAccuracy, TransferLearning.NOTEBOOK_HEAD_ACCURACY));

        GraphFit.History fineTuning = null;
        double fineTunedAccuracy = headAccuracy;
        if (options.fineTuneEpochs > 0) {
            ComputationGraph tuned = alpacaModel(MobileNetV2.load(weights, options.size), options.fineTuneAt,
                    options.fineTuneLearningRate, options.initSeed);
            model.getLayer("dense").paramTable().forEach((key, value) -> tuned.getLayer("dense").getParam(key)
                    .assign(value));
            report.say("Number of layers in the base model:  " + LAYERS);
            report.say("Fine-tuning: layers " + options.fineTuneAt + " to " + (LAYERS - 1) + " unfrozen, Adam at "
                    + options.fineTuneLearningRate + "; trainable parameters: "
                    + GraphSummary.of(tuned, 3, options.size, options.size).trainableParams());
            fineTuning = GraphFit.fit(tuned, TransferLearning.batches(train, options.batchSize,
                    options.seed + options.epochs, augmentation), options.fineTuneEpochs, test, report);
            fineTunedAccuracy = GraphFit.accuracy(tuned, test);
            report.result(String.format(Locale.ROOT, "Fine-tuned from layer %d: val_accuracy = %.4f (notebook: "
                    + "%.4f)", options.fineTuneAt, fineTunedAccuracy, TransferLearning.NOTEBOOK_FINE_TUNED_ACCURACY));
            model = tuned;
        }
        Double smiling = TransferLearning.classify(model, options, report);
        List<Path> plots = new ArrayList<>();
        plots.add(TransferLearning.historyPlot(head, fineTuning, options.out.resolve("c4w2-transfer-learning.png")));
        plots.forEach(plot -> report.say("Wrote " + plot));
        return new TransferLearning.Result(head, headAccuracy, fineTuning, fineTunedAccuracy, List.of(), smiling,
                List.copyOf(plots));
    }
}
