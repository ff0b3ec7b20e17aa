package org.dls4j.course5.week3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dls4j.shared.graph.GraphSummary;
import org.junit.jupiter.api.Test;

/** The model's parameter counts and output shape are the 2021 notebook's summary's. */
class TriggerModelTest {

    @Test
    void parameterCountsAreTheNotebooks() {
        GraphSummary summary = GraphSummary.of(TriggerModel.model(TriggerSynthesis.TX, 1, 1e-3),
                TriggerSynthesis.N_FREQ, TriggerSynthesis.TX);
        assertEquals(523_329, summary.totalParams());
        assertEquals(522_425, summary.trainableParams());
        assertEquals(904, summary.nonTrainableParams());
        assertArrayEquals(new long[] {1, TriggerSynthesis.TY},
                summary.rows().get(summary.rows().size() - 1).outputShape());
    }
}
