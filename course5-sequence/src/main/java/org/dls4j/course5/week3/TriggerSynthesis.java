package org.dls4j.course5.week3;

import java.util.ArrayList;
import java.util.List;

import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.data.audio.AudioSegment;
import org.dls4j.shared.data.audio.Spectrogram;
import org.dls4j.shared.exercise.Graded;

/**
 * The notebook's data synthesis (C5 W3 "Trigger word detection", 2021 version), each numpy line as a {@code // np.}
 * comment above its Java twin: a 10 s background made 20 dB quieter, 0-4 "activate" clips and 0-2 negative words
 * overlaid at random non-overlapping times, 50 ones in the labels after each activate's end, the mix normalised to
 * -20 dBFS, and its spectrogram. Audio is pydub's arithmetic on float64 samples ({@link AudioSegment}).
 */
public final class TriggerSynthesis {
    /** Spectrogram steps of a 10 s clip at 44.1 kHz ({@code Tx}). */
    public static final int TX = 5511;
    /** Frequencies of each spectrogram step ({@code n_freq}). */
    public static final int N_FREQ = 101;
    /** Output steps of the model ({@code Ty}). */
    public static final int TY = 1375;
    /** A clip that could not be placed: {@code insert_audio_clip} returns this segment. */
    public static final Segment NOT_PLACED = new Segment(10_000, 10_000);
    private static final int CLIP_MS = 10_000;
    private static final int ONES = 50;
    private static final int RETRIES = 5;

    private TriggerSynthesis() {
    }

    /** A time segment in milliseconds, both ends included. */
    public record Segment(long start, long end) {
    }

    /** One synthesized example: its audio, spectrogram {@code x (101, 5511)}, labels {@code y (1375)}, segments. */
    public record Example(AudioSegment audio, double[][] x, double[] y, List<Segment> activates,
            List<Segment> negatives) {
    }

    /** {@code get_random_time_segment(segment_ms)}. */
    public static Segment randomTimeSegment(NumpyRandom rng, long segmentMs) {
        // np. segment_start = np.random.randint(low=0, high=10000-segment_ms)
        long start = rng.randint(0, CLIP_MS - segmentMs);
        // np. segment_end = segment_start + segment_ms - 1
        return new Segment(start, start + segmentMs - 1);
    }

    /**
     * {@code is_overlapping(segment_time, previous_segments)}: whether {@code segment} overlaps one of
     * {@code previous} (both ends of a segment included).
     */
    @Graded("is_overlapping")
    public static boolean isOverlapping(Segment segment, List<Segment> previous) {
        // np. for previous_start, previous_end in previous_segments:
        for (Segment p : previous) {
            // np. if segment_start <= previous_end and segment_end >= previous_start: overlap = True
            if (segment.start() <= p.end() && segment.end() >= p.start()) {
                return true;
            }
        }
        return false;
    }

    /** What {@code insert_audio_clip} returns: the new background and the segment (or {@link #NOT_PLACED}). */
    public record Inserted(AudioSegment background, Segment segment) {
    }

    /**
     * {@code insert_audio_clip(background, audio_clip, previous_segments)}: a segment drawn, redrawn while it overlaps
     * (the notebook's {@code retry = 5 ... while ... and retry >= 0}: at most 6 more draws), then the clip overlaid
     * at its start and the segment appended to {@code previous}; a clip that still overlaps is not inserted.
     */
    @Graded("insert_audio_clip")
    public static Inserted insertAudioClip(NumpyRandom rng, AudioSegment background, AudioSegment clip,
            List<Segment> previous) {
        // np. segment_ms = len(audio_clip)
        long segmentMs = clip.lengthMillis();
        // np. segment_time = get_random_time_segment(segment_ms)
        Segment segment = randomTimeSegment(rng, segmentMs);
        // np. retry = 5
        int retry = RETRIES;
        // np. while is_overlapping(segment_time, previous_segments) and retry >= 0:
        while (isOverlapping(segment, previous) && retry >= 0) {
            // np. segment_time = get_random_time_segment(segment_ms); retry = retry - 1
            segment = randomTimeSegment(rng, segmentMs);
            retry--;
        }
        // np. if not is_overlapping(segment_time, previous_segments):
        if (!isOverlapping(segment, previous)) {
            // np. previous_segments.append(segment_time)
            previous.add(segment);
            // np. new_background = background.overlay(audio_clip, position = segment_time[0])
            return new Inserted(background.overlay(clip, segment.start()), segment);
        }
        // np. new_background = background; segment_time = (10000, 10000)
        return new Inserted(background, NOT_PLACED);
    }

