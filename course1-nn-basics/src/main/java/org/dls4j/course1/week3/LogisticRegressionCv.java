package org.dls4j.course1.week3;

import java.util.Arrays;
import org.dls4j.shared.Shapes;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The planar notebook's baseline, {@code sklearn.linear_model.LogisticRegressionCV()} with its defaults, rebuilt:
 * L2-regularized logistic regression (intercept not penalized) for each of {@code Cs = np.logspace(-4, 4, 10)},
 * scored by accuracy with 5-fold {@code StratifiedKFold} (no shuffling), the C with the best total fold accuracy
 * (the first one on ties, like {@code argmax}) refitted on all the data.
 *
 * <p>Each fit minimizes {@code sum_i log(1 + exp(-t_i (w.x_i + b))) + |w|^2 / (2C)} ({@code t = ±1}). That
 * objective is strictly convex, so it has one minimum; sklearn approaches it with L-BFGS (tol 1e-4), this class
 * solves it with Newton's method to machine precision (three unknowns for 2-D data). The two solutions differ by
 * less than sklearn's tolerance, which moves no prediction on the flower data: the accuracy is the notebook's 47 %.
 */
public final class LogisticRegressionCv {

    /** The fitted model: {@code w} (n_x), {@code b}, and the regularization chosen by cross-validation. */
    public record Fit(double[] w, double b, double c, double[] meanFoldAccuracy) {

        /** {@code clf.predict(X.T)}: 1.0 where {@code w.x + b > 0}, as a (1, m) row. */
        public INDArray predict(INDArray X) {
            long m = X.size(1);
            double[] x = X.castTo(DataType.DOUBLE).dup('c').data().asDouble();
            double[] p = new double[(int) m];
            for (int i = 0; i < m; i++) {
                double z = b;
                for (int k = 0; k < w.length; k++) {
                    z += w[k] * x[k * (int) m + i];
                }
                p[i] = z > 0 ? 1.0 : 0.0;
            }
            return Nd4j.create(p, new long[] {1, m}, 'c');
        }
    }

    private static final int FOLDS = 5;
    private static final int N_CS = 10;

    private LogisticRegressionCv() {
    }

    /** {@code np.logspace(-4, 4, 10)}. */
    public static double[] defaultCs() {
        double[] cs = new double[N_CS];
        for (int k = 0; k < N_CS; k++) {
            cs[k] = Math.pow(10, -4 + 8.0 * k / (N_CS - 1));
        }
        return cs;
    }

    /**
     * {@code clf = sklearn.linear_model.LogisticRegressionCV(); clf.fit(X.T, Y.T)}.
     *
     * @param X (n_x, m), one example per column
     * @param Y (1, m) labels 0/1
     */
    public static Fit fit(INDArray X, INDArray Y) {
        Shapes.require(Y, "Y", 1, X.size(1));
        int n = (int) X.size(0);
        int m = (int) X.size(1);
        double[][] rows = new double[m][];
        double[] xs = X.castTo(DataType.DOUBLE).dup('c').data().asDouble();
        double[] t = new double[m];
        for (int i = 0; i < m; i++) {
            rows[i] = new double[n];
            for (int k = 0; k < n; k++) {
                rows[i][k] = xs[k * m + i];
            }
            t[i] = Y.getDouble(0, i) > 0.5 ? 1 : -1;
        }
        int[] fold = stratifiedFolds(t);
        double[] cs = defaultCs();
        double[] total = new double[cs.length];
        for (int f = 0; f < FOLDS; f++) {
            boolean[] inTrain = new boolean[m];
            for (int i = 0; i < m; i++) {
                inTrain[i] = fold[i] != f;
            }
            for (int c = 0; c < cs.length; c++) {
                double[] wb = newton(rows, t, inTrain, cs[c]);
                int correct = 0;
                int count = 0;
                for (int i = 0; i < m; i++) {
                    if (!inTrain[i]) {
                        count++;
                        correct += (decision(wb, rows[i]) > 0 ? 1 : -1) == t[i] ? 1 : 0;
                    }
                }
                total[c] += (double) correct / count;
            }
        }
        int best = 0;
        for (int c = 1; c < cs.length; c++) {
            if (total[c] > total[best]) {
                best = c;
            }
        }
        boolean[] all = new boolean[m];
        Arrays.fill(all, true);
        double[] wb = newton(rows, t, all, cs[best]);
        double[] mean = Arrays.stream(total).map(s -> s / FOLDS).toArray();
        return new Fit(Arrays.copyOf(wb, n), wb[n], cs[best], mean);
    }

