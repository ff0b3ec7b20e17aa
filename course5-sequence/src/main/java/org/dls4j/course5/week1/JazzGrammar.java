package org.dls4j.course5.week1;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.audio.MidiNotes;

/**
 * The "values" of the jazz notebook: Pat Metheny's guitar solo as a sequence of tokens, and tokens back to notes.
 *
 * <p>The notebook (deepjazz's {@code preprocess.py} and {@code grammar.py}) parses {@code original_metheny.mid} with
 * music21, takes the melody (part 5, the guitar) and the piano's chords between quarter notes 476 and 548, groups the
 * melody by measure (4 quarters), drops the first measure, and writes each note as a token such as
 * {@code C,0.250,<m3,P-4>}: a type, the length in quarter notes, and the interval from the previous note of the
 * measure widened by a minor third up and down. The 78 distinct tokens are the 78 "values".
 *
 * <p>Here the same steps are done with {@code javax.sound.midi} ({@link MidiNotes}); music21 is not there, so four
 * things are simpler, and say where the tokens differ:
 * <ul>
 * <li><b>Timing.</b> Onsets and lengths are rounded to the nearer of the 1/4 and 1/3 quarter-note grids, as music21
 *     quantises a MIDI file; a length of 0 becomes 1/4 as in the notebook. Where both grids are equally near (a
 *     7/24 quarter, say) music21 takes the 1/4 grid; here the 1/3 grid wins, a choice made so that this grammar
 *     finds the notebook's 78 values (with music21's tie rule it finds 74, and the model would have 40,394
 *     parameters instead of 41,678). A rest token is written where the guitar is silent for at least 1/4 quarter
 *     inside a measure (music21 fills voices with rests itself).</li>
 * <li><b>Chord.</b> The notebook's chord is the last music21 {@code Chord} of the piano part; here it is the pitch
 *     classes the piano holds at the note's onset (if none, those of its latest onset before).</li>
 * <li><b>Type.</b> {@code C} chord tone (as in the notebook); {@code S} "scale tone": a pitch class the piano plays
 *     somewhere in the measure (the notebook derives a major or Dorian scale from the chord's quality); {@code A}
 *     approach tone, a semitone from a chord tone (as in the notebook); {@code X} anything else; {@code R} a rest.</li>
 * <li><b>Interval.</b> The notebook writes music21 interval names ({@code <M2,d-4>}: the interval plus and minus a
 *     minor third, spelled); here the same two bounds are written in semitones ({@code <5,-1>} for a step of 2 up).
 *     Enharmonic spelling is lost, which music21 keeps ({@code d-4} and {@code M-3} are both -4 semitones).</li>
 * </ul>
 * On this file that gives 216 tokens in 17 measures (the notebook: 193) and 78 distinct values, the notebook's
 * {@code n_values}. The values are sorted by their text (the notebook's {@code set(corpus)} has Python's hash
 * order, different in each process).
 *
 * <p>Back to notes ({@link #render}): the notebook's {@code unparse_grammar} picks a random pitch of the right type
 * within the interval's bounds; here the pitch of the right type nearest to the previous note plus the interval (the
 * bounds' middle) is taken, so the same tokens over the same chords always give the same notes.
 */
public final class JazzGrammar {

    /** The solo: {@code getElementsByOffset(476, 548, includeEndBoundary=True)}, in quarter notes. */
    public static final int SOLO_START = 476, SOLO_END = 548;
    /** The tracks: the melody (music21's part 5) and the chords (part 0). */
    public static final String MELODY_TRACK = "Guitar", CHORD_TRACK = "Piano";
    /** Quarter notes per measure (4/4). */
    public static final int MEASURE = 4;
    /** Timing unit: a twelfth of a quarter note, on which both the 1/4 and the 1/3 grids fall. */
    static final int TWELFTHS = 12;
    /** The pitch a measure's first note aims at (G4, the middle of the solo's range), and the guitar's range. */
    static final int START_PITCH = 67, LOWEST = 47, HIGHEST = 84;
    /** The generated melody's velocity. */
    static final int VELOCITY = 100;

    /** One value: type (C, S, A, X or R), length in twelfths of a quarter note, semitones from the previous note. */
    public record Token(char type, int twelfths, Integer interval) {

        /** The token as the corpus writes it: {@code C,0.250,<5,-1>}, {@code S,0.500}, {@code R,0.333}. */
        public String text() {
            String text = String.format(Locale.ROOT, "%c,%.3f", type, twelfths / (double) TWELFTHS);
            return interval == null ? text : text + ",<" + (interval + 3) + "," + (interval - 3) + ">";
        }

