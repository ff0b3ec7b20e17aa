package org.dls4j.shared.graph;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dls4j.shared.data.DataException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * The weights of a TensorFlow.js model: a {@code *-weights_manifest.json} and the binary shards it names, read into
 * float32 arrays by name.
 *
 * <p>The manifest is a list of groups; each group names its shard files ({@code paths}, concatenated in order) and
 * lists its tensors in file order ({@code name}, {@code shape}, {@code dtype}). A tensor with a {@code quantization}
 * entry ({@code dtype uint8} or {@code uint16}, {@code scale}, {@code min}) is stored one byte (two) per value and
 * means {@code q * scale + min}, computed in double and rounded to float32 as TensorFlow.js does ({@code int32}
 * tensors are rounded to the nearest integer); the others are little-endian float32 or int32. Shapes are
 * TensorFlow's, row-major: a convolution filter is {@code (height, width, in, out)}, a depthwise one
 * {@code (height, width, in, multiplier)}.
 */
public final class TfjsWeights {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path manifest;
    private final Map<String, INDArray> tensors;

    private TfjsWeights(Path manifest, Map<String, INDArray> tensors) {
        this.manifest = manifest;
        this.tensors = tensors;
    }

    /**
     * Reads a manifest and its shards (found next to it).
     *
     * @throws DataException when a file is missing or unreadable, or the shards hold fewer or more bytes than the
     *                       manifest describes
     */
    public static TfjsWeights read(Path manifest) {
        JsonNode groups;
        try {
            groups = JSON.readTree(manifest.toFile());
        } catch (IOException e) {
            throw new DataException("Cannot read the TensorFlow.js weights manifest " + manifest + ": " + e.getMessage()
                    + ". Check the file or fetch it again (./dls data fetch).", e);
        }
        if (groups == null || !groups.isArray()) {
            throw DataException.wrongStructure(manifest, "TensorFlow.js weights manifest", "a JSON list of groups",
                    groups == null ? "an empty file" : groups.getNodeType().toString());
        }
        Map<String, INDArray> tensors = new LinkedHashMap<>();
        for (JsonNode group : groups) {
            ByteBuffer data = shards(manifest, group.path("paths"));
            for (JsonNode weight : group.path("weights")) {
                String name = weight.path("name").asText();
                tensors.put(name, tensor(manifest, name, weight, data));
            }
            if (data.hasRemaining()) {
                throw DataException.wrongStructure(manifest, "TensorFlow.js weights", "shards holding exactly the "
                        + "listed tensors", data.remaining() + " bytes more");
            }
        }
        return new TfjsWeights(manifest, Collections.unmodifiableMap(tensors));
    }

    /** The tensor of that name, float32, in TensorFlow's shape. */
    public INDArray get(String name) {
        INDArray tensor = tensors.get(name);
        if (tensor == null) {
            throw DataException.wrongStructure(manifest, "TensorFlow.js weights", "a tensor named '" + name + "'",
                    tensors.size() + " tensors without it");
        }
        return tensor;
    }

    /** The tensor of that name, checked to have the shape a network expects. */
    public INDArray get(String name, long... shape) {
        INDArray tensor = get(name);
        if (!Arrays.equals(tensor.shape(), shape)) {
            throw DataException.wrongStructure(manifest, "TensorFlow.js weights", "'" + name + "' of shape "
                    + Arrays.toString(shape), Arrays.toString(tensor.shape()));
        }
        return tensor;
    }

    /** Every tensor by name, in file order. */
    public Map<String, INDArray> tensors() {
        return tensors;
    }

    public Path manifest() {
        return manifest;
    }

    private static ByteBuffer shards(Path manifest, JsonNode paths) {
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (JsonNode path : paths) {
            Path shard = manifest.resolveSibling(path.asText());
            try {
                byte[] bytes = Files.readAllBytes(shard);
                parts.add(bytes);
                total += bytes.length;
            } catch (IOException e) {
                throw new DataException("Cannot read " + shard + ", a weights file named by " + manifest + ": "
                        + e.getMessage() + ". Put it next to the manifest (./dls data fetch).", e);
            }
        }
        ByteBuffer all = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        parts.forEach(all::put);
        return all.flip();
    }

    private static INDArray tensor(Path manifest, String name, JsonNode weight, ByteBuffer data) {
        long[] shape = new long[weight.path("shape").size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = weight.path("shape").get(i).asLong();
            count *= shape[i];
        }
        String dtype = weight.path("dtype").asText();
        JsonNode quantization = weight.get("quantization");
        String stored = quantization == null ? dtype : quantization.path("dtype").asText();
        int width = switch (stored) {
            case "uint8" -> 1;
            case "uint16" -> 2;
            case "float32", "int32" -> 4;
            default -> throw DataException.wrongStructure(manifest, "TensorFlow.js weights", "'" + name
                    + "' stored as float32, int32, uint8 or uint16", stored);
        };
        if (data.remaining() < count * width) {
            throw DataException.wrongStructure(manifest, "TensorFlow.js weights", "'" + name + "' (" + count
                    + " values)", "only " + data.remaining() + " bytes left in the shards");
        }
        boolean integer = "int32".equals(dtype);
        double scale = quantization == null ? 1 : quantization.path("scale").asDouble();
        double min = quantization == null ? 0 : quantization.path("min").asDouble();
        float[] values = new float[(int) count];
        for (int i = 0; i < values.length; i++) {
            double value = switch (stored) {
                case "uint8" -> (data.get() & 0xFF) * scale + min;
                case "uint16" -> (data.getShort() & 0xFFFF) * scale + min;
                case "int32" -> data.getInt();
                default -> data.getFloat();
            };
            values[i] = (float) (integer ? Math.round(value) : value);
        }
        return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c').castTo(DataType.FLOAT);
    }
}
