package org.dls4j.shared.scratch.dense;

import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.NumpySum;
import org.dls4j.shared.train.CostCurve;
import org.dls4j.shared.train.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The engineered loop does the readable blocks' arithmetic: same costs, same trained parameters. */
class GradientDescentTest {

    /** The notebook's loop, written with the readable blocks. */
    static double[] readableLoop(INDArray X, INDArray Y, Parameters parameters, double lr, int iterations,
            Parameters[] out) {
        double[] costs = new double[iterations];
        Parameters p = parameters;
        for (int i = 0; i < iterations; i++) {
            DeepNetwork.ModelOutput forward = DeepNetwork.lModelForward(X, p);
            costs[i] = Costs.crossEntropy(forward.AL(), Y);
            Gradients grads = DeepNetwork.lModelBackward(forward.AL(), Y, forward.caches());
            p = DeepNetwork.updateParameters(p, grads, lr);
        }
        out[0] = p;
        return costs;
    }

    /**
     * Trains {@code initial}'s copies with both loops and compares the costs at every iteration (relative
     * {@code costTolerance}) and the trained parameters ({@code rtol}, {@code atol}).
     */
    static void assertFastLoopMatches(INDArray X, INDArray Y, Parameters initial, double lr, int iterations,
            double costTolerance, double rtol, double atol) {
        Parameters[] readable = new Parameters[1];
        double[] expected = readableLoop(X, Y, initial.copy(), lr, iterations, readable);

        Parameters trained = initial.copy();
        List<Integer> seen = new ArrayList<>();
        CostCurve curve = GradientDescent.train(X, Y, trained, lr, iterations, 1, (i, c) -> seen.add(i));
        assertEquals(iterations, seen.size());
        for (int i = 0; i < iterations; i++) {
            assertEquals(expected[i], curve.costs()[i], costTolerance * expected[i], "cost at iteration " + i);
        }
        for (String name : trained.names()) {
            assertAllClose(readable[0].get(name), trained.get(name), rtol, atol, name);
        }
    }

    @Test
    void fastLoopMatchesTheReadableBlocks() {
        NumpyRandom rng = new NumpyRandom(1);
        INDArray X = rng.randn(10, 40);
        INDArray Y = rng.rand(1, 40).gt(0.5).castTo(X.dataType());
        assertFastLoopMatches(X, Y, Initializers.initializeParametersDeepScaled(10, 5, 6, 1), 0.05, 60, 1e-15, 1e-13,
                1e-16);

        // 3000 inputs: 12 blocks of GradientDescent.BLOCK_ROWS in 3 chunks shared by the BLAS threads; Z1 is summed
        // chunk by chunk, so it rounds differently from one product
        NumpyRandom wide = new NumpyRandom(6);
        INDArray X2 = wide.rand(3000, 30);
        INDArray Y2 = wide.rand(1, 30).gt(0.5).castTo(X2.dataType());
        assertFastLoopMatches(X2, Y2, Initializers.initializeParametersDeepScaled(3000, 6, 3, 1), 0.05, 40, 1e-13,
                1e-11, 1e-15);
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        NumpyRandom rng = new NumpyRandom(7);
        INDArray X = rng.rand(3000, 20);
        INDArray Y = rng.rand(1, 20).gt(0.5).castTo(X.dataType());
        Parameters initial = Initializers.initializeParametersDeepScaled(3000, 5, 1);
        int threads = Gemm.blasThreads();
        Parameters[] trained = new Parameters[2];
        CostCurve[] curves = new CostCurve[2];
        try {
            for (int t = 0; t < 2; t++) {
                Gemm.blasThreads(t + 1);
                trained[t] = initial.copy();
                curves[t] = new GradientDescent(X, Y, trained[t]).run(0.05, 30, 1, null);
            }
        } finally {
            Gemm.blasThreads(threads);
        }
        assertArrayEquals(curves[0].costs(), curves[1].costs());
        assertArrayEquals(trained[0].W(1).data().asDouble(), trained[1].W(1).data().asDouble());
        assertEquals(threads, Gemm.blasThreads(), "run() restores OpenBLAS's threads");
    }

