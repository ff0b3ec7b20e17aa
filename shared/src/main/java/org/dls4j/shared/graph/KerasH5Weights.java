package org.dls4j.shared.graph;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import org.deeplearning4j.nn.api.Layer;
import org.dls4j.shared.data.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The weights of a Keras 2 HDF5 file ({@code model.save} or {@code save_weights}), read with jHDF: for each layer of
 * {@code model_weights/@layer_names} (or the root's, for {@code save_weights}), its weights in the order of its
 * {@code weight_names} attribute, as float32 arrays of the shapes Keras stores ({@code kernel (n_in, units)},
 * {@code bias (units)}, ...), and the {@code model_config} JSON, which says how each layer computes (an LSTM's
 * {@code recurrent_activation}, for one).
 *
 * <p>Keras' LSTM keeps its four gate blocks in the order input, forget, cell candidate, output; DL4J's {@code LSTM}
 * keeps candidate, forget, output, input: {@link #lstmGatesToDl4j} reorders a kernel, recurrent kernel or bias, and
 * {@link #copyLstm} copies a whole Keras LSTM into a DL4J {@code LSTM} layer.
 */
public final class KerasH5Weights {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final String kerasVersion;
    private final JsonNode modelConfig;
    private final Map<String, Map<String, INDArray>> layers;

    private KerasH5Weights(Path file, String kerasVersion, JsonNode modelConfig,
            Map<String, Map<String, INDArray>> layers) {
        this.file = file;
        this.kerasVersion = kerasVersion;
        this.modelConfig = modelConfig;
        this.layers = layers;
    }

    /** Reads every layer's weights from {@code file}; {@code dataSet} names the data set in messages. */
    public static KerasH5Weights read(Path file, String dataSet) {
        try (HdfFile hdf = new HdfFile(file)) {
            Group root = hdf.getChildren().get("model_weights") instanceof Group g ? g : hdf;
            List<String> layerNames = strings(root.getAttribute("layer_names"));
            if (layerNames.isEmpty()) {
                throw DataException.wrongStructure(file, dataSet, "a Keras weights file (a layer_names attribute)",
                        "no layer_names");
            }
            Map<String, Map<String, INDArray>> layers = new LinkedHashMap<>();
            for (String layer : layerNames) {
                Map<String, INDArray> weights = new LinkedHashMap<>();
                Group group = (Group) root.getChild(layer);
                for (String name : strings(group.getAttribute("weight_names"))) {
                    Dataset data = (Dataset) group.getByPath(name);
                    weights.put(name.substring(name.indexOf('/') + 1), floats(data));
                }
                layers.put(layer, weights);
            }
            Object version = attribute(hdf.getAttribute("keras_version"), root.getAttribute("keras_version"));
            Object config = attribute(hdf.getAttribute("model_config"), null);
            return new KerasH5Weights(file, version == null ? "unknown" : version.toString(),
                    config == null ? null : JSON.readTree(config.toString()), layers);
        } catch (DataException e) {
            throw e;
        } catch (Exception e) {
            throw new DataException("Data set '" + dataSet + "': cannot read " + file + " as a Keras HDF5 model ("
                    + e + ").", e);
        }
    }

    private static Object attribute(Attribute first, Attribute second) {
        Attribute attribute = first != null ? first : second;
        return attribute == null ? null : attribute.getData();
    }

    private static List<String> strings(Attribute attribute) {
        if (attribute == null) {
            return List.of();
        }
        Object data = attribute.getData();     // null for a layer without weights (Keras writes an empty list)
        if (data == null) {
            return List.of();
        }
        return data instanceof String[] names ? Arrays.asList(names) : List.of(String.valueOf(data));
    }

    private static INDArray floats(Dataset data) {
        int[] dims = data.getDimensions();
        long[] shape = Arrays.stream(dims).asLongStream().toArray();
        Object flat = data.getDataFlat();
        INDArray values = flat instanceof float[] f ? Nd4j.createFromArray(f)
                : Nd4j.createFromArray((double[]) flat).castTo(DataType.FLOAT);
        return shape.length == 0 ? values.reshape() : values.reshape('c', shape);
    }

    public Path file() {
        return file;
    }

    /** The Keras version that wrote the file ({@code keras_version}). */
    public String kerasVersion() {
        return kerasVersion;
    }

    /** The layers, in the file's order (including those without weights). */
    public List<String> layerNames() {
        return new ArrayList<>(layers.keySet());
    }

    /** A layer's weights by their names without the layer prefix, e.g. {@code kernel:0}. */
    public Map<String, INDArray> weights(String layer) {
        Map<String, INDArray> weights = layers.get(layer);
        if (weights == null) {
            throw DataException.wrongStructure(file, "Keras model", "a layer '" + layer + "'", "the layers "
                    + layers.keySet());
        }
        return weights;
    }

    /**
     * One weight of {@code layer} whose name ends in {@code suffix + ":0"}, e.g. {@code "kernel"} or
     * {@code "forward_lstm_21/recurrent_kernel"}, checked against the expected shape.
     */
    public INDArray weight(String layer, String suffix, long... shape) {
        List<Map.Entry<String, INDArray>> found = weights(layer).entrySet().stream()
                .filter(e -> e.getKey().equals(suffix + ":0") || e.getKey().endsWith("/" + suffix + ":0")).toList();
        if (found.size() != 1) {
            throw DataException.wrongStructure(file, "Keras model", "one weight '" + suffix + "' in layer " + layer,
                    "the weights " + weights(layer).keySet());
        }
        INDArray value = found.get(0).getValue();
        if (!Arrays.equals(value.shape(), shape)) {
            throw DataException.wrongStructure(file, "Keras model", layer + "/" + suffix + " of shape "
                    + Arrays.toString(shape), "shape " + Arrays.toString(value.shape()));
        }
        return value;
    }

    /**
     * A setting of a layer in {@code model_config} (for a wrapper such as {@code Bidirectional}, of the layer it
     * wraps when the wrapper lacks it), e.g. {@code layerSetting("lstm_20", "recurrent_activation")}; null when the
     * file has no model config or the layer no such setting.
     */
    public String layerSetting(String layer, String key) {
        if (modelConfig == null) {
            return null;
        }
        for (JsonNode node : modelConfig.path("config").path("layers")) {
            if (layer.equals(node.path("name").asText(node.path("config").path("name").asText()))) {
                JsonNode config = node.path("config");
                JsonNode value = config.has(key) ? config.get(key) : config.path("layer").path("config").get(key);
                return value == null ? null : value.asText();
            }
        }
        return null;
    }

    /**
     * Copies the Keras LSTM weights {@code kerasPrefix + "kernel"}, {@code "recurrent_kernel"} and {@code "bias"} of
     * {@code kerasLayer} into the DL4J {@code LSTM} parameters {@code paramPrefix + "W"}, {@code "RW"} and {@code "b"}
     * of {@code lstm}, their gate blocks reordered ({@link #lstmGatesToDl4j}) and their shapes checked against the
     * layer's. The prefixes name one direction of a {@code Bidirectional} layer ({@code "forward_lstm_21/"},
     * {@code "f"}); a plain LSTM has none.
     */
    public void copyLstm(String kerasLayer, String kerasPrefix, Layer lstm, String paramPrefix) {
        long nIn = lstm.getParam(paramPrefix + "W").size(0);
        long units = lstm.getParam(paramPrefix + "RW").size(0);
        assign(lstm, paramPrefix + "W", lstmGatesToDl4j(weight(kerasLayer, kerasPrefix + "kernel", nIn, 4 * units)));
        assign(lstm, paramPrefix + "RW", lstmGatesToDl4j(weight(kerasLayer, kerasPrefix + "recurrent_kernel", units,
                4 * units)));
        assign(lstm, paramPrefix + "b", lstmGatesToDl4j(weight(kerasLayer, kerasPrefix + "bias", 4 * units)));
    }

    /** Sets a DL4J layer's parameter to {@code value} (a Keras array of the same length, e.g. a bias of shape (n)). */
    public static void assign(Layer layer, String param, INDArray value) {
        INDArray target = layer.getParam(param);
        target.assign(value.reshape(target.shape()));
    }

    /**
     * Keras' LSTM gate blocks (input, forget, candidate, output along the last axis of a {@code (rows, 4 n)} kernel
     * or a {@code (4 n)} bias) in DL4J's order (candidate, forget, output, input), as a new {@code (rows, 4 n)} or
     * {@code (1, 4 n)} array.
     */
    public static INDArray lstmGatesToDl4j(INDArray keras) {
        INDArray matrix = keras.rank() == 1 ? keras.reshape(1, keras.length()) : keras;
        long n = matrix.size(1) / 4;
        int[] kerasBlockOfDl4j = {2, 1, 3, 0};
        INDArray dl4j = Nd4j.create(matrix.dataType(), matrix.size(0), 4 * n);
        for (int block = 0; block < 4; block++) {
            long from = kerasBlockOfDl4j[block] * n;
            dl4j.get(NDArrayIndex.all(), NDArrayIndex.interval(block * n, (block + 1) * n))
                    .assign(matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(from, from + n)));
        }
        return dl4j;
    }
}
