package org.dls4j.shared.graph;

import java.util.Arrays;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Moving values between ND4J arrays and the {@code double[]} arrays that the project's Java layers compute on
 * ({@link BasicRnnLayer}, {@link GruLayer}, {@link LstmLayer}, ...), outside DL4J's workspaces.
 */
public final class JavaArrays {

    private JavaArrays() {
    }

    /**
     * The values of {@code array} in row-major order of its shape (a permuted view's in its own order), as float64:
     * copied straight from its buffer when it is a plain DOUBLE or FLOAT array (a view is copied to one first).
     */
    public static double[] read(INDArray array) {
        int n = Math.toIntExact(array.length());
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray own = ContiguousArrays.ownBuffer(array);
            double[] values = new double[n];
            switch (own.dataType()) {
                case DOUBLE -> new DoublePointer(own.data().addressPointer()).get(values);
                case FLOAT -> {
                    float[] floats = new float[n];
                    new FloatPointer(own.data().addressPointer()).get(floats);
                    for (int i = 0; i < n; i++) {
                        values[i] = floats[i];
                    }
                }
                default -> {
                    return read(own.castTo(DataType.DOUBLE));
                }
            }
            return values;
        }
    }

    /** The rows of the matrix {@code matrix} as float64 arrays. */
    public static double[][] rows(INDArray matrix) {
        int rows = Math.toIntExact(matrix.size(0)), columns = Math.toIntExact(matrix.size(1));
        double[] values = read(matrix);
        double[][] result = new double[rows][];
        for (int r = 0; r < rows; r++) {
            result[r] = Arrays.copyOfRange(values, r * columns, (r + 1) * columns);
        }
        return result;
    }

    /** Writes row-major {@code values} into {@code target}, straight into its buffer if it is a plain array. */
    public static void write(double[] values, INDArray target) {
        if (Shape.hasDefaultStridesForShape(target) && target.offset() == 0 && put(values, target)) {
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            target.assign(matrix(values, 1, values.length, target.dataType()).reshape('c', target.shape()));
        }
    }

    /** Row-major {@code values} as a new {@code (rows, columns)} array of {@code type}, outside any workspace. */
    public static INDArray matrix(double[] values, long rows, long columns, DataType type) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            INDArray matrix = Nd4j.createUninitialized(type, rows, columns);
            if (!put(values, matrix)) {
                matrix.assign(Nd4j.createFromArray(values).reshape('c', rows, columns));
            }
            return matrix;
        }
    }

    /** Copies {@code values} into the buffer of a plain DOUBLE or FLOAT {@code target}; false for other types. */
    private static boolean put(double[] values, INDArray target) {
        switch (target.dataType()) {
            case DOUBLE -> new DoublePointer(target.data().addressPointer()).put(values);
            case FLOAT -> {
                float[] floats = new float[values.length];
                for (int i = 0; i < floats.length; i++) {
                    floats[i] = (float) values[i];
                }
                new FloatPointer(target.data().addressPointer()).put(floats);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** {@code rows}, a matrix held as arrays of rows, as a new array of {@code type}, outside any workspace. */
    public static INDArray matrix(double[][] rows, DataType type) {
        int columns = rows[0].length;
        double[] flat = new double[rows.length * columns];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, flat, r * columns, columns);
        }
        return matrix(flat, rows.length, columns, type);
    }

    /**
     * The steps of every example of {@code sequences} ({@code (m, features, T)} in NCW, {@code (m, T, features)} in
     * NWC) as arrays of {@code features} values, example by example: {@code (m T)} rows.
     */
    public static double[][] stepRows(INDArray sequences, RNNFormat format) {
        INDArray nwc = format == RNNFormat.NCW ? sequences.permute(0, 2, 1) : sequences;
        return rows(nwc.reshape('c', nwc.size(0) * nwc.size(1), nwc.size(2)));
    }

    /**
     * The inverse of {@link #stepRows}: the {@code (m T)} rows of {@code m} examples as a new array of {@code type},
     * seen as sequences in {@code format}.
     */
    public static INDArray sequences(double[][] rows, long m, RNNFormat format, DataType type) {
        return sequences(matrix(rows, type), m, format);
    }

    /**
     * The {@code (m T, features)} rows of {@code m} examples, example by example, as sequences in {@code format}
     * (a view).
     */
    public static INDArray sequences(INDArray rows, long m, RNNFormat format) {
        INDArray nwc = rows.reshape('c', m, rows.size(0) / m, rows.size(1));
        return format == RNNFormat.NCW ? nwc.permute(0, 2, 1) : nwc;
    }

    /**
     * The values {@code [from, from + length)} of each example's array, one example after the other, as a new
     * {@code (m length / columns, columns)} array of {@code type} (e.g. the states {@code h<1..T>} of each example
     * as rows), outside any workspace.
     */
    public static INDArray stack(double[][] examples, int from, int length, int columns, DataType type) {
        double[] flat = new double[examples.length * length];
        for (int e = 0; e < examples.length; e++) {
            System.arraycopy(examples[e], from, flat, e * length, length);
        }
        return matrix(flat, flat.length / columns, columns, type);
    }
}
