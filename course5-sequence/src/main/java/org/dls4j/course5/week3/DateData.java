package org.dls4j.course5.week3;

import java.time.LocalDate;
import java.time.Month;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.dls4j.shared.NumpyRandom;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The notebook's {@code nmt_utils}: human-readable dates and their ISO form, the two vocabularies, and
 * {@code string_to_int} / {@code preprocess_data}.
 *
 * <p>The notebook draws a date with Faker ({@code fake.date_object()}: a day between 1970-01-01 and the day it runs)
 * and one of 24 babel formats with Python's {@code random.choice}, then lower-cases the text and removes its commas.
 * Here the day and the format come from numpy's generator ({@link NumpyRandom}, {@code randint} then
 * {@code choice}, seed 12345 as the notebook's) and the days end at {@link #LAST_DAY}: Faker's draws depend on the
 * day it runs and on its version, so no two runs of the notebook itself share a data set either. The formats are
 * babel's en_US patterns written out by {@link #format}, with babel's own quirk: {@code Y} is the ISO week-based
 * year, so "d MMM YYY" writes 2015-12-31 as "31 dec 2016", as the notebook's data do.
 */
public final class DateData {

    /** The notebook's {@code Tx} (characters read) and {@code Ty} (characters written, "yyyy-mm-dd"). */
    public static final int TX = 30, TY = 10;
    /** The notebook's {@code FORMATS}: babel's short, medium, long, full (10 times) and 11 patterns. */
    public static final List<String> FORMATS = List.of("short", "medium", "long", "full", "full", "full", "full",
            "full", "full", "full", "full", "full", "full", "d MMM YYY", "d MMMM YYY", "dd MMM YYY", "d MMM, YYY",
            "d MMMM, YYY", "dd, MMM YYY", "d MM YY", "d MMMM YYY", "MMMM d YYY", "MMMM d, YYY", "dd.MM.YY");
    /** babel's en_US patterns of the four named formats. */
    static final Map<String, String> NAMED = Map.of("short", "M/d/yy", "medium", "MMM d, y", "long", "MMMM d, y",
            "full", "EEEE, MMMM d, y");
    /** Faker's first day, and the last day drawn here (Keras 2.1.3's month, when the shipped model was saved). */
    public static final LocalDate FIRST_DAY = LocalDate.of(1970, 1, 1), LAST_DAY = LocalDate.of(2018, 1, 31);
    /** The two symbols the notebook adds after the human characters. */
    public static final String UNK = "<unk>", PAD = "<pad>";

    /** One example: the human text (lower case, no commas) and the machine's "yyyy-mm-dd". */
    public record Example(String human, String machine) {
    }

    /**
     * A vocabulary: {@code symbols.get(i)} is index i's symbol (one character, or {@code <unk>}/{@code <pad>}), as
     * the notebook's {@code human_vocab} / {@code machine_vocab} dictionaries and {@code inv_machine_vocab}.
     */
    public record Vocabulary(List<String> symbols, Map<String, Integer> indices) {

        static Vocabulary of(List<String> symbols) {
            Map<String, Integer> indices = new LinkedHashMap<>();
            for (int i = 0; i < symbols.size(); i++) {
                indices.put(symbols.get(i), i);
            }
            return new Vocabulary(List.copyOf(symbols), Collections.unmodifiableMap(indices));
        }

        public int size() {
            return symbols.size();
        }

        /** The index of {@code symbol}, or -1. */
        public int index(String symbol) {
            return indices.getOrDefault(symbol, -1);
        }
    }

    /** {@code load_dataset(m)}: the examples and the vocabularies built from them. */
    public record Dataset(List<Example> examples, Vocabulary human, Vocabulary machine) {
    }

    /** {@code preprocess_data}: indices {@code X (m, Tx)}, {@code Y (m, Ty)} and their one-hot forms. */
    public record Encoded(int[][] x, int[][] y, INDArray xoh, INDArray yoh) {
    }

    private DateData() {
    }

