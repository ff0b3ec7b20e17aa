package org.dls4j.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ShapesTest {

    @Test
    void messageNamesTheArrayAndBothShapes() {
        INDArray w = Nd4j.zeros(2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Shapes.require(w, "W1", 4, 2));
        assertEquals("W1 must have shape (4, 2) but was (2, 4)", e.getMessage());
        assertSame(w, Shapes.require(w, "W1", 2, 4));
    }

    @Test
    void formatsLikePythonTuples() {
        assertEquals("(5,)", Shapes.format(5));
        assertEquals("()", Shapes.format());
        assertEquals("(12288, 209)", Shapes.format(12288, 209));
    }

    @Test
    void sameShapeAndDimensionChecks() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Shapes.requireSameShape(Nd4j.zeros(3, 2), "A1", Nd4j.zeros(2, 3), "dA1"));
        assertEquals("dA1 must have the shape of A1, (3, 2), but was (2, 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Shapes.requireDim(Nd4j.zeros(4, 7), "X", 0, 12288));
        assertEquals("X must have size 12288 along axis 0 but has shape (4, 7)", e.getMessage());
    }
}
