package org.dls4j.course4.week4;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.graph.GraphSummary;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** FaceNet nn4.small2 (reference section 6.2): the graph's size and shapes, and its OpenFace CSV files. */
class FaceNetGraphTest {

    /** The five files no public copy has (reference 6.2 (d), datasets MANIFEST "Missing"). */
    static final Set<String> NOT_PUBLIC = Set.of("inception_3c_3x3_conv2_w.csv", "inception_4e_3x3_conv2_w.csv",
            "inception_5a_3x3_conv2_w.csv", "inception_5a_1x1_conv_w.csv", "inception_5b_3x3_conv2_w.csv");

    static ComputationGraph graph;
    static List<OpenFaceWeights.WeightFile> layout;

    @BeforeAll
    static void build() {
        graph = FaceNetGraph.build(1);
        layout = OpenFaceWeights.layout(graph);
    }

    /** FRmodel.count_params(): 3,743,280 (9,312 of them the 4,656 batch-norm channels' moving averages). */
    @Test
    void hasTheNotebooksParameterCount() {
        assertEquals(FaceNetGraph.PARAMETERS, graph.numParams());
        GraphSummary summary = GraphSummary.of(graph, 3, 96, 96);
        assertEquals(3_743_280, summary.totalParams());
        assertEquals(9_312, summary.nonTrainableParams());
        Map<String, GraphSummary.Row> rows = summary.rows().stream()
                .collect(Collectors.toMap(GraphSummary.Row::name, r -> r));
        assertArrayEquals(new long[] {192, 12, 12}, rows.get("max_pooling2d_2").outputShape());
        assertArrayEquals(new long[] {256, 12, 12}, rows.get("inception_3a").outputShape());
        assertArrayEquals(new long[] {320, 12, 12}, rows.get("inception_3b").outputShape());
        assertArrayEquals(new long[] {640, 6, 6}, rows.get("inception_3c").outputShape());
        assertArrayEquals(new long[] {640, 6, 6}, rows.get("inception_4a").outputShape());
        assertArrayEquals(new long[] {1024, 3, 3}, rows.get("inception_4e").outputShape());
        assertArrayEquals(new long[] {736, 3, 3}, rows.get("inception_5a").outputShape());
        assertArrayEquals(new long[] {736, 3, 3}, rows.get("inception_5b").outputShape());
        assertEquals(94_336, rows.get("dense_layer").params());
    }

    /** A forward pass gives (m, 128) rows of unit length, whatever the weights. */
    @Test
    void encodingsAreUnitRows() {
        INDArray pictures = Nd4j.rand(DataType.FLOAT, 2, 3, 96, 96);
        INDArray encodings = graph.output(false, pictures)[0];
        assertArrayEquals(new long[] {2, 128}, encodings.shape());
        INDArray norms = encodings.norm2(1);
        assertEquals(1.0, norms.getDouble(0), 1e-5);
        assertEquals(1.0, norms.getDouble(1), 1e-5);
    }

