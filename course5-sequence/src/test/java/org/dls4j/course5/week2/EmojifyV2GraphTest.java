package org.dls4j.course5.week2;

import static org.dls4j.shared.testing.GradedAssert.assertPasses;
import static org.dls4j.shared.testing.NdAssert.assertAllClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Emojifier-V2 as the notebook's summary lists it (reference section 8.2, the 2021 toy map). */
class EmojifyV2GraphTest {

    /** Toy map: 14 two-dimensional vectors and the zero row; sentences of 4 words. */
    @Test
    void hasTheNotebooksParametersAndKeepsTheEmbeddingFixed() {
        INDArray embeddings = Nd4j.rand(DataType.FLOAT, 15, 2);
        assertPasses(new EmojifyChecks(), "Emojify_V2");
        ComputationGraph graph = EmojifyV2Graph.graph(embeddings, 4, 1, 0.01);

        INDArray indices = Nd4j.createFromArray(new float[][] {{1, 2, 3, 0}, {4, 5, 6, 7}, {14, 13, 0, 0}});
        INDArray labels = Nd4j.zeros(DataType.FLOAT, 3, 5);
        labels.putScalar(0, 0, 1).putScalar(1, 3, 1).putScalar(2, 4, 1);
        graph.fit(new DataSet(indices, labels));
        assertArrayEquals(embeddings.toFloatMatrix(), graph.getParam("embedding_W").toFloatMatrix());
        assertArrayEquals(new long[] {3, 5}, graph.outputSingle(false, indices).shape());
    }

    /**
     * {@code --mask-padding}: with the padding masked a padded sentence gives what the sentence alone gives; without
     * (the notebook's Keras model) the LSTMs read on through the padding's zero vectors and the output moves.
     */
    @Test
    void theMaskHidesThePaddingAndTheNotebooksModelReadsIt() {
        Nd4j.getRandom().setSeed(3);
        INDArray embeddings = Nd4j.rand(DataType.FLOAT, 20, 8);
        embeddings.getRow(0).assign(0);
        ComputationGraph graph = EmojifyV2Graph.graph(embeddings, 6, 1, 0.001);
        INDArray padded = Nd4j.createFromArray(new float[][] {{3, 5, 7, 0, 0, 0}, {4, 2, 9, 11, 1, 0}});
        INDArray alone = Nd4j.vstack(graph.outputSingle(Nd4j.createFromArray(new float[][] {{3, 5, 7}})),
                graph.outputSingle(Nd4j.createFromArray(new float[][] {{4, 2, 9, 11, 1}})));

        INDArray masked = graph.output(false, new INDArray[] {padded}, new INDArray[] {Emojify.paddingMask(padded)})[0];
        assertAllClose(alone, masked, 1e-6, 1e-6);
        INDArray read = graph.outputSingle(false, padded);
        assertTrue(read.sub(alone).amaxNumber().doubleValue() > 1e-3, read + " vs " + alone);
    }
}