    /**
     * babel's {@code format_date(day, format, locale='en_US')} for the patterns of {@link #FORMATS}: {@code d dd M MM
     * MMM MMMM EEEE y yy YY YYY}, other characters as they are.
     */
    public static String format(LocalDate day, String format) {
        String pattern = NAMED.getOrDefault(format, format);
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < pattern.length()) {
            char c = pattern.charAt(i);
            int n = 1;
            while (i + n < pattern.length() && pattern.charAt(i + n) == c) {
                n++;
            }
            i += n;
            text.append(switch (c) {
                case 'd' -> pad(day.getDayOfMonth(), n);
                case 'M' -> month(day.getMonth(), n);
                case 'E' -> day.getDayOfWeek().getDisplayName(n == 4 ? TextStyle.FULL : TextStyle.SHORT, Locale.US);
                case 'y' -> year(day.getYear(), n);
                case 'Y' -> year(day.get(IsoFields.WEEK_BASED_YEAR), n);   // babel: isocalendar()[0]
                default -> String.valueOf(c).repeat(n);
            });
        }
        return text.toString();
    }

    private static String month(Month month, int n) {
        return switch (n) {
            case 1, 2 -> pad(month.getValue(), n);
            case 3 -> month.getDisplayName(TextStyle.SHORT, Locale.US);
            default -> month.getDisplayName(TextStyle.FULL, Locale.US);
        };
    }

    /** babel: the year zero-padded to n digits, and only its last two for n = 2. */
    private static String year(int year, int n) {
        String text = pad(year, n);
        return n == 2 ? text.substring(text.length() - 2) : text;
    }

    private static String pad(int value, int digits) {
        return String.format(Locale.ROOT, "%0" + digits + "d", value);
    }

    /** {@code load_date()}: one day and one format drawn, the text lower-cased without commas. */
    public static Example loadDate(NumpyRandom random) {
        long days = LAST_DAY.toEpochDay() - FIRST_DAY.toEpochDay();
        LocalDate day = FIRST_DAY.plusDays(random.randint(0, days + 1));
        String format = FORMATS.get(random.choice(FORMATS.size()));
        return new Example(format(day, format).toLowerCase(Locale.ROOT).replace(",", ""), day.toString());
    }

    /**
     * {@code load_dataset(m)}: m examples; the human vocabulary is their characters sorted, then {@code <unk>} and
     * {@code <pad>}; the machine vocabulary is the ISO dates' characters sorted.
     */
    public static Dataset loadDataset(int m, long seed) {
        NumpyRandom random = new NumpyRandom(seed);
        List<Example> examples = new ArrayList<>(m);
        TreeSet<Character> human = new TreeSet<>();
        TreeSet<Character> machine = new TreeSet<>();
        for (int i = 0; i < m; i++) {
            Example example = loadDate(random);
            examples.add(example);
            example.human().chars().forEach(c -> human.add((char) c));
            example.machine().chars().forEach(c -> machine.add((char) c));
        }
        List<String> humanSymbols = new ArrayList<>(human.stream().map(String::valueOf).toList());
        humanSymbols.add(UNK);
        humanSymbols.add(PAD);
        return new Dataset(List.copyOf(examples), Vocabulary.of(humanSymbols),
                Vocabulary.of(machine.stream().map(String::valueOf).toList()));
    }

    /**
     * {@code string_to_int(string, length, vocab)}: lower case, commas removed, cut to {@code length} characters,
     * each mapped to its index ({@code <unk>}'s for a character the vocabulary lacks), then {@code <pad>} up to
     * {@code length}. (The notebook's {@code vocab.get(x, '<unk>')} returns the string {@code '<unk>'} itself, which
     * its one-hot step then rejects; here an unknown character is {@code <unk>}'s index, as intended.)
     */
    public static int[] stringToInt(String text, int length, Vocabulary vocab) {
        String string = text.toLowerCase(Locale.ROOT).replace(",", "");
        if (string.length() > length) {
            string = string.substring(0, length);
        }
        int unk = vocab.index(UNK);
        int[] rep = new int[length];
        for (int i = 0; i < length; i++) {
            if (i < string.length()) {
                int index = vocab.index(String.valueOf(string.charAt(i)));
                if (index < 0 && unk < 0) {
                    throw new IllegalArgumentException("'" + string.charAt(i) + "' in \"" + text + "\" is not in "
                            + "the vocabulary " + vocab.symbols());
                }
                rep[i] = index < 0 ? unk : index;
            } else {
                rep[i] = vocab.index(PAD);
            }
        }
        return rep;
    }

    /** {@code preprocess_data(dataset, human_vocab, machine_vocab, Tx, Ty)}. */
    public static Encoded preprocess(List<Example> examples, Vocabulary human, Vocabulary machine, int tx, int ty) {
        int m = examples.size();
        int[][] x = new int[m][];
        int[][] y = new int[m][];
        for (int i = 0; i < m; i++) {
            x[i] = stringToInt(examples.get(i).human(), tx, human);
            y[i] = stringToInt(examples.get(i).machine(), ty, machine);
        }
        return new Encoded(x, y, oneHot(x, human.size()), oneHot(y, machine.size()));
    }

    /** {@code to_categorical}: {@code (m, steps)} indices to {@code (m, steps, classes)} float32 one-hot rows. */
    public static INDArray oneHot(int[][] indices, int classes) {
        int steps = indices.length == 0 ? 0 : indices[0].length;
        float[] values = new float[indices.length * steps * classes];
        for (int i = 0; i < indices.length; i++) {
            for (int t = 0; t < steps; t++) {
                values[(i * steps + t) * classes + indices[i][t]] = 1;
            }
        }
        return Nd4j.create(values, new long[] {indices.length, steps, classes}, 'c').castTo(DataType.FLOAT);
    }
}