    /**
     * The 224 files load_weights_from_FaceNet reads: every one of the 219 here holds exactly its layer's number of
     * values; the 5 others are the MANIFEST's missing ones; the folder's 2 further files are copies of bn1's.
     */
    @Test
    void everyCsvHereMatchesItsLayer() throws IOException {
        assertEquals(224, layout.size());
        Path folder = DataFiles.standard().require(OpenFaceWeights.FOLDER + "/conv1_w.csv").getParent();
        Set<String> here;
        try (Stream<Path> files = Files.list(folder)) {
            here = files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".csv"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        assertEquals(221, here.size());
        Map<String, OpenFaceWeights.WeightFile> byFile = layout.stream()
                .collect(Collectors.toMap(OpenFaceWeights.WeightFile::file, Function.identity()));
        int matched = 0;
        for (String file : here) {
            OpenFaceWeights.WeightFile expected = byFile.get(file);
            if (expected == null) {
                assertTrue(file.equals("inception_5a_3x3_conv2_m.csv") || file.equals("inception_5a_3x3_conv2_v.csv"),
                        file);
                String twin = file.replace("conv2", "bn1");
                assertArrayEquals(Files.readAllBytes(folder.resolve(twin)), Files.readAllBytes(folder.resolve(file)));
                continue;
            }
            long values = OpenFaceWeights.values(folder.resolve(file)).length;
            assertEquals(expected.values(), values, file);
            long[] param = graph.getLayer(expected.layer()).getParam(expected.param()).shape();
            assertEquals(expected.values(), java.util.Arrays.stream(param).reduce(1, (a, b) -> a * b), file);
            matched++;
        }
        assertEquals(219, matched);
        assertEquals(NOT_PUBLIC, byFile.keySet().stream().filter(f -> !here.contains(f)).collect(Collectors.toSet()));
    }

    /** Without the five files the loader names each (with its shape), says where to put them, and reads nothing. */
    @Test
    void loaderNamesTheMissingFiles() {
        List<OpenFaceWeights.WeightFile> missing = OpenFaceWeights.missing(layout);
        if (missing.isEmpty()) {
            return;         // a learner added them: FaceRecognitionTest checks the notebook's distances instead
        }
        INDArray before = graph.params().dup();
        DataException e = assertThrows(DataException.class, () -> OpenFaceWeights.loadInto(graph));
        String message = e.getMessage();
        assertTrue(message.startsWith("FaceNet's pretrained weights are incomplete: 5 of the 224 OpenFace CSV files"),
                message);
        for (String file : NOT_PUBLIC) {
            assertTrue(message.contains("\n  " + file + " ["), file + " in " + message);
        }
        assertTrue(message.contains("inception_3c_3x3_conv2_w.csv [256, 128, 3, 3] (294,912 values)"), message);
        assertTrue(message.contains("(1,589,248 of FaceNet's 3,743,280 parameters"), message);
        assertTrue(message.contains("What to do: copy them from the course's Face Recognition folder"), message);
        assertTrue(message.contains("--encoder faceapi"), message);
        assertEquals(before, graph.params(), "nothing was loaded");
    }

    /**
     * The graph with the OpenFace weights here (the 5 missing files replaced by 0.05 sin(0.37 j)) encodes a fixed
     * picture as an independent PyTorch definition of the Keras model does ({@code facenet-peer.py} beside this
     * test): paddings, pools, batch norm epsilons, the branches' order and the dense layer's transpose.
     */
    @Test
    void matchesThePyTorchPeer() {
        ComputationGraph net = FaceNetGraph.build(3);
        OpenFaceWeights.loadInto(net, file -> OpenFaceWeights.locate(file)
                .map(csv -> OpenFaceWeights.read(csv, file.shape()))
                .orElseGet(() -> Transforms.sin(Nd4j.arange(file.values()).castTo(DataType.DOUBLE).muli(0.37), false)
                        .muli(0.05).reshape(file.shape()).castTo(DataType.FLOAT)));
        INDArray picture = Transforms.sin(Nd4j.arange(3 * 96 * 96).castTo(DataType.DOUBLE).muli(0.01), false)
                .muli(0.5).addi(0.5).reshape(1, 3, 96, 96).castTo(DataType.FLOAT);
        INDArray encoding = net.output(false, picture)[0].castTo(DataType.DOUBLE);
        double[] peer = {0.01788947917521, -0.027341734617948532, 0.04906827211380005, -0.16535307466983795,
            0.14266574382781982, 0.11184635013341904, 0.07405464351177216, -0.025405142456293106};
        for (int i = 0; i < peer.length; i++) {
            assertEquals(peer[i], encoding.getDouble(0, i), 2e-5, "encoding[" + i + "]");
        }
        assertEquals(1.6986028001847444, encoding.sumNumber().doubleValue(), 2e-4);
        assertEquals(9.187443830698612, Transforms.abs(encoding).sumNumber().doubleValue(), 2e-4);
    }

    /** A file with the wrong number of values is refused with its name, expected and found counts. */
    @Test
    void aWrongSizedFileIsRefused(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path csv = dir.resolve("bn1_w.csv");
        Files.writeString(csv, "0.5,0.25,1e-3\n");
        assertEquals(3, OpenFaceWeights.read(csv, new long[] {3}).length());
        DataException e = assertThrows(DataException.class, () -> OpenFaceWeights.read(csv, new long[] {64}));
        assertTrue(e.getMessage().contains("expected: 64 values [64]"), e.getMessage());
        assertTrue(e.getMessage().contains("found:    3 values"), e.getMessage());
        Files.writeString(csv, "0.5,abc");
        e = assertThrows(DataException.class, () -> OpenFaceWeights.read(csv, new long[] {2}));
        assertTrue(e.getMessage().contains("'abc' at position 2"), e.getMessage());
    }
}
