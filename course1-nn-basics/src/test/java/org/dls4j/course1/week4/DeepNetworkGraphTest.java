package org.dls4j.course1.week4;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.course1.week4.DeepNetworkApplication.Fit;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.data.images.CatsData;
import org.dls4j.shared.scratch.dense.DeepNetwork;
import org.dls4j.shared.scratch.dense.Initializers;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.train.CostRecorder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The DL4J {@code ComputationGraph} and the from-scratch loop, started from the same weights, follow the same cost
 * curve and reach the same accuracies.
 *
 * <p>Tolerance: both run in float64 with the same formulas, but not the same roundings: DL4J sums the loss and the
 * products in its own order, computes the output gradient as {@code dL/dA * sigmoid'(Z)} with its own expression and
 * divides by m at another point. Each step differs by a few ulps (~1e-16 relative); gradient descent on this
 * non-chaotic problem does not amplify them: the measured largest relative difference over every iteration is
 * 3.4e-15 (L-layer) and 1.2e-15 (two-layer) for 150 iterations, 3.9e-15 and 2.2e-14 for all 2500 (printed by the
 * test). 1e-10 leaves room for other BLAS builds and CPUs while still being 10^4 times tighter than the 6 printed
 * decimals.
 */
class DeepNetworkGraphTest {

    static final double RTOL = 1e-10;

    static INDArray trainX;
    static INDArray trainY;
    static INDArray testX;
    static INDArray testY;

    @BeforeAll
    static void data() {
        trainX = CatsData.train().flattenedScaled();
        trainY = CatsData.train().labels();
        testX = CatsData.test().flattenedScaled();
        testY = CatsData.test().labels();
    }

    static void compare(int[] dims, int iterations, boolean accuracies) {
        boolean twoLayer = dims.length == 3;
        Parameters init = twoLayer ? Initializers.initializeParameters(dims[0], dims[1], dims[2])
                : Initializers.initializeParametersDeepScaled(dims);
        Fit graph = DeepNetworkGraph.train(trainX, trainY, dims, init.copy(), 0.0075, iterations,
                CostRecorder.every(1));
        Fit scratch = twoLayer
                ? DeepNetworkApplication.twoLayerModel(trainX, trainY, dims, 0.0075, iterations, 1,
                        CostRecorder.every(1))
                : DeepNetworkApplication.lLayerModel(trainX, trainY, dims, 0.0075, iterations, 1,
                        CostRecorder.every(1));
        double worst = 0;
        for (int i = 0; i < iterations; i++) {
            double s = scratch.costs().costs()[i];
            double g = graph.costs().costs()[i];
            worst = Math.max(worst, Math.abs(g - s) / s);
            assertEquals(s, g, RTOL * s, "cost at iteration " + i);
        }
        System.out.printf("%s %d iterations: largest relative cost difference framework vs scratch %.2e (%.1f vs %.1f"
                + " ms/iteration)%n", java.util.Arrays.toString(dims), iterations, worst,
                graph.msPerIteration(), scratch.msPerIteration());
        double[] sTrainTest = {DeepNetwork.accuracy(DeepNetwork.predict(trainX, scratch.parameters()), trainY),
            DeepNetwork.accuracy(DeepNetwork.predict(testX, scratch.parameters()), testY)};
        double[] gTrainTest = {DeepNetwork.accuracy(DeepNetwork.predict(trainX, graph.parameters()), trainY),
            DeepNetwork.accuracy(DeepNetwork.predict(testX, graph.parameters()), testY)};
        assertEquals(sTrainTest[0], gTrainTest[0], 0, "train accuracy");
        assertEquals(sTrainTest[1], gTrainTest[1], 0, "test accuracy");
        if (accuracies) {
            String[] expected = twoLayer ? new String[] {"0.9999999999999998", "0.72"}
                    : new String[] {"0.9856459330143539", "0.8"};
            assertEquals(expected[0], NumpyFormat.repr(gTrainTest[0]));
            assertEquals(expected[1], NumpyFormat.repr(gTrainTest[1]));
        }
    }



    /** The first 300 iterations of both models (the full runs take five minutes on 2 cores: {@code full}). */
    @Test
    void runsAgreeOnCosts() {
        compare(DeepNetworkApplication.TWO_LAYER_DIMS, 300, false);
        compare(DeepNetworkApplication.L_LAYER_DIMS, 300, false);
    }

    @Test
    @Tag("full")
    void fullRunsAgreeOnCostsAndAccuracies() {
        compare(DeepNetworkApplication.TWO_LAYER_DIMS, 2500, true);
        compare(DeepNetworkApplication.L_LAYER_DIMS, 2500, true);
    }

    @Test
    void theGraphHasTheNotebooksArchitectureAndWeights() {
        int[] dims = DeepNetworkApplication.L_LAYER_DIMS;
        ComputationGraph graph = DeepNetworkGraph.build(dims, 0.0075);
        Parameters init = Initializers.initializeParametersDeepScaled(dims);
        DeepNetworkGraph.setParameters(graph, init);
        // nIn inferred from setInputTypes: layer1_W is (12288, 20) = W1.T, and so on
        assertEquals(java.util.List.of(12288L, 20L), java.util.List.of(graph.getParam("layer1_W").size(0),
                graph.getParam("layer1_W").size(1)));
        Parameters back = DeepNetworkGraph.parameters(graph, 4);
        for (String name : init.names()) {
            org.dls4j.shared.testing.NdAssert.assertBitsEqual(init.get(name), back.get(name), name);
        }
        // the graph's own forward pass gives the notebook's AL
        INDArray al = graph.outputSingle(trainX.transpose().dup('c'));
        INDArray expected = DeepNetwork.lModelForward(trainX, init).AL();
        org.dls4j.shared.testing.NdAssert.assertAllClose(expected, al.reshape(1, al.length()), 1e-13, 1e-15, "AL");
        // and its score is the notebook's cost
        graph.setInput(0, trainX.transpose().dup('c'));
        graph.setLabel(0, trainY.transpose().dup('c'));
        graph.computeGradientAndScore();
        assertEquals(0.7717493284237686, graph.score(), 1e-14);
        assertTrue(graph.getConfiguration().getVertices().containsKey("output"));
    }
}
