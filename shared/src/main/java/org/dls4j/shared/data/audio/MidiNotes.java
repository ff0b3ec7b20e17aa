package org.dls4j.shared.data.audio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;

/**
 * The notes of a standard MIDI file (javax.sound.midi), read or to be written: the jazz data set
 * ({@code jazz/original_metheny.mid}: 25 tracks, 96 ticks per quarter note), and generated music.
 *
 * @param ticksPerQuarter the file's resolution
 * @param trackNames      each track's name (its first track-name meta event, "" without one), by track index
 * @param notes           every note, sorted by start tick, then track, then key
 */
public record MidiNotes(int ticksPerQuarter, List<String> trackNames, List<Note> notes) {
    static final String METHENY = "jazz/original_metheny.mid";
    private static final int TRACK_NAME = 0x03;

    /**
     * One sounding note: a note-on paired with the next note-off (or note-on with velocity 0) of the same track,
     * channel and key.
     */
    public record Note(int track, int channel, int key, int velocity, long startTick, long endTick) {
        /** The order of {@link #notes()}: start tick, then track, then key. */
        public static final Comparator<Note> ORDER = Comparator.comparingLong(Note::startTick)
                .thenComparingInt(Note::track).thenComparingInt(Note::key);

        /** Start in quarter notes (music21's offset). */
        public double startQuarters(int ticksPerQuarter) {
            return (double) startTick / ticksPerQuarter;
        }
    }

    /** The notes of track {@code track}, in order. */
    public List<Note> track(int track) {
        return notes.stream().filter(n -> n.track() == track).toList();
    }

    /** The index of the first track called {@code name}. */
    public int trackNamed(String name) {
        int index = trackNames.indexOf(name);
        if (index < 0) {
            throw new DataException("No MIDI track is called \"" + name + "\"; the tracks are " + trackNames);
        }
        return index;
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
        List<String> names = new ArrayList<>();
        Track[] tracks = sequence.getTracks();
        for (int t = 0; t < tracks.length; t++) {
            Map<Integer, MidiEvent> sounding = new HashMap<>();
            names.add("");
            for (int i = 0; i < tracks[t].size(); i++) {
                MidiEvent event = tracks[t].get(i);
                if (event.getMessage() instanceof MetaMessage meta && meta.getType() == TRACK_NAME
                        && names.get(t).isEmpty()) {
                    names.set(t, new String(meta.getData(), StandardCharsets.ISO_8859_1).strip());
                }
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
        notes.sort(Note.ORDER);
        return new MidiNotes(sequence.getResolution(), List.copyOf(names), List.copyOf(notes));
    }

    /**
     * Writes the notes as a standard MIDI file (type 1, this resolution, the players' default tempo of 120 quarter
     * notes a minute): one track per entry of {@link #trackNames} with its name, a program change at tick 0 for
     * each channel of {@code programs} (General MIDI program numbers from 0: 0 piano, 26 jazz guitar), then each
     * note's note-on and note-off.
     *
     * @return {@code file}
     */
    public Path write(Path file, Map<Integer, Integer> programs) {
        try {
            Sequence sequence = new Sequence(Sequence.PPQ, ticksPerQuarter);
            List<Track> tracks = new ArrayList<>();
            for (String name : trackNames) {
                Track track = sequence.createTrack();
                byte[] text = name.getBytes(StandardCharsets.ISO_8859_1);
                track.add(new MidiEvent(new MetaMessage(TRACK_NAME, text, text.length), 0));
                tracks.add(track);
            }
            Map<Integer, Integer> channelTrack = new TreeMap<>();
            for (Note note : notes) {
                if (note.track() < 0 || note.track() >= tracks.size()) {
                    throw new IllegalArgumentException("note " + note + " is on track " + note.track() + " of "
                            + tracks.size());
                }
                channelTrack.putIfAbsent(note.channel(), note.track());
                Track track = tracks.get(note.track());
                track.add(event(ShortMessage.NOTE_ON, note.channel(), note.key(), note.velocity(), note.startTick()));
                track.add(event(ShortMessage.NOTE_OFF, note.channel(), note.key(), 0, note.endTick()));
            }
            for (Map.Entry<Integer, Integer> channel : channelTrack.entrySet()) {
                Integer program = programs.get(channel.getKey());
                if (program != null) {
                    tracks.get(channel.getValue()).add(event(ShortMessage.PROGRAM_CHANGE, channel.getKey(), program, 0,
                            0));
                }
            }
            MidiSystem.write(sequence, 1, file.toFile());
            return file;
        } catch (InvalidMidiDataException e) {
            throw new IllegalArgumentException("Cannot write these notes as MIDI: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new DataException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static MidiEvent event(int command, int channel, int data1, int data2, long tick)
            throws InvalidMidiDataException {
        MidiMessage message = new ShortMessage(command, channel, data1, data2);
        return new MidiEvent(message, tick);
    }
}
