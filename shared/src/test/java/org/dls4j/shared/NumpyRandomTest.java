package org.dls4j.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dls4j.shared.data.text.CharCorpus;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every vector of {@code numpy-rng-vectors.json} (a test resource beside this class, produced by numpy itself with
 * {@code numpy-rng-vectors.py}), compared bit for bit.
 */
class NumpyRandomTest {

    private static JsonNode vectors;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = NumpyRandomTest.class.getResourceAsStream("numpy-rng-vectors.json")) {
            if (in == null) {
                throw new IllegalStateException("The test resource org/dls4j/shared/numpy-rng-vectors.json is not on"
                        + " the classpath; regenerate it with numpy-rng-vectors.py beside it.");
            }
            vectors = new ObjectMapper().readTree(in);
        }
    }

    static Stream<Arguments> seeds() throws IOException {
        load();
        List<Arguments> out = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = vectors.get("per_seed").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(Arguments.of(Long.parseLong(e.getKey()), e.getValue()));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void perSeedVectors(long seed, JsonNode expected) {
        NumpyRandom rng = new NumpyRandom(seed);
        long[] raw = new long[5];
        for (int i = 0; i < 5; i++) {
            raw[i] = rng.nextUInt32();
        }
        assertArrayEquals(longs(expected.get("mt19937_first5_uint32")), raw, "mt19937_first5_uint32");

        rng.seed(seed);
        double[] uniforms = IntStream.range(0, 10).mapToDouble(i -> rng.randomSample()).toArray();
        assertBitsEqual(hexDoubles(expected.get("random_sample_10_hex")), uniforms, "random_sample_10");

        rng.seed(seed);
        assertBitsEqual(hexDoubles(expected.get("randn_10_hex")), rng.randn(10).toDoubleVector(), "randn_10");

        rng.seed(seed);
        assertArrayEquals(longs(expected.get("randint_0_100_x10")), rng.randint(0, 100, 10), "randint array");
        rng.seed(seed);
        long[] scalarCalls = new long[10];
        for (int i = 0; i < 10; i++) {
            scalarCalls[i] = rng.randint(0, 100);
        }
        assertArrayEquals(longs(expected.get("randint_0_100_x10_scalar_calls")), scalarCalls, "randint scalar");

        rng.seed(seed);
        assertArrayEquals(ints(expected.get("permutation_10")), rng.permutation(10), "permutation_10");
        rng.seed(seed);
        assertArrayEquals(ints(expected.get("permutation_37")), rng.permutation(37), "permutation_37");
        rng.seed(seed);
        int[] arange = IntStream.range(0, 15).toArray();
        rng.shuffle(arange);
        assertArrayEquals(ints(expected.get("shuffle_arange_15")), arange, "shuffle_arange_15");

        rng.seed(seed);
        INDArray w = rng.randn(3, 4).muli(0.01);
        assertEquals(DataType.DOUBLE, w.dataType());
        assertArrayEquals(new long[] {3, 4}, w.shape());
        assertBitsEqual(hexDoubles(expected.get("randn_3x4_times_0.01_hex")), w.ravel().toDoubleVector(),
                "randn(3, 4) * 0.01");

        rng.seed(seed);
        INDArray u = rng.rand(3, 4);
        assertBitsEqual(flatten(expected.get("rand_3x4")), u.ravel().toDoubleVector(), "rand(3, 4)");

        rng.seed(seed);
        INDArray mask = rng.rand(2, 5).lt(0.8).castTo(DataType.DOUBLE);
        assertBitsEqual(flatten(expected.get("rand_2x5_lt_0.8_as_int")), mask.ravel().toDoubleVector(),
                "rand(2, 5) < 0.8");
    }

    @Test
    void gaussianCacheSurvivesRandCalls() {
        JsonNode a = vectors.get("seed1_interleave_randn2_rand3_randn3");
        NumpyRandom rng = new NumpyRandom(1);
        assertBitsEqual(hexDoubles(a.get("randn2_hex")), rng.randn(2).toDoubleVector(), "randn(2)");
        assertBitsEqual(hexDoubles(a.get("rand3_hex")), rng.rand(3).toDoubleVector(), "rand(3)");
        assertBitsEqual(hexDoubles(a.get("randn3_hex")), rng.randn(3).toDoubleVector(), "randn(3)");

        JsonNode b = vectors.get("seed1_interleave_randn3_rand2_randn2");
        rng.seed(1);
        assertBitsEqual(hexDoubles(b.get("randn3_hex")), rng.randn(3).toDoubleVector(), "randn(3)");
        assertBitsEqual(hexDoubles(b.get("rand2_hex")), rng.rand(2).toDoubleVector(), "rand(2)");
        assertBitsEqual(hexDoubles(b.get("randn2_hex")), rng.randn(2).toDoubleVector(), "randn(2)");
    }

    @Test
    void seedClearsTheCachedGaussian() {
        NumpyRandom rng = new NumpyRandom(1);
        rng.standardNormal(); // leaves its twin cached
        rng.seed(1);
        assertEquals(1.6243453636632417, rng.standardNormal());
    }

    @Test
    void oneMillionNormalsMatchNumpysChecksum() {
        JsonNode expected = vectors.get("seed0_randn_1e6");
        NumpyRandom rng = new NumpyRandom(0);
        double[] values = new double[1_000_000];
        double sequentialSum = 0.0;
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.standardNormal();
            sequentialSum += values[i];
        }
        assertBitsEqual(hexDoubles(expected, "value_at_500000_hex", "value_at_999999_hex", "sequential_left_to_right_sum_hex"),
                new double[] {values[500_000], values[999_999], sequentialSum}, "values 500000, 999999 and the sum");
        assertEquals(expected.get("sha256_of_little_endian_float64_bytes").asText(), sha256(values));
    }

    @Test
    void oneMillionUniformsMatchNumpysChecksum() {
        JsonNode expected = vectors.get("seed0_random_sample_1e6");
        NumpyRandom rng = new NumpyRandom(0);
        double[] values = new double[1_000_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.randomSample();
        }
        assertBitsEqual(hexDoubles(expected, "value_at_999999_hex"), new double[] {values[999_999]}, "value 999999");
        assertEquals(expected.get("sha256_of_little_endian_float64_bytes").asText(), sha256(values));
    }

    @Test
    void permutationOfOneHundredThousandMatchesNumpysChecksum() {
        JsonNode expected = vectors.get("seed0_permutation_100000");
        int[] perm = new NumpyRandom(0).permutation(100_000);
        int[] first10 = new int[10];
        System.arraycopy(perm, 0, first10, 0, 10);
        assertArrayEquals(ints(expected.get("first10")), first10);
        ByteBuffer buf = ByteBuffer.allocate(perm.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : perm) {
            buf.putLong(v);
        }
        assertEquals(expected.get("sha256_of_little_endian_int64_bytes").asText(), sha256(buf.array()));
    }

    @Test
    void assignmentSpecificVectors() {
        JsonNode a = vectors.get("assignment_specific");
        assertArrayEquals(ints(a.get("seed0_permutation_148_first20")), first(new NumpyRandom(0).permutation(148), 20));
        for (int seed : new int[] {11, 12, 13}) {
            assertArrayEquals(ints(a.get("seed" + seed + "_permutation_300_first20")),
                    first(new NumpyRandom(seed).permutation(300), 20), "seed " + seed);
        }
        assertBitsEqual(flatten(a.get("seed1_rand_2x5")), new NumpyRandom(1).rand(2, 5).ravel().toDoubleVector(),
                "seed1 rand(2, 5)");
        assertBitsEqual(flatten(a.get("seed1_rand_2x5_lt_0.7")),
                new NumpyRandom(1).rand(2, 5).lt(0.7).castTo(DataType.DOUBLE).ravel().toDoubleVector(), "< 0.7");
        assertBitsEqual(flatten(a.get("seed2_randn_4x2_times_0.01")),
                new NumpyRandom(2).randn(4, 2).muli(0.01).ravel().toDoubleVector(), "seed2 randn(4, 2) * 0.01");
        double[] r = new NumpyRandom(1).randn(200).toDoubleVector();
        double[] expected = doubles(a.get("seed1_randn_200_first5_and_last"));
        assertBitsEqual(expected, new double[] {r[0], r[1], r[2], r[3], r[4], r[199]}, "seed1 randn(200)");
    }

    @Test
    void choiceWithProbabilitiesDrawsOneUniformAndSearchesTheCdf() {
        double[] p = {0.1, 0.2, 0.3, 0.4};
        NumpyRandom a = new NumpyRandom(0);
        NumpyRandom b = new NumpyRandom(0);
        for (int i = 0; i < 1000; i++) {
            double u = b.randomSample();
            int expected = u < 0.1 ? 0 : u < 0.30000000000000004 ? 1 : u < 0.6000000000000001 ? 2 : 3;
            assertEquals(expected, a.choice(4, p), "draw " + i + " (u = " + u + ")");
        }
    }

    @Test
    void choiceMatchesNumpy() {
        // np.random.seed(0); [np.random.choice(4, p=[.1, .2, .3, .4]) for _ in range(20)]
        int[] expectedWeighted = {2, 3, 3, 2, 2, 3, 2, 3, 3, 2, 3, 2, 2, 3, 0, 0, 0, 3, 3, 3};
        NumpyRandom rng = new NumpyRandom(0);
        assertArrayEquals(expectedWeighted,
                IntStream.range(0, 20).map(i -> rng.choice(4, new double[] {.1, .2, .3, .4})).toArray());
        // np.random.seed(1); [np.random.choice(27, p=np.ones(27) / 27) for _ in range(10)]
        double[] uniformP = new double[27];
        Arrays.fill(uniformP, 1.0 / 27);
        rng.seed(1);
        assertArrayEquals(new int[] {11, 19, 0, 8, 3, 2, 5, 9, 10, 14},
                IntStream.range(0, 10).map(i -> rng.choice(27, uniformP)).toArray());
        // np.random.seed(3); [np.random.choice(27) for _ in range(10)]
        rng.seed(3);
        assertArrayEquals(new int[] {10, 24, 25, 3, 24, 8, 0, 21, 19, 10},
                IntStream.range(0, 10).map(i -> rng.choice(27)).toArray());
    }

    @Test
    void multinomialMatchesNumpy() {
        // np.random.seed(0); [np.argmax(np.random.multinomial(1, [.1, .2, .3, .4])) for _ in range(20)]
        NumpyRandom rng = new NumpyRandom(0);
        double[] p = {.1, .2, .3, .4};
        assertArrayEquals(new int[] {2, 2, 1, 0, 1, 2, 3, 1, 1, 2, 3, 0, 3, 3, 2, 1, 3, 2, 3, 3},
                IntStream.range(0, 20).map(i -> argMax(rng.multinomial(1, p))).toArray());
        // np.random.seed(1); [np.random.multinomial(5, [.1, .2, .3, .4]) for _ in range(4)]
        rng.seed(1);
        assertArrayEquals(new int[][] {{0, 2, 0, 3}, {0, 0, 1, 4}, {0, 1, 1, 3}, {0, 1, 2, 2}},
                IntStream.range(0, 4).mapToObj(i -> rng.multinomial(5, p)).toArray(int[][]::new));
        // a zero probability draws nothing: seed(2); multinomial(3, [0, .7, .3]); multinomial(1, [0, 0, 1]); rand()
        rng.seed(2);
        assertArrayEquals(new int[] {0, 2, 1}, rng.multinomial(3, new double[] {0, .7, .3}));
        assertArrayEquals(new int[] {0, 0, 1}, rng.multinomial(1, new double[] {0, 0, 1}));
        assertEquals(0.025926231827891333, rng.randomSample());
        rng.seed(2);
        assertArrayEquals(new int[] {0, 3, 0}, rng.multinomial(3, new double[] {.1, .6, .3}));
        assertEquals(0.5496624778787091, rng.randomSample());
        // Shakespeare's sample(): p = exp(linspace(-3, 2, 38)), normalised; seed(4);
        // [np.random.choice(38, p=np.random.multinomial(1, p, 1).ravel()) for _ in range(10)]
        double[] softmax = IntStream.range(0, 38).mapToDouble(i -> Math.exp(-3 + 5.0 * i / 37)).toArray();
        double total = Arrays.stream(softmax).sum();
        double[] normalised = Arrays.stream(softmax).map(v -> v / total).toArray();
        rng.seed(4);
        assertArrayEquals(new int[] {31, 37, 32, 29, 30, 34, 35, 36, 36, 37}, IntStream.range(0, 10)
                .map(i -> rng.choice(38, Arrays.stream(rng.multinomial(1, normalised)).asDoubleStream()
                        .toArray())).toArray());
        assertThrows(IllegalArgumentException.class, () -> rng.multinomial(1, new double[] {0.7, 0.7, 0}));
        assertThrows(IllegalArgumentException.class, () -> rng.multinomial(1, new double[] {Double.NaN, 1}));
        assertThrows(UnsupportedOperationException.class, () -> rng.multinomial(1000, p));
    }

    private static int argMax(int[] counts) {
        int best = 0;
        for (int i = 1; i < counts.length; i++) {
            best = counts[i] > counts[best] ? i : best;
        }
        return best;
    }

    @Test
    void choiceAndShuffleMatchTheDinosaurIslandVectors() {
        // expected-c4-c5.md 1.1: seed(k); choice(range(4), p=[.1, .2, .3, .4]) for k = 0..4
        NumpyRandom rng = new NumpyRandom(0);
        int[] drawn = IntStream.range(0, 5).map(k -> {
            rng.seed(k);
            return rng.choice(4, new double[] {.1, .2, .3, .4});
        }).toArray();
        assertArrayEquals(new int[] {2, 2, 2, 2, 3}, drawn);
        // seed(0); shuffle(examples) of the 1536 dinosaur names
        List<String> names = new ArrayList<>(CharCorpus.dinos().lines());
        rng.seed(0);
        rng.shuffle(names);
        assertEquals(List.of("turiasaurus", "pandoravenator", "ilokelesia", "chubutisaurus", "quaesitosaurus",
                "orthomerus", "selimanosaurus", "thecocoelurus"), names.subList(0, 8));
        assertEquals(List.of("sellosaurus", "gongpoquansaurus", "jinzhousaurus"), names.subList(1533, 1536));
    }

    @Test
    void uniformAndNormalMatchNumpy() {
        // np.random.seed(42); np.random.uniform(-1, 2); np.random.normal(3, 2)
        NumpyRandom rng = new NumpyRandom(42);
        assertEquals(0.12362035654208747, rng.uniform(-1, 2));
        assertEquals(0.7762397639061591, rng.normal(3, 2));
    }

    @Test
    void choiceValidatesProbabilitiesLikeNumpy() {
        NumpyRandom rng = new NumpyRandom(0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rng.choice(3, new double[] {0.5, 0.5}))
                .getMessage().contains("same size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rng.choice(2, new double[] {0.5, 0.6}))
                .getMessage().contains("do not sum to 1"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rng.choice(2, new double[] {1.5, -0.5}))
                .getMessage().contains("non-negative"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> rng.choice(2, new double[] {Double.NaN, 1}))
                .getMessage().contains("NaN"));
        assertThrows(IllegalArgumentException.class, () -> rng.choice(0));
        // A failed validation consumed nothing: the stream still starts where seed 0 starts.
        assertEquals(0.5488135039273248, rng.randomSample());
    }

    @Test
    void choiceWithoutProbabilitiesIsRandint() {
        NumpyRandom a = new NumpyRandom(3);
        NumpyRandom b = new NumpyRandom(3);
        for (int i = 0; i < 100; i++) {
            assertEquals(b.randint(0, 27), a.choice(27));
        }
    }

    @Test
    void shuffleOfAListMatchesShuffleOfAnIndexArray() {
        List<String> words = new ArrayList<>(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"));
        new NumpyRandom(0).shuffle(words);
        int[] perm = new NumpyRandom(0).permutation(10);
        for (int i = 0; i < 10; i++) {
            assertEquals(String.valueOf((char) ('a' + perm[i])), words.get(i));
        }
    }

    @Test
    void rejectsSeedsNumpyRejects() {
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(-1));
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandom(1L << 32));
        double first = new NumpyRandom(4294967295L).randomSample();
        assertTrue(first >= 0 && first < 1);
    }

    private static void assertBitsEqual(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToLongBits(expected[i]) != Double.doubleToLongBits(actual[i])) {
                throw new AssertionError(what + "[" + i + "]: expected " + Double.toHexString(expected[i]) + " ("
                        + expected[i] + ") but was " + Double.toHexString(actual[i]) + " (" + actual[i] + ")");
            }
        }
    }

    private static double[] hexDoubles(JsonNode node) {
        double[] out = new double[node.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.parseDouble(node.get(i).asText());
        }
        return out;
    }

    private static double[] hexDoubles(JsonNode node, String... keys) {
        double[] out = new double[keys.length];
        for (int i = 0; i < keys.length; i++) {
            out[i] = Double.parseDouble(node.get(keys[i]).asText());
        }
        return out;
    }

    private static Stream<JsonNode> elements(JsonNode node) {
        return StreamSupport.stream(node.spliterator(), false);
    }

    private static double[] doubles(JsonNode node) {
        return elements(node).mapToDouble(JsonNode::asDouble).toArray();
    }

    private static double[] flatten(JsonNode rows) {
        List<Double> out = new ArrayList<>();
        rows.forEach(row -> row.forEach(v -> out.add(v.asDouble())));
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static long[] longs(JsonNode node) {
        return elements(node).mapToLong(JsonNode::asLong).toArray();
    }

    private static int[] ints(JsonNode node) {
        return elements(node).mapToInt(JsonNode::asInt).toArray();
    }

    private static int[] first(int[] a, int n) {
        int[] out = new int[n];
        System.arraycopy(a, 0, out, 0, n);
        return out;
    }

    private static String sha256(double[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            buf.putDouble(v);
        }
        return sha256(buf.array());
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
