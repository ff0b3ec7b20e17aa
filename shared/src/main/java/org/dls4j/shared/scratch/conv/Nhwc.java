package org.dls4j.shared.scratch.conv;

import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The checks every convolution and pooling function makes before its loops, with the message a learner can act on
 * ({@code W must have shape (f, f, n_C_prev, n_C) = (3, 3, 4, n_C) but was (3, 3, 3, 8)}), the output size formula,
 * and the raw {@code double[]} of an NHWC array.
 */
public final class Nhwc {

    private Nhwc() {
    }

    /** Checks that {@code array} is a float64 {@code (m, n_H, n_W, n_C)} batch: 4-D, DOUBLE, no empty axis. */
    public static INDArray requireBatch(INDArray array, String name) {
        if (array == null || array.rank() != 4) {
            throw new IllegalArgumentException(name + " must be a 4-D (m, n_H, n_W, n_C) array but "
                    + (array == null ? "was null" : "has shape " + Shapes.format(array.shape())));
        }
        requireDouble(array, name);
        for (long n : array.shape()) {
            if (n < 1) {
                throw new IllegalArgumentException(name + " must not have an empty axis but has shape "
                        + Shapes.format(array.shape()));
            }
        }
        return array;
    }

    /** Checks that {@code array} holds float64 values, as every array of the from-scratch code does. */
    public static void requireDouble(INDArray array, String name) {
        if (array.dataType() != DataType.DOUBLE) {
            throw new IllegalArgumentException(name + " must be a DOUBLE (float64) array but is " + array.dataType());
        }
    }

    /**
     * The checks of {@code conv_forward(A_prev, W, b, {stride, pad})}: {@code A_prev (m, n_H_prev, n_W_prev,
     * n_C_prev)}, {@code W (f, f, n_C_prev, n_C)}, {@code b (1, 1, 1, n_C)}, {@code stride >= 1}, {@code pad >= 0},
     * and a window that fits the padded input.
     */
    public static void requireConv(INDArray aPrev, INDArray W, INDArray b, int stride, int pad) {
        requireBatch(aPrev, "A_prev");
        if (W == null || W.rank() != 4 || W.size(0) != W.size(1) || W.size(2) != aPrev.size(3) || W.size(0) < 1
                || W.size(3) < 1) {
            throw new IllegalArgumentException("W must have shape (f, f, n_C_prev, n_C) = (f, f, " + aPrev.size(3)
                    + ", n_C) but " + (W == null ? "was null" : "was " + Shapes.format(W.shape())));
        }
        requireDouble(W, "W");
        if (b == null) {
            throw new IllegalArgumentException("b must have shape (1, 1, 1, " + W.size(3) + ") but was null");
        }
        Shapes.require(b, "b", 1, 1, 1, W.size(3));
        requireDouble(b, "b");
        outputSize("n_H", aPrev.size(1), (int) W.size(0), pad, stride);
        outputSize("n_W", aPrev.size(2), (int) W.size(0), pad, stride);
    }

    /** The checks of {@code pool_forward(A_prev, {f, stride})}: a batch, {@code f >= 1}, {@code stride >= 1}. */
    public static void requirePool(INDArray aPrev, int f, int stride) {
        requireBatch(aPrev, "A_prev");
        outputSize("n_H", aPrev.size(1), f, 0, stride);
        outputSize("n_W", aPrev.size(2), f, 0, stride);
    }

    /** Checks that the gradient {@code d} has the shape of the layer's output, {@code (m, n_H, n_W, n_C)}. */
    public static void requireOutputGradient(INDArray d, String name, long... shape) {
        if (d == null) {
            throw new IllegalArgumentException(name + " must have shape " + Shapes.format(shape) + " but was null");
        }
        Shapes.require(d, name, shape);
        requireDouble(d, name);
    }

    /**
     * {@code int((n_prev + 2 * pad - f) / stride) + 1}: the output size along one axis.
     *
     * @param axis {@code "n_H"} or {@code "n_W"}, for the message
     * @throws IllegalArgumentException for {@code f < 1}, {@code stride < 1}, {@code pad < 0}, or a window larger
     *         than the padded input
     */
    public static int outputSize(String axis, long nPrev, int f, int pad, int stride) {
        if (f < 1) {
            throw new IllegalArgumentException("f must be at least 1, not " + f);
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be at least 1, not " + stride);
        }
        if (pad < 0) {
            throw new IllegalArgumentException("pad must be at least 0, not " + pad);
        }
        if (nPrev + 2L * pad < f) {
            throw new IllegalArgumentException("the " + f + "x" + f + " window does not fit: " + axis + "_prev + 2*pad"
                    + " = " + (nPrev + 2L * pad) + " is smaller than f = " + f);
        }
        return (int) ((nPrev + 2L * pad - f) / stride + 1);
    }

    /**
     * The sizes of one layer: its input {@code (m, n_H_prev, n_W_prev, n_C_prev)} and its output's {@code n_H, n_W}.
     */
    record Geometry(int m, int nHPrev, int nWPrev, int nCPrev, int nH, int nW) {

        /** The sizes of a layer with an {@code f x f} window on the (checked) batch {@code aPrev}. */
        static Geometry of(INDArray aPrev, int f, int pad, int stride) {
            return new Geometry((int) aPrev.size(0), (int) aPrev.size(1), (int) aPrev.size(2), (int) aPrev.size(3),
                    outputSize("n_H", aPrev.size(1), f, pad, stride), outputSize("n_W", aPrev.size(2), f, pad, stride));
        }
    }

    /** The values of {@code array} in C (row-major) order, a copy. */
    static double[] values(INDArray array) {
        return array.dup('c').data().asDouble();
    }

    /** A DOUBLE array of {@code shape} over {@code values} (C order). */
    static INDArray array(double[] values, long... shape) {
        return Nd4j.create(values, shape, DataType.DOUBLE);
    }
}
