package org.dls4j.course3.week2;

import static org.dls4j.course3.ErrorLadder.percent;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.dls4j.course1.week4.DeepNetworkApplication;
import org.dls4j.course3.CatModelOptions;
import org.dls4j.course3.CatPictures;
import org.dls4j.course3.PictureStatistics;
import org.dls4j.course3.TextTable;
import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.OptionException;
import org.dls4j.shared.cli.Progress;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.images.Images;
import org.dls4j.shared.plot.ImageGrid;
import org.dls4j.shared.scratch.dense.DeepNetwork;
import org.dls4j.shared.scratch.dense.Parameters;
import org.dls4j.shared.train.CostRecorder;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 3, week 2, "Carrying out error analysis" and "Cleaning up incorrectly labeled data", on Course 1's L-layer
 * cat classifier ({@link DeepNetworkApplication#lLayerModel}, the notebook's model and training: 2500 iterations,
 * dev error 20 %): its mistakes on the dev set (the 50 pictures of the course's test file) are gathered into a
 * spreadsheet, {@code c3w2-error-analysis.csv} in {@code --out}, one row per mistake with the picture's number, true
 * class, prediction, probability of cat and simple statistics of the picture, and one column per tag. Three tags are
 * filled from the statistics (dark: mean grey level below {@code --dark-below}; low-contrast: standard deviation
 * below {@code --low-contrast-below}; blurry: Laplacian variance below {@code --blurry-below}); the lecture's
 * {@code dog}, {@code great_cat} and {@code incorrectly_labeled} columns are left for the learner, who looks at the
 * pictures in {@code c3w2-error-analysis-mistakes.png} (the contact sheet of the mistakes, tags under each) and
 * writes 1 where a tag applies.
 *
 * <p>What the learner sees: the model's dev error, the mistakes, and the lecture's table: per tag, how many mistakes
 * have it, their share of all mistakes, and the ceiling: the dev error if every mistake with that tag were fixed
 * (dev error x (1 - share)), the most that working on that tag can gain. {@code --tags FILE} reads a learner-edited
 * spreadsheet back (no training) and prints the table again from its tags. Run: {@code ./dls run
 * c3w2-error-analysis}, then edit the CSV and {@code ./dls run c3w2-error-analysis --tags
 * out/c3w2-error-analysis.csv}.
 */
public final class ErrorAnalysis {

    /** The spreadsheet's columns before the tags. */
    public static final List<String> FIXED_COLUMNS = List.of("picture", "label", "prediction", "probability_cat",
            "brightness", "contrast", "sharpness");
    /** The tags filled from the picture statistics. */
    public static final List<String> AUTOMATIC_TAGS = List.of("dark", "low_contrast", "blurry");
    /** The lecture's tags, left for the learner. */
    public static final List<String> LEARNER_TAGS = List.of("dog", "great_cat", "incorrectly_labeled");
    /** The last column: free text. */
    public static final String COMMENTS = "comments";

    /** The model (Course 1's L-layer classifier) and the thresholds of the automatic tags. */
    @Command(name = "c3w2-error-analysis", description = "Course 3 week 2: the cat classifier's dev-set mistakes in a "
            + "tagged CSV and a contact sheet; mistakes per tag and the ceiling of each; --tags FILE recounts an "
            + "edited CSV.")
    public static final class Options extends CatModelOptions {

        // the defaults: the lowest quarter of the 209 training pictures, rounded (quartiles 0.3430, 0.1592, 0.0113)

        @Option(names = "--dark-below", paramLabel = "LEVEL", description = "Tag 'dark': mean grey level (0-1) "
                + "below this (default: ${DEFAULT-VALUE}, about the darkest quarter of the training pictures).")
        public double darkBelow = 0.35;

        @Option(names = "--low-contrast-below", paramLabel = "STD", description = "Tag 'low_contrast': standard "
                + "deviation of the grey levels below this (default: ${DEFAULT-VALUE}, about the flattest quarter).")
        public double lowContrastBelow = 0.16;

        @Option(names = "--blurry-below", paramLabel = "VAR", description = "Tag 'blurry': variance of the grey "
                + "levels' Laplacian below this (default: ${DEFAULT-VALUE}, about the blurriest quarter).")
        public double blurryBelow = 0.011;

        @Option(names = "--tags", paramLabel = "FILE", description = "Read this tagged CSV (written by an earlier "
                + "run, tags edited) and count its tags; nothing is trained.")
        public Path tags;

        public Options() {
            super(DeepNetworkApplication.L_LAYER_DIMS);
        }

        @Override
        public void validate() {
            super.validate();
            OptionChecks.between("--dark-below", darkBelow, 0, 1);
            OptionChecks.between("--low-contrast-below", lowContrastBelow, 0, 1);
            OptionChecks.nonNegative("--blurry-below", blurryBelow);
            if (tags != null && !(Files.isRegularFile(tags) && Files.isReadable(tags))) {
                throw new OptionException("--tags " + tags + " is not a readable file: give the CSV an earlier run "
                        + "wrote (out/c3w2-error-analysis.csv)");
            }
        }
    }

    /** One dev-set mistake: the picture's number, classes, probability, statistics and tags (name -> tagged). */
    public record Mistake(int picture, int label, int prediction, double probabilityCat, PictureStatistics statistics,
            Map<String, Boolean> tags, String comments) {

        public Mistake {
            tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
        }

        public boolean tagged(String tag) {
            return tags.getOrDefault(tag, false);
        }
    }

    /** One row of the lecture's table. */
    public record TagCount(String tag, int mistakes, double shareOfMistakes, double ceilingDevError) {
    }

    /** The mistakes, the dev error, the counts per tag, and the files written (none when reading back). */
    public record Result(List<Mistake> mistakes, int devSize, double devError, List<TagCount> counts, Path csv,
            Path contactSheet) {
    }

    private ErrorAnalysis() {
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), ErrorAnalysis::run, args));
    }

    /** The lesson: train, gather and tag the mistakes, write them, count; or, with {@code --tags}, only count. */
    public static Result run(Options options, Report report) {
        CatPictures dev = CatPictures.dev();
        if (options.tags != null) {
            List<Mistake> mistakes = readCsv(options.tags, dev.size());
            double devError = mistakes.size() / (double) dev.size();
            report.say("Read " + mistakes.size() + " mistakes from " + options.tags);
            List<TagCount> counts = count(mistakes, devError, tagsOf(mistakes));
            reportCounts(counts, mistakes.size(), dev.size(), report);
            return new Result(mistakes, dev.size(), devError, counts, options.tags, null);
        }
        CatPictures train = CatPictures.train();
        report.say("Cat classifier " + options.model() + ": " + options.iterations + " iterations at learning rate "
                + NumpyFormat.repr(options.learningRate) + " on the " + train.size() + " training pictures");
        DeepNetworkApplication.Fit fit;
        try (Progress progress = report.progress("Training", options.iterations)) {
            CostRecorder costs = CostRecorder.every(100).andLast(options.iterations)
                    .onRecord((i, cost) -> progress.stepTo(i + 1));
            fit = DeepNetworkApplication.lLayerModel(train.x(), train.y(), options.layers, options.learningRate,
                    options.iterations, options.seed, costs);
        }
        Parameters parameters = fit.parameters();
        INDArray predictions = DeepNetworkApplication.predict(dev.x(), parameters);
        INDArray probabilities = DeepNetwork.predictProbabilities(dev.x(), parameters);
        List<Integer> wrong = DeepNetworkApplication.mislabeledIndices(predictions, dev.y());
        double devError = wrong.size() / (double) dev.size();
        report.result(String.format(Locale.ROOT, "Dev error: %s (%d of %d pictures; final cost %s)", percent(devError),
                wrong.size(), dev.size(), NumpyFormat.fixed6(fit.costs().last())));

        List<Mistake> mistakes = new ArrayList<>();
        for (int i : wrong) {
            PictureStatistics s = PictureStatistics.channelsLast(dev.images(), i);
            Map<String, Boolean> tags = new LinkedHashMap<>();
            tags.put("dark", s.brightness() < options.darkBelow);
            tags.put("low_contrast", s.contrast() < options.lowContrastBelow);
            tags.put("blurry", s.sharpness() < options.blurryBelow);
            LEARNER_TAGS.forEach(t -> tags.put(t, false));
            mistakes.add(new Mistake(i, dev.label(i), (int) predictions.getDouble(0, i),
                    probabilities.getDouble(0, i), s, tags, ""));
        }
        Path csv = writeCsv(mistakes, options.out.resolve("c3w2-error-analysis.csv"));
        Path sheet = contactSheet(mistakes, dev, options.out.resolve("c3w2-error-analysis-mistakes.png"));
        List<String> allTags = new ArrayList<>(AUTOMATIC_TAGS);
        allTags.addAll(LEARNER_TAGS);
        List<TagCount> counts = count(mistakes, devError, allTags);
        reportCounts(counts, mistakes.size(), dev.size(), report);
        report.say("Wrote " + csv + ": write 1 in the dog, great_cat and incorrectly_labeled columns (or any tag "
                + "column you add) where a picture in " + sheet.getFileName() + " has it, then run again with --tags "
                + csv);
        report.say("Wrote " + sheet);
        return new Result(List.copyOf(mistakes), dev.size(), devError, counts, csv, sheet);
    }

    /**
     * The lecture's counts: for each tag, the mistakes that have it, their share of all mistakes, and the ceiling,
     * {@code devError * (1 - share)}: the dev error if all of them were fixed.
     */
    public static List<TagCount> count(List<Mistake> mistakes, double devError, List<String> tags) {
        List<TagCount> counts = new ArrayList<>();
        for (String tag : tags) {
            int n = (int) mistakes.stream().filter(m -> m.tagged(tag)).count();
            double share = mistakes.isEmpty() ? 0 : n / (double) mistakes.size();
            counts.add(new TagCount(tag, n, share, devError * (1 - share)));
        }
        return counts;
    }

    private static void reportCounts(List<TagCount> counts, int mistakes, int devSize, Report report) {
        report.say("");
        TextTable table = TextTable.of("tag", "mistakes", "share of mistakes", "dev error if all fixed (ceiling)");
        double devError = mistakes / (double) devSize;
        for (TagCount c : counts) {
            table.row(c.tag(), c.mistakes() + " of " + mistakes, percent(c.shareOfMistakes()),
                    percent(devError) + " -> " + percent(c.ceilingDevError()));
        }
        table.lines().forEach(report::result);
        counts.stream().filter(c -> c.mistakes() > 0)
                .max((a, b) -> Integer.compare(a.mistakes(), b.mistakes()))
                .ifPresent(best -> report.result(String.format(Locale.ROOT, "Most promising: %s, %s of the mistakes; "
                        + "fixing all of them would lower the dev error from %s to at best %s.", best.tag(),
                        percent(best.shareOfMistakes()), percent(devError), percent(best.ceilingDevError()))));
    }

    // ------------------------------------------------------------------------------------------ the spreadsheet

    /** Writes the mistakes as CSV: the fixed columns, one 0/1 column per tag, comments. */
    static Path writeCsv(List<Mistake> mistakes, Path file) {
        List<String> tags = tagsOf(mistakes);
        List<String> lines = new ArrayList<>();
        List<String> header = new ArrayList<>(FIXED_COLUMNS);
        header.addAll(tags);
        header.add(COMMENTS);
        lines.add(String.join(",", header));
        for (Mistake m : mistakes) {
            List<String> cells = new ArrayList<>(List.of(Integer.toString(m.picture()), Integer.toString(m.label()),
                    Integer.toString(m.prediction()), String.format(Locale.ROOT, "%.4f", m.probabilityCat()),
                    String.format(Locale.ROOT, "%.4f", m.statistics().brightness()),
                    String.format(Locale.ROOT, "%.4f", m.statistics().contrast()),
                    String.format(Locale.ROOT, "%.6f", m.statistics().sharpness())));
            tags.forEach(t -> cells.add(m.tagged(t) ? "1" : ""));
            cells.add(m.comments().replace(",", ";"));
            lines.add(String.join(",", cells));
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DataException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /**
     * Reads a spreadsheet {@link #writeCsv} wrote, after the learner's edits: the fixed columns first, then any
     * number of tag columns (a cell of {@code 1}, {@code x}, {@code y} or {@code yes} tags the row; empty or
     * {@code 0} does not), then optionally {@code comments}. Semicolons may separate the cells instead of commas (as
     * some spreadsheets save them).
     *
     * @throws DataException when the header or a row is not what it should be (which line, what was expected)
     */
    public static List<Mistake> readCsv(Path file, int devSize) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new DataException("Cannot read " + file + ": " + e.getMessage(), e);
        }
        if (lines.isEmpty()) {
            throw new DataException(file + " is empty: expected the header " + String.join(",", FIXED_COLUMNS)
                    + ",<tags>...");
        }
        String separator = lines.get(0).contains(",") ? "," : ";";
        List<String> header = Arrays.stream(lines.get(0).split(separator, -1)).map(String::trim).toList();
        if (header.size() < FIXED_COLUMNS.size() || !header.subList(0, FIXED_COLUMNS.size()).equals(FIXED_COLUMNS)) {
            throw new DataException(file + " line 1: expected the header to start with "
                    + String.join(",", FIXED_COLUMNS) + ", but it is " + lines.get(0));
        }
        boolean hasComments = header.get(header.size() - 1).equals(COMMENTS);
        List<String> tags = header.subList(FIXED_COLUMNS.size(), header.size() - (hasComments ? 1 : 0));
        List<Mistake> mistakes = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String[] cells = lines.get(n).split(separator, -1);
            String where = file + " line " + (n + 1);
            if (cells.length < header.size() - (hasComments ? 1 : 0)) {
                throw new DataException(where + ": expected " + header.size() + " cells (" + String.join(",", header)
                        + "), found " + cells.length);
            }
            int picture = integer(cells[0], where, "picture", 0, devSize - 1);
            int label = integer(cells[1], where, "label", 0, 1);
            int prediction = integer(cells[2], where, "prediction", 0, 1);
            PictureStatistics stats = new PictureStatistics(number(cells[4], where, "brightness"),
                    number(cells[5], where, "contrast"), number(cells[6], where, "sharpness"));
            Map<String, Boolean> tagged = new LinkedHashMap<>();
            for (int t = 0; t < tags.size(); t++) {
                tagged.put(tags.get(t), isTagged(cells[FIXED_COLUMNS.size() + t], where, tags.get(t)));
            }
            String comments = hasComments && cells.length >= header.size()
                    ? String.join(separator, Arrays.copyOfRange(cells, header.size() - 1, cells.length)).trim() : "";
            mistakes.add(new Mistake(picture, label, prediction, number(cells[3], where, "probability_cat"), stats,
                    tagged, comments));
        }
        return mistakes;
    }

    private static List<String> tagsOf(List<Mistake> mistakes) {
        if (mistakes.isEmpty()) {
            List<String> all = new ArrayList<>(AUTOMATIC_TAGS);
            all.addAll(LEARNER_TAGS);
            return all;
        }
        return List.copyOf(mistakes.get(0).tags().keySet());
    }

    private static boolean isTagged(String cell, String where, String tag) {
        String v = cell.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "1", "x", "y", "yes", "true" -> true;
            case "", "0", "n", "no", "false" -> false;
            default -> throw new DataException(where + ": the " + tag + " cell is '" + cell.trim() + "'; write 1 "
                    + "(tagged) or leave it empty");
        };
    }

    private static int integer(String cell, String where, String column, int min, int max) {
        try {
            int v = Integer.parseInt(cell.trim());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new DataException(where + ": " + column + " must be a whole number from " + min + " to " + max
                + ", not '" + cell.trim() + "'");
    }

    private static double number(String cell, String where, String column) {
        try {
            return Double.parseDouble(cell.trim());
        } catch (NumberFormatException e) {
            throw new DataException(where + ": " + column + " must be a number, not '" + cell.trim() + "'", e);
        }
    }

    /** The mistakes side by side: picture number, prediction and truth, and the tags, under each. */
    private static Path contactSheet(List<Mistake> mistakes, CatPictures dev, Path png) {
        List<BufferedImage> images = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (Mistake m : mistakes) {
            images.add(Images.toImage(dev.images().slice(m.picture())));
            String tags = String.join(" ", m.tags().entrySet().stream().filter(Map.Entry::getValue)
                    .map(Map.Entry::getKey).toList());
            captions.add("#" + m.picture() + " said " + (m.prediction() == 1 ? "cat" : "non-cat") + "\n"
                    + (tags.isEmpty() ? "(no tag)" : tags));
        }
        return ImageGrid.save(images, captions, 5, png);
    }
}
