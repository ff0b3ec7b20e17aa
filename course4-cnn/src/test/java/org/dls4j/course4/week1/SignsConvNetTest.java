package org.dls4j.course4.week1;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The SIGNS ConvNet as the notebook's summary lists it (reference section 3.2). */
class SignsConvNetTest {

    @Test
    void hasTheNotebooksLayersAndParameters() {
        ComputationGraph graph = SignsConvNet.graph(1, 0.009);
        // Conv2D 8 4x4 (392), Conv2D 16 2x2 (528), Dense 6 on 2*2*16 (390): 1,310
        assertEquals(392, graph.getLayer("A1").numParams());
        assertEquals(528, graph.getLayer("A2").numParams());
        assertEquals(390, graph.getLayer("outputs").numParams());
        assertEquals(1310, graph.numParams());
        INDArray probabilities = graph.outputSingle(false, Nd4j.rand(DataType.FLOAT, 5, 3, 64, 64));
        assertArrayEquals(new long[] {5, 6}, probabilities.shape());
        assertArrayEquals(new double[] {1, 1, 1, 1, 1}, probabilities.sum(1).toDoubleVector(), 1e-5);
    }
}
