package org.dls4j.course2.week3;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import org.dls4j.shared.NumpyRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The TensorFlow lab's {@code tf_utils.random_mini_batches} as a DL4J {@link DataSetIterator}: every epoch
 * {@code np.random.seed(seed)}, {@code permutation(m)}, then slices of {@code miniBatchSize} with a smaller last one;
 * the notebook's model starts at {@code seed = 3} and adds 1 <em>before</em> each epoch, so epoch e (from 0) uses
 * seed {@code 3 + 1 + e}. The permutation is numpy's exactly ({@link NumpyRandom}); the data order is not the
 * notebook's (see {@link org.dls4j.shared.data.images.SignsData}).
 *
 * <p>Features are rows here (DL4J: one example per row), {@code (m, n_x)}; labels one-hot {@code (m, classes)}. The
 * arrays are cast to {@code dataType} once. {@link #reset()} moves to the next epoch's shuffle (DL4J calls it when an
 * epoch is used up); {@link #epochBatches(int)} gives one epoch's batches directly for a hand-written loop.
 */
public final class NotebookMiniBatches implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final transient INDArray features;
    private final transient INDArray labels;
    private final int miniBatchSize;
    private final long firstSeed;
    private transient DataSetPreProcessor preProcessor;
    private int epoch;
    private transient List<DataSet> current;
    private int position;

    /**
     * @param features {@code (m, n_x)}
     * @param labels {@code (m, classes)} one-hot
     * @param miniBatchSize e.g. 32
     * @param seed the notebook's {@code seed} variable before the first epoch (3 in the lab)
     */
    public NotebookMiniBatches(INDArray features, INDArray labels, int miniBatchSize, long seed, DataType dataType) {
        if (features.rank() != 2 || labels.rank() != 2 || features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("features must be (m, n_x) and labels (m, classes) with the same m, but "
                    + "were " + java.util.Arrays.toString(features.shape()) + " and "
                    + java.util.Arrays.toString(labels.shape()));
        }
        if (miniBatchSize < 1) {
            throw new IllegalArgumentException("--mini-batch-size must be at least 1 but was " + miniBatchSize);
        }
        this.features = features.castTo(dataType);
        this.labels = labels.castTo(dataType);
        this.miniBatchSize = miniBatchSize;
        this.firstSeed = seed;
    }

    /** The number of examples m. */
    public int size() {
        return (int) features.size(0);
    }

    /** {@code random_mini_batches(X, Y, mini_batch_size, seed)} for epoch {@code epoch} (seed = start + 1 + epoch). */
    public List<DataSet> epochBatches(int epoch) {
        int m = size();
        int[] permutation = new NumpyRandom(firstSeed + 1 + epoch).permutation(m);
        List<DataSet> batches = new ArrayList<>();
        for (int k = 0; k < m; k += miniBatchSize) {
            int end = Math.min(m, k + miniBatchSize);
            int[] rows = java.util.Arrays.copyOfRange(permutation, k, end);
            DataSet batch = new DataSet(features.getRows(rows), labels.getRows(rows));
            if (preProcessor != null) {
                preProcessor.preProcess(batch);
            }
            batches.add(batch);
        }
        return batches;
    }

    @Override
    public boolean hasNext() {
        if (current == null) {
            current = epochBatches(epoch);
            position = 0;
        }
        return position < current.size();
    }

    @Override
    public DataSet next() {
        if (!hasNext()) {
            throw new NoSuchElementException("epoch " + epoch + " has no more mini-batches; call reset()");
        }
        return current.get(position++);
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("the mini-batch size is fixed at " + miniBatchSize);
    }

    @Override
    public int inputColumns() {
        return (int) features.size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) labels.size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    /** Moves on to the next epoch's shuffle. */
    @Override
    public void reset() {
        if (current != null) {
            epoch++;
        }
        current = null;
        position = 0;
    }

    @Override
    public int batch() {
        return miniBatchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
