package org.dls4j.shared.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class CostRecorderTest {

    @Test
    void recordsEveryNthIterationAndTheLastWhenAsked() {
        List<Integer> told = new ArrayList<>();
        CostRecorder recorder = CostRecorder.every(100).andLast(250).onRecord((i, cost) -> told.add(i));
        for (int i = 0; i < 250; i++) {
            recorder.record(i, 1.0 / (i + 1));
        }
        assertArrayEquals(new int[] {0, 100, 200, 249}, recorder.curve().iterations());
        assertEquals(List.of(0, 100, 200, 249), told);
        assertEquals(1.0 / 250, recorder.curve().last());
        assertEquals(0.5, recorder.curve().at(0) / 2);
        assertArrayEquals(new double[] {1.0, 1.0 / 101, 1.0 / 201}, recorder.curve().every(100));

        CostRecorder plain = CostRecorder.every(100);
        for (int i = 0; i < 250; i++) {
            plain.record(i, 1);
        }
        assertArrayEquals(new int[] {0, 100, 200}, plain.curve().iterations(), "the notebook's i % 100 == 0 alone");
    }

    @Test
    void stopsOnNaNAlwaysAndOnInfinityUnlessAllowed() {
        TrainingDivergedException nan = assertThrows(TrainingDivergedException.class,
                () -> CostRecorder.every(1000).allowInfinite().record(17, Double.NaN));
        assertEquals(17, nan.iteration());
        assertTrue(nan.getMessage().contains("--learning-rate"), nan.getMessage());
        assertThrows(TrainingDivergedException.class,
                () -> CostRecorder.every(1000).record(3, Double.POSITIVE_INFINITY), "checked on every iteration");
        CostRecorder x10 = CostRecorder.every(1).allowInfinite();
        x10.record(0, Double.POSITIVE_INFINITY);
        assertEquals(Double.POSITIVE_INFINITY, x10.curve().at(0));
        assertThrows(IllegalArgumentException.class, () -> CostRecorder.every(0));
    }
}
