package org.dls4j.course5.week3;

import java.util.List;

import org.dls4j.shared.data.audio.AudioSegment;
import org.dls4j.shared.data.audio.WavAudio;

/**
 * The notebook's {@code load_raw_audio()}: the "activate" clips, the negative words and the 10 s backgrounds of
 * {@code trigger/raw_data}, each folder sorted by file name (the notebook took {@code os.listdir}'s order, which
 * depends on the file system: its {@code activates[0]} is {@code 3_act2.wav}, here the eighth).
 */
public record TriggerData(List<AudioSegment> activates, List<AudioSegment> negatives,
        List<AudioSegment> backgrounds) {

    /** The verified clips. */
    public static TriggerData load() {
        return new TriggerData(folder("activates"), folder("negatives"), folder("backgrounds"));
    }

    /** The verified recordings of {@code raw_data/dev} (no labels: the notebook plays them to the model). */
    public static List<AudioSegment> devRecordings() {
        return folder("dev");
    }

    private static List<AudioSegment> folder(String name) {
        return WavAudio.triggerClips(name).stream().map(AudioSegment::of).toList();
    }
}
