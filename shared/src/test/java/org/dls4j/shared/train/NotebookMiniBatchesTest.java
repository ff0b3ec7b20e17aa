package org.dls4j.shared.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.dls4j.shared.NumpyRandom;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class NotebookMiniBatchesTest {

    /** Ten "pictures" (10, 2, 3, 3) whose every value is the example's index, and one-hot labels of index % 4. */
    private static final INDArray PICTURES = Nd4j.arange(10).castTo(DataType.DOUBLE).reshape(10, 1, 1, 1)
            .mul(Nd4j.ones(DataType.DOUBLE, 10, 2, 3, 3));
    private static final INDArray LABELS = Nd4j.zeros(DataType.DOUBLE, 10, 4);

    static {
        for (int i = 0; i < 10; i++) {
            LABELS.putScalar(i, i % 4, 1);
        }
    }

    @Test
    void picturesKeepTheirShapeAndFollowNumpysPermutation() {
        List<DataSet> epoch0 = new NotebookMiniBatches(PICTURES, LABELS, 4, 3, DataType.FLOAT).epochBatches(0);
        assertEquals(3, epoch0.size());
        assertArrayEquals(new long[] {4, 2, 3, 3}, epoch0.get(0).getFeatures().shape());
        assertArrayEquals(new long[] {2, 2, 3, 3}, epoch0.get(2).getFeatures().shape());
        assertEquals(DataType.FLOAT, epoch0.get(0).getFeatures().dataType());
        int[] permutation = new NumpyRandom(4).permutation(10); // seed 3, plus 1 before epoch 0
        for (int k = 0; k < 10; k++) {
            DataSet batch = epoch0.get(k / 4);
            INDArray picture = batch.getFeatures().get(NDArrayIndex.point(k % 4));
            assertEquals(permutation[k], picture.minNumber().intValue());
            assertEquals(permutation[k], picture.maxNumber().intValue());
            assertEquals(permutation[k] % 4, batch.getLabels().getRow(k % 4).argMax().getInt(0));
        }
    }

    @Test
    void unshuffledBatchesAreInFileOrderEveryEpoch() {
        NotebookMiniBatches batches = NotebookMiniBatches.unshuffled(PICTURES, LABELS, 4, DataType.DOUBLE);
        for (int epoch : new int[] {0, 7}) {
            List<DataSet> all = batches.epochBatches(epoch);
            assertEquals(8.0, all.get(2).getFeatures().minNumber().doubleValue());
            assertEquals(PICTURES.get(NDArrayIndex.interval(4, 8)), all.get(1).getFeatures());
        }
    }

    /** Sequences (10, 3, 2) with labels per step (10, 3, 4): both keep their shape, rows shuffled alike. */
    @Test
    void sequenceLabelsKeepTheirShape() {
        INDArray sequences = Nd4j.arange(60).castTo(DataType.DOUBLE).reshape(10, 3, 2);
        INDArray labels = Nd4j.arange(120).castTo(DataType.DOUBLE).reshape(10, 3, 4);
        NotebookMiniBatches batches = new NotebookMiniBatches(sequences, labels, 4, 3, DataType.DOUBLE);
        DataSet first = batches.epochBatches(0).get(0);
        int example = new NumpyRandom(4).permutation(10)[0];
        assertArrayEquals(new long[] {4, 3, 2}, first.getFeatures().shape());
        assertArrayEquals(new long[] {4, 3, 4}, first.getLabels().shape());
        assertEquals(sequences.get(NDArrayIndex.point(example)), first.getFeatures().get(NDArrayIndex.point(0)));
        assertEquals(labels.get(NDArrayIndex.point(example)), first.getLabels().get(NDArrayIndex.point(0)));
        assertEquals(4, batches.totalOutcomes());
    }

    @Test
    void featureMasksFollowTheirRows() {
        INDArray indices = Nd4j.arange(50).castTo(DataType.DOUBLE).reshape(10, 5);
        INDArray mask = Nd4j.zeros(DataType.DOUBLE, 10, 5);
        for (int i = 0; i < 10; i++) {
            mask.get(NDArrayIndex.point(i), NDArrayIndex.interval(0, 1 + i % 5)).assign(1);
        }
        INDArray labels = Nd4j.arange(10).castTo(DataType.DOUBLE).reshape(10, 1);
        for (DataSet batch : new NotebookMiniBatches(indices, mask, labels, 4, 3, DataType.FLOAT).epochBatches(2)) {
            for (int r = 0; r < batch.numExamples(); r++) {
                int row = (int) batch.getLabels().getDouble(r, 0);
                assertEquals(1 + row % 5, batch.getFeaturesMaskArray().getRow(r).sumNumber().intValue());
                assertEquals(row * 5, batch.getFeatures().getDouble(r, 0));
            }
        }
        DataSet first = NotebookMiniBatches.unshuffled(indices, mask, labels, 4, DataType.FLOAT).epochBatches(0).get(0);
        assertEquals(mask.getRows(0, 1, 2, 3).castTo(DataType.FLOAT), first.getFeaturesMaskArray());
        assertThrows(IllegalArgumentException.class,
                () -> new NotebookMiniBatches(indices, mask.getRows(0, 1), labels, 4, 3, DataType.FLOAT));
    }

    @Test
    void mismatchedExamplesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new NotebookMiniBatches(PICTURES, LABELS.getRows(0, 1), 4, 3, DataType.FLOAT));
        assertEquals("features must be (m, ...) and labels (m, ...) with the same m, but were [10, 2, 3, 3] and "
                + "[2, 4]", e.getMessage());
    }
}
