package org.dls4j.shared.data.points;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.data.images.H5ImageFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The generated 2-D toy data sets of Courses 1 and 2, read from {@code generated/*.csv}: the exact float64 values
 * the notebooks built at run time (numpy 1.24.2, scikit-learn 1.2.1), so every later number can match.
 *
 * <p>How each was made (from {@code generated/README.md}; numpy's legacy global RandomState):
 * <ul>
 *   <li>{@link #planarFlower()} (C1 W3 {@code load_planar_dataset}): {@code seed(1)}; for petal j = 0, 1:
 *       {@code t = linspace(3.12 j, 3.12 (j+1), 200) + randn(200)*0.2}, {@code r = 4 sin(4t) + randn(200)*0.2},
 *       points {@code (r sin t, r cos t)}, label j. 400 points, 200 per class.</li>
 *   <li>{@link #circlesTrain()} / {@link #circlesTest()} (C2 W1 Initialization): {@code seed(1);
 *       make_circles(n_samples=300, noise=.05)}, then {@code seed(2); make_circles(n_samples=100, noise=.05)}.
 *       make_circles: outer circle label 0, inner (factor 0.8) label 1, one {@code shuffle(arange(n))}, then
 *       {@code normal(scale=noise, size=(n, 2))} added row by row.</li>
 *   <li>{@link #moons()} (C2 W2 Optimization): {@code seed(3); make_moons(n_samples=300, noise=.2)}.</li>
 * </ul>
 * Regenerating them with the same recipe in Java matches only to about 1e-15 (libm sin/cos differ in the last bit),
 * which is why the loaders read the CSVs.
 */
public final class ToyData {
    static final String PLANAR = "generated/planar_flower.csv";
    static final String CIRCLES_TRAIN = "generated/circles_train.csv";
    static final String CIRCLES_TEST = "generated/circles_test.csv";
    static final String MOONS = "generated/moons.csv";

    private ToyData() {
    }

    /**
     * Features and labels, laid out as the notebooks have them.
     *
     * @param x {@code (2, m)} DOUBLE, one example per column
     * @param y {@code (1, m)} DOUBLE labels 0/1 (uint8 or int64 in the notebooks)
     */
    public record Xy(INDArray x, INDArray y) {
        /** Number of examples m. */
        public int size() {
            return (int) x.size(1);
        }
    }

    /** C1 W3 planar "flower": X (2, 400), Y (1, 400), 200 per class. */
    public static Xy planarFlower() {
        return read(DataFiles.standard(), PLANAR, "planar", 400);
    }

    /** C2 W1 Initialization training set: X (2, 300), Y (1, 300), 150 ones. */
    public static Xy circlesTrain() {
        return read(DataFiles.standard(), CIRCLES_TRAIN, "circles", 300);
    }

    /** C2 W1 Initialization test set: X (2, 100), Y (1, 100), 50 ones. */
    public static Xy circlesTest() {
        return read(DataFiles.standard(), CIRCLES_TEST, "circles", 100);
    }

    /** C2 W2 Optimization moons: X (2, 300), Y (1, 300), 150 ones. */
    public static Xy moons() {
        return read(DataFiles.standard(), MOONS, "moons", 300);
    }

    static Xy read(DataFiles files, String relativePath, String dataSet, int expectedRows) {
        return parse(files.require(relativePath), dataSet, expectedRows);
    }

    /** Parses a {@code x1,x2,y} CSV into (2, m) / (1, m). */
    static Xy parse(Path file, String dataSet, int expectedRows) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVParser.parse(reader, format)) {
            if (!parser.getHeaderNames().equals(List.of("x1", "x2", "y"))) {
                throw DataException.wrongStructure(file, dataSet, "a CSV with header x1,x2,y",
                        "header " + String.join(",", parser.getHeaderNames()));
            }
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != expectedRows) {
                throw DataException.wrongStructure(file, dataSet, expectedRows + " rows", records.size() + " rows");
            }
            int m = records.size();
            double[] x = new double[2 * m];
            double[] y = new double[m];
            for (int i = 0; i < m; i++) {
                CSVRecord record = records.get(i);
                try {
                    x[i] = Double.parseDouble(record.get(0));
                    x[m + i] = Double.parseDouble(record.get(1));
                    y[i] = Integer.parseInt(record.get(2));
                } catch (RuntimeException e) {
                    throw new DataException("Data set '" + dataSet + "': " + file + ", line "
                            + (i + 2) + ", is not 'float,float,int': " + record.values().length
                            + " fields " + String.join(",", record.values()), e);
                }
            }
            return new Xy(Nd4j.create(x, new long[] {2, m}, 'c'), Nd4j.create(y, new long[] {1, m}, 'c'));
        } catch (IOException e) {
            throw new DataException("Data set '" + dataSet + "': cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
