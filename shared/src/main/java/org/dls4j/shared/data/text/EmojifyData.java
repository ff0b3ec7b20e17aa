package org.dls4j.shared.data.text;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The EMOJISET of C5 W2 "Emojify!": short sentences labelled with one of five emoji.
 *
 * <p>Read as the notebook's {@code read_csv}: column 0 is the sentence (kept exactly, including the stray tab
 * inside some quoted test sentences), column 1 the label; further columns are ignored. Training set
 * {@code emojify/train_emoji.csv} (132), test set {@code emojify/tesss.csv} (56).
 */
public final class EmojifyData {
    static final String TRAIN_FILE = "emojify/train_emoji.csv";
    static final String TEST_FILE = "emojify/tesss.csv";

    /** Label names, index = label: heart, baseball, smile, disappointed, fork_and_knife. */
    public static final List<String> LABEL_NAMES = List.of("heart", "baseball", "smile", "disappointed",
            "fork_and_knife");
    /** The emoji themselves, index = label (what {@code label_to_emoji} prints). */
    public static final List<String> EMOJI = List.of("\u2764\uFE0F", "\u26BE", "\uD83D\uDE04", "\uD83D\uDE1E",
            "\uD83C\uDF74");

    private EmojifyData() {
    }

    /**
     * Sentences and their labels.
     *
     * @param sentences {@code X}, the sentences as written
     * @param labels    {@code Y}, labels 0..4
     */
    public record Sentences(List<String> sentences, int[] labels) {
        public Sentences {
            sentences = List.copyOf(sentences);
            labels = labels.clone();
        }

        /** Number of sentences. */
        public int size() {
            return sentences.size();
        }

        @Override
        public int[] labels() {
            return labels.clone();
        }

        /** {@code convert_to_one_hot(Y, C=5)}: {@code (m, 5)} DOUBLE. */
        public INDArray oneHot() {
            INDArray result = Nd4j.zeros(size(), LABEL_NAMES.size());
            for (int i = 0; i < labels.length; i++) {
                result.putScalar(i, labels[i], 1.0);
            }
            return result;
        }

        /** The number of words of the longest sentence ({@code maxLen}, 10 for the training set). */
        public int maxWords() {
            return sentences.stream().mapToInt(s -> s.strip().split("\\s+").length).max().orElse(0);
        }
    }

    /** The 132 training sentences. */
    public static Sentences train() {
        return parse(DataFiles.standard().require(TRAIN_FILE));
    }

    /** The 56 test sentences ({@code tesss.csv}). */
    public static Sentences test() {
        return parse(DataFiles.standard().require(TEST_FILE));
    }

    static Sentences parse(Path file) {
        List<String> sentences = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, CSVFormat.DEFAULT)) {
            for (CSVRecord record : parser) {
                String where = file + ", line " + parser.getCurrentLineNumber();
                if (record.size() < 2) {
                    throw new DataException("Data set 'emojify': " + where + " has " + record.size()
                            + " field(s); expected sentence,label: " + String.join(",", record.values()));
                }
                int label;
                try {
                    label = Integer.parseInt(record.get(1).strip());
                } catch (NumberFormatException e) {
                    throw new DataException("Data set 'emojify': " + where + " has the label '" + record.get(1)
                            + "'; expected a number 0-4.", e);
                }
                if (label < 0 || label >= LABEL_NAMES.size()) {
                    throw new DataException("Data set 'emojify': " + where + " has the label " + label
                            + "; expected 0-4 " + LABEL_NAMES + ".");
                }
                sentences.add(record.get(0));
                labels.add(label);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new DataException("Data set 'emojify': cannot read " + file + " as CSV: " + e.getMessage(), e);
        }
        return new Sentences(sentences, labels.stream().mapToInt(Integer::intValue).toArray());
    }
}
