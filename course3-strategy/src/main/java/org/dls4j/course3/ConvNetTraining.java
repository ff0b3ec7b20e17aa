package org.dls4j.course3;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.graph.GraphFit;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.CostRecorder;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * How the SIGNS lessons train and measure a DL4J graph: epochs of numpy-shuffled mini-batches (the notebooks'
 * {@code random_mini_batches}, {@link NotebookMiniBatches}: epoch e shuffles with {@code seed + 1 + e}), one
 * {@code fit} per batch, the epoch's loss the mean of its batches' losses weighted by their size; and error rates
 * counted from the predicted classes.
 */
public final class ConvNetTraining {

    private ConvNetTraining() {
    }

    /**
     * Trains {@code graph} on {@code train} for {@code epochs} epochs of {@code miniBatchSize}, moving
     * {@code progress} one step per epoch.
     *
     * @return each epoch's loss
     * @throws org.dls4j.shared.train.TrainingDivergedException when a loss is NaN or infinite
     */
    public static CostCurve train(ComputationGraph graph, DataSet train, int epochs, int miniBatchSize, long seed,
            Progress progress) {
        NotebookMiniBatches batches = new NotebookMiniBatches(train.getFeatures(), train.getLabels(), miniBatchSize,
                seed, DataType.FLOAT);
        CostRecorder losses = CostRecorder.every(1).hint("Try a smaller --learning-rate.");
        for (int e = 0; e < epochs; e++) {
            double sum = 0;
            for (DataSet batch : batches.epochBatches(e)) {
                graph.fit(batch);
                sum += graph.score() * batch.numExamples();
            }
            losses.record(e, sum / batches.size());
            progress.step();
        }
        return losses.curve();
    }

    /** The class {@code graph} predicts for each picture (the arg-max of its softmax). */
    public static int[] predict(ComputationGraph graph, INDArray pictures) {
        return GraphFit.predict(graph, pictures);
    }

    /** The fraction of {@code data}'s examples whose predicted class is not the labelled one. */
    public static double errorRate(ComputationGraph graph, DataSet data) {
        int[] labels = data.getLabels().argMax(1).castTo(DataType.INT32).toIntVector();
        return mistakes(predict(graph, data.getFeatures()), labels) / (double) data.numExamples();
    }

    /** How many of {@code predicted} differ from {@code actual}. */
    public static int mistakes(int[] predicted, int[] actual) {
        if (predicted.length != actual.length) {
            throw new IllegalArgumentException(predicted.length + " predictions for " + actual.length + " labels");
        }
        int wrong = 0;
        for (int i = 0; i < actual.length; i++) {
            wrong += predicted[i] == actual[i] ? 0 : 1;
        }
        return wrong;
    }
}
