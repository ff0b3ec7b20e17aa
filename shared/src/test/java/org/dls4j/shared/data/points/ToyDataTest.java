package org.dls4j.shared.data.points;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

class ToyDataTest {

    @Test
    void planarFlowerIs2By400With200PerClass() {
        ToyData.Xy planar = ToyData.planarFlower();
        assertShape(planar, 400, 200);
        // First row of planar_flower.csv, exact to the last bit.
        assertEquals(1.2044422922543192, planar.x().getDouble(0, 0), 0.0);
        assertEquals(3.576114148128845, planar.x().getDouble(1, 0), 0.0);
        assertEquals(0.0, planar.y().getDouble(0, 0));
        assertEquals(1.0, planar.y().getDouble(0, 399));
    }

    @Test
    void circlesAndMoonsHaveTheNotebookSizes() {
        assertShape(ToyData.circlesTrain(), 300, 150);
        assertShape(ToyData.circlesTest(), 100, 50);
        ToyData.Xy moons = ToyData.moons();
        assertShape(moons, 300, 150);
        assertEquals(-0.21687013460912397, moons.x().getDouble(0, 0), 0.0);
    }

    @Test
    void aRowThatIsNotNumbersNamesTheLine(@TempDir Path folder) throws IOException {
        Path csv = folder.resolve("bad.csv");
        Files.writeString(csv, "x1,x2,y\n0.5,0.25,1\n0.5,oops,0\n");
        DataException error = assertThrows(DataException.class, () -> ToyData.parse(csv, "planar", 2));
        assertTrue(error.getMessage().contains("line 3"), error.getMessage());
        DataException wrongCount = assertThrows(DataException.class, () -> ToyData.parse(csv, "planar", 400));
        assertTrue(wrongCount.getMessage().contains("expected: 400 rows"), wrongCount.getMessage());
    }

    private static void assertShape(ToyData.Xy data, int m, int ones) {
        assertEquals(DataType.DOUBLE, data.x().dataType());
        assertEquals(DataType.DOUBLE, data.y().dataType());
        assertEquals(2, data.x().size(0));
        assertEquals(m, data.x().size(1));
        assertEquals(1, data.y().size(0));
        assertEquals(m, data.y().size(1));
        assertEquals(m, data.size());
        assertEquals(ones, data.y().sumNumber().doubleValue(), 0.0);
    }
}
