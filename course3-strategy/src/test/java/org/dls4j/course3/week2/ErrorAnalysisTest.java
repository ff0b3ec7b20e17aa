package org.dls4j.course3.week2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dls4j.course1.week4.DeepNetworkApplication;
import org.dls4j.course3.CatPictures;
import org.dls4j.course3.PictureStatistics;
import org.dls4j.course3.week2.ErrorAnalysis.Mistake;
import org.dls4j.course3.week2.ErrorAnalysis.TagCount;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.testing.RefusedOptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Error analysis: the counts and ceilings, the spreadsheet there and back, and a real model's mistakes. */
class ErrorAnalysisTest {

    @TempDir
    Path out;

    private static Mistake mistake(int picture, String... tags) {
        Map<String, Boolean> tagged = new LinkedHashMap<>();
        for (String t : List.of("dark", "low_contrast", "blurry", "dog", "great_cat", "incorrectly_labeled")) {
            tagged.put(t, List.of(tags).contains(t));
        }
        return new Mistake(picture, 1, 0, 0.25, new PictureStatistics(0.4, 0.2, 0.01), tagged, "");
    }

    /** The lecture's ceiling: with 10 % dev error and 5 of 100 mistakes on dogs, fixing dogs gives 9.5 % at best. */
    @Test
    void countsAndCeilingsAreTheLecturesArithmetic() {
        List<Mistake> mistakes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            mistakes.add(i < 5 ? mistake(i, "dog") : i < 55 ? mistake(i, "great_cat", "blurry") : mistake(i));
        }
        List<TagCount> counts = ErrorAnalysis.count(mistakes, 0.10, List.of("dog", "great_cat", "blurry", "dark"));
        assertEquals(new TagCount("dog", 5, 5 / 100.0, 0.10 * (1 - 5 / 100.0)), counts.get(0));
        assertEquals(0.095, counts.get(0).ceilingDevError(), 1e-15);
        assertEquals(new TagCount("great_cat", 50, 0.5, 0.10 * (1 - 0.5)), counts.get(1));
        assertEquals(50, counts.get(2).mistakes());
        assertEquals(new TagCount("dark", 0, 0.0, 0.10), counts.get(3));
    }

    /** What is written reads back; a learner's edits (1, x, yes, a new column) are counted; bad cells are named. */
    @Test
    void spreadsheetRoundTripAndEdits() throws Exception {
        Path csv = ErrorAnalysis.writeCsv(List.of(mistake(3, "dark"), mistake(17), mistake(42, "blurry")),
                out.resolve("mistakes.csv"));
        List<Mistake> back = ErrorAnalysis.readCsv(csv, 50);
        assertEquals(List.of(3, 17, 42), back.stream().map(Mistake::picture).toList());
        assertTrue(back.get(0).tagged("dark") && back.get(2).tagged("blurry") && !back.get(1).tagged("dark"));
        assertEquals(0.25, back.get(0).probabilityCat());

        List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        lines.set(0, lines.get(0).replace(",comments", ",instagram,comments"));
        lines.set(1, lines.get(1) + "x,");     // the dark one: instagram = x, empty comment
        lines.set(2, lines.get(2).replaceFirst(",,,,,,$", ",,,1,,,yes,looks like a dog"));
        lines.set(3, lines.get(3) + ",");
        Files.write(csv, lines, StandardCharsets.UTF_8);
        List<Mistake> edited = ErrorAnalysis.readCsv(csv, 50);
        assertTrue(edited.get(0).tagged("instagram"));
        assertTrue(edited.get(1).tagged("dog") && edited.get(1).tagged("instagram"), edited.get(1).toString());
        assertEquals("looks like a dog", edited.get(1).comments());
        List<TagCount> counts = ErrorAnalysis.count(edited, 3 / 50.0, List.of("dog", "instagram"));
        assertEquals(1, counts.get(0).mistakes());
        assertEquals(2, counts.get(1).mistakes());
        assertEquals(3 / 50.0 * (1 - 2 / 3.0), counts.get(1).ceilingDevError());

        lines.set(2, lines.get(2).replace(",yes,", ",maybe,"));
        Files.write(csv, lines, StandardCharsets.UTF_8);
        DataException e = assertThrows(DataException.class, () -> ErrorAnalysis.readCsv(csv, 50));
        assertTrue(e.getMessage().contains("line 3") && e.getMessage().contains("instagram"), e.getMessage());
        Files.writeString(csv, "index,label\n1,0\n");
        e = assertThrows(DataException.class, () -> ErrorAnalysis.readCsv(csv, 50));
        assertTrue(e.getMessage().contains("line 1: expected the header to start with picture,label"), e.getMessage());
        Files.writeString(csv, String.join(",", ErrorAnalysis.FIXED_COLUMNS) + "\n70,1,0,0.2,0.4,0.2,0.01\n");
        e = assertThrows(DataException.class, () -> ErrorAnalysis.readCsv(csv, 50));
        assertTrue(e.getMessage().contains("picture must be a whole number from 0 to 49, not '70'"), e.getMessage());
    }

    /**
     * 300 iterations of a small model: every dev picture it gets wrong is a row, and only those; the automatic tags
     * follow the thresholds; reading the CSV back gives the same counts.
     */
    @Test
    void mistakesOfARealModelThereAndBack() throws Exception {
        ErrorAnalysis.Options options = new ErrorAnalysis.Options();
        options.layers = new int[] {12288, 7, 1};
        options.iterations = 300;
        options.out = out;
        options.validate();
        ErrorAnalysis.Result r = ErrorAnalysis.run(options, Report.captured());
        CatPictures dev = CatPictures.dev();
        assertEquals(r.mistakes().size(), Math.round(r.devError() * 50));
        for (Mistake m : r.mistakes()) {
            assertEquals(dev.label(m.picture()), m.label());
            assertEquals(1 - m.label(), m.prediction());
            assertEquals(m.prediction() == 1, m.probabilityCat() > 0.5);
            PictureStatistics s = PictureStatistics.channelsLast(dev.images(), m.picture());
            assertEquals(s.brightness() < options.darkBelow, m.tagged("dark"));
            assertEquals(s.sharpness() < options.blurryBelow, m.tagged("blurry"));
        }
        assertTrue(Files.size(r.contactSheet()) > 1000);

        ErrorAnalysis.Options again = new ErrorAnalysis.Options();
        again.tags = r.csv();
        again.out = out;
        again.validate();
        Report.Captured report = Report.captured();
        ErrorAnalysis.Result back = ErrorAnalysis.run(again, report);
        assertEquals(r.counts().size(), back.counts().size());
        for (int i = 0; i < r.counts().size(); i++) {
            assertEquals(r.counts().get(i).mistakes(), back.counts().get(i).mistakes());
            assertEquals(r.counts().get(i).ceilingDevError(), back.counts().get(i).ceilingDevError(), 1e-15);
        }
        assertTrue(report.results().stream().anyMatch(l -> l.startsWith("dark ")), report.results().toString());
    }

    /** The notebook's L-layer model, 2500 iterations: 10 of the 50 pictures wrong (accuracy 0.8), as in Course 1. */
    @Test
    @Tag("full")
    void notebookModelMakesTheNotebooksTenMistakes() {
        ErrorAnalysis.Options options = new ErrorAnalysis.Options();
        options.out = out;
        ErrorAnalysis.Result r = ErrorAnalysis.run(options, Report.captured());
        assertEquals(10, r.mistakes().size());
        assertEquals(0.2, r.devError());
        assertEquals(DeepNetworkApplication.L_LAYER_DIMS.length, options.layers.length);
    }

    @Test
    void badOptionsAreRefusedUpFront() {
        RefusedOptions.assertRefused(ErrorAnalysis.Options::new, ErrorAnalysis::run, out,
                new String[] {"--tags", out.resolve("missing.csv").toString()}, new String[] {"--dark-below", "2"},
                new String[] {"--blurry-below", "-1"}, new String[] {"--layers", "12288,5"});
    }
}
