package org.dls4j.shared.data.audio;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;

/**
 * The notes of a standard MIDI file (javax.sound.midi), for the C5 W1 jazz assignment
 * ({@code jazz/original_metheny.mid}: 25 tracks, 96 ticks per quarter note).
 *
 * @param ticksPerQuarter the file's resolution
 * @param notes           every note, sorted by start tick, then track, then key
 */
public record MidiNotes(int ticksPerQuarter, List<Note> notes) {
    static final String METHENY = "jazz/original_metheny.mid";

    /**
     * One sounding note: a note-on paired with the next note-off (or note-on with velocity 0) of the same track,
     * channel and key.
     */
    public record Note(int track, int channel, int key, int velocity, long startTick, long endTick) {
        /** Start in quarter notes (music21's offset). */
        public double startQuarters(int ticksPerQuarter) {
            return (double) startTick / ticksPerQuarter;
        }
    }

    /** Pat Metheny's "And Then I Knew", verified. */
    public static MidiNotes metheny() {
        return read(DataFiles.standard().require(METHENY));
    }

    /** Reads any standard MIDI file (PPQ timing). */
    public static MidiNotes read(Path file) {
        Sequence sequence;
        try {
            sequence = MidiSystem.getSequence(file.toFile());
        } catch (InvalidMidiDataException | IOException e) {
            throw new DataException("Cannot read " + file + " as a standard MIDI file: " + e.getMessage(), e);
        }
        List<Note> notes = new ArrayList<>();
        Track[] tracks = sequence.getTracks();
        for (int t = 0; t < tracks.length; t++) {
            Map<Integer, MidiEvent> sounding = new HashMap<>();
            for (int i = 0; i < tracks[t].size(); i++) {
                MidiEvent event = tracks[t].get(i);
                if (!(event.getMessage() instanceof ShortMessage message)) {
                    continue;
                }
                int command = message.getCommand();
                int key = message.getChannel() << 8 | message.getData1();
                boolean on = command == ShortMessage.NOTE_ON && message.getData2() > 0;
                boolean off = command == ShortMessage.NOTE_OFF
                        || command == ShortMessage.NOTE_ON && message.getData2() == 0;
                if (on || off) {
                    MidiEvent started = sounding.remove(key);
                    if (started != null) {
                        ShortMessage start = (ShortMessage) started.getMessage();
                        notes.add(new Note(t, start.getChannel(), start.getData1(), start.getData2(),
                                started.getTick(), event.getTick()));
                    }
                    if (on) {
                        sounding.put(key, event);
                    }
                }
            }
        }
        notes.sort(Comparator.comparingLong(Note::startTick).thenComparingInt(Note::track)
                .thenComparingInt(Note::key));
        return new MidiNotes(sequence.getResolution(), List.copyOf(notes));
    }
}
