package org.dls4j.course1.week2;

import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dls4j.course1.week2.LogisticRegression.Model;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.data.images.CatsData;
import org.dls4j.shared.train.CostRecorder;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The DL4J ComputationGraph and the from-scratch loop train the same model, compared on every iteration's cost,
 * the final parameters and the accuracies over the whole notebook run (2000 iterations, the notebook's accuracies).
 *
 * <p>Tolerance 1e-10 relative on every cost: both are float64 and compute the same formulas, only in a different
 * order (DL4J multiplies {@code X.T w} with examples as rows, reduces the loss in its own order and computes the
 * output gradient as {@code dL/dA * A(1 - A)} instead of {@code A - Y}), so each step differs by a few ulp (~1e-16
 * relative). Logistic regression is convex and gradient descent at this step size is a contraction, so these
 * differences do not grow: measured, the largest relative difference over the 2000 costs is about 1e-15. A real
 * difference in the model (a missing 1/m, a clipped loss, float32 somewhere) shows up at 1e-7 or more.
 */
class LogisticRegressionGraphTest {

    @Test
    void graphAndScratchAgreeOnTheNotebookRun() {
        compare(2000, "99.04306220095694", "70.0");
    }

    private static void compare(int iterations, String trainAccuracy, String testAccuracy) {
        CatsData.Split train = CatsData.train();
        CatsData.Split test = CatsData.test();
        INDArray xTrain = train.flattenedScaled();
        INDArray xTest = test.flattenedScaled();
        Model scratch = LogisticRegression.model(xTrain, train.labels(), xTest, test.labels(), iterations, 0.005,
                CostRecorder.every(1));
        Model graph = LogisticRegressionGraph.model(xTrain, train.labels(), xTest, test.labels(), iterations, 0.005,
                CostRecorder.every(1));
        double worst = 0;
        for (int i = 0; i < iterations; i++) {
            double rel = Math.abs(graph.costs()[i] - scratch.costs()[i]) / scratch.costs()[i];
            worst = Math.max(worst, rel);
            assertEquals(scratch.costs()[i], graph.costs()[i], 1e-10 * scratch.costs()[i], "cost at iteration " + i);
        }
        assertEquals(scratch.trainAccuracy(), graph.trainAccuracy());
        assertEquals(scratch.testAccuracy(), graph.testAccuracy());
        if (trainAccuracy != null) {
            assertEquals(trainAccuracy, NumpyFormat.repr(graph.trainAccuracy()));
            assertEquals(testAccuracy, NumpyFormat.repr(graph.testAccuracy()));
        }
        assertAllClose(scratch.w(), graph.w(), 1e-9, 1e-12, "w");
        assertEquals(scratch.b(), graph.b(), 1e-12);
        System.out.printf("LR graph vs scratch, %d iterations: max relative cost difference %.2e; %.2f vs %.2f"
                + " ms/iteration%n", iterations, worst, graph.msPerIteration(), scratch.msPerIteration());
    }
}
