package org.dls4j.course5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dls4j.shared.bench.Stopwatch;
import org.dls4j.shared.bench.Workload;
import org.junit.jupiter.api.Test;

/** Course 5's benchmark cases run what they say: the notebook's loss, one lap per iteration or step. */
class Course5BenchmarksTest {

    @Test
    void dinosaurScratchIsTheNotebooksModelLoop() {
        Workload workload = new Course5Benchmarks().setUp("dinosaur-scratch");
        assertEquals(35000, workload.notebookLaps());
        Stopwatch stopwatch = new Stopwatch(2001);
        // the notebook prints "Iteration: 2000, Loss: 27.884160" after 2001 iterations; the numpy peer's last cost
        assertEquals(27.884160491415773, workload.training().train(2001, stopwatch), 1e-9);
        assertEquals(2001, stopwatch.summary().laps());
        // each call starts again from the notebook's initial state
        assertEquals(27.884160491415773, workload.training().train(2001, new Stopwatch(2001)), 1e-9);
    }

    @Test
    void charRnnStepsTheDl4jFaceOneNameAtATime() {
        Workload workload = new Course5Benchmarks().setUp("char-rnn");
        assertEquals("step", workload.lapName());
        Stopwatch stopwatch = new Stopwatch(3);
        double loss = workload.training().train(3, stopwatch);
        // a name of a few characters from near-uniform predictions over 27: about 3.3 per character
        assertTrue(loss > 10 && loss < 60, "loss " + loss);
        assertEquals(3, stopwatch.summary().laps());
    }

    /** The attention model's batch loss: Keras' sum over the 10 characters of about ln(11) each, untrained. */
    @Test
    void nmtAttentionStepsTheNotebooksBatch() {
        Workload workload = new Course5Benchmarks().setUp("nmt-attention");
        assertEquals("batch", workload.lapName());
        Stopwatch stopwatch = new Stopwatch(2);
        double loss = workload.training().train(2, stopwatch);
        assertTrue(loss > 15 && loss < 30, "loss " + loss);
        assertEquals(2, stopwatch.summary().laps());
    }

    @Test
    void anUnknownCaseIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Course5Benchmarks().setUp("no-such-case"));
    }
}
