package org.dls4j.shared.graph;

import java.util.Arrays;

import org.bytedeco.javacpp.indexer.DoubleIndexer;
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
     * straight from its buffer when it is a plain DOUBLE array.
     */
    public static double[] read(INDArray array) {
        double[] values = new double[Math.toIntExact(array.length())];
        if (array.dataType() == DataType.DOUBLE && Shape.hasDefaultStridesForShape(array) && array.offset() == 0) {
            ((DoubleIndexer) array.data().indexer()).get(0, values);
            return values;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return array.castTo(DataType.DOUBLE).dup('c').data().asDouble();
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

    /** Writes row-major {@code values} into {@code target}, straight into its buffer if it is a plain DOUBLE array. */
    public static void write(double[] values, INDArray target) {
        if (target.dataType() == DataType.DOUBLE && Shape.hasDefaultStridesForShape(target) && target.offset() == 0) {
            ((DoubleIndexer) target.data().indexer()).put(0, values);
            return;
        }
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            target.assign(Nd4j.createFromArray(values).reshape('c', target.shape()));
        }
    }

    /** Row-major {@code values} as a new {@code (rows, columns)} array of {@code type}, outside any workspace. */
    public static INDArray matrix(double[] values, long rows, long columns, DataType type) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.createFromArray(values).reshape('c', rows, columns).castTo(type);
        }
    }

    /**
     * The steps of every example of {@code sequences} ({@code (m, features, T)} in NCW, {@code (m, T, features)} in
     * NWC) as the rows of a new row-major {@code (m T, features)} array, example by example, outside any workspace.
     */
    public static INDArray rows(INDArray sequences, RNNFormat format) {
        INDArray nwc = format == RNNFormat.NCW ? sequences.permute(0, 2, 1) : sequences;
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return nwc.dup('c').reshape('c', nwc.size(0) * nwc.size(1), nwc.size(2));
        }
    }

    /**
     * The inverse of {@link #rows}: the {@code (m T, features)} rows of {@code m} examples as sequences in
     * {@code format} (a view).
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
