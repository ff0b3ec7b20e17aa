package org.dls4j.shared.data.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/**
 * {@link Spectrogram} against matplotlib's {@code mlab.specgram} formula as numpy computes it
 * ({@code specgram-cases.py} beside {@code specgram-cases.json}): the course's parameters (NFFT 200, Fs 8000,
 * noverlap 120) and an odd NFFT, whose last frequency is doubled too.
 */
class SpectrogramTest {

    @Test
    void equalsNumpysSpecgramToRoundOff() throws IOException {
        JsonNode cases;
        try (InputStream in = SpectrogramTest.class.getResourceAsStream("specgram-cases.json")) {
            cases = new ObjectMapper().readTree(in);
        }
        assertEquals(2, cases.size());
        for (JsonNode c : cases) {
            int length = c.get("length").asInt();
            double[] x = new double[length];
            for (int n = 0; n < length; n++) {
                x[n] = (7L * n * n + 13L * n) % 4001 - 2000;
            }
            double[][] pxx = Spectrogram.specgram(x, c.get("nfft").asInt(), c.get("fs").asDouble(),
                    c.get("noverlap").asInt());
            JsonNode expected = c.get("pxx");
            assertEquals(c.get("shape").get(0).asInt(), pxx.length);
            assertEquals(c.get("shape").get(1).asInt(), pxx[0].length);
            for (int k = 0; k < pxx.length; k++) {
                for (int i = 0; i < pxx[0].length; i++) {
                    double want = Double.parseDouble(expected.get(k).get(i).asText());
                    assertEquals(want, pxx[k][i], 1e-9 * Math.abs(want) + 1e-9, "pxx[" + k + "][" + i + "]");
                }
            }
        }
    }

    @Test
    void tenSecondsAt44kHzGiveTheCoursesShape() {
        assertEquals(5511, Spectrogram.segments(441_000, 200, 120));
        assertEquals(101, Spectrogram.specgram(new double[400], 200, 8000, 120).length);
        assertThrows(IllegalArgumentException.class, () -> Spectrogram.specgram(new double[400], 200, 8000, 200));
    }
}
