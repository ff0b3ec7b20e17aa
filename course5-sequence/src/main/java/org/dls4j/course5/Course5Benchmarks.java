package org.dls4j.course5;

import org.dls4j.course5.week2.EmojifyV2Graph;
import org.dls4j.shared.bench.BenchmarkSuite;
import org.dls4j.shared.bench.GraphWorkloads;
import org.dls4j.shared.bench.Workload;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Course 5's benchmark cases ({@code ./dls bench list}) beside PyTorch ({@code bench/peers/framework.py}):
 * {@code lstm-emojify}, one Adam step of week 2's Emojifier-V2 (frozen 400001 x 50 embedding, two LSTMs of 128 over
 * 10 words, dense 5) on a batch of 32 sentences of random word indices.
 */
public final class Course5Benchmarks implements BenchmarkSuite {

    /** GloVe 6B's 400000 words and the padding row; the notebook's 50-d vectors; its longest sentence. */
    static final int VOCABULARY = 400_001, DIMENSIONS = 50, MAX_LEN = 10, BATCH = 32;

    @Override
    public Workload setUp(String name) {
        if (!name.equals("lstm-emojify")) {
            throw new IllegalArgumentException("Course 5 has no benchmark case '" + name + "'");
        }
        INDArray embeddings = GraphWorkloads.uniform(VOCABULARY, DIMENSIONS);
        // word indices 1 .. 400000 (0 is the padding), as floats: DL4J's embedding layers take them so
        INDArray indices = Nd4j.rand(DataType.FLOAT, BATCH, MAX_LEN).muli(VOCABULARY - 1).addi(1).castTo(DataType.INT)
                .castTo(DataType.FLOAT);
        return GraphWorkloads.fitOneBatch(EmojifyV2Graph.graph(embeddings, MAX_LEN, 1, 0.001), indices,
                EmojifyV2Graph.CLASSES, 300, 30);
    }
}
