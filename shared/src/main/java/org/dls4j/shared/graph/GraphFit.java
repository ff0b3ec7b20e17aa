package org.dls4j.shared.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.train.CostRecorder;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Keras' {@code model.fit(X, Y, epochs=..., batch_size=..., validation_data=(X_test, Y_test))} on a DL4J graph, with
 * Keras' one line per epoch:
 * <pre>
 * Epoch 3/10 - loss: 0.3744 - accuracy: 0.8731 - val_loss: 0.4127 - val_accuracy: 0.8417
 * </pre>
 * {@code loss} is the mean over the epoch's examples of each mini-batch's loss, taken in the step as Keras takes it
 * (before that step's update). {@code accuracy}, {@code val_loss} and {@code val_accuracy} are measured on the whole
 * training and validation sets after the epoch, in inference mode (Keras averages the training accuracy over the
 * epoch's batches while the weights move, so its number trails ours a little). A NaN or infinite loss stops
 * training ({@link org.dls4j.shared.train.TrainingDivergedException}).
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
     * @param training the whole training set, for the accuracy after each epoch
     * @param validation the validation set ({@code validation_data}), or null (its numbers are then NaN)
     */
    public static History fit(ComputationGraph graph, NotebookMiniBatches batches, int epochs, DataSet training,
            DataSet validation, Report report) {
        long started = System.nanoTime();
        List<Epoch> history = new ArrayList<>();
        CostRecorder divergence = CostRecorder.every(1).hint("Try a smaller --learning-rate.");
        long steps = (long) epochs * ((batches.size() + batches.batch() - 1) / batches.batch());
        try (Progress progress = report.progress("Training", steps)) {
            for (int e = 0; e < epochs; e++) {
                double lossSum = 0;
                for (DataSet batch : batches.epochBatches(e)) {
                    graph.fit(batch);
                    lossSum += graph.score() * batch.numExamples();
                    progress.step();
                }
                double loss = lossSum / batches.size();
                divergence.record(e, loss);
                Epoch epoch = new Epoch(e + 1, loss, accuracy(graph, training),
                        validation == null ? Double.NaN : loss(graph, validation),
                        validation == null ? Double.NaN : accuracy(graph, validation));
                history.add(epoch);
                report.say(epoch.line(epochs));
            }
        }
        return new History(List.copyOf(history), (System.nanoTime() - started) / 1e9);
    }

    /**
     * The fraction of {@code data}'s examples that {@code graph} classifies right, in inference mode: the arg-max of
     * a softmax output against the one-hot label, or a single sigmoid output against 0.5.
     */
    public static double accuracy(ComputationGraph graph, DataSet data) {
        return graph.evaluate(evaluationBatches(data)).accuracy();
    }

    /** The mean loss of {@code graph} over {@code data}, in inference mode (Keras' {@code evaluate}). */
    public static double loss(ComputationGraph graph, DataSet data) {
        double sum = 0;
        for (DataSet batch : evaluationBatches(data).epochBatches(0)) {
            sum += graph.score(batch, false) * batch.numExamples();
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