    @Test
    void tanhHiddenLayersMatchTheReadableBlocks() {
        NumpyRandom rng = new NumpyRandom(5);
        INDArray X = rng.randn(2, 50);
        INDArray Y = rng.rand(1, 50).gt(0.5).castTo(X.dataType());
        Parameters initial = Initializers.initializeParameters(2, 4, 1);
        Parameters p = initial.copy();
        double[] expected = new double[30];
        for (int i = 0; i < 30; i++) {
            DeepNetwork.ModelOutput f = DeepNetwork.lModelForward(X, p, ActivationFunction.TANH, ActivationFunction.SIGMOID);
            expected[i] = Costs.crossEntropy(f.AL(), Y);
            p = DeepNetwork.updateParameters(p, DeepNetwork.lModelBackward(f.AL(), Y, f.caches(), ActivationFunction.TANH), 1.2);
        }
        Parameters trained = initial.copy();
        CostCurve curve = new GradientDescent(X, Y, trained, ActivationFunction.TANH).run(1.2, 30, 1, null);
        for (int i = 0; i < 30; i++) {
            assertEquals(expected[i], curve.costs()[i], 1e-14 * expected[i], "cost at iteration " + i);
        }
        assertAllClose(p.W(1), trained.W(1), 1e-12, 1e-15, "W1");
    }

