package org.dls4j.course1.week2;

import java.util.Locale;

import org.dls4j.shared.NumpyFormat;
import org.dls4j.shared.NumpyRandom;
import org.dls4j.shared.Shapes;
import org.dls4j.shared.cli.AssignmentOptions;
import org.dls4j.shared.cli.AssignmentRunner;
import org.dls4j.shared.cli.OptionChecks;
import org.dls4j.shared.cli.Report;
import org.dls4j.shared.exercise.Graded;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Course 1, week 2, optional assignment "Python Basics with Numpy", here as <b>ND4J basics</b>: each graded function
 * of the notebook written with ND4J, the numpy line it stands for in a comment above the call.
 *
 * <p>What the learner sees ({@code ./dls run c1w2-numpy-basics}): the notebook's test prints, in the notebook's
 * format, e.g.
 * <pre>
 * basic_sigmoid(1) = 0.7310585786300049
 * sigmoid(x) = [0.73105858 0.88079708 0.95257413]
 * sigmoid_derivative(x) = [0.19661193 0.10499359 0.04517666]
 * image2vector(image) = [[0.67826139] ...
 * normalizeRows(x) = [[0.         0.6        0.8       ] [0.13736056 0.82416338 0.54944226]]
 * softmax(x) = ...
 * L1 = 1.1
 * L2 = 0.43
 * </pre>
 * then the vectorization demo (loops against vectorized ND4J calls, with timings). With {@code -q} only the values
 * are printed, not the timings. No plots, no training.
 *
 * <p>Unlike numpy, ND4J's {@code *i} methods ({@code addi}, {@code muli}, ...) work in place, and {@code Transforms}
 * functions take a {@code dup} flag: {@code true} returns a new array, {@code false} overwrites the argument.
 */
public final class NumpyBasics {

    /** The notebook has no settings; only the seed of the "general dot" demo, unseeded in the notebook. */
    @Command(name = "c1w2-numpy-basics",
            description = "Course 1 week 2 (optional): Python Basics with Numpy, as ND4J basics.")
    public static final class Options extends AssignmentOptions {

        @Option(names = "--seed", description = "Seeds the general dot demo's np.random.rand (default: ${DEFAULT-VALUE}).")
        public long seed = 1;

        @Override
        public void validate() {
            OptionChecks.numpySeed("--seed", seed, 0);
        }
    }

    /** The notebook's 3x3x2 "image" for image2vector. */
    public static final double[][][] NOTEBOOK_IMAGE = {
        {{0.67826139, 0.29380381}, {0.90714982, 0.52835647}, {0.4215251, 0.45017551}},
        {{0.92814219, 0.96677647}, {0.85304703, 0.52351845}, {0.19981397, 0.27417313}},
        {{0.60659855, 0.00533165}, {0.10820313, 0.49978937}, {0.34144279, 0.94630077}}};

    /** The notebook's two 15-element lists of the vectorization section. */
    public static final double[] X1 = {9, 2, 5, 0, 0, 7, 5, 0, 0, 0, 9, 2, 5, 0, 0};
    public static final double[] X2 = {9, 2, 2, 9, 0, 9, 2, 5, 0, 0, 9, 2, 5, 0, 0};

    private NumpyBasics() {
    }

    // ------------------------------------------------------------------------------------------------------------
    // 1 - Building basic functions with numpy
    // ------------------------------------------------------------------------------------------------------------

    /** GRADED FUNCTION basic_sigmoid: the scalar sigmoid with {@code math.exp}. */
    @Graded("basic_sigmoid")
    public static double basicSigmoid(double x) {
        // s = 1 / (1 + math.exp(-x))
        return 1 / (1 + Math.exp(-x));
    }

    /** GRADED FUNCTION sigmoid: element-wise on an array of any shape; returns a new array. */
    @Graded("sigmoid")
    public static INDArray sigmoid(INDArray x) {
        // s = 1 / (1 + np.exp(-x))
        return Transforms.exp(x.neg(), false).addi(1.0).rdivi(1.0);
    }

    /** GRADED FUNCTION sigmoid_derivative: {@code s (1 - s)} with {@code s = sigmoid(x)}. */
    @Graded("sigmoid_derivative")
    public static INDArray sigmoidDerivative(INDArray x) {
        // s = sigmoid(x)
        INDArray s = sigmoid(x);
        // ds = s * (1 - s)
        return s.rsub(1.0).muli(s);
    }

    /** GRADED FUNCTION image2vector: {@code (length, height, depth)} to a {@code (length*height*depth, 1)} column. */
    @Graded("image2vector")
    public static INDArray image2vector(INDArray image) {
        if (image.rank() != 3) {
            throw new IllegalArgumentException("image must have 3 dimensions (length, height, depth) but has shape "
                    + Shapes.format(image.shape()));
        }
        // v = image.reshape(image.shape[0] * image.shape[1] * image.shape[2], 1)
        return image.reshape('c', image.size(0) * image.size(1) * image.size(2), 1);
    }

    /** GRADED FUNCTION normalizeRows: each row divided by its L2 norm. */
    @Graded("normalizeRows")
    public static INDArray normalizeRows(INDArray x) {
        requireMatrix(x, "x");
        // x_norm = np.linalg.norm(x, axis=1, keepdims=True)
        INDArray xNorm = x.norm2(true, 1);
        // x = x / x_norm
        return x.divColumnVector(xNorm);
    }

    /** GRADED FUNCTION softmax: row-wise, without the max shift (as the notebook writes it). */
    @Graded("softmax")
    public static INDArray softmax(INDArray x) {
        requireMatrix(x, "x");
        // x_exp = np.exp(x)
        INDArray xExp = Transforms.exp(x, true);
        // x_sum = np.sum(x_exp, axis=1, keepdims=True)
        INDArray xSum = xExp.sum(true, 1);
        // s = x_exp / x_sum
        return xExp.diviColumnVector(xSum);
    }

    // ------------------------------------------------------------------------------------------------------------
    // 2 - Vectorization: the L1 and L2 losses
    // ------------------------------------------------------------------------------------------------------------

    /** GRADED FUNCTION L1: {@code sum |y - yhat|}. */
    @Graded("L1")
    public static double l1(INDArray yhat, INDArray y) {
        Shapes.requireSameShape(y, "y", yhat, "yhat");
        // loss = np.sum(np.abs(y - yhat))
        return Transforms.abs(y.sub(yhat), false).sumNumber().doubleValue();
    }

    /** GRADED FUNCTION L2: {@code sum (y - yhat)^2}, as the notebook's {@code np.dot} of the difference with itself. */
    @Graded("L2")
    public static double l2(INDArray yhat, INDArray y) {
        Shapes.requireSameShape(y, "y", yhat, "yhat");
        // loss = np.dot(y - yhat, y - yhat)
        INDArray d = y.sub(yhat).reshape(1, y.length());
        return Nd4j.gemm(d, d, false, true).getDouble(0);
    }

    private static void requireMatrix(INDArray x, String name) {
        if (x.rank() != 2) {
            throw new IllegalArgumentException(name + " must be a matrix (n, m) but has shape "
                    + Shapes.format(x.shape()));
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // The run: the notebook's test cells, then the vectorization demo
    // ------------------------------------------------------------------------------------------------------------

    /** Everything the run computed, for tests and for the printed report. */
    public record Result(double basicSigmoid1, double basicSigmoid3, INDArray sigmoid, INDArray sigmoidDerivative,
            INDArray image2vector, INDArray normalizeRows, INDArray softmax, double l1, double l2, double dot,
            INDArray outer, INDArray elementwise, INDArray generalDot) {
    }

    /**
     * The notebook's test cells in order, each value a result line (printed with {@code -q} too), then the
     * vectorization section with its timings. Its "general dot" uses an unseeded {@code np.random.rand(3, len(x1))}
     * in the notebook; here it is seeded with {@code --seed} (so not the notebook's numbers, which nobody can
     * reproduce).
     */
    public static Result run(Options options, Report report) {
        INDArray x = Nd4j.createFromArray(1.0, 2.0, 3.0);
        double bs1 = basicSigmoid(1);
        double bs3 = basicSigmoid(3);
        INDArray s = sigmoid(x);
        INDArray ds = sigmoidDerivative(x);
        INDArray v = image2vector(Nd4j.createFromArray(NOTEBOOK_IMAGE));
        INDArray nr = normalizeRows(Nd4j.createFromArray(new double[][] {{0, 3, 4}, {1, 6, 4}}));
        INDArray sm = softmax(Nd4j.createFromArray(new double[][] {{9, 2, 5, 0, 0}, {7, 5, 0, 0, 0}}));
        INDArray yhat = Nd4j.createFromArray(.9, 0.2, 0.1, .4, .9);
        INDArray y = Nd4j.createFromArray(1.0, 0, 0, 1, 1);
        double loss1 = l1(yhat, y);
        double loss2 = l2(yhat, y);
        report.result("basic_sigmoid(1) = " + NumpyFormat.repr(bs1));
        report.result("basic_sigmoid(3) = " + NumpyFormat.repr(bs3));
        report.result("sigmoid(x) = " + NumpyFormat.array(s));
        report.result("sigmoid_derivative(x) = " + NumpyFormat.array(ds));
        report.result("image2vector(image) = " + NumpyFormat.array(v));
        report.result("normalizeRows(x) = " + NumpyFormat.array(nr));
        report.result("softmax(x) = " + NumpyFormat.array(sm));
        report.result("L1 = " + NumpyFormat.repr(loss1));
        report.result("L2 = " + NumpyFormat.repr(loss2));

        // Vectorization: the classic loops, then one ND4J call each.
        INDArray a1 = Nd4j.createFromArray(X1);
        INDArray a2 = Nd4j.createFromArray(X2);
        long t0 = System.nanoTime();
        double loopDot = 0;
        for (int i = 0; i < X1.length; i++) {
            loopDot += X1[i] * X2[i];
        }
        long t1 = System.nanoTime();
        // dot = np.dot(x1, x2)
        double dot = Nd4j.gemm(a1.reshape(1, 15), a2.reshape(1, 15), false, true).getDouble(0);
        long t2 = System.nanoTime();
        // outer = np.outer(x1, x2)
        INDArray outer = Nd4j.gemm(a1.reshape(15, 1), a2.reshape(1, 15), false, false);
        // mul = np.multiply(x1, x2)
        INDArray mul = a1.mul(a2);
        // W = np.random.rand(3, len(x1)); dot = np.dot(W, x1)
        INDArray w = new NumpyRandom(options.seed).rand(3, X1.length);
        INDArray gdot = Nd4j.gemm(w, a1.reshape(15, 1), false, false).reshape(3);
        report.result("dot = " + (long) loopDot);
        report.say(" ----- Computation time (loop) = " + ms(t1 - t0) + "ms");
        report.result("dot = " + (long) dot);
        report.say(" ----- Computation time (vectorized) = " + ms(t2 - t1) + "ms");
        report.result("outer = " + intArray(outer));
        report.result("elementwise multiplication = " + intArray(mul));
        report.result("gdot = " + NumpyFormat.array(gdot));
        report.say("   (np.random.rand is unseeded in the notebook; seeded here with --seed " + options.seed + ")");
        return new Result(bs1, bs3, s, ds, v, nr, sm, loss1, loss2, dot, outer, mul, gdot);
    }

    /** numpy's str() of an integer-valued 1-D or 2-D array (right-aligned columns, no wrapping: short rows only). */
    static String intArray(INDArray a) {
        INDArray m = a.rank() == 1 ? a.reshape(1, a.length()) : a;
        long[][] v = new long[(int) m.rows()][(int) m.columns()];
        int width = 1;
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < v[i].length; j++) {
                v[i][j] = Math.round(m.getDouble(i, j));
                width = Math.max(width, Long.toString(v[i][j]).length());
            }
        }
        StringBuilder out = new StringBuilder(a.rank() == 1 ? "" : "[");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                out.append("\n ");
            }
            out.append('[');
            for (int j = 0; j < v[i].length; j++) {
                out.append(j == 0 ? "" : " ").append(String.format(Locale.ROOT, "%" + width + "d", v[i][j]));
            }
            out.append(']');
        }
        return out.append(a.rank() == 1 ? "" : "]").toString();
    }

    private static String ms(long nanos) {
        return NumpyFormat.repr(nanos / 1e6);
    }

    public static void main(String[] args) {
        System.exit(AssignmentRunner.execute(new Options(), NumpyBasics::run, args));
    }
}
