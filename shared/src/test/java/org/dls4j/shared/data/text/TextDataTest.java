package org.dls4j.shared.data.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextDataTest {

    @Test
    void dinosHave1536NamesAnd27CharactersWithNewlineFirst() {
        CharCorpus dinos = CharCorpus.dinos();
        assertEquals(19909, dinos.text().length());
        assertEquals(1536, dinos.lines().size());
        assertEquals("aachenosaurus", dinos.lines().get(0));
        assertEquals("zuul", dinos.lines().get(1535));
        assertEquals(27, dinos.vocabularySize());
        assertEquals(0, dinos.charToIndex().get('\n'));
        assertEquals(1, dinos.charToIndex().get('a'));
        assertEquals('z', dinos.indexToChar().get(26));
    }

    @Test
    void shakespeareHas38Characters() {
        CharCorpus shakespeare = CharCorpus.shakespeare();
        assertEquals(94275, shakespeare.text().length());
        assertEquals(38, shakespeare.vocabularySize());
        assertEquals('\n', shakespeare.vocabulary().get(0));
        assertEquals(' ', shakespeare.vocabulary().get(1));
    }

    @Test
    void emojifyTrainAndTestSets() {
        EmojifyData.Sentences train = EmojifyData.train();
        assertEquals(132, train.size());
        assertEquals("never talk to me again", train.sentences().get(0));
        assertEquals(3, train.labels()[0]);
        assertEquals(10, train.maxWords());
        int[] counts = new int[5];
        for (int label : train.labels()) {
            counts[label]++;
        }
        assertArrayEquals(new int[] {22, 19, 38, 36, 17}, counts);
        assertEquals(132, train.oneHot().size(0));
        assertEquals(1.0, train.oneHot().getDouble(0, 3));

        EmojifyData.Sentences test = EmojifyData.test();
        assertEquals(56, test.size());
        assertEquals("I want to eat\t", test.sentences().get(0));
        assertEquals(4, test.labels()[0]);
        assertEquals("disappointed", EmojifyData.LABEL_NAMES.get(3));
    }

    @Test
    void aBadEmojiLabelNamesTheLine(@TempDir Path folder) throws IOException {
        Path csv = folder.resolve("bad.csv");
        Files.writeString(csv, "\"I love you\",0\nfood is life,seven\n");
        String message = assertThrows(DataException.class, () -> EmojifyData.parse(csv)).getMessage();
        assertTrue(message.contains("line 2") && message.contains("'seven'"), message);
    }

    @Test
    void gloveStandInHas50008WordsOf100Dimensions() {
        long start = System.nanoTime();
        GloveVectors glove = GloveVectors.load();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(50008, glove.size());
        assertEquals(100, glove.dimension());
        // The published first line of glove.6B.100d: "the -0.038194 -0.24487 0.72812 ...".
        assertEquals(-0.038194, glove.vector("the").getDouble(0), 0.0);
        assertEquals(-0.24487, glove.values("the")[1], 0.0);
        assertEquals(0.72812, glove.values("the")[2], 0.0);
        assertEquals("the", glove.words().iterator().next());
        // 1-based over sorted words.
        int firstIndex = glove.wordToIndex().values().stream().mapToInt(Integer::intValue).min().orElseThrow();
        assertEquals(1, firstIndex);
        assertEquals(glove.size(), glove.indexToWord().size());
        String word = glove.indexToWord().get(12345);
        assertEquals(12345, glove.wordToIndex().get(word));
        assertTrue(glove.contains("cucumber") && glove.contains("adorable"));
        assertEquals(glove.values("cucumber")[7],
                glove.embeddingMatrix().getDouble(glove.wordToIndex().get("cucumber"), 7), 0.0);
        // Load time is measured by the data benchmark, not asserted here (timed tests fail on a busy machine).
        System.out.println("GloVe stand-in load: " + millis + " ms");
    }

    @Test
    void gloveReadsAnyDimensionAndNamesMalformedLines(@TempDir Path folder) throws IOException {
        Path good = folder.resolve("glove.tiny.3d.txt.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(good))) {
            out.write("the 0.5 -1 2e-3\nb 1 2 3\r\na 4 5 6".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        GloveVectors tiny = GloveVectors.read(good);
        assertEquals(3, tiny.dimension());
        assertEquals(3, tiny.size());
        assertArrayEquals(new double[] {0.5, -1, 0.002}, tiny.values("the"), 0.0);
        assertEquals(1, tiny.wordToIndex().get("a"));
        assertEquals(3, tiny.wordToIndex().get("the"));

        Path shortLine = folder.resolve("short.txt");
        Files.writeString(shortLine, "the 1 2 3\nof 1 2\n");
        String message = assertThrows(DataException.class, () -> GloveVectors.read(shortLine)).getMessage();
        assertTrue(message.contains("line 2") && message.contains("has 2 numbers"), message);

        Path notNumber = folder.resolve("nan.txt");
        Files.writeString(notNumber, "the 1 2 3\nof 1 2 3\nand 1 x 3\n");
        message = assertThrows(DataException.class, () -> GloveVectors.read(notNumber)).getMessage();
        assertTrue(message.contains("line 3") && message.contains("'x'"), message);
    }

    @Test
    void theFastNumberPathGivesExactlyWhatDoubleParseDoubleGives(@TempDir Path folder) throws IOException {
        java.util.Random random = new java.util.Random(7);
        StringBuilder line = new StringBuilder("w");
        List<String> tokens = new java.util.ArrayList<>(List.of("-0.038194", "0.1", "-0", "123456789012345",
                "0.000000000000000000001", "1e-3", "-2.5E+2", "0.12345678901234567", "7."));
        for (int i = 0; i < 2000; i++) {
            tokens.add(String.format(java.util.Locale.ROOT, "%." + random.nextInt(9) + "f", random.nextGaussian()));
        }
        tokens.forEach(token -> line.append(' ').append(token));
        Path file = Files.writeString(folder.resolve("numbers.txt"), line + "\n");
        double[] values = GloveVectors.read(file).values("w");
        for (int i = 0; i < tokens.size(); i++) {
            assertEquals(Double.doubleToRawLongBits(Double.parseDouble(tokens.get(i))),
                    Double.doubleToRawLongBits(values[i]), tokens.get(i));
        }
    }

    @Test
    void windows1252WordsInThePartialGloveFileAreDecoded() {
        GloveVectors partial = GloveVectors.read(SharedData.require("glove/partial/glove.6B.50d.first2446lines.txt"));
        assertEquals(2446, partial.size());
        assertEquals(50, partial.dimension());
        assertTrue(partial.contains("\u2013"), "en dash decoded as windows-1252");
    }
}
