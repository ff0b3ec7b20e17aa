package org.dls4j.course1.week3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dls4j.shared.data.points.ToyData;
import org.junit.jupiter.api.Test;

/** The LogisticRegressionCV baseline: sklearn's fold layout, and the notebook's 47 %. */
class LogisticRegressionCvTest {

    @Test
    void stratifiedFoldsAreContiguousBlocksPerClass() {
        // 6 negatives then 4 positives, 5 folds: numpy deals the sorted labels round-robin
        double[] t = {-1, -1, -1, -1, -1, -1, 1, 1, 1, 1};
        int[] folds = LogisticRegressionCv.stratifiedFolds(t);
        // y_order[f::5] for f = 0..4 -> [-1, -1], [-1, 1], [-1, 1], [-1, 1], [-1, 1]:
        // negatives 2, 1, 1, 1, 1 per fold; positives 0, 1, 1, 1, 1
        assertArrayEquals(new int[] {0, 0, 1, 2, 3, 4, 1, 2, 3, 4}, folds);
    }

    @Test
    void flowerBaselineIs47Percent() {
        ToyData.Xy data = ToyData.planarFlower();
        LogisticRegressionCv.Fit fit = LogisticRegressionCv.fit(data.x(), data.y());
        assertEquals(47.0, PlanarClassifier.accuracy(fit.predict(data.x()), data.y()));
        assertEquals(10, fit.meanFoldAccuracy().length);
    }
}
