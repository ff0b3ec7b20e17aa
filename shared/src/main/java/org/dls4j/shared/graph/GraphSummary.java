package org.dls4j.shared.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.impl.PreprocessorVertex;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Keras' {@code model.summary()} for a DL4J graph: one row per vertex in topological order with its type, output
 * shape (batch dimension {@code None}), parameter count and inputs, then the totals, where "non-trainable" means
 * what Keras means: batch norm's moving mean and variance, and frozen layers.
 * <pre>
 * Layer (type)                        Output Shape            Param #   Connected to
 * =======================================================================================
 * conv0 (ConvolutionLayer)            (None, 32, 64, 64)      4,736     zero_padding2d
 * ...
 * Total params: 37,633
 * Trainable params: 37,569
 * Non-trainable params: 64
 * </pre>
 * DL4J's own {@code ComputationGraph.summary()} prints more columns (nIn, nOut, parameter shapes) and counts the
 * moving averages as trainable; this is the table the notebooks show. Output shapes come from one forward pass of a
 * batch of one zero example, so they are the shapes the graph really produces (channels first).
 */
public final class GraphSummary {

    private static final Set<String> MOVING_AVERAGES = Set.of(BatchNormalizationParamInitializer.GLOBAL_MEAN,
            BatchNormalizationParamInitializer.GLOBAL_VAR, BatchNormalizationParamInitializer.GLOBAL_LOG_STD);

    /** One vertex: name, type, output shape without the batch dimension, parameters, trainable parameters, inputs. */
    public record Row(String name, String type, long[] outputShape, long params, long trainable, List<String> inputs) {
    }

    private final List<Row> rows;

    private GraphSummary(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    /**
     * The summary of a graph with one input, whose examples have shape {@code exampleShape} (e.g. {@code 3, 64, 64}
     * for channels-first pictures).
     */
    public static GraphSummary of(ComputationGraph graph, long... exampleShape) {
        long[] batchShape = new long[exampleShape.length + 1];
        batchShape[0] = 1;
        System.arraycopy(exampleShape, 0, batchShape, 1, exampleShape.length);
        INDArray zeros = Nd4j.zeros(graph.getConfiguration().getDataType(), batchShape);
        Map<String, INDArray> activations = graph.feedForward(zeros, false);
        Map<String, List<String>> inputs = graph.getConfiguration().getVertexInputs();
        List<Row> rows = new ArrayList<>();
        for (int index : graph.topologicalSortOrder()) {
            GraphVertex vertex = graph.getVertices()[index];
            String name = vertex.getVertexName();
            INDArray out = activations.get(name);
            long[] shape = out == null ? new long[0] : Arrays.copyOfRange(out.shape(), 1, out.rank());
            long params = 0;
            long trainable = 0;
            String type;
            if (vertex.hasLayer()) {
                Layer layer = vertex.getLayer();
                type = layer.conf().getLayer().getClass().getSimpleName();
                params = layer.numParams();
                trainable = layer instanceof FrozenLayer || layer instanceof FrozenLayerWithBackprop ? 0
                        : trainable(layer);
            } else if (vertex instanceof PreprocessorVertex preprocessor) {
                type = preprocessor.getPreProcessor().getClass().getSimpleName();
            } else {
                type = vertex.getClass().getSimpleName().replace("Vertex", "") + (vertex.isInputVertex() ? "Layer"
                        : "");
            }
            rows.add(new Row(name, type, shape, params, trainable, inputs.getOrDefault(name, List.of())));
        }
        return new GraphSummary(rows);
    }

    private static long trainable(Layer layer) {
        return layer.paramTable().entrySet().stream().filter(e -> !MOVING_AVERAGES.contains(e.getKey()))
                .mapToLong(e -> e.getValue().length()).sum();
    }

    public List<Row> rows() {
        return rows;
    }

    public long totalParams() {
        return rows.stream().mapToLong(Row::params).sum();
    }

    public long trainableParams() {
        return rows.stream().mapToLong(Row::trainable).sum();
    }

    public long nonTrainableParams() {
        return totalParams() - trainableParams();
    }

    /** The table, Keras' columns and totals. */
    public String table() {
        String format = "%-40s %-22s %-12s %s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, format, "Layer (type)", "Output Shape", "Param #", "Connected to"));
        lines.add("=".repeat(100));
        for (Row row : rows) {
            String shape = "(None" + Arrays.stream(row.outputShape()).mapToObj(d -> ", " + d)
                    .collect(Collectors.joining()) + ")";
            lines.add(String.format(Locale.ROOT, format, row.name() + " (" + row.type() + ")", shape,
                    String.format(Locale.ROOT, "%,d", row.params()), String.join(", ", row.inputs())).stripTrailing());
        }
        lines.add("=".repeat(100));
        lines.add(String.format(Locale.ROOT, "Total params: %,d", totalParams()));
        lines.add(String.format(Locale.ROOT, "Trainable params: %,d", trainableParams()));
        lines.add(String.format(Locale.ROOT, "Non-trainable params: %,d", nonTrainableParams()));
        return String.join("\n", lines);
    }
}
