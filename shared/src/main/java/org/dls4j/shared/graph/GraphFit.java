package org.dls4j.shared.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.train.CostRecorder;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Keras' {@code model.fit(X, Y, epochs=..., batch_size=..., validation_data=(X_test, Y_test))} on a DL4J graph, with
 * Keras' one line per epoch:
 * <pre>
 * Epoch 3/10 - loss: 0.3744 - accuracy: 0.8731 - val_loss: 0.4127 - val_accuracy: 0.8417
 * </pre>
 * {@code loss} and {@code accuracy} are what Keras reports: the mean over the epoch's examples of each mini-batch's
 * loss and accuracy, taken from that step's own forward pass (training mode: batch norm with the batch's statistics,
 * before the step's update). {@code val_loss} and {@code val_accuracy} are measured on the validation set after the
 * epoch, in inference mode (batch norm with its moving averages), as Keras measures them. Early in training the two
 * can differ a lot: the moving averages (momentum 0.99) need a few hundred steps to catch up. A NaN or infinite loss
 * stops training ({@link org.dls4j.shared.train.TrainingDivergedException}).
 *
 * <p>A graph whose output is a {@link CnnLossLayer} (a class per pixel, one-hot labels {@code (m, classes, h, w)})
 * gets Keras' numbers for segmentation: the loss averaged over the pixels (DL4J sums it over a picture's pixels) and
 * the pixel accuracy.
 */
public final class GraphFit {

    /** Batches of this many examples when measuring accuracy and loss. */
    private static final int EVALUATION_BATCH = 128;

    private GraphFit() {
    }

    /** One epoch's numbers, {@code epoch} counted from 1 as Keras prints it. */
    public record Epoch(int epoch, double loss, double accuracy, double valLoss, double valAccuracy) {

        /** Keras' line for this epoch (without validation numbers when there was no validation set). */
        public String line(int epochs) {
            String line = String.format(Locale.ROOT, "Epoch %d/%d - loss: %.4f - accuracy: %.4f", epoch, epochs, loss,
                    accuracy);
            return Double.isNaN(valLoss) ? line
                    : line + String.format(Locale.ROOT, " - val_loss: %.4f - val_accuracy: %.4f", valLoss, valAccuracy);
        }
    }

    /** Keras' {@code History}: every epoch's numbers, and the training time in seconds (measurements included). */
    public record History(List<Epoch> epochs, double seconds) {

        public Epoch last() {
            return epochs.get(epochs.size() - 1);
        }

        public double[] loss() {
            return epochs.stream().mapToDouble(Epoch::loss).toArray();
        }

        public double[] accuracy() {
            return epochs.stream().mapToDouble(Epoch::accuracy).toArray();
        }

        public double[] valLoss() {
            return epochs.stream().mapToDouble(Epoch::valLoss).toArray();
        }

        public double[] valAccuracy() {
            return epochs.stream().mapToDouble(Epoch::valAccuracy).toArray();
        }
    }

    /**
     * Trains {@code graph} for {@code epochs} epochs of {@code batches} (epoch e from 0 takes
     * {@code batches.epochBatches(e)}), saying each epoch's line.
     *
     * @param validation the validation set ({@code validation_data}), or null (its numbers are then NaN)
     */
    public static History fit(ComputationGraph graph, NotebookMiniBatches batches, int epochs, DataSet validation,
            Report report) {
        long started = System.nanoTime();
        List<Epoch> history = new ArrayList<>();
        CostRecorder divergence = CostRecorder.every(1).hint("Try a smaller --learning-rate.");
        long steps = (long) epochs * ((batches.size() + batches.batch() - 1) / batches.batch());
        StepAccuracy stepAccuracy = new StepAccuracy(graph);
        graph.addListeners(stepAccuracy);
        try (Progress progress = report.progress("Training", steps)) {
            for (int e = 0; e < epochs; e++) {
                double lossSum = 0;
                double correct = 0;
                for (DataSet batch : batches.epochBatches(e)) {
                    stepAccuracy.labels = batch.getLabels();
                    graph.fit(batch);
                    lossSum += kerasLoss(graph, graph.score(), batch) * batch.numExamples();
                    correct += stepAccuracy.correct;
                    progress.step();
                }
                double loss = lossSum / batches.size();
                divergence.record(e, loss);
                Epoch epoch = new Epoch(e + 1, loss, correct / batches.size(),
                        validation == null ? Double.NaN : loss(graph, validation),
                        validation == null ? Double.NaN : accuracy(graph, validation));
                history.add(epoch);
                report.say(epoch.line(epochs));
            }
        } finally {
            graph.getListeners().remove(stepAccuracy);
        }
        return new History(List.copyOf(history), (System.nanoTime() - started) / 1e9);
    }

