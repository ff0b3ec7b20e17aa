package org.dls4j.shared.exercise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dls4j.shared.exercise.Expect.Comparison;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** np.allclose's tolerances, shapes, and the printed values of a comparison. */
class ExpectTest {

    @Test
    void allcloseTolerancesAsNumpy() {
        Expect expect = new Expect();
        expect.close("within", 1.0, 1.0 + 1e-5, Expect.RTOL, Expect.ATOL);
        assertTrue(expect.passed());
        expect.close("outside", 1.0, 1.0 + 2e-5);
        assertFalse(expect.passed());
        assertEquals(new Comparison("outside", "1.0", "1.00002", false, "difference 1.999999999990898e-05"),
                expect.comparisons().get(1));
    }

    @Test
    void nanMatchesOnlyNan() {
        Expect expect = new Expect().close("nan", Double.NaN, Double.NaN);
        assertTrue(expect.passed());
        assertFalse(new Expect().close("nan", 1.0, Double.NaN).passed());
        assertFalse(new Expect().digits("inf", 1.0, Double.POSITIVE_INFINITY).passed());
    }

    @Test
    void arraysNeedTheSameShape() {
        Comparison c = new Expect().close("w", Expect.column(0, 0), Expect.row(0, 0)).comparisons().get(0);
        assertFalse(c.passed());
        assertEquals("[[0.] [0.]]", c.expected());
        assertEquals("[[0. 0.]]", c.actual());
        assertEquals("shape (1, 2) instead of (2, 1)", c.detail());
    }

    @Test
    void theWorstElementIsNamed() {
        Comparison c = new Expect().close("dW", Expect.matrix(new double[] {1, 2}, new double[] {3, 4}),
                Expect.matrix(new double[] {1, 2.1}, new double[] {3, 5})).comparisons().get(0);
        assertEquals("element [1, 1] is 5.0, not 4.0", c.detail());
        assertEquals("[[1. 2.] [3. 4.]]", c.expected());
    }

    @Test
    void emptyAndNullAreFailures() {
        assertFalse(new Expect().passed(), "nothing compared");
        Expect expect = new Expect().close("A", Expect.row(1), null);
        assertEquals(List.of(new Comparison("A", "[[1.]]", "null", false, "no array")), expect.comparisons());
    }

    @Test
    void showsNegativeColumnsOnOneLine() {
        assertEquals("[[0.25071532] [-0.06604096]]", Expect.show(Nd4j.createFromArray(0.25071532, -0.06604096)
                .reshape(2, 1)));
    }
}
