package org.dls4j.shared.data.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import org.dls4j.shared.data.CatalogEntry;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;

/**
 * A 16-bit PCM WAV clip as integer samples (what pydub's {@code get_array_of_samples()} holds), for the C5 W3
 * trigger-word assignment: 44.1 kHz "activate" words, negative words, 10 s backgrounds and dev recordings, mono
 * or stereo.
 *
 * @param name       file name, e.g. {@code 3_act2.wav}
 * @param sampleRate frames per second (44100 for the course clips)
 * @param samples    {@code samples[channel][frame]}, values -32768..32767
 */
public record WavAudio(String name, int sampleRate, short[][] samples) {
    static final String RAW_DATA = "trigger/raw_data/";

    /** Reads a 16-bit PCM WAV file. */
    public static WavAudio read(Path file) {
        try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
            AudioFormat format = in.getFormat();
            if (format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || format.getSampleSizeInBits() != 16) {
                throw new DataException("The audio file " + file + " is " + format
                        + "; expected 16-bit signed PCM WAV (the course clips are 44.1 kHz, 16-bit).");
            }
            byte[] bytes = in.readAllBytes();
            int channels = format.getChannels();
            int frames = bytes.length / (2 * channels);
            short[][] samples = new short[channels][frames];
            boolean bigEndian = format.isBigEndian();
            for (int frame = 0; frame < frames; frame++) {
                for (int channel = 0; channel < channels; channel++) {
                    int at = 2 * (frame * channels + channel);
                    int low = bytes[bigEndian ? at + 1 : at] & 0xFF;
                    int high = bytes[bigEndian ? at : at + 1];
                    samples[channel][frame] = (short) (high << 8 | low);
                }
            }
            return new WavAudio(file.getFileName().toString(), Math.round(format.getSampleRate()), samples);
        } catch (UnsupportedAudioFileException | IOException e) {
            throw new DataException("Cannot read the audio file " + file + " as WAV: " + e.getMessage(), e);
        }
    }

    /**
     * The verified clips of one trigger-word folder ({@code activates}, {@code negatives}, {@code backgrounds} or
     * {@code dev}), sorted by file name (the notebook used {@code os.listdir} order, which depends on the file
     * system).
     */
    public static List<WavAudio> triggerClips(String folder) {
        DataFiles files = DataFiles.standard();
        List<CatalogEntry> entries = new ArrayList<>(files.catalog().entriesUnder(RAW_DATA + folder + "/"));
        if (entries.isEmpty()) {
            throw new DataException("The trigger-word data has no folder '" + folder
                    + "'; it has activates, negatives, backgrounds and dev.");
        }
        entries.sort(Comparator.comparing(CatalogEntry::fileName));
        List<WavAudio> clips = new ArrayList<>();
        for (Path file : files.requireAll(entries)) { // missing clips are downloaded together
            clips.add(read(file));
        }
        return clips;
    }

    public int channels() {
        return samples.length;
    }

    public int frames() {
        return samples[0].length;
    }

    /** Length in milliseconds, rounded as pydub's {@code len(segment)}. */
    public long durationMillis() {
        return Math.round(1000.0 * frames() / sampleRate);
    }
}
