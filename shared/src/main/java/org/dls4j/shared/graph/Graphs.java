package org.dls4j.shared.graph;

import java.io.File;
import java.io.IOException;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Where the project's {@link ComputationGraph}s come from: built, restored, copied or rebuilt for transfer learning,
 * each on the fast path ({@link FastPath}: its layer helpers installed), since DL4J makes the layer objects anew each time.
 */
public final class Graphs {

    private Graphs() {
    }

    /** A new graph of {@code conf}, initialised, on the fast path. */
    public static ComputationGraph initialized(ComputationGraphConfiguration conf) {
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return onFastPath(graph);
    }

    /** The graph saved in {@code file} (with its updater state), on the fast path. */
    public static ComputationGraph restored(File file) throws IOException {
        return onFastPath(ModelSerializer.restoreComputationGraph(file, true));
    }

    /** A copy of {@code graph} (parameters, updater state, configuration), on the fast path. */
    public static ComputationGraph copied(ComputationGraph graph) {
        return onFastPath(graph.clone());
    }

    /**
     * {@code graph} itself with the helpers installed into its current layer objects: for a graph made elsewhere,
     * such as {@code TransferLearning.GraphBuilder.build()}.
     */
    public static ComputationGraph onFastPath(ComputationGraph graph) {
        FastPath.install(graph);
        return graph;
    }
}
