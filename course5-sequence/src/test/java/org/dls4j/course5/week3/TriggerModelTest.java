package org.dls4j.course5.week3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.dls4j.shared.graph.GraphSummary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The model's parameter counts and output shape are the 2021 notebook's summary's. Tagged full: building the two
 * 1375-step unrolled SameDiff GRUs and one forward pass took 233 s on 2 cores.
 */
@Tag("full")
class TriggerModelTest {

    @Test
    void parameterCountsAreTheNotebooks() {
        GraphSummary tf2 = GraphSummary.of(TriggerModel.model(TriggerSynthesis.TX, TriggerModel.GruKind.TF2, 1, 1e-3),
                TriggerSynthesis.N_FREQ, TriggerSynthesis.TX);
        assertEquals(523_329, tf2.totalParams());
        assertEquals(522_425, tf2.trainableParams());
        assertEquals(904, tf2.nonTrainableParams());
        assertArrayEquals(new long[] {1, TriggerSynthesis.TY}, tf2.rows().get(tf2.rows().size() - 1).outputShape());
    }
}
