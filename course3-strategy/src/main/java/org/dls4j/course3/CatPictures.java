package org.dls4j.course3;

import java.util.Arrays;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.data.images.CatsData;
import org.dls4j.shared.scratch.dense.DeepNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Cat and non-cat pictures as Course 1's deep network takes them, and the subsets the lessons train on. The course's
 * 209 training pictures train; its 50 test pictures are the lessons' dev set (the course has no other held-out
 * cats).
 *
 * @param x      {@code (12288, m)} DOUBLE, {@code images.reshape(m, -1).T / 255.}
 * @param y      {@code (1, m)} DOUBLE labels, 1 = cat
 * @param images {@code (m, 64, 64, 3)} UINT8, the pictures themselves
 */
public record CatPictures(INDArray x, INDArray y, INDArray images) {

    /** The 209 training pictures. */
    public static CatPictures train() {
        return of(CatsData.train());
    }

    /** The 50 pictures of the course's test file, the dev set here. */
    public static CatPictures dev() {
        return of(CatsData.test());
    }

    private static CatPictures of(CatsData.Split split) {
        DeepNetwork.requireBinaryLabels(split.labels(), "labels of " + split.source());
        return new CatPictures(split.flattenedScaled(), split.labels(), split.images());
    }

    /** Number of pictures m. */
    public int size() {
        return (int) y.size(1);
    }

    /** The label of picture {@code i}: 1 cat, 0 non-cat. */
    public int label(int i) {
        return y.getInt(0, i);
    }

    /**
     * The first {@code m} pictures of numpy's {@code np.random.seed(seed); np.random.permutation(209)}, in that order:
     * a random training set of {@code m}, each smaller one inside the larger ones of the same seed.
     */
    public CatPictures first(int m, long seed) {
        if (m < 1 || m > size()) {
            throw new IllegalArgumentException("a subset of 1 to " + size() + " pictures, not " + m);
        }
        long[] columns = Arrays.stream(new NumpyRandom(seed).permutation(size())).limit(m).asLongStream().toArray();
        return new CatPictures(x.get(NDArrayIndex.all(), NDArrayIndex.indices(columns)).dup('c'),
                y.get(NDArrayIndex.all(), NDArrayIndex.indices(columns)).dup('c'),
                images.get(NDArrayIndex.indices(columns), NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.all())
                        .dup('c'));
    }
}