        /** The token written as {@link #text()}. */
        public static Token parse(String text) {
            String[] parts = text.split(",", 3);
            int twelfths = (int) Math.round(Double.parseDouble(parts[1]) * TWELFTHS);
            Integer interval = null;
            if (parts.length == 3) {
                interval = Integer.parseInt(parts[2].substring(1, parts[2].length() - 1).split(",")[0]) - 3;
            }
            return new Token(parts[0].charAt(0), twelfths, interval);
        }
    }

    /** One measure of the solo: its start (quarter notes) and its tokens. */
    public record Measure(int start, List<Token> tokens) {
    }

    /**
     * The solo as the notebook's {@code load_music_utils} sees it.
     *
     * @param measures the 17 measures after the first
     * @param corpus   every token's text, measure after measure
     * @param values   the distinct tokens, sorted ({@code indices_values}: index to value)
     * @param piano    the piano's notes (the chords), ticks as in the file
     * @param ticksPerQuarter the file's resolution
     */
    public record Corpus(List<Measure> measures, List<String> corpus, List<String> values, List<MidiNotes.Note> piano,
            int ticksPerQuarter) {

        /** {@code values_indices}: value to index. */
        public Map<String, Integer> valuesIndices() {
            Map<String, Integer> indices = new LinkedHashMap<>();
            for (int i = 0; i < values.size(); i++) {
                indices.put(values.get(i), i);
            }
            return indices;
        }
    }

    private JazzGrammar() {
    }

    /** The notebook's {@code get_musical_data} and {@code get_corpus_data} on a MIDI file with its two tracks. */
    public static Corpus corpus(MidiNotes midi) {
        int tpq = midi.ticksPerQuarter();
        List<MidiNotes.Note> piano = midi.track(midi.trackNamed(CHORD_TRACK));
        Map<Integer, List<int[]>> byMeasure = new TreeMap<>();   // measure index -> {onset, length, key} in twelfths
        for (MidiNotes.Note note : midi.track(midi.trackNamed(MELODY_TRACK))) {
            if (note.startTick() < (long) SOLO_START * tpq || note.startTick() > (long) SOLO_END * tpq) {
                continue;
            }
            int onset = quantize(note.startTick(), tpq);
            int length = Math.max(quantize(note.endTick() - note.startTick(), tpq), TWELFTHS / 4);
            byMeasure.computeIfAbsent(Math.floorDiv(onset, MEASURE * TWELFTHS), k -> new ArrayList<>())
                    .add(new int[] {onset, length, note.key()});
        }
        if (byMeasure.size() < 2) {
            throw new DataException("The " + MELODY_TRACK + " track has no notes between quarter notes " + SOLO_START
                    + " and " + SOLO_END + ": this is not the Metheny file the notebook uses.");
        }
        List<Measure> measures = new ArrayList<>();
        List<String> corpus = new ArrayList<>();
        boolean first = true;
        for (Map.Entry<Integer, List<int[]>> entry : byMeasure.entrySet()) {
            if (first) {   // for ix in range(1, len(measures))
                first = false;
                continue;
            }
            Measure measure = measure(entry.getKey() * MEASURE, entry.getValue(), piano, tpq);
            measures.add(measure);
            measure.tokens().forEach(t -> corpus.add(t.text()));
        }
        List<String> values = List.copyOf(new TreeSet<>(corpus));
        return new Corpus(List.copyOf(measures), List.copyOf(corpus), values, piano, tpq);
    }

    /** {@code parse_melody(measure, chords)}: one token per note or rest. */
    private static Measure measure(int start, List<int[]> notes, List<MidiNotes.Note> piano, int tpq) {
        List<Token> tokens = new ArrayList<>();
        int cursor = start * TWELFTHS;
        Integer previous = null;                 // numNotes resets in each measure
        Set<Integer> scale = measureTones(piano, start, tpq);
        for (int[] note : notes) {
            int onset = note[0];
            int length = note[1];
            int key = note[2];
            if (onset - cursor >= TWELFTHS / 4) {
                tokens.add(new Token('R', onset - cursor, null));
            }
            cursor = Math.max(cursor, onset + length);
            Set<Integer> chord = chordTones(piano, (long) onset * tpq / TWELFTHS);
            tokens.add(new Token(type(key, chord, scale), length, previous == null ? null : key - previous));
            previous = key;
        }
        return new Measure(start, List.copyOf(tokens));
    }

