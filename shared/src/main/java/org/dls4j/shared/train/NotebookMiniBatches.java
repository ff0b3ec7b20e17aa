package org.dls4j.shared.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

import org.dls4j.shared.NumpyRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

/**
 * The notebooks' {@code random_mini_batches} as a DL4J {@link DataSetIterator}: every epoch
 * {@code np.random.seed(seed)}, {@code permutation(m)}, then slices of {@code miniBatchSize} with a smaller last one.
 * The TensorFlow notebooks start at a {@code seed} (3 in Course 2's lab and Course 4's ConvNet) and add 1
 * <em>before</em> each epoch, so epoch e (from 0) uses seed {@code seed + 1 + e}. The permutation is numpy's exactly
 * ({@link NumpyRandom}). {@link #unshuffled} is Keras' {@code tf.data.Dataset.batch(size)} fed to {@code fit}: the
 * same slices in file order every epoch.
 *
 * <p>Examples are along dimension 0 (DL4J: one example per row): features {@code (m, n_x)}, pictures
 * {@code (m, c, h, w)} or sequences {@code (m, steps, values)}; labels one-hot {@code (m, classes)}, or one per step
 * {@code (m, steps, classes)}. The arrays are cast to {@code dataType} once.
 * {@link #reset()} moves to the next epoch's shuffle (DL4J calls it when an epoch is used up);
 * {@link #epochBatches(int)} gives one epoch's batches directly for a hand-written loop. Padded sequences take a
 * feature mask {@code (m, steps)}, sliced with the same rows.
 */
public final class NotebookMiniBatches implements DataSetIterator {

    private static final long serialVersionUID = 1L;

    private final transient INDArray features;   // (m, everything else), c order
    private final long[] exampleShape;           // one example's shape, e.g. [c, h, w]
    private final transient INDArray featuresMask; // (m, steps) 1 for a word, 0 for padding; or null
    private final transient INDArray labels;     // (m, everything else), c order
    private final long[] labelShape;             // one example's labels, e.g. [classes] or [steps, classes]
    private final int miniBatchSize;
    private final long firstSeed;
    private final boolean shuffled;
    private transient DataSetPreProcessor preProcessor;
    private int epoch;
    private transient List<DataSet> current;
    private int position;

    /**
     * @param features {@code (m, ...)}: rows, pictures {@code (m, c, h, w)} or sequences
     * @param labels {@code (m, classes)} one-hot, or {@code (m, ...)} (one label per step of a sequence)
     * @param miniBatchSize e.g. 32
     * @param seed the notebook's {@code seed} variable before the first epoch (3 in the labs)
     */
    public NotebookMiniBatches(INDArray features, INDArray labels, int miniBatchSize, long seed, DataType dataType) {
        this(features, null, labels, miniBatchSize, seed, true, dataType);
    }

    /**
     * As {@link #NotebookMiniBatches(INDArray, INDArray, int, long, DataType)}, each batch with its rows of
     * {@code featuresMask} {@code (m, steps)}: 1 where a sequence has a value, 0 on its padding (DL4J's feature mask).
     */
    public NotebookMiniBatches(INDArray features, INDArray featuresMask, INDArray labels, int miniBatchSize, long seed,
            DataType dataType) {
        this(features, featuresMask, labels, miniBatchSize, seed, true, dataType);
    }

    /** {@code Dataset.from_tensor_slices((X, Y)).batch(miniBatchSize)}: the same batches, in order, every epoch. */
    public static NotebookMiniBatches unshuffled(INDArray features, INDArray labels, int miniBatchSize,
            DataType dataType) {
        return unshuffled(features, null, labels, miniBatchSize, dataType);
    }

    /** {@link #unshuffled(INDArray, INDArray, int, DataType)} with a feature mask (or null for none). */
    public static NotebookMiniBatches unshuffled(INDArray features, INDArray featuresMask, INDArray labels,
            int miniBatchSize, DataType dataType) {
        return new NotebookMiniBatches(features, featuresMask, labels, miniBatchSize, 0, false, dataType);
    }

    private NotebookMiniBatches(INDArray features, INDArray featuresMask, INDArray labels, int miniBatchSize, long seed,
            boolean shuffled, DataType dataType) {
        if (features.rank() < 2 || labels.rank() < 2 || features.size(0) != labels.size(0)) {
            throw new IllegalArgumentException("features must be (m, ...) and labels (m, ...) with the same m, but "
                    + "were " + Arrays.toString(features.shape()) + " and " + Arrays.toString(labels.shape()));
        }
        if (miniBatchSize < 1) {
            throw new IllegalArgumentException("--mini-batch-size must be at least 1 but was " + miniBatchSize);
        }
        if (featuresMask != null && (featuresMask.rank() != 2 || featuresMask.size(0) != features.size(0))) {
            throw new IllegalArgumentException("the feature mask must be (m, steps) with m = " + features.size(0)
                    + ", but was " + Arrays.toString(featuresMask.shape()));
        }
        long m = features.size(0);
        this.featuresMask = featuresMask == null ? null : featuresMask.castTo(dataType).dup('c');
        this.exampleShape = Arrays.copyOfRange(features.shape(), 1, features.rank());
        this.features = features.castTo(dataType).reshape('c', m, features.length() / m);
        this.labelShape = Arrays.copyOfRange(labels.shape(), 1, labels.rank());
        this.labels = labels.castTo(dataType).reshape('c', m, labels.length() / m);
        this.miniBatchSize = miniBatchSize;
        this.firstSeed = seed;
        this.shuffled = shuffled;
    }

    /** The number of examples m. */
    public int size() {
        return (int) features.size(0);
    }

    /**
     * {@code random_mini_batches(X, Y, mini_batch_size, seed)} for epoch {@code epoch} (seed = start + 1 + epoch), or
     * the batches in order when {@link #unshuffled}.
     */
    public List<DataSet> epochBatches(int epoch) {
        int m = size();
        int[] order = shuffled ? new NumpyRandom(firstSeed + 1 + epoch).permutation(m) : IntStream.range(0, m).toArray();
        List<DataSet> batches = new ArrayList<>();
        for (int k = 0; k < m; k += miniBatchSize) {
            int end = Math.min(m, k + miniBatchSize);
            int[] rows = Arrays.copyOfRange(order, k, end);
            DataSet batch = new DataSet(features.getRows(rows).reshape('c', batchShape(rows.length, exampleShape)),
                    labels.getRows(rows).reshape('c', batchShape(rows.length, labelShape)));
            if (featuresMask != null) {
                batch.setFeaturesMaskArray(featuresMask.getRows(rows));
            }
            if (preProcessor != null) {
                preProcessor.preProcess(batch);
            }
            batches.add(batch);
        }
        return batches;
    }

    private static long[] batchShape(int rows, long[] exampleShape) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = rows;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return shape;
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
        return (int) features.size(1);   // values per example
    }

    @Override
    public int totalOutcomes() {
        return (int) labelShape[labelShape.length - 1];
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
