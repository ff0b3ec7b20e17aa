package org.dls4j.shared.data.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AudioSegment}: pydub's and audioop's arithmetic, worked by hand. */
class AudioSegmentTest {

    @Test
    void gainMultipliesClipsThenRoundsDown() {
        AudioSegment clip = new AudioSegment(1000, new double[][] {{1000, -1000, 30000, -30000, 7, -32768}});
        // 10^(6/20) = 1.99526...: 1995.26 -> 1995, -1995.26 -> -1996, 59857.9 -> 32767, -59857.9 -> -32768
        assertArrayEquals(new double[] {1995, -1996, 32767, -32768, 13, -32768}, clip.gain(6).channel(0));
        assertArrayEquals(new double[] {100, -100, 3000, -3000, 0, -3277}, clip.gain(-20).channel(0));
    }

    @Test
    void dbfsTakesAudioopsIntegerRms() {
        // rms = (int) sqrt((3^2 + 4^2) / 2) = (int) 3.54 = 3
        AudioSegment clip = new AudioSegment(1000, new double[][] {{3, 4}});
        assertEquals(20 * Math.log10(3 / 32768.0), clip.dBFS(), 1e-15);
        assertEquals(Double.NEGATIVE_INFINITY, AudioSegment.silent(1000, 2, 5).dBFS());
    }

    @Test
    void overlayAddsAMonoClipToBothChannelsFromTheMillisecondsFrameAndClips() {
        AudioSegment background = new AudioSegment(44100, new double[][] {new double[100], new double[100]});
        background.samples()[0][45] = 32000;
        AudioSegment clip = new AudioSegment(44100, new double[][] {{1000, 2000, 3000}});
        // position 1 ms = frame int(1 * 44.1) = 44
        AudioSegment mixed = background.overlay(clip, 1);
        assertArrayEquals(new double[] {0, 1000, 32767, 3000, 0}, slice(mixed.channel(0), 43, 48));
        assertArrayEquals(new double[] {0, 1000, 2000, 3000, 0}, slice(mixed.channel(1), 43, 48));
        // a clip past the end is cut: 2 ms = frame 88, 12 frames left
        assertEquals(100, background.overlay(new AudioSegment(44100, new double[][] {new double[50]}), 2).frames());
    }

    @Test
    void lengthRoundsHalfToEvenAsPython() {
        assertEquals(916, new AudioSegment(44100, new double[1][40395]).lengthMillis());   // 915.99
        assertEquals(2, new AudioSegment(1000, new double[1][2]).lengthMillis());
        assertEquals(2, new AudioSegment(4000, new double[1][10]).lengthMillis());          // 2.5 -> 2
        assertEquals(4, new AudioSegment(4000, new double[1][14]).lengthMillis());          // 3.5 -> 4
    }

    @Test
    void writtenWavReadsBackTheSamples(@TempDir Path dir) throws IOException {
        AudioSegment clip = new AudioSegment(8000, new double[][] {{1, -2, 32767}, {-32768, 5, 0}});
        Path file = clip.writeWav(dir.resolve("clip.wav"));
        WavAudio read = WavAudio.read(file);
        assertEquals(8000, read.sampleRate());
        assertArrayEquals(clip.samples(), AudioSegment.of(read).samples());
        assertTrue(Files.size(file) > 44);
    }

    private static double[] slice(double[] a, int from, int to) {
        return Arrays.copyOfRange(a, from, to);
    }
}
