package org.dls4j.shared.data.points;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

import org.dls4j.shared.data.DataException;
import org.dls4j.shared.data.DataFiles;
import org.dls4j.shared.data.images.H5ImageFile;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Matrix;

/**
 * The French football goal-keeper data of C2 W1 "Regularization": {@code football/data.mat} (MATLAB v5), read with
 * MFL. As the notebook's {@code load_2D_dataset}: {@code train_X = X.T}, {@code train_Y = y.T},
 * {@code test_X = Xval.T}, {@code test_Y = yval.T}.
 *
 * @param x    training positions {@code (2, 211)} DOUBLE
 * @param y    training labels {@code (1, 211)} DOUBLE 0/1 (uint8 in the file)
 * @param xVal test positions {@code (2, 200)} DOUBLE
 * @param yVal test labels {@code (1, 200)} DOUBLE 0/1
 */
public record FootballData(INDArray x, INDArray y, INDArray xVal, INDArray yVal) {
    static final String FILE = "football/data.mat";

    /** Reads and verifies {@code football/data.mat}: 211 training and 200 test points. */
    public static FootballData load() {
        return load(DataFiles.standard());
    }

    static FootballData load(DataFiles files) {
        return parse(files.require(FILE));
    }

    static FootballData parse(Path file) {
        try (Mat5File mat = Mat5.readFromFile(file.toFile())) {
            INDArray x = transposed(mat, file, "X", 2);
            INDArray y = transposed(mat, file, "y", 1);
            INDArray xVal = transposed(mat, file, "Xval", 2);
            INDArray yVal = transposed(mat, file, "yval", 1);
            if (x.size(1) != y.size(1) || xVal.size(1) != yVal.size(1)) {
                throw DataException.wrongStructure(file, "football", "as many labels as points",
                        "X " + x.size(1) + " / y " + y.size(1) + ", Xval " + xVal.size(1) + " / yval " + yVal.size(1));
            }
            return new FootballData(x, y, xVal, yVal);
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException dataException) {
                throw dataException;
            }
            throw new DataException("Data set 'football': cannot read " + file + " as a MATLAB v5 .mat file: " + e, e);
        }
    }

    /** Reads matrix {@code name} of shape (m, columns) and returns its transpose (columns, m) in C order. */
    private static INDArray transposed(Mat5File mat, Path file, String name, int columns) {
        Array array;
        try {
            array = mat.getArray(name);
        } catch (RuntimeException e) {
            java.util.List<String> names = new java.util.ArrayList<>();
            mat.getEntries().forEach(entry -> names.add(entry.getName()));
            throw DataException.wrongStructure(file, "football", "a variable '" + name + "'", "variables " + names);
        }
        int[] dimensions = array.getDimensions();
        if (!(array instanceof Matrix matrix) || dimensions.length != 2 || dimensions[1] != columns) {
            throw DataException.wrongStructure(file, "football", name + " as a numeric matrix (m, " + columns + ")",
                    name + " " + array.getClass().getSimpleName() + " " + Arrays.toString(dimensions));
        }
        int m = dimensions[0];
        double[] values = new double[columns * m];
        for (int column = 0; column < columns; column++) {
            for (int row = 0; row < m; row++) {
                values[column * m + row] = matrix.getDouble(row, column);
            }
        }
        return Nd4j.create(values, new long[] {columns, m}, 'c');
    }
}
