package org.dls4j.course2.week3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.cli.Report;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.util.FeatureUtil;

/**
 * Proves the dependency mix: Arbiter 1.0.0-beta7 (ComputationGraphSpace, random search, ComputationGraphTaskCreator)
 * on DL4J/ND4J 1.0.0-M2.1 finds the learning rates that work on a cheap problem, through the same
 * {@link HyperparameterSearch#search} the SIGNS search uses.
 */
class ArbiterOnM21Test {

    /** Four Gaussian blobs at (+-2, +-2), one class each: chance is 0.25, a trained net gets ~1.0. */
    static HyperparameterSearch.Split blobs(int m, long seed) {
        NumpyRandom rng = new NumpyRandom(seed);
        double[][] x = new double[m][2];
        int[] labels = new int[m];
        for (int i = 0; i < m; i++) {
            int c = rng.choice(4);
            labels[i] = c;
            x[i][0] = (c % 2 == 0 ? -2 : 2) + 0.5 * rng.standardNormal();
            x[i][1] = (c / 2 == 0 ? -2 : 2) + 0.5 * rng.standardNormal();
        }
        INDArray features = Nd4j.createFromArray(x).castTo(DataType.FLOAT);
        return new HyperparameterSearch.Split(features, FeatureUtil.toOutcomeMatrix(labels, 4).castTo(DataType.FLOAT));
    }

    /** Search options, validated as the command line would. */
    static HyperparameterSearch.Options options(int candidates, int epochs, double lrMin, double lrMax, int hiddenMin,
            int hiddenMax, List<Integer> miniBatchSizes, long seed, int parallel) {
        HyperparameterSearch.Options o = new HyperparameterSearch.Options();
        o.candidates = candidates;
        o.epochs = epochs;
        o.lrMin = lrMin;
        o.lrMax = lrMax;
        o.hiddenMin = hiddenMin;
        o.hiddenMax = hiddenMax;
        o.miniBatchSizes = miniBatchSizes;
        o.seed = seed;
        o.parallel = parallel;
        o.validate();
        return o;
    }

    @Test
    void randomSearchOverALogUniformLearningRateFindsTheGoodRegion() {
        HyperparameterSearch.Options s = options(10, 10, 1e-6, 1.0, 4, 16, List.of(32), 7, 2);
        List<HyperparameterSearch.Trial> trials = HyperparameterSearch.search(blobs(256, 1), blobs(128, 2), s, false,
                Report.silent());
        assertEquals(10, trials.size());
        trials.forEach(t -> assertNull(t.failure(), "candidate failed: " + t.failure()));
        trials.forEach(t -> assertTrue(t.learningRate() >= 1e-6 && t.learningRate() <= 1.0));
        // log-uniform: both ends of six decades get samples
        assertTrue(trials.stream().anyMatch(t -> t.learningRate() < 1e-4), "no small learning rate sampled");
        assertTrue(trials.stream().anyMatch(t -> t.learningRate() > 1e-2), "no large learning rate sampled");
        for (HyperparameterSearch.Trial t : trials) {
            if (t.learningRate() < 1e-4) {
                assertTrue(t.devAccuracy() < 0.8, "lr " + t.learningRate() + " cannot have learned: " + t);
            }
            if (t.learningRate() > 1e-2 && t.learningRate() < 0.3) {
                assertTrue(t.devAccuracy() > 0.95, "lr " + t.learningRate() + " should have learned: " + t);
            }
        }
        HyperparameterSearch.Trial best = trials.stream()
                .max(Comparator.comparingDouble(HyperparameterSearch.Trial::devAccuracy)).orElseThrow();
        assertTrue(best.devAccuracy() > 0.95, best.toString());
        assertTrue(best.learningRate() > 1e-3 && best.learningRate() < 1.0, best.toString());
    }

    @Test
    void batchNormSpaceBuildsAndPairsTheSameDraws() {
        HyperparameterSearch.Options s = options(3, 3, 1e-4, 1e-1, 4, 16, List.of(16, 32, 64), 11, 2);
        HyperparameterSearch.Split train = blobs(128, 3);
        HyperparameterSearch.Split dev = blobs(64, 4);
        List<HyperparameterSearch.Trial> plain = HyperparameterSearch.search(train, dev, s, false, Report.silent());
        List<HyperparameterSearch.Trial> bn = HyperparameterSearch.search(train, dev, s, true, Report.silent());
        assertEquals(3, bn.size());
        for (int i = 0; i < 3; i++) {
            assertNull(bn.get(i).failure(), bn.get(i).failure());
            assertEquals(plain.get(i).learningRate(), bn.get(i).learningRate());
            assertEquals(plain.get(i).hiddenUnits(), bn.get(i).hiddenUnits());
            assertEquals(plain.get(i).miniBatchSize(), bn.get(i).miniBatchSize());
            assertTrue(bn.get(i).aliveFirstLayer() >= 0 && bn.get(i).aliveFirstLayer() <= 1);
        }
    }
}
