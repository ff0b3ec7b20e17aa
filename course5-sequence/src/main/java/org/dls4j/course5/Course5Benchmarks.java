package org.dls4j.course5;

import org.dls4j.course5.week2.Emojify;
import org.dls4j.course5.week2.EmojifyV2Graph;
import org.dls4j.shared.bench.BenchmarkSuite;
import org.dls4j.shared.bench.GraphWorkloads;
import org.dls4j.shared.bench.Workload;
import org.dls4j.shared.data.text.EmojifyData;
import org.dls4j.shared.data.text.GloveVectors;
import org.dls4j.shared.train.NotebookMiniBatches;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Course 5's benchmark cases ({@code ./dls bench list}) beside PyTorch ({@code bench/peers/framework.py}):
 * {@code emojify-v2}, one Adam step of week 2's Emojifier-V2 as the assignment builds it (frozen embedding of the
 * GloVe vectors it loads, two LSTMs of 128 over 10 words, dense 5) on its first shuffled batch of 32 training
 * sentences, with their padding masks.
 */
public final class Course5Benchmarks implements BenchmarkSuite {

    /** Keras' batch_size in the notebook. */
    static final int BATCH = 32;

    @Override
    public Workload setUp(String name) {
        if (!name.equals("emojify-v2")) {
            throw new IllegalArgumentException("Course 5 has no benchmark case '" + name + "'");
        }
        GloveVectors glove = GloveVectors.load();
        EmojifyData.Sentences train = EmojifyData.train();
        int maxLen = train.maxWords();
        DataSet all = Emojify.dataSet(train, glove.wordToIndex(), maxLen);
        DataSet batch = new NotebookMiniBatches(all.getFeatures(), all.getFeaturesMaskArray(), all.getLabels(), BATCH,
                1, DataType.FLOAT).epochBatches(0).get(0);
        return GraphWorkloads.fitOneBatch(EmojifyV2Graph.graph(glove.embeddingMatrix(), maxLen, 1, 0.001), batch, 300,
                30);
    }
}
