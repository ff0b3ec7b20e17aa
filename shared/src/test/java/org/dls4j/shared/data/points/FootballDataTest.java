package org.dls4j.shared.data.points;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class FootballDataTest {

    @Test
    void loadsTransposedTrainAndTestPoints() {
        FootballData football = FootballData.load();
        assertEquals(DataType.DOUBLE, football.x().dataType());
        assertEquals(2, football.x().size(0));
        assertEquals(211, football.x().size(1));
        assertEquals(1, football.y().size(0));
        assertEquals(211, football.y().size(1));
        assertEquals(2, football.xVal().size(0));
        assertEquals(200, football.xVal().size(1));
        assertEquals(200, football.yVal().size(1));
        // X[0] = (-0.158986, 0.423977), y[0] = 1 in data.mat; the notebook uses X.T.
        assertEquals(-0.158986, football.x().getDouble(0, 0), 0.0);
        assertEquals(0.423977, football.x().getDouble(1, 0), 0.0);
        assertEquals(1.0, football.y().getDouble(0, 0), 0.0);
    }
}
