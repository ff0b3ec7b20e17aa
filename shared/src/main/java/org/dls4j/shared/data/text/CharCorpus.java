package org.dls4j.shared.data.text;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;

/**
 * A text for a character-level language model (C5 W1), built as the notebooks build it:
 * {@code data = open(file).read().lower()}, {@code chars = sorted(set(data))},
 * {@code char_to_ix = {ch: i for i, ch in enumerate(chars)}} and {@code ix_to_char} the other way round.
 * Newline sorts first, so {@code '\n'} is index 0.
 */
public final class CharCorpus {
    static final String DINOS = "dinos/dinos.txt";
    static final String SHAKESPEARE = "dinos/shakespeare.txt";

    private final String text;
    private final List<Character> vocabulary;
    private final Map<Character, Integer> charToIndex;
    private final Map<Integer, Character> indexToChar;

    private CharCorpus(String text) {
        this.text = text;
        TreeSet<Character> characters = new TreeSet<>();
        for (int i = 0; i < text.length(); i++) {
            characters.add(text.charAt(i));
        }
        this.vocabulary = List.copyOf(characters);
        Map<Character, Integer> toIndex = new LinkedHashMap<>();
        Map<Integer, Character> toChar = new LinkedHashMap<>();
        for (int i = 0; i < vocabulary.size(); i++) {
            toIndex.put(vocabulary.get(i), i);
            toChar.put(i, vocabulary.get(i));
        }
        this.charToIndex = Collections.unmodifiableMap(toIndex);
        this.indexToChar = Collections.unmodifiableMap(toChar);
    }

    /** Dinosaur names (19,909 characters, 1,536 names, vocabulary {@code \n} + a..z = 27). */
    public static CharCorpus dinos() {
        return read(DataFiles.standard().require(DINOS));
    }

    /** Shakespeare's sonnets (94,275 characters, vocabulary 38) for the "Writing like Shakespeare" part. */
    public static CharCorpus shakespeare() {
        return read(DataFiles.standard().require(SHAKESPEARE));
    }

    /** Any UTF-8 text file, lower-cased, with {@code \r\n} read as {@code \n} (Python's text mode). */
    public static CharCorpus read(Path file) {
        try {
            String raw = Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n").replace('\r', '\n');
            return new CharCorpus(raw.toLowerCase(Locale.ROOT));
        } catch (IOException e) {
            throw new DataException("Cannot read the text " + file + " as UTF-8: " + e.getMessage(), e);
        }
    }

    /** The whole lower-cased text. */
    public String text() {
        return text;
    }

    /**
     * The lines without surrounding white space: for dinos, the notebook's training examples
     * {@code [x.lower().strip() for x in f.readlines()]}.
     */
    public List<String> lines() {
        return text.lines().map(String::strip).toList();
    }

    /** The sorted distinct characters. */
    public List<Character> vocabulary() {
        return vocabulary;
    }

    /** Size of the vocabulary ({@code vocab_size}). */
    public int vocabularySize() {
        return vocabulary.size();
    }

    /** {@code char_to_ix}. */
    public Map<Character, Integer> charToIndex() {
        return charToIndex;
    }

    /** {@code ix_to_char}. */
    public Map<Integer, Character> indexToChar() {
        return indexToChar;
    }
}