    /**
     * {@code insert_ones(y, segment_end_ms)}: in place, the 50 steps after the segment's end set to 1 (those before
     * {@code Ty}); returns {@code y}.
     */
    @Graded("insert_ones")
    public static double[] insertOnes(double[] y, long segmentEndMs) {
        int ty = y.length;
        // np. segment_end_y = int(segment_end_ms * Ty / 10000.0)
        int endY = (int) (segmentEndMs * ty / 10000.0);
        // np. if segment_end_y < Ty: for i in range(segment_end_y + 1, segment_end_y + 51): if i < Ty: y[0, i] = 1
        if (endY < ty) {
            for (int i = endY + 1; i < endY + ONES + 1 && i < ty; i++) {
                y[i] = 1;
            }
        }
        return y;
    }

    /** {@code match_target_amplitude(sound, target_dBFS)}. */
    public static AudioSegment matchTargetAmplitude(AudioSegment sound, double targetDbfs) {
        // np. change_in_dBFS = target_dBFS - sound.dBFS; return sound.apply_gain(change_in_dBFS)
        return sound.gain(targetDbfs - sound.dBFS());
    }

    /** {@code graph_spectrogram}: matplotlib's specgram of the first channel, nfft 200, fs 8000, noverlap 120. */
    public static double[][] spectrogram(AudioSegment audio) {
        // np. pxx, freqs, bins, im = plt.specgram(data[:,0], nfft, fs, noverlap = noverlap)
        return Spectrogram.specgram(audio.channel(0), 200, 8000, 120);
    }

    /**
     * {@code create_training_example(background, activates, negatives, Ty)}: the background 20 dB quieter, 0-4 random
     * activates inserted (each with its labels), then 0-2 random negatives, the mix at -20 dBFS, its spectrogram.
     */
    @Graded("create_training_example")
    public static Example createTrainingExample(NumpyRandom rng, AudioSegment background,
            List<AudioSegment> activates, List<AudioSegment> negatives) {
        // np. background = background - 20
        AudioSegment mix = background.gain(-20);
        // np. y = np.zeros((1, Ty))
        double[] y = new double[TY];
        // np. previous_segments = []
        List<Segment> previous = new ArrayList<>();
        // np. number_of_activates = np.random.randint(0, 5)
        int numberOfActivates = (int) rng.randint(0, 5);
        // np. random_indices = np.random.randint(len(activates), size=number_of_activates)
        long[] activateIndices = rng.randint(0, activates.size(), numberOfActivates);
        List<Segment> activateSegments = new ArrayList<>();
        // np. for random_activate in random_activates:
        for (long index : activateIndices) {
            // np. background, segment_time = insert_audio_clip(background, random_activate, previous_segments)
            Inserted inserted = insertAudioClip(rng, mix, activates.get((int) index), previous);
            mix = inserted.background();
            activateSegments.add(inserted.segment());
            // np. y = insert_ones(y, segment_end)
            insertOnes(y, inserted.segment().end());
        }
        // np. number_of_negatives = np.random.randint(0, 3)
        int numberOfNegatives = (int) rng.randint(0, 3);
        // np. random_indices = np.random.randint(len(negatives), size=number_of_negatives)
        long[] negativeIndices = rng.randint(0, negatives.size(), numberOfNegatives);
        List<Segment> negativeSegments = new ArrayList<>();
        for (long index : negativeIndices) {
            // np. background, _ = insert_audio_clip(background, random_negative, previous_segments)
            Inserted inserted = insertAudioClip(rng, mix, negatives.get((int) index), previous);
            mix = inserted.background();
            negativeSegments.add(inserted.segment());
        }
        // np. background = match_target_amplitude(background, -20.0)
        mix = matchTargetAmplitude(mix, -20.0);
        // np. x = graph_spectrogram("train.wav")  (the exported 16-bit WAV holds these samples)
        return new Example(mix, spectrogram(mix), y, List.copyOf(activateSegments), List.copyOf(negativeSegments));
    }
}