    /**
     * Keras' loss of a batch from DL4J's score: the same, except for a per-pixel loss ({@link CnnLossLayer}), which
     * DL4J sums over each picture's pixels and Keras averages.
     */
    private static double kerasLoss(ComputationGraph graph, double score, DataSet batch) {
        if (!isPerPixel(graph)) {
            return score;
        }
        INDArray labels = batch.getLabels();
        return score / (labels.size(2) * labels.size(3));
    }

    /** Whether the graph's (first) output layer is a per-pixel loss ({@link CnnLossLayer}). */
    private static boolean isPerPixel(ComputationGraph graph) {
        String name = graph.getConfiguration().getNetworkOutputs().get(0);
        return graph.getLayer(name).conf().getLayer() instanceof CnnLossLayer;
    }

    /**
     * Counts the examples a training step classifies right, from that step's own forward pass: DL4J hands listeners
     * the activations of every vertex but the output layers, so the output layer (a dense layer) is applied here to
     * its input, {@code activation(x W + b)}; cheap next to the step. A per-pixel softmax ({@link CnnLossLayer}, no
     * parameters) counts each picture's fraction of pixels whose largest logit is the labelled class.
     */
    private static final class StepAccuracy extends BaseTrainingListener {
        private final String outputInput;
        private final Layer output;
        private final IActivation activation;
        private final boolean perPixel;
        private INDArray labels;
        private double correct;

        StepAccuracy(ComputationGraph graph) {
            String name = graph.getConfiguration().getNetworkOutputs().get(0);
            List<String> inputs = graph.getConfiguration().getVertexInputs().get(name);
            var layer = graph.getLayer(name).conf().getLayer();
            this.perPixel = isPerPixel(graph);
            if (graph.getConfiguration().getNetworkOutputs().size() != 1 || inputs.size() != 1
                    || !(layer instanceof BaseOutputLayer || perPixel) || layer instanceof RnnOutputLayer) {
                throw new IllegalArgumentException("GraphFit needs one dense (not recurrent) or per-pixel output "
                        + "layer, not " + graph.getConfiguration().getNetworkOutputs());
            }
            this.outputInput = inputs.get(0);
            this.output = graph.getLayer(name);
            this.activation = perPixel ? null : ((BaseOutputLayer) output.conf().getLayer()).getActivationFn();
        }

        @Override
        public void onForwardPass(Model model, Map<String, INDArray> activations) {
            INDArray x = activations.get(outputInput);
            if (perPixel) {
                double pixels = x.size(2) * x.size(3);
                correct = x.argMax(1).eq(labels.argMax(1)).castTo(DataType.DOUBLE).sumNumber().doubleValue() / pixels;
                return;
            }
            INDArray rows = x.rank() == 2 ? x : x.dup('c').reshape('c', x.size(0), x.length() / x.size(0));
            INDArray w = output.getParam("W");
            // a masked LastTimeStep hands over its rows in ND4J's default type; DL4J casts them for the layer
            INDArray z = rows.castTo(w.dataType()).mmul(w).addiRowVector(output.getParam("b"));
            correct = correctCount(activation.getActivation(z, false), labels);
        }
    }

