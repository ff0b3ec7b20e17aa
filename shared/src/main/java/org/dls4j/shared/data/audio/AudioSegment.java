package org.dls4j.shared.data.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;

import org.dls4j.shared.data.DataException;

/**
 * A 16-bit audio clip as pydub's {@code AudioSegment} computes with it: float64 arrays {@code samples[channel][frame]}
 * holding whole numbers in -32768..32767, and pydub's arithmetic on them, so that a clip built here has the samples
 * pydub gives:
 * <ul>
 *   <li>{@link #lengthMillis()} is {@code len(segment)}: {@code round(1000 * frames / rate)}, half to even;</li>
 *   <li>a position in milliseconds is frame {@code int(ms * rate / 1000.0)} ({@code segment[ms:]});</li>
 *   <li>{@link #overlay} is {@code audioop.add}: the sample-wise sum clipped to 16 bits, a mono clip first copied
 *       to both channels of a stereo one ({@code set_channels(2)}), the clip cut at the end of this one;</li>
 *   <li>{@link #gain} ({@code segment + dB}) is {@code audioop.mul} by {@code 10^(dB/20)}: each product clipped to
 *       16 bits, then rounded down;</li>
 *   <li>{@link #dBFS()} is {@code 20 log10(rms / 32768)} with {@code audioop.rms}'s integer root mean square over all
 *       channels' samples.</li>
 * </ul>
 *
 * @param sampleRate frames per second (44100 for the course clips)
 * @param samples    {@code samples[channel][frame]}, whole numbers in -32768..32767
 */
public record AudioSegment(int sampleRate, double[][] samples) {
    private static final double MAX_SAMPLE = 32767;
    private static final double MIN_SAMPLE = -32768;
    /** pydub's {@code max_possible_amplitude} for 16-bit samples. */
    private static final double FULL_SCALE = 32768;

    /** {@code AudioSegment.from_wav(file)}. */
    public static AudioSegment of(WavAudio wav) {
        double[][] samples = new double[wav.channels()][wav.frames()];
        for (int c = 0; c < wav.channels(); c++) {
            for (int f = 0; f < wav.frames(); f++) {
                samples[c][f] = wav.samples()[c][f];
            }
        }
        return new AudioSegment(wav.sampleRate(), samples);
    }

    /** {@code AudioSegment.silent(duration_ms)} with this rate and {@code channels} channels. */
    public static AudioSegment silent(int sampleRate, int channels, long millis) {
        return new AudioSegment(sampleRate, new double[channels][frameAt(sampleRate, millis)]);
    }

    public int channels() {
        return samples.length;
    }

    public int frames() {
        return samples[0].length;
    }

    /** {@code len(segment)}: the length in milliseconds, rounded half to even as Python's {@code round}. */
    public long lengthMillis() {
        return (long) Math.rint(1000.0 * frames() / sampleRate);
    }

    /** The frame at {@code millis} milliseconds, as pydub slices: {@code int(ms * rate / 1000.0)}. */
    public int frameAt(double millis) {
        return frameAt(sampleRate, millis);
    }

    private static int frameAt(int sampleRate, double millis) {
        return (int) (millis * (sampleRate / 1000.0));
    }

    /** {@code segment + dB} ({@code segment - 20} is {@code gain(-20)}): {@code audioop.mul} by {@code 10^(dB/20)}. */
    public AudioSegment gain(double decibels) {
        double factor = Math.pow(10, decibels / 20);
        double[][] out = new double[channels()][frames()];
        for (int c = 0; c < channels(); c++) {
            for (int f = 0; f < frames(); f++) {
                double v = samples[c][f] * factor;
                // audioop's fbound: above the largest sample -> the largest, below the smallest + 1 -> the smallest
                out[c][f] = Math.floor(v > MAX_SAMPLE ? MAX_SAMPLE : v < MIN_SAMPLE + 1 ? MIN_SAMPLE : v);
            }
        }
        return new AudioSegment(sampleRate, out);
    }

    /** {@code segment.dBFS}: minus infinity for silence. */
    public double dBFS() {
        double sumSquares = 0;
        for (double[] channel : samples) {
            for (double v : channel) {
                sumSquares += v * v;
            }
        }
        long rms = (long) Math.sqrt(sumSquares / ((double) channels() * frames()));   // audioop.rms truncates
        return rms == 0 ? Double.NEGATIVE_INFINITY : 20 * Math.log10(rms / FULL_SCALE);
    }

    /**
     * {@code segment.overlay(clip, position=positionMillis)}: {@code clip} added from that position on, clipped to
     * 16 bits; what passes the end of this segment is dropped.
     */
    public AudioSegment overlay(AudioSegment clip, double positionMillis) {
        if (clip.sampleRate != sampleRate) {
            throw new IllegalArgumentException("overlay of a " + clip.sampleRate + " Hz clip on a " + sampleRate
                    + " Hz segment; resampling is not implemented");
        }
        if (clip.channels() > channels() || channels() > 2) {
            throw new IllegalArgumentException("overlay of a " + clip.channels() + "-channel clip on a "
                    + channels() + "-channel segment; only mono on mono or stereo, stereo on stereo");
        }
        int start = frameAt(positionMillis);
        int n = Math.max(0, Math.min(clip.frames(), frames() - start));
        double[][] out = new double[channels()][];
        for (int c = 0; c < channels(); c++) {
            out[c] = samples[c].clone();
            double[] add = clip.samples[Math.min(c, clip.channels() - 1)];
            for (int f = 0; f < n; f++) {
                double v = out[c][start + f] + add[f];
                out[c][start + f] = Math.max(MIN_SAMPLE, Math.min(MAX_SAMPLE, v));
            }
        }
        return new AudioSegment(sampleRate, out);
    }

    /** One channel's samples (a copy). */
    public double[] channel(int channel) {
        return samples[channel].clone();
    }

    /** {@code segment.export(file, format="wav")}: 16-bit PCM, little-endian. */
    public Path writeWav(Path file) {
        byte[] bytes = new byte[2 * channels() * frames()];
        for (int f = 0; f < frames(); f++) {
            for (int c = 0; c < channels(); c++) {
                int v = (int) Math.max(MIN_SAMPLE, Math.min(MAX_SAMPLE, samples[c][f]));
                int at = 2 * (f * channels() + c);
                bytes[at] = (byte) v;
                bytes[at + 1] = (byte) (v >> 8);
            }
        }
        AudioFormat format = new AudioFormat(sampleRate, 16, channels(), true, false);
        try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(bytes), format, frames())) {
            AudioSystem.write(in, AudioFileFormat.Type.WAVE, file.toFile());
            return file;
        } catch (IOException e) {
            throw new DataException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
