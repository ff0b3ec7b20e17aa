package org.dls4j.shared.data.text;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPInputStream;

import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * GloVe word vectors in the standard text format ({@code word v1 ... vd} per line), plain or gzipped, of any
 * dimension, as the C5 W2 notebooks read them.
 *
 * <p>{@link #load()} uses {@code glove/glove.6B.50d.txt} (the notebooks' file, 400,000 words) when a user has
 * supplied it, and otherwise the available stand-in {@code glove/glove.6B.100d.top50k.txt.gz}: real GloVe 6B 100d
 * values for the 50,000 most frequent tokens plus 8 Emojify words (50,008 words). Numbers computed from the
 * stand-in are 100-dimensional and so differ from the notebooks' 50d outputs.
 *
 * <p>Maps as in {@code emo_utils.read_glove_vecs}: {@code word_to_vec_map} ({@link #vector(String)}),
 * {@code words} (file order), and {@code word_to_index}/{@code index_to_word} over the <em>sorted</em> words,
 * starting at 1 (index 0 is left for padding). A word whose bytes are not UTF-8 is decoded as windows-1252 (some
 * partial copies of the 50d file store five punctuation tokens that way).
 */
public final class GloveVectors {
    static final String STAND_IN = "glove/glove.6B.100d.top50k.txt.gz";
    static final String FULL_50D = "glove/glove.6B.50d.txt";

    private final String source;
    private final int dimension;
    private final List<String> words;
    private final Map<String, Integer> rows;
    private final double[] values;
    private Map<String, Integer> wordToIndex;
    private Map<Integer, String> indexToWord;

    private GloveVectors(String source, int dimension, List<String> words, Map<String, Integer> rows,
                         double[] values) {
        this.source = source;
        this.dimension = dimension;
        this.words = words;
        this.rows = rows;
        this.values = values;
    }

    /** {@code glove.6B.50d.txt} when present, else the 100d top-50k stand-in; both verified first. */
    public static GloveVectors load() {
        DataFiles files = DataFiles.standard();
        Optional<Path> full = files.findVerified(FULL_50D);
        return read(full.orElseGet(() -> files.require(STAND_IN)));
    }

    /** Reads any GloVe text file ({@code .txt} or {@code .txt.gz}); not checked against the catalog. */
    public static GloveVectors read(Path file) {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.getFileName().toString().endsWith(".gz")
                     ? new GZIPInputStream(raw, 1 << 16) : new BufferedInputStream(raw, 1 << 16)) {
            return new Parser(file).parse(in);
        } catch (IOException e) {
            throw new DataException("Cannot read the GloVe file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The file the vectors were read from. */
    public String source() {
        return source;
    }

    /** Vector length d (50 for the notebooks' file, 100 for the stand-in). */
    public int dimension() {
        return dimension;
    }

    /** Number of distinct words. */
    public int size() {
        return rows.size();
    }

    /** The words in file order (the notebook's {@code words} set). */
    public Set<String> words() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(words));
    }

    public boolean contains(String word) {
        return rows.containsKey(word);
    }

    /** {@code word_to_vec_map[word]}: a new {@code (d)} DOUBLE vector. */
    public INDArray vector(String word) {
        return Nd4j.create(values(word), new long[] {dimension}, 'c');
    }

    /** The vector of {@code word} as a new Java array. */
    public double[] values(String word) {
        Integer row = rows.get(word);
        if (row == null) {
            throw new IllegalArgumentException("No GloVe vector for '" + word + "' in " + source);
        }
        return Arrays.copyOfRange(values, row * dimension, (row + 1) * dimension);
    }

    /** {@code word_to_index}: sorted words numbered from 1. */
    public synchronized Map<String, Integer> wordToIndex() {
        buildIndex();
        return wordToIndex;
    }

    /** {@code index_to_word}: 1-based index to word. */
    public synchronized Map<Integer, String> indexToWord() {
        buildIndex();
        return indexToWord;
    }

    /**
     * The Emojify-V2 embedding matrix: {@code (size + 1, d)} DOUBLE, row {@code word_to_index[w]} holds the
     * vector of w and row 0 is zeros (the notebook's {@code emb_matrix}).
     */
    public INDArray embeddingMatrix() {
        Map<String, Integer> index = wordToIndex();
        double[] matrix = new double[(size() + 1) * dimension];
        for (Map.Entry<String, Integer> entry : index.entrySet()) {
            System.arraycopy(values, rows.get(entry.getKey()) * dimension, matrix, entry.getValue() * dimension,
                    dimension);
        }
        return Nd4j.create(matrix, new long[] {size() + 1, dimension}, 'c');
    }

    private void buildIndex() {
        if (wordToIndex != null) {
            return;
        }
        List<String> sorted = new ArrayList<>(rows.keySet());
        Collections.sort(sorted, GloveVectors::compareCodePoints);
        Map<String, Integer> toIndex = new HashMap<>(sorted.size() * 2);
        Map<Integer, String> toWord = new HashMap<>(sorted.size() * 2);
        for (int i = 0; i < sorted.size(); i++) {
            toIndex.put(sorted.get(i), i + 1);
            toWord.put(i + 1, sorted.get(i));
        }
        wordToIndex = Collections.unmodifiableMap(toIndex);
        indexToWord = Collections.unmodifiableMap(toWord);
    }

    /** Python's string order (by code point, not UTF-16 unit). */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Splits the byte stream into lines and lines into a word and d numbers. */
    private static final class Parser {
        private static final double[] POWERS_OF_TEN = new double[23];

        static {
            POWERS_OF_TEN[0] = 1;
            for (int i = 1; i < POWERS_OF_TEN.length; i++) {
                POWERS_OF_TEN[i] = POWERS_OF_TEN[i - 1] * 10;
            }
        }

        private final Path file;
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private final Charset windows1252 = Charset.forName("windows-1252");
        private final List<String> words = new ArrayList<>();
        private final Map<String, Integer> rows = new HashMap<>();
        private double[] values = new double[1 << 20];
        private int dimension = -1;
        private int lineNumber;

        Parser(Path file) {
            this.file = file;
        }

        GloveVectors parse(InputStream in) throws IOException {
            byte[] buffer = new byte[1 << 16];
            byte[] line = new byte[1 << 12];
            int lineLength = 0;
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    byte b = buffer[i];
                    if (b == '\n') {
                        parseLine(line, lineLength);
                        lineLength = 0;
                    } else {
                        if (lineLength == line.length) {
                            line = Arrays.copyOf(line, line.length * 2);
                        }
                        line[lineLength++] = b;
                    }
                }
            }
            if (lineLength > 0) {
                parseLine(line, lineLength);
            }
            if (words.isEmpty()) {
                throw new DataException("The GloVe file " + file + " has no vectors.");
            }
            return new GloveVectors(file.toString(), dimension, List.copyOf(words), Map.copyOf(rows),
                    Arrays.copyOf(values, rows.size() * dimension));
        }

        private void parseLine(byte[] line, int length) {
            lineNumber++;
            while (length > 0 && (line[length - 1] == '\r' || line[length - 1] == ' ')) {
                length--;
            }
            if (length == 0) {
                return;
            }
            int wordEnd = 0;
            while (wordEnd < length && line[wordEnd] != ' ') {
                wordEnd++;
            }
            String word = decodeWord(line, wordEnd);
            int row = rows.getOrDefault(word, words.size());
            int count = 0;
            double[] parsed = new double[dimension > 0 ? dimension : 512];
            int start = wordEnd + 1;
            while (start < length) {
                int end = start;
                while (end < length && line[end] != ' ') {
                    end++;
                }
                if (end > start) {
                    if (count == parsed.length) {
                        if (dimension > 0) {
                            throw malformed("has more than " + dimension + " numbers after the word '" + word + "'");
                        }
                        parsed = Arrays.copyOf(parsed, parsed.length * 2);
                    }
                    double value = parseSimpleDecimal(line, start, end);
                    if (Double.isNaN(value)) {
                        String token = new String(line, start, end - start, StandardCharsets.ISO_8859_1);
                        try {
                            value = Double.parseDouble(token);
                        } catch (NumberFormatException e) {
                            throw malformed("has '" + token + "' where number " + count + " of the word '" + word
                                    + "' should be");
                        }
                    }
                    parsed[count++] = value;
                }
                start = end + 1;
            }
            if (dimension < 0) {
                if (count == 0) {
                    throw malformed("has a word but no numbers");
                }
                dimension = count;
            } else if (count != dimension) {
                throw malformed("has " + count + " numbers after the word '" + word + "' but the first line has "
                        + dimension);
            }
            if (row == words.size()) {
                words.add(word);
                rows.put(word, row);
            }
            int needed = (row + 1) * dimension;
            if (needed > values.length) {
                values = Arrays.copyOf(values, Math.max(needed, values.length * 2));
            }
            System.arraycopy(parsed, 0, values, row * dimension, dimension);
        }

        /**
         * Exact fast path for plain decimals such as {@code -0.038194}: at most 15 digits, so the digits form an
         * exactly representable integer and one division by an exact power of ten is correctly rounded, the same
         * double as {@link Double#parseDouble}. NaN means "use Double.parseDouble" (exponents, long numbers, junk).
         */
        private static double parseSimpleDecimal(byte[] text, int start, int end) {
            int i = start;
            boolean negative = text[i] == '-';
            if (negative || text[i] == '+') {
                i++;
            }
            long digits = 0;
            int digitCount = 0;
            int fractionDigits = 0;
            boolean seenPoint = false;
            boolean seenDigit = false;
            for (; i < end; i++) {
                byte b = text[i];
                if (b >= '0' && b <= '9') {
                    seenDigit = true;
                    if (digits != 0 || b != '0') {
                        digitCount++;
                    }
                    digits = digits * 10 + (b - '0');
                    if (seenPoint) {
                        fractionDigits++;
                    }
                } else if (b == '.' && !seenPoint) {
                    seenPoint = true;
                } else {
                    return Double.NaN;
                }
            }
            if (!seenDigit || digitCount > 15 || fractionDigits > 22) {
                return Double.NaN;
            }
            double value = fractionDigits == 0 ? digits : digits / POWERS_OF_TEN[fractionDigits];
            return negative ? -value : value;
        }

        private String decodeWord(byte[] line, int length) {
            try {
                return utf8.decode(ByteBuffer.wrap(line, 0, length)).toString();
            } catch (CharacterCodingException e) {
                return new String(line, 0, length, windows1252);
            }
        }

        private DataException malformed(String problem) {
            return new DataException("The GloVe file " + file + " is malformed: line " + lineNumber + " " + problem
                    + ". Expected 'word v1 ... vd' with the same d on every line.");
        }
    }
}
