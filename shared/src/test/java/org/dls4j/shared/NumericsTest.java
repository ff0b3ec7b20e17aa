package org.dls4j.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dls4j.shared.train.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NumericsTest {

    @Test
    void useFloat64MakesNewArraysDouble() {
        Numerics.useFloat64();
        assertEquals(DataType.DOUBLE, Nd4j.zeros(3, 2).dataType());
        assertEquals(DataType.DOUBLE, Nd4j.rand(2, 2).dataType());
        assertEquals(DataType.DOUBLE, Nd4j.create(new float[] {1f, 2f}).castTo(Nd4j.defaultFloatingPointType()).dataType());
    }

    @Test
    void requireFiniteStopsOnNanWithTheIteration() {
        assertEquals(0.5, Numerics.requireFinite(0.5, 3, "hint"));
        TrainingDivergedException e = assertThrows(TrainingDivergedException.class,
                () -> Numerics.requireFinite(Double.NaN, 1200, "Try a smaller --learning-rate."));
        assertEquals("Training stopped: the cost became NaN at iteration 1200. Try a smaller --learning-rate.",
                e.getMessage());
        assertEquals(1200, e.iteration());
        assertTrue(Double.isNaN(e.cost()));
        assertThrows(TrainingDivergedException.class, () -> Numerics.requireFinite(Double.POSITIVE_INFINITY, 0, null));
    }

    @Test
    void workspaceIterationReturnsItsValueAndReleasesTemporaries() {
        Numerics.useFloat64();
        INDArray w = Nd4j.ones(100, 100);
        for (int i = 0; i < 5; i++) {
            double sum = Workspaces.iteration(() -> {
                INDArray grad = w.mul(0.5); // a temporary inside the workspace
                w.subi(grad.muli(0.1));     // parameters outside, updated in place
                return w.sumNumber().doubleValue();
            });
            assertEquals(10_000 * Math.pow(0.95, i + 1), sum, 1e-6);
        }
        assertEquals(false, w.isAttached(), "parameters stay outside the workspace");
    }

    @Test
    void backendLineNamesTheBackendAndDtype() {
        Numerics.useFloat64();
        String line = Backend.describe();
        assertTrue(line.startsWith("ND4J CpuBackend"), line);
        assertTrue(line.contains("DOUBLE"), line);
    }
}
