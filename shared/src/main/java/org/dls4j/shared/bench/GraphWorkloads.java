package org.dls4j.shared.bench;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Workloads for the framework cases: a DL4J graph fitted on one fixed batch, one {@code fit} per lap (unit
 * {@code batch}). Their PyTorch peers ({@code bench/peers/framework.py}) build the same layers and time the same
 * step ({@code zero_grad}, forward, loss, backward, optimizer step). The numbers a framework learns from random data
 * are not compared; the time per batch is.
 */
public final class GraphWorkloads {

    private GraphWorkloads() {
    }

    /**
     * One {@code graph.fit} per lap on {@code features} with one-hot labels {@code i % classes} (one class: a single
     * sigmoid output, labels {@code i % 2}); the laps go on from
     * where the warm-up left the graph (only the time is measured). Returns the last batch's loss.
     */
    public static Workload fitOneBatch(ComputationGraph graph, INDArray features, int classes, int laps,
            int warmup) {
        return fitOneBatch(graph, new DataSet(features, cyclicOneHot(features.size(0), classes, features.dataType())),
                laps, warmup);
    }

    /** One {@code graph.fit(batch)} per lap on a real batch (labels and masks as it carries them). */
    public static Workload fitOneBatch(ComputationGraph graph, DataSet batch, int laps, int warmup) {
        return new Workload(laps, warmup, "batch", (n, stopwatch) -> {
            for (int i = 0; i < n; i++) {
                graph.fit(batch);
                stopwatch.lap(1);
            }
            return graph.score();
        });
    }

    /**
     * One inference pass {@code graph.output(features)} per lap (a pretrained network's forward pass, no training);
     * returns the mean of the last output.
     */
    public static Workload forwardOneBatch(ComputationGraph graph, INDArray features, int laps, int warmup) {
        return new Workload(laps, warmup, "batch", (n, stopwatch) -> {
            INDArray output = null;
            for (int i = 0; i < n; i++) {
                output = graph.outputSingle(false, features);
                stopwatch.lap(1);
            }
            return output == null ? Double.NaN : output.meanNumber().doubleValue();
        });
    }

    /** Uniform [0, 1) features of {@code shape}, float32, from a fixed seed. */
    public static INDArray uniform(long... shape) {
        Nd4j.getRandom().setSeed(1);
        return Nd4j.rand(DataType.FLOAT, shape);
    }

    /** Rows of one-hot labels, row i for class {@code i % classes}; one class: one column of {@code i % 2}. */
    static INDArray cyclicOneHot(long rows, int classes, DataType type) {
        INDArray labels = Nd4j.zeros(type, rows, classes);
        for (int i = 0; i < rows; i++) {
            if (classes == 1) {
                labels.putScalar(i, 0, i % 2);
            } else {
                labels.putScalar(i, i % classes, 1.0);
            }
        }
        return labels;
    }
}