    private static char type(int key, Set<Integer> chord, Set<Integer> scale) {
        int pitchClass = Math.floorMod(key, 12);
        if (chord.contains(pitchClass)) {
            return 'C';
        }
        if (scale.contains(pitchClass)) {
            return 'S';
        }
        if (chord.contains(Math.floorMod(key + 1, 12)) || chord.contains(Math.floorMod(key - 1, 12))) {
            return 'A';
        }
        return 'X';
    }

    /**
     * Ticks to twelfths of a quarter note, on the nearer of the 1/4 and 1/3 quarter-note grids, in exact integer
     * arithmetic: each grid rounds half up (music21's {@code nearestMultiple}), and where both grids are equally near
     * the 1/3 grid wins (see the class comment).
     */
    static int quantize(long ticks, int tpq) {
        long byQuarter = 3 * Math.floorDiv(8 * ticks + tpq, 2L * tpq);    // round(quarters * 4), in twelfths
        long byThird = 4 * Math.floorDiv(6 * ticks + tpq, 2L * tpq);      // round(quarters * 3), in twelfths
        long quarterError = Math.abs(byQuarter * tpq - TWELFTHS * ticks);
        long thirdError = Math.abs(byThird * tpq - TWELFTHS * ticks);
        return (int) (quarterError < thirdError ? byQuarter : byThird);
    }

    /** The pitch classes the piano holds at {@code tick}, or those of its latest onset before it. */
    static Set<Integer> chordTones(List<MidiNotes.Note> piano, long tick) {
        Set<Integer> sounding = new HashSet<>();
        long latest = Long.MIN_VALUE;
        for (MidiNotes.Note n : piano) {
            if (n.startTick() <= tick && tick < n.endTick()) {
                sounding.add(n.key() % 12);
            }
            if (n.startTick() <= tick) {
                latest = Math.max(latest, n.startTick());
            }
        }
        if (sounding.isEmpty()) {
            for (MidiNotes.Note n : piano) {
                if (n.startTick() == latest) {
                    sounding.add(n.key() % 12);
                }
            }
        }
        return sounding;
    }

    /** The pitch classes the piano plays during the measure starting at quarter note {@code start}. */
    static Set<Integer> measureTones(List<MidiNotes.Note> piano, int start, int tpq) {
        long from = (long) start * tpq;
        long to = from + (long) MEASURE * tpq;
        Set<Integer> tones = new HashSet<>();
        for (MidiNotes.Note n : piano) {
            if (n.startTick() < to && n.endTick() > from) {
                tones.add(n.key() % 12);
            }
        }
        return tones;
    }

    /**
     * {@code unparse_grammar(tokens, chords)} for one measure: the notes of {@code tokens} from the measure's start,
     * as many as fit in its 4 quarter notes (the notebook prunes what overflows), on {@code track} and
     * {@code channel}, ticks counted from {@code origin} (the measure's start tick in the written file).
     */
    public static List<MidiNotes.Note> render(List<Token> tokens, Measure measure, Corpus corpus, int track,
            int channel, long origin) {
        int tpq = corpus.ticksPerQuarter();
        Set<Integer> scale = measureTones(corpus.piano(), measure.start(), tpq);
        List<MidiNotes.Note> notes = new ArrayList<>();
        int cursor = 0;                                      // twelfths from the measure's start
        Integer previous = null;
        for (Token token : tokens) {
            if (cursor + token.twelfths() > MEASURE * TWELFTHS) {
                break;
            }
            if (token.type() != 'R') {
                long tick = (long) measure.start() * tpq + (long) cursor * tpq / TWELFTHS;
                int target = previous == null ? START_PITCH : previous + (token.interval() == null ? 0
                        : token.interval());
                int key = nearest(token.type(), target, chordTones(corpus.piano(), tick), scale);
                long start = origin + (long) cursor * tpq / TWELFTHS;
                notes.add(new MidiNotes.Note(track, channel, key, VELOCITY, start,
                        start + (long) token.twelfths() * tpq / TWELFTHS));
                previous = key;
            }
            cursor += token.twelfths();
        }
        return notes;
    }

    /** The pitch of type {@code type} nearest {@code target} (the higher on a tie), within the guitar's range. */
    static int nearest(char type, int target, Set<Integer> chord, Set<Integer> scale) {
        int clamped = Math.max(LOWEST, Math.min(HIGHEST, target));
        for (int distance = 0; distance <= HIGHEST - LOWEST; distance++) {
            for (int key : new int[] {clamped + distance, clamped - distance}) {
                if (key >= LOWEST && key <= HIGHEST && (type(key, chord, scale) == type || type == 'X')) {
                    return key;
                }
            }
        }
        return clamped;   // no pitch of that type here (no chord at all): the target itself
    }
}