    /**
     * sklearn's {@code StratifiedKFold(5)} without shuffling: within each class, the examples in order of
     * appearance go to fold 0, 1, ... in blocks whose sizes come from dealing the sorted labels round-robin.
     */
    static int[] stratifiedFolds(double[] t) {
        int m = t.length;
        int negatives = (int) Arrays.stream(t).filter(v -> v < 0).count();
        // y_order = np.sort(y_encoded); allocation[f] = np.bincount(y_order[f::n_splits])
        int[][] allocation = new int[FOLDS][2];
        for (int j = 0; j < m; j++) {
            allocation[j % FOLDS][j < negatives ? 0 : 1]++;
        }
        int[] fold = new int[m];
        int[] seen = new int[2];
        for (int i = 0; i < m; i++) {
            int k = t[i] < 0 ? 0 : 1;
            int rank = seen[k]++;
            int f = 0;
            while (rank >= allocation[f][k]) {
                rank -= allocation[f][k];
                f++;
            }
            fold[i] = f;
        }
        return fold;
    }

    private static double decision(double[] wb, double[] x) {
        double z = wb[x.length];
        for (int k = 0; k < x.length; k++) {
            z += wb[k] * x[k];
        }
        return z;
    }

    /** Newton's method with backtracking on the penalized log-loss; returns {@code [w..., b]}. */
    static double[] newton(double[][] rows, double[] t, boolean[] use, double c) {
        int n = rows[0].length;
        int p = n + 1;
        double[] wb = new double[p];
        double f = objective(rows, t, use, c, wb);
        for (int iter = 0; iter < 100; iter++) {
            double[] g = new double[p];
            double[][] h = new double[p][p];
            for (int k = 0; k < n; k++) {
                g[k] = wb[k] / c;
                h[k][k] = 1 / c;
            }
            for (int i = 0; i < rows.length; i++) {
                if (!use[i]) {
                    continue;
                }
                double z = decision(wb, rows[i]);
                double s = 1 / (1 + Math.exp(t[i] * z)); // sigmoid(-t z)
                double curvature = s * (1 - s);
                for (int a = 0; a < p; a++) {
                    double xa = a < n ? rows[i][a] : 1;
                    g[a] += -t[i] * s * xa;
                    for (int bb = 0; bb < p; bb++) {
                        double xb = bb < n ? rows[i][bb] : 1;
                        h[a][bb] += curvature * xa * xb;
                    }
                }
            }
            double gNorm = 0;
            for (double v : g) {
                gNorm = Math.max(gNorm, Math.abs(v));
            }
            if (gNorm < 1e-12) {
                break;
            }
            double[] step = solve(h, g);
            double alpha = 1;
            double[] next = new double[p];
            double fNext;
            do {
                for (int a = 0; a < p; a++) {
                    next[a] = wb[a] - alpha * step[a];
                }
                fNext = objective(rows, t, use, c, next);
                alpha /= 2;
            } while (fNext > f && alpha > 1e-10);
            if (fNext > f) {
                break;
            }
            System.arraycopy(next, 0, wb, 0, p);
            f = fNext;
        }
        return wb;
    }

    private static double objective(double[][] rows, double[] t, boolean[] use, double c, double[] wb) {
        int n = rows[0].length;
        double f = 0;
        for (int k = 0; k < n; k++) {
            f += wb[k] * wb[k] / (2 * c);
        }
        for (int i = 0; i < rows.length; i++) {
            if (use[i]) {
                double u = -t[i] * decision(wb, rows[i]);
                // log(1 + exp(u)), computed without overflow
                f += u > 0 ? u + Math.log1p(Math.exp(-u)) : Math.log1p(Math.exp(u));
            }
        }
        return f;
    }

    /** Gaussian elimination with partial pivoting on a small dense system. */
    private static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = m[col];
            m[col] = m[pivot];
            m[pivot] = tmp;
            for (int r = col + 1; r < n; r++) {
                double factor = m[r][col] / m[col][col];
                for (int k = col; k <= n; k++) {
                    m[r][k] -= factor * m[col][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }
}