    /**
     * With L2 the loop does what Course 2's regularised network does ({@link FusedDenseNet} with an {@link L2Penalty},
     * {@code reg_utils}' placement of {@code 1./m}): the same costs (penalty included) and the same trained weights,
     * over 3000 inputs so that the penalised update of W1 runs block by block; and the penalty shrinks the weights.
     */
    @Test
    void l2RegularisationIsCourse2sPenalty() {
        NumpyRandom rng = new NumpyRandom(8);
        INDArray X = rng.rand(3000, 25);
        INDArray Y = rng.rand(1, 25).gt(0.5).castTo(X.dataType());
        Parameters initial = Initializers.initializeParametersDeepScaled(3000, 6, 3, 1);
        L2Penalty penalty = new L2Penalty(0.7);

        Parameters fused = initial.copy();
        FusedDenseNet network = new FusedDenseNet(fused, FusedDenseNet.Spec.regUtils().with(penalty));
        TrainingLoop loop = new TrainingLoop(network, new GdRule());
        TrainingData data = TrainingData.of(X, Y, network);
        double[] expected = new double[40];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = loop.fullBatchStep(data, 0.05);
        }
        Parameters trained = initial.copy();
        CostCurve curve = new GradientDescent(X, Y, trained).withL2(penalty).run(0.05, 40, 1, null);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], curve.costs()[i], 1e-13 * expected[i], "cost at iteration " + i);
        }
        for (String name : trained.names()) {
            assertAllClose(fused.get(name), trained.get(name), 1e-11, 1e-15, name);
        }
        Parameters unregularised = initial.copy();
        new GradientDescent(X, Y, unregularised).run(0.05, 40, 1, null);
        assertTrue(trained.W(1).norm2Number().doubleValue() < unregularised.W(1).norm2Number().doubleValue(),
                "the penalty shrinks W1");
    }

    /**
     * {@link GradientDescent.OutputArithmetic#PROPAGATE} with one layer is logistic regression's {@code optimize},
     * written out here with ND4J: {@code A = sigmoid(np.dot(w.T, X) + b)}, {@code -1/m * np.sum(...)},
     * {@code dZ = A - Y}, the updates; over 3000 inputs, so that the pass over X runs in several chunks.
     */
    @Test
    void propagateArithmeticIsLogisticRegressionsOptimize() {
        NumpyRandom rng = new NumpyRandom(9);
        INDArray X = rng.rand(3000, 40);
        INDArray Y = rng.rand(1, 40).gt(0.5).castTo(X.dataType());
        int m = 40;
        INDArray w = Nd4j.zeros(DataType.DOUBLE, 1, 3000);
        double b = 0.0;
        double[] expected = new double[25];
        for (int i = 0; i < expected.length; i++) {
            INDArray A = Activations.sigmoid(w.mmul(X).addi(b));
            INDArray terms = Y.mul(Transforms.log(A, true)).addi(Y.rsub(1.0)
                    .muli(Transforms.log(A.rsub(1.0), false)));
            expected[i] = -1.0 / m * NumpySum.sum(terms);
            INDArray dZ = A.sub(Y);
            w = w.sub(dZ.mmul(X.transpose()).muli(1.0 / m).muli(0.01));
            b = b - 0.01 * (1.0 / m * NumpySum.sum(dZ));
        }
        Parameters trained = Parameters.of("W1", Nd4j.zeros(DataType.DOUBLE, 1, 3000), "b1", Nd4j.zeros(DataType.DOUBLE, 1, 1));
        CostCurve curve = new GradientDescent(X, Y, trained).withOutput(GradientDescent.OutputArithmetic.PROPAGATE)
                .run(0.01, expected.length, 1, null);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], curve.costs()[i], 1e-14 * expected[i], "cost at iteration " + i);
        }
        assertAllClose(w, trained.W(1), 1e-12, 1e-16, "w.T");
        assertEquals(b, trained.b(1).getDouble(0), 1e-15);
    }

    @Test
    void recordsEveryNthAndTheLastIteration() {
        NumpyRandom rng = new NumpyRandom(2);
        INDArray X = rng.randn(4, 8);
        INDArray Y = rng.rand(1, 8).gt(0.5).castTo(X.dataType());
        CostCurve c = GradientDescent.train(X, Y, Initializers.initializeParametersDeep(4, 3, 1),
                0.1, 250, 100, null);
        assertArrayEquals(new int[] {0, 100, 200, 249}, c.iterations());
        assertEquals(3, c.every(100).length);
        assertEquals(c.costs()[3], c.last());
        assertEquals(c.costs()[1], c.at(100));
    }

    @Test
    void nanStopsTrainingWithAClearMessage() {
        NumpyRandom rng = new NumpyRandom(3);
        INDArray X = rng.randn(4, 8);
        X.putScalar(2, 3, Double.NaN);
        INDArray Y = Nd4j.ones(1, 8);
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> GradientDescent.train(X, Y, Initializers.initializeParametersDeep(4, 3, 1), 0.1, 10, 1, null));
        assertEquals("Training stopped: the cost became NaN at iteration 0. Try a smaller learning rate.",
                e.getMessage());
        // a learning rate far too large saturates the sigmoid: log(0) makes the cost infinite
        INDArray X2 = rng.randn(4, 8).muli(100);
        INDArray Y2 = rng.rand(1, 8).gt(0.5).castTo(X2.dataType());
        e = assertThrows(TrainingDivergedException.class,
                () -> GradientDescent.train(X2, Y2, Initializers.initializeParametersDeepScaled(4, 3, 1), 1e4, 200, 1,
                        null));
        assertTrue(e.getMessage().startsWith("Training stopped: the cost became "), e.getMessage());
    }

    @Test
    void badShapesAreRejectedBeforeTraining() {
        NumpyRandom rng = new NumpyRandom(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GradientDescent(rng.randn(4, 8), Nd4j.ones(1, 7), Initializers.initializeParametersDeep(4, 3, 1)));
        assertEquals("Y must have shape (1, 8) but was (1, 7)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new GradientDescent(rng.randn(5, 8), Nd4j.ones(1, 8), Initializers.initializeParametersDeep(4, 3, 1)));
        assertEquals("X must have size 4 along axis 0 but has shape (5, 8)", e.getMessage());
    }
}
