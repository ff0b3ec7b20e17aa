package org.dls4j.shared.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** TensorFlow.js manifests and shards: float32, int32 and quantized tensors, and what a broken pair says. */
class TfjsWeightsTest {

    @TempDir
    Path folder;

    private Path model(String weights, byte[] shard) throws IOException {
        Files.write(folder.resolve("m.bin"), shard);
        return Files.writeString(folder.resolve("m-weights_manifest.json"),
                "[{\"paths\": [\"m.bin\"], \"weights\": [" + weights + "]}]");
    }

    private static byte[] bytes(int size, Consumer<ByteBuffer> fill) {
        ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        fill.accept(buffer);
        return buffer.array();
    }

    @Test
    void readsFloatIntegerAndQuantizedTensorsInFileOrder() throws IOException {
        byte[] shard = bytes(8 + 4 + 3, b -> {
            b.putFloat(1.5f).putFloat(-2.25f);
            b.putInt(7);
            b.put((byte) 0).put((byte) 10).put((byte) 255);
        });
        Path manifest = model("{\"name\": \"a\", \"shape\": [2, 1], \"dtype\": \"float32\"},"
                + "{\"name\": \"n\", \"shape\": [], \"dtype\": \"int32\"},"
                + "{\"name\": \"q\", \"shape\": [3], \"dtype\": \"float32\","
                + " \"quantization\": {\"dtype\": \"uint8\", \"scale\": 0.5, \"min\": -1.0}}", shard);
        TfjsWeights weights = TfjsWeights.read(manifest);
        assertArrayEquals(new long[] {2, 1}, weights.get("a").shape());
        assertArrayEquals(new float[] {1.5f, -2.25f}, weights.get("a").data().asFloat());
        assertEquals(7, weights.get("n").getInt(0));
        // q * scale + min: 0 -> -1, 10 -> 4, 255 -> 126.5
        assertArrayEquals(new float[] {-1f, 4f, 126.5f}, weights.get("q").toFloatVector());
        assertEquals(List.of("a", "n", "q"), List.copyOf(weights.tensors().keySet()));
    }

    @Test
    void aShardShorterOrLongerThanTheManifestIsRefused() throws IOException {
        String weights = "{\"name\": \"a\", \"shape\": [3], \"dtype\": \"float32\"}";
        DataException shorter = assertThrows(DataException.class,
                () -> TfjsWeights.read(model(weights, new byte[8])));
        assertTrue(shorter.getMessage().contains("'a' (3 values)"), shorter.getMessage());
        DataException longer = assertThrows(DataException.class,
                () -> TfjsWeights.read(model(weights, new byte[16])));
        assertTrue(longer.getMessage().contains("4 bytes more"), longer.getMessage());
    }

    @Test
    void aMissingShardOrTensorIsNamed() throws IOException {
        Path manifest = model("{\"name\": \"a\", \"shape\": [1], \"dtype\": \"float32\"}", new byte[4]);
        Files.delete(folder.resolve("m.bin"));
        DataException missing = assertThrows(DataException.class, () -> TfjsWeights.read(manifest));
        assertTrue(missing.getMessage().contains("m.bin"), missing.getMessage());
        Files.write(folder.resolve("m.bin"), new byte[4]);
        DataException absent = assertThrows(DataException.class, () -> TfjsWeights.read(manifest).get("b"));
        assertTrue(absent.getMessage().contains("'b'"), absent.getMessage());
        DataException shape = assertThrows(DataException.class, () -> TfjsWeights.read(manifest).get("a", 2));
        assertTrue(shape.getMessage().contains("[2]") && shape.getMessage().contains("[1]"), shape.getMessage());
    }

    /** The real tiny face detector: 19 tensors, its first filter dequantized from the first byte of the shard. */
    @Test
    void readsTheRealTinyFaceDetector() throws IOException {
        Path manifest = SharedData.require("faceapi/tiny_face_detector_model-weights_manifest.json");
        TfjsWeights weights = TfjsWeights.read(manifest);
        assertEquals(19, weights.tensors().size());
        INDArray filters = weights.get("conv0/filters", 3, 3, 3, 16);
        int firstByte = Files.readAllBytes(manifest.resolveSibling("tiny_face_detector_model.bin"))[0] & 0xFF;
        var quantization = new ObjectMapper().readTree(manifest.toFile())
                .get(0).get("weights").get(0).get("quantization");
        assertEquals((float) (firstByte * quantization.get("scale").asDouble() + quantization.get("min").asDouble()),
                filters.getFloat(0), 0f);
    }
}