    /** How many rows of {@code out} pick the labelled class (one sigmoid column: on the right side of 0.5). */
    private static double correctCount(INDArray out, INDArray labels) {
        INDArray hits = out.size(1) == 1 ? out.gt(0.5).castTo(labels.dataType()).eq(labels)
                : out.argMax(1).eq(labels.argMax(1));
        return hits.castTo(DataType.DOUBLE).sumNumber().doubleValue();
    }

    /**
     * Keras' {@code evaluate} on {@code test} after training, twice: with the batch norm moving averages that training
     * left (said, not returned as the result), then with the statistics re-estimated from {@code trainingBatches}
     * for the final weights ({@link BatchNormStatistics}); a graph without batch norm is evaluated once.
     */
    public record Evaluation(double loss, double accuracy, double movingLoss, double movingAccuracy) {
    }

    /** See {@link Evaluation}. */
    public static Evaluation evaluate(ComputationGraph graph, List<DataSet> trainingBatches, DataSet test,
            Report report) {
        double movingLoss = loss(graph, test);
        double movingAccuracy = accuracy(graph, test);
        if (!hasBatchNorm(graph)) {
            return new Evaluation(movingLoss, movingAccuracy, movingLoss, movingAccuracy);
        }
        report.say(String.format(Locale.ROOT, "With batch norm's moving averages: Loss = %.4f, Test Accuracy = %.4f",
                movingLoss, movingAccuracy));
        BatchNormStatistics.reestimate(graph, trainingBatches);
        report.say("Batch norm statistics re-estimated from the training examples; evaluate:");
        return new Evaluation(loss(graph, test), accuracy(graph, test), movingLoss, movingAccuracy);
    }

    private static boolean hasBatchNorm(ComputationGraph graph) {
        return Arrays.stream(graph.getLayers()).anyMatch(l -> l.conf().getLayer() instanceof BatchNormalization);
    }

    /**
     * The fraction of {@code data}'s examples that {@code graph} classifies right, in inference mode: the arg-max of
     * a softmax output against the one-hot label, or a single sigmoid output against 0.5; for a per-pixel softmax, the
     * fraction of pixels.
     */
    public static double accuracy(ComputationGraph graph, DataSet data) {
        return graph.evaluate(evaluationBatches(data)).accuracy();
    }

    /** The mean loss of {@code graph} over {@code data}, in inference mode (Keras' {@code evaluate}). */
    public static double loss(ComputationGraph graph, DataSet data) {
        double sum = 0;
        for (DataSet batch : evaluationBatches(data).epochBatches(0)) {
            sum += kerasLoss(graph, graph.score(batch, false), batch) * batch.numExamples();
        }
        return sum / data.numExamples();
    }

    /** {@code data} in batches, in order, with its feature mask when it has one. */
    private static NotebookMiniBatches evaluationBatches(DataSet data) {
        return NotebookMiniBatches.unshuffled(data.getFeatures(), data.getFeaturesMaskArray(), data.getLabels(),
                EVALUATION_BATCH, data.getFeatures().dataType());
    }

    /** The class with the largest output for each picture (a single sigmoid output: 1 when it is above 0.5). */
    public static int[] predict(ComputationGraph graph, INDArray pictures) {
        return predict(graph, pictures, null);
    }

    /** {@link #predict(ComputationGraph, INDArray)} of padded sequences with their feature mask (null: none). */
    public static int[] predict(ComputationGraph graph, INDArray features, INDArray featuresMask) {
        INDArray out = featuresMask == null ? graph.outputSingle(false, features)
                : graph.output(false, new INDArray[] {features}, new INDArray[] {featuresMask})[0];
        if (out.size(1) == 1) {
            return out.gt(0.5).castTo(DataType.INT32).reshape(out.size(0)).toIntVector();
        }
        return out.argMax(1).castTo(DataType.INT32).toIntVector();
    }
}
