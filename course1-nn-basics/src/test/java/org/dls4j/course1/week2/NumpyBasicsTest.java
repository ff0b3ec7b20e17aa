package org.dls4j.course1.week2;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.Report;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The notebook's test cells (v3a and 2021 use the same inputs) against the reference's full-precision values, through
 * the grader's checks ({@link NumpyBasicsChecks}: 9 significant digits; numpy's SIMD exp and glibc's differ by an ulp,
 * the reference's cross-version note), plus the printed arrays and bad input.
 */
class NumpyBasicsTest {

    private static final NumpyBasicsChecks CHECKS = new NumpyBasicsChecks();

    @Test
    void basicSigmoid() {
        assertPasses(CHECKS, "basic_sigmoid");
    }

    @Test
    void sigmoidAndDerivative() {
        INDArray x = Nd4j.createFromArray(1.0, 2.0, 3.0);
        assertPasses(CHECKS, "sigmoid");
        assertPasses(CHECKS, "sigmoid_derivative");
        assertEquals("[0.73105858 0.88079708 0.95257413]", NumpyFormat.array(NumpyBasics.sigmoid(x)));
        assertEquals("[0.19661193 0.10499359 0.04517666]", NumpyFormat.array(NumpyBasics.sigmoidDerivative(x)));
        assertAllClose(new double[] {1, 2, 3}, x, 0, 0, "input left untouched");
    }

    @Test
    void image2vector() {
        INDArray v = NumpyBasics.image2vector(Nd4j.createFromArray(NumpyBasics.NOTEBOOK_IMAGE));
        assertEquals(18, v.rows());
        assertEquals(1, v.columns());
        assertEquals(0.67826139, v.getDouble(0, 0));
        assertEquals(0.29380381, v.getDouble(1, 0));
        assertEquals(0.90714982, v.getDouble(2, 0));
        assertEquals(0.94630077, v.getDouble(17, 0));
        assertPasses(CHECKS, "image2vector");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NumpyBasics.image2vector(Nd4j.zeros(3, 3)));
        assertEquals("image must have 3 dimensions (length, height, depth) but has shape (3, 3)", e.getMessage());
    }

    @Test
    void normalizeRows() {
        INDArray n = NumpyBasics.normalizeRows(Nd4j.createFromArray(new double[][] {{0, 3, 4}, {1, 6, 4}}));
        assertPasses(CHECKS, "normalizeRows");
        assertEquals("[[0.         0.6        0.8       ]\n [0.13736056 0.82416338 0.54944226]]", NumpyFormat.array(n));
    }

    @Test
    void softmax() {
        assertPasses(CHECKS, "softmax");
        assertThrows(IllegalArgumentException.class, () -> NumpyBasics.softmax(Nd4j.zeros(5)));
    }

    @Test
    void losses() {
        INDArray yhat = Nd4j.createFromArray(.9, 0.2, 0.1, .4, .9);
        INDArray y = Nd4j.createFromArray(1.0, 0, 0, 1, 1);
        assertEquals("1.1", NumpyFormat.repr(NumpyBasics.l1(yhat, y)));
        assertEquals("0.43", NumpyFormat.repr(NumpyBasics.l2(yhat, y)));
        assertPasses(CHECKS, "L1");
        assertPasses(CHECKS, "L2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NumpyBasics.l1(Nd4j.zeros(4), y));
        assertEquals("yhat must have the shape of y, (5,), but was (4,)", e.getMessage());
    }

    @Test
    void runPrintsTheNotebookCells() {
        Report.Captured report = Report.captured();
        NumpyBasics.Result r = NumpyBasics.run(new NumpyBasics.Options(), report);
        assertEquals(278.0, r.dot());
        assertEquals(81.0, r.outer().getDouble(0, 0));
        assertEquals("[81  4 10  0  0 63 10  0  0  0 81  4 25  0  0]", NumpyBasics.intArray(r.elementwise()));
        assertTrue(r.generalDot().length() == 3);
        // -q keeps the values, drops the timings
        assertTrue(report.results().contains("L2 = 0.43"), report.text());
        assertTrue(report.results().contains("dot = 278"), report.text());
        assertTrue(report.results().stream().noneMatch(line -> line.contains("Computation time")), report.text());
        assertTrue(report.lines().stream().anyMatch(line -> line.contains("Computation time (vectorized)")));
    }

    @Test
    void commandLine() {
        assertEquals(0, AssignmentRunner.execute(new NumpyBasics.Options(), NumpyBasics::run, "-q", "--seed", "3",
                "--out", "target/out"));
        assertEquals(2, AssignmentRunner.execute(new NumpyBasics.Options(), NumpyBasics::run, "--seed", "-1",
                "--out", "target/out"));
    }
}
