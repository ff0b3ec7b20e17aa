package org.dls4j.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.dls4j.shared.train.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NumericsTest {

    /** The tests run in float64 (Float64Session), as the command line does (AssignmentRunner). */
    @Test
    void testsRunInFloat64() {
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

    /**
     * What an iteration allocates lives in the iteration's workspace and is released when it ends: the temporary is
     * attached inside and out of scope after (ND4J refuses to use it), the workspace's memory is reset, and its size
     * stops growing once it has learned one iteration's needs. Without the workspace the temporary would be detached;
     * without the reset its scope would stay open and the offset would grow.
     */
    @Test
    void workspaceIterationReleasesWhatTheIterationAllocates() {
        INDArray w = Nd4j.ones(100, 100);
        List<INDArray> temporaries = new ArrayList<>();
        MemoryWorkspace[] workspace = new MemoryWorkspace[1];
        long[] sizes = new long[6];
        for (int i = 0; i < sizes.length; i++) {
            double sum = Workspaces.iteration(() -> {
                INDArray grad = w.mul(0.5); // a temporary inside the workspace
                assertTrue(grad.isAttached(), "a temporary is allocated in the workspace");
                assertTrue(grad.isInScope(), "and usable inside it");
                temporaries.add(grad);
                workspace[0] = Nd4j.getMemoryManager().getCurrentWorkspace();
                w.subi(grad.muli(0.1));     // parameters outside, updated in place
                return w.sumNumber().doubleValue();
            });
            assertEquals(10_000 * Math.pow(0.95, i + 1), sum, 1e-6);
            assertFalse(workspace[0].isScopeActive(), "the workspace is closed after the iteration");
            assertEquals(0, workspace[0].getPrimaryOffset(), "and its memory reset");
            sizes[i] = workspace[0].getCurrentSize();
        }
        for (INDArray temporary : temporaries) {
            assertFalse(temporary.isInScope(), "a temporary kept past its iteration is released");
        }
        assertEquals(sizes[2], sizes[sizes.length - 1], "the workspace stops growing after it has learned");
        assertTrue(Nd4j.getMemoryManager().getCurrentWorkspace() == null, "no workspace is left open");
        assertFalse(w.isAttached(), "parameters stay outside the workspace");
    }

    @Test
    void backendLineNamesTheBackendAndDtype() {
        String line = Backend.describe();
        assertTrue(line.startsWith("ND4J CpuBackend"), line);
        assertTrue(line.contains("DOUBLE"), line);
    }
}
