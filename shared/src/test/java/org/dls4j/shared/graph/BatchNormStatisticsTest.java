package org.dls4j.shared.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class BatchNormStatisticsTest {

    /**
     * Re-estimated on one batch, the moving statistics are that batch's statistics, so inference mode gives what
     * training mode gives on it; before, with the fresh moving averages (mean 0, variance 1), it did not.
     */
    @Test
    void statisticsOfOneBatchMakeInferenceEqualTraining() {
        ComputationGraph graph = Graphs.initialized(FastPathTest.convNet(CNN2DFormat.NCHW, DataType.DOUBLE));
        DataSet batch = FastPathTest.batch(CNN2DFormat.NCHW, DataType.DOUBLE);
        INDArray x = batch.getFeatures();
        INDArray training = graph.output(true, x)[0].dup();
        double before = graph.output(false, x)[0].sub(training).amaxNumber().doubleValue();

        assertEquals(2, BatchNormStatistics.reestimate(graph, List.of(batch)));

        double after = graph.output(false, x)[0].sub(training).amaxNumber().doubleValue();
        assertTrue(before > 1e-2, "fresh moving averages differ from the batch's: " + before);
        assertTrue(after < 1e-9, "re-estimated: " + after);
        INDArray conv1 = graph.feedForward(x, true).get("conv1");
        INDArray mean = graph.getLayer("bn1").getParam("mean");
        assertEquals(conv1.mean(0, 2, 3).getDouble(2), mean.reshape(mean.length()).getDouble(2), 1e-12);
    }
}
