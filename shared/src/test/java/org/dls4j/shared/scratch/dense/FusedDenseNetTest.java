package org.dls4j.shared.scratch.dense;

import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.scratch.dense.ThreeLayerNetwork.Scaling;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The fused engine against the readable helpers of {@link ThreeLayerNetwork}, and its checks. (The L2, dropout,
 * momentum and Adam paths are proved against the notebooks' graded functions in the Course 2 tests.)
 */
class FusedDenseNetTest {

    static final NumpyRandom RNG = new NumpyRandom(7);
    static final INDArray X = RNG.randn(2, 30);
    static final INDArray Y = RNG.rand(1, 30).gt(0.5).castTo(X.dataType());

    static Parameters initial() {
        return Initializers.initializeParametersDeepScaled(3L, 2, 6, 3, 1);
    }

    /** Gradient descent, fused and readable, iteration by iteration, for both placements of {@code 1./m}. */
    @Test
    void fullBatchGradientDescentIsTheReadableHelpers() {
        for (Scaling scaling : Scaling.values()) {
            Parameters readable = initial();
            double[] costs = new double[25];
            for (int i = 0; i < costs.length; i++) {
                ThreeLayerNetwork.Output out = ThreeLayerNetwork.forwardPropagation(X, readable);
                costs[i] = ThreeLayerNetwork.computeLoss(out.A3(), Y);
                readable = ThreeLayerNetwork.updateParameters(readable,
                        ThreeLayerNetwork.backwardPropagation(X, Y, out.cache(), scaling), 0.5);
            }
            Parameters trained = initial();
            FusedDenseNet.Spec spec = scaling == Scaling.SCALED_DZ3 ? FusedDenseNet.Spec.initUtils()
                    : FusedDenseNet.Spec.regUtils();
            FusedDenseNet network = new FusedDenseNet(trained, spec);
            TrainingLoop loop = new TrainingLoop(network, new GdRule());
            TrainingData data = TrainingData.of(X, Y, network);
            for (int i = 0; i < costs.length; i++) {
                assertEquals(costs[i], loop.fullBatchStep(data, 0.5), 1e-15 * costs[i], scaling + " cost " + i);
            }
            assertTrue(loop.parameters() == trained, "the caller's parameters are the ones trained");
            for (String name : trained.names()) {
                assertAllClose(readable.get(name), trained.get(name), 1e-13, 1e-15, scaling + " " + name);
            }
        }
    }

    /** A mini-batch epoch is the same steps on the shuffled slices: {@code TOTAL} sums the batches' np.sum. */
    @Test
    void epochStepsThroughTheShuffledBatches() {
        Parameters readable = initial();
        double expected = 0;
        int[] permutation = new NumpyRandom(11).permutation(30);
        List<Integer> sizes = new ArrayList<>();
        for (int start = 0; start < 30; start += 8) {
            int size = Math.min(8, 30 - start);
            sizes.add(size);
            int[] columns = java.util.Arrays.copyOfRange(permutation, start, start + size);
            INDArray x = Nd4j.pullRows(X, 0, columns);
            INDArray y = Nd4j.pullRows(Y, 0, columns).reshape(1, size);
            ThreeLayerNetwork.Output out = ThreeLayerNetwork.forwardPropagation(x, readable);
            expected += ThreeLayerNetwork.computeCostTotal(out.A3(), y);
            readable = ThreeLayerNetwork.updateParameters(readable,
                    ThreeLayerNetwork.backwardPropagation(x, y, out.cache(), Scaling.SCALED_DZ3), 0.1);
        }
        assertEquals(List.of(8, 8, 8, 6), sizes);
        Parameters trained = initial();
        FusedDenseNet network = new FusedDenseNet(trained, FusedDenseNet.Spec.optUtils());
        MiniBatches batches = new MiniBatches(TrainingData.of(X, Y, network), 8);
        assertEquals(4, batches.count());
        double total = new TrainingLoop(network, new GdRule()).epoch(batches, 11, 0.1);
        assertEquals(expected, total, 1e-15 * expected);
        for (String name : trained.names()) {
            assertAllClose(readable.get(name), trained.get(name), 1e-13, 1e-15, name);
        }
    }

    /** The batch handed to each step holds the permuted columns, {@code X[:, permutation][:, k*size:(k+1)*size]}. */
    @Test
    void miniBatchesGatherThePermutedColumns() {
        FusedDenseNet network = new FusedDenseNet(initial(), FusedDenseNet.Spec.optUtils());
        MiniBatches batches = new MiniBatches(TrainingData.of(X, Y, network), 7);
        int[] permutation = new NumpyRandom(5).permutation(30);
        double[] x = X.dup('c').data().asDouble();
        int[] start = {0};
        batches.forEach(5, (bx, by, size) -> {
            for (int j = 0; j < size; j++) {
                int column = permutation[start[0] + j];
                assertEquals(x[column], bx[j]);
                assertEquals(x[30 + column], bx[size + j]);
                assertEquals(Y.getDouble(0, column), by[j]);
            }
            start[0] += size;
            return 0;
        });
        assertEquals(30, start[0]);
    }

    /** The output is part of the description: the last layer and the labels are checked before training. */
    @Test
    void theSigmoidOutputIsChecked() {
        Parameters twoOutputs = Initializers.initializeParametersDeepScaled(3L, 2, 4, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new FusedDenseNet(twoOutputs, FusedDenseNet.Spec.initUtils()));
        assertEquals("a sigmoid output has one unit, but W2 has 2 rows", e.getMessage());
        FusedDenseNet network = new FusedDenseNet(initial(), FusedDenseNet.Spec.initUtils());
        INDArray soft = Y.dup();
        soft.putScalar(0, 3, 0.5);
        e = assertThrows(IllegalArgumentException.class, () -> TrainingData.of(X, soft, network));
        assertEquals("Y must hold 0/1 labels for a sigmoid output, but Y[0, 3] = 0.5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingData.of(X, Y.reshape(30, 1), network));
        assertTrue(e.getMessage().startsWith("Y must have shape (1, 30)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TrainingData.of(X.reshape(1, 60),
                Nd4j.zeros(1, 60), network));
        assertEquals("X has 1 features but W1 expects 2", e.getMessage());
    }

    /**
     * {@code np.nansum} drops the {@code 0 * inf} of a saturated sigmoid (the cost stays a number) but would also
     * drop the NaN of diverged parameters; the engine reports NaN for those.
     */
    @Test
    void nansumKeepsSaturationButNotNanParameters() {
        Parameters saturated = initial();
        saturated.W(3).muli(1e4);
        FusedDenseNet network = new FusedDenseNet(saturated, FusedDenseNet.Spec.initUtils());
        TrainingData data = TrainingData.of(X, Y, network);
        double cost = new TrainingLoop(network, new GdRule()).fullBatchStep(data, 0.0);
        assertEquals(1.0 / 30 * ThreeLayerNetwork.nansum(ThreeLayerNetwork.logprobs(
                ThreeLayerNetwork.forwardPropagation(X, saturated).A3(), Y)), cost);
        assertTrue(!Double.isNaN(cost), "saturation is not divergence: " + cost);

        Parameters diverged = initial();
        diverged.W(1).putScalar(0, 0, Double.NaN);
        FusedDenseNet nan = new FusedDenseNet(diverged, FusedDenseNet.Spec.initUtils());
        assertEquals(0.0, ThreeLayerNetwork.computeLoss(ThreeLayerNetwork.forwardPropagation(X, diverged).A3(), Y),
                "what np.nansum says");
        assertTrue(Double.isNaN(new TrainingLoop(nan, new GdRule()).fullBatchStep(TrainingData.of(X, Y, nan), 0.1)));
    }

    /**
     * {@link FusedDenseNet.Spec#tanhClassifier()} (the planar notebook's {@code nn_model}) against the readable blocks
     * with tanh hidden layers, 30 iterations at learning rate 1.2: the same costs ({@code - np.sum(logprobs) / m}) and
     * weights. The readable blocks reach {@code dZ2} through {@code dAL} and {@code sigmoid_backward} where the notebook
     * writes {@code A2 - Y}, which rounds differently in the last bits.
     */
    @Test
    void tanhClassifierIsTheReadableBlocksWithTanh() {
        Parameters readable = Initializers.initializeParameters(2, 4, 1);
        Parameters trained = readable.copy();
        FusedDenseNet network = new FusedDenseNet(trained, FusedDenseNet.Spec.tanhClassifier());
        TrainingLoop loop = new TrainingLoop(network, new GdRule());
        TrainingData data = TrainingData.of(X, Y, network);
        for (int i = 0; i < 30; i++) {
            DeepNetwork.ModelOutput f = DeepNetwork.lModelForward(X, readable, ActivationFunction.TANH,
                    ActivationFunction.SIGMOID);
            double expected = Costs.crossEntropySum(f.AL(), Y);
            readable = DeepNetwork.updateParameters(readable, DeepNetwork.lModelBackward(f.AL(), Y, f.caches(),
                    ActivationFunction.TANH), 1.2);
            assertEquals(expected, loop.fullBatchStep(data, 1.2), 1e-14 * expected, "cost " + i);
        }
        for (String name : trained.names()) {
            assertAllClose(readable.get(name), trained.get(name), 1e-12, 1e-15, name);
        }
    }

    /** {@code np.sum} (unlike {@code np.nansum}) keeps the {@code 0 * inf} of a saturated sigmoid: the cost is NaN. */
    @Test
    void meanSumKeepsTheNanOfASaturatedSigmoid() {
        Parameters saturated = Initializers.initializeParameters(2, 4, 1);
        saturated.W(2).muli(1e5);
        saturated.W(1).muli(1e5);
        FusedDenseNet network = new FusedDenseNet(saturated, FusedDenseNet.Spec.tanhClassifier());
        assertTrue(Double.isNaN(new TrainingLoop(network, new GdRule()).fullBatchStep(TrainingData.of(X, Y, network),
                0.0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FusedDenseNet.Spec(
                NetworkOutput.SIGMOID, ActivationFunction.SIGMOID, Scaling.SCALED_PRODUCTS,
                FusedDenseNet.Cost.MEAN_SUM, L2Penalty.NONE, Dropout.NONE));
        assertEquals("hidden layers must be relu or tanh here", e.getMessage());
    }

    /** One set of buffers per batch size, made at the first step of that size: the sizes of an epoch. */
    @Test
    void buffersAreMadePerBatchSize() {
        FusedDenseNet network = new FusedDenseNet(initial(), FusedDenseNet.Spec.optUtils());
        TrainingLoop loop = new TrainingLoop(network, new GdRule());
        TrainingData data = TrainingData.of(X, Y, network);
        double full = loop.fullBatchStep(data, 0.0);
        double total = loop.epoch(new MiniBatches(data, 8), 3, 0.0);
        // learning rate 0: every step sees the same parameters, so the epoch's total is the full batch's np.sum
        assertEquals(full, total, 1e-14 * full);
        assertArrayEquals(new int[] {2, 6, 3, 1}, network.layerDims());
    }
}
