package org.dls4j.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class NumpyFormatTest {

    @ParameterizedTest(name = "repr({0}) = {1}")
    @CsvSource({
        "0.1, 0.1", "1e-5, 1e-05", "1e16, 1e+16", "1e15, 1000000000000000.0", "99.04306220095694, 99.04306220095694",
        "70.0, 70.0", "0.0001, 0.0001", "123456789012345678.0, 1.2345678901234568e+17", "-2.5e-7, -2.5e-07",
        "4.9e-324, 5e-324", "1.7976931348623157e308, 1.7976931348623157e+308", "0.0, 0.0", "-0.0, -0.0",
        "0.6931471805599453, 0.6931471805599453"})
    void reprMatchesPython(double x, String expected) {
        assertEquals(expected, NumpyFormat.repr(x));
    }

    @Test
    void fixed6MatchesPercentF() {
        assertEquals("0.584508", NumpyFormat.fixed6(0.5845083636993086));
        assertEquals("0.693147", NumpyFormat.fixed6(0.6931471805599453));
        assertEquals("inf", NumpyFormat.fixed6(Double.POSITIVE_INFINITY));
        assertEquals("nan", NumpyFormat.fixed6(Double.NaN));
    }

    static Stream<Arguments> numpyCases() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        ObjectMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(NumpyFormatTest.class.getResourceAsStream("numpy-format-cases.jsonl")),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode node = json.readTree(line);
                long[] shape = new long[node.get(1).size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = node.get(1).get(i).asLong();
                }
                double[] values = new double[node.get(2).size()];
                for (int i = 0; i < values.length; i++) {
                    JsonNode v = node.get(2).get(i);
                    values[i] = v.asDouble();
                }
                cases.add(Arguments.of(node.get(0).asText(), shape, values, node.get(3).asText()));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("numpyCases")
    void arrayMatchesNumpysStr(String name, long[] shape, double[] values, String expected) {
        assertEquals(expected, NumpyFormat.array(Nd4j.create(values, shape, 'c')));
    }

    /** numpy's BoolFormat: {@code " True"} beside {@code "False"}, wrapped at 75 characters; a 0-d array bare. */
    @Test
    void booleanArraysPrintTrueAndFalse() {
        assertEquals("[[ True False False]\n [False False False]]",
                NumpyFormat.array(Nd4j.create(new double[] {1, 0, 0, 0, 0, 0}, new long[] {2, 3}, 'c')
                        .castTo(DataType.BOOL)));
        assertEquals("[ True  True]", NumpyFormat.array(Nd4j.create(new double[] {1, 1}, new long[] {2}, 'c')
                .castTo(DataType.BOOL)));
        assertEquals("True", NumpyFormat.array(Nd4j.scalar(true)));
        assertEquals("[ True  True  True  True  True  True  True  True  True  True  True  True\n"
                + "  True  True  True  True  True  True  True  True  True  True  True  True\n"
                + "  True  True  True  True  True  True]",
                NumpyFormat.array(Nd4j.ones(30).castTo(DataType.BOOL)));
    }
}
