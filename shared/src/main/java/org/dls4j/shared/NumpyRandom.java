package org.dls4j.shared;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A bit-exact clone of numpy's legacy {@code RandomState} (the {@code np.random.seed}/{@code np.random.randn}
 * API every numpy assignment of the course uses).
 *
 * <p>With the same seed and the same calls in the same order, every method returns exactly the doubles numpy
 * returns, so the from-scratch assignments print the notebook's numbers rather than approximations of them:
 * <pre>{@code
 * NumpyRandom rng = new NumpyRandom(1);        // np.random.seed(1)
 * INDArray W1 = rng.randn(4, 2).muli(0.01);    // np.random.randn(4, 2) * 0.01
 * }</pre>
 *
 * <p>What it reproduces (numpy's {@code mtrand} legacy paths, checked against vectors numpy produced):
 * <ul>
 *   <li>MT19937 seeded with {@code init_genrand(seed)} (an int seed, not {@code init_by_array});</li>
 *   <li>53-bit doubles from two 32-bit words ({@code random_sample}, {@code rand}, {@code uniform});</li>
 *   <li>the polar Box-Muller normal with its one-value cache ({@code randn}, {@code standard_normal},
 *       {@code normal}): the cached twin survives {@code rand()} calls and is cleared only by {@link #seed};</li>
 *   <li>masked rejection sampling for {@code randint}, {@code permutation} and {@code shuffle};</li>
 *   <li>{@code choice(n, p)}: numpy's validation of {@code p}, then one uniform and a search of the cdf;</li>
 *   <li>{@code multinomial(n, pvals)}: one legacy binomial per category (the inversion sampler), until the trials
 *       run out.</li>
 * </ul>
 * Arrays are filled in C (row-major) order, one draw per element, as numpy fills them.
 *
 * <p>Not thread-safe: like the global numpy state, one stream is meant to be used by one loop.
 */
public final class NumpyRandom {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;
    /** The largest seed numpy accepts, {@code 2**32 - 1}. */
    public static final long MAX_SEED = 0xFFFFFFFFL;

    private final int[] mt = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;

    /** {@code np.random.seed(seed)}. */
    public NumpyRandom(long seed) {
        seed(seed);
    }

    /**
     * {@code np.random.seed(seed)}: MT19937 {@code init_genrand}, and the cached gaussian is dropped.
     *
     * @param seed 0 &lt;= seed &lt; 2<sup>32</sup>, as numpy requires
     */
    public void seed(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException("Seed must be between 0 and 2**32 - 1 but was " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            int prev = mt[i - 1];
            mt[i] = 1812433253 * (prev ^ (prev >>> 30)) + i;
        }
        pos = N;
        hasGauss = false;
        gauss = 0.0;
    }

    /** The next raw 32-bit MT19937 output, as an unsigned value. */
    public long nextUInt32() {
        return Integer.toUnsignedLong(nextInt32());
    }

    private int nextInt32() {
        if (pos >= N) {
            regenerate();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void regenerate() {
        int kk = 0;
        for (; kk < N - M; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        for (; kk < N - 1; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        }
        int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
        pos = 0;
    }

    private long nextUInt64() {
        long hi = nextUInt32();
        return (hi << 32) | nextUInt32();
    }

    /** {@code np.random.random_sample()}: a double in [0, 1) with 53 random bits. */
    public double randomSample() {
        long a = nextUInt32() >>> 5;
        long b = nextUInt32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code np.random.standard_normal()}: legacy polar Box-Muller with numpy's one-value cache. */
    public double standardNormal() {
        if (hasGauss) {
            hasGauss = false;
            double cached = gauss;
            gauss = 0.0;
            return cached;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * randomSample() - 1.0;
            x2 = 2.0 * randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        // numpy calls the C library's log; GlibcLog reproduces it bit for bit (Math.log rounds differently).
        double f = Math.sqrt(-2.0 * GlibcLog.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code np.random.normal(loc, scale)} for one value: {@code loc + scale * standard_normal()}. */
    public double normal(double loc, double scale) {
        return loc + scale * standardNormal();
    }

    /** {@code np.random.uniform(low, high)} for one value: {@code low + (high - low) * random_sample()}. */
    public double uniform(double low, double high) {
        return low + (high - low) * randomSample();
    }

    /** {@code np.random.rand(d0, d1, ...)}: uniforms in [0, 1), DOUBLE, filled in C order. */
    public INDArray rand(int... shape) {
        double[] data = new double[elementCount(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = randomSample();
        }
        return toArray(data, shape);
    }

    /** {@code np.random.randn(d0, d1, ...)}: standard normals, DOUBLE, filled in C order. */
    public INDArray randn(int... shape) {
        double[] data = new double[elementCount(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = standardNormal();
        }
        return toArray(data, shape);
    }

    /** {@code np.random.normal(loc, scale, size=shape)}: DOUBLE, filled in C order. */
    public INDArray normal(double loc, double scale, int... shape) {
        double[] data = new double[elementCount(shape)];
        for (int i = 0; i < data.length; i++) {
            data[i] = normal(loc, scale);
        }
        return toArray(data, shape);
    }

    /**
     * {@code np.random.randint(low, high)}: an integer in [low, high), by masked rejection sampling on 32-bit
     * draws (64-bit draws only when the range needs them), as numpy's legacy int64 path does.
     */
    public long randint(long low, long high) {
        if (high <= low) {
            throw new IllegalArgumentException("low >= high: randint(" + low + ", " + high + ")");
        }
        long range = high - 1 - low;
        return low + boundedMasked(range);
    }

    /** {@code np.random.randint(low, high, size)}: draws consumed exactly as by {@code size} scalar calls. */
    public long[] randint(long low, long high, int size) {
        requireNonNegative(size, "size");
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            out[i] = randint(low, high);
        }
        return out;
    }

    /** {@code np.random.permutation(n)}: a shuffled {@code arange(n)}. */
    public int[] permutation(int n) {
        requireNonNegative(n, "n");
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        shuffle(a);
        return a;
    }

    /** {@code np.random.shuffle(a)} of a 1-d array: Fisher-Yates from the end, in place. */
    public void shuffle(int[] a) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = (int) boundedMasked(i);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** {@code np.random.shuffle(x)} of a list (numpy shuffles the first axis the same way), in place. */
    public <T> void shuffle(List<T> list) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = (int) boundedMasked(i);
            Collections.swap(list, i, j);
        }
    }

    /** {@code np.random.choice(n)}: uniform over {@code range(n)}, drawn as {@code randint(0, n)}. */
    public int choice(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("a must be greater than 0 but was " + n);
        }
        return (int) randint(0, n);
    }

    /**
     * {@code np.random.choice(n, p=p)}: numpy validates {@code p} (its length, no NaN, no negative value, a sum
     * within sqrt(machine epsilon) of 1), then draws one uniform {@code u} and returns the first index whose
     * normalised cumulative sum exceeds {@code u}.
     */
    public int choice(int n, double[] p) {
        Objects.requireNonNull(p, "p");
        if (n <= 0) {
            throw new IllegalArgumentException("a must be greater than 0 but was " + n);
        }
        if (p.length != n) {
            throw new IllegalArgumentException("a and p must have same size (a: " + n + ", p: " + p.length + ")");
        }
        double sum = kahanSum(p);
        if (Double.isNaN(sum)) {
            throw new IllegalArgumentException("probabilities contain NaN");
        }
        for (double v : p) {
            if (v < 0) {
                throw new IllegalArgumentException("probabilities are not non-negative: " + Arrays.toString(p));
            }
        }
        double atol = Math.sqrt(Math.ulp(1.0));
        if (Math.abs(sum - 1.0) > atol) {
            throw new IllegalArgumentException("probabilities do not sum to 1 (sum = " + sum + ")");
        }
        // cdf = p.cumsum(); cdf /= cdf[-1]
        double[] cdf = new double[n];
        double running = 0.0;
        for (int i = 0; i < n; i++) {
            running += p[i];
            cdf[i] = running;
        }
        double last = cdf[n - 1];
        for (int i = 0; i < n; i++) {
            cdf[i] /= last;
        }
        double u = randomSample();
        // cdf.searchsorted(u, side='right'): the first index with cdf[i] > u
        int lo = 0;
        int hi = n;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cdf[mid] <= u) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * {@code np.random.multinomial(n, pvals)}: the counts of {@code n} trials over {@code pvals.length} categories.
     * Legacy numpy draws category by category, {@code binomial(remaining trials, p[j] / remaining p)}, and stops once
     * no trial is left; the last category takes what remains. A category of zero probability consumes nothing, any
     * other at least one uniform. Only the inversion sampler is implemented ({@code n * min(p, 1 - p) <= 30}, always so
     * for {@code n <= 30}); numpy's BTPE branch beyond that is refused.
     */
    public int[] multinomial(int n, double[] pvals) {
        Objects.requireNonNull(pvals, "pvals");
        if (n < 0) {
            throw new IllegalArgumentException("n < 0");
        }
        if (pvals.length == 0) {
            throw new IllegalArgumentException("pvals must have at least 1 dimension");
        }
        for (double v : pvals) {
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException("pvals < 0, pvals > 1 or pvals contains NaNs: "
                        + Arrays.toString(pvals));
            }
        }
        if (kahanSum(Arrays.copyOf(pvals, pvals.length - 1)) > 1.0 + 1e-12) {
            throw new IllegalArgumentException("sum(pvals[:-1]) > 1.0");
        }
        int d = pvals.length;
        int[] counts = new int[d];
        double remainingP = 1.0;
        int remaining = n;
        for (int j = 0; j < d - 1; j++) {
            counts[j] = binomial(pvals[j] / remainingP, remaining);
            remaining -= counts[j];
            if (remaining <= 0) {
                break;
            }
            remainingP -= pvals[j];
        }
        if (remaining > 0) {
            counts[d - 1] = remaining;
        }
        return counts;
    }

    /** numpy's {@code random_binomial}, which {@code multinomial} calls (not {@code binomial}'s legacy one). */
    private int binomial(double p, int n) {
        if (n == 0 || p == 0) {
            return 0;
        }
        if (p <= 0.5) {
            return binomialInversion(n, p);
        }
        return n - binomialInversion(n, 1.0 - p);
    }

    /** numpy's {@code random_binomial_inversion}, {@code p <= 0.5}. */
    private int binomialInversion(int n, double p) {
        if (p * n > 30.0) {
            throw new UnsupportedOperationException("binomial draws with n * p > 30 (numpy's BTPE sampler) are not"
                    + " implemented: n = " + n + ", p = " + p);
        }
        double q = 1.0 - p;
        double qn = StrictMath.exp(n * GlibcLog.log(q));
        double np = n * p;
        double bound = Math.min(n, np + 10.0 * Math.sqrt(np * q + 1));
        int x = 0;
        double px = qn;
        double u = randomSample();
        while (u > px) {
            x++;
            if (x > bound) {
                x = 0;
                px = qn;
                u = randomSample();
            } else {
                u -= px;
                px = ((n - x + 1) * p * px) / (x * q);
            }
        }
        return x;
    }

    /** numpy's {@code random_interval}/bounded-masked draw of a value in [0, max]. */
    private long boundedMasked(long max) {
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        long value;
        if (max <= MAX_SEED) {
            while ((value = nextUInt32() & mask) > max) {
                // rejected: draw again
            }
        } else {
            while (Long.compareUnsigned(value = nextUInt64() & mask, max) > 0) {
                // rejected: draw again
            }
        }
        return value;
    }

    /** numpy's pairwise-free Kahan summation used by the legacy {@code choice} to check {@code p}. */
    private static double kahanSum(double[] values) {
        if (values.length == 0) {
            return 0.0;
        }
        double sum = values[0];
        double c = 0.0;
        for (int i = 1; i < values.length; i++) {
            double y = values[i] - c;
            double t = sum + y;
            c = (t - sum) - y;
            sum = t;
        }
        return sum;
    }

    private static int elementCount(int[] shape) {
        long count = 1;
        for (int d : shape) {
            requireNonNegative(d, "dimension");
            count *= d;
        }
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Array too large: " + Arrays.toString(shape));
        }
        return (int) count;
    }

    private static INDArray toArray(double[] data, int[] shape) {
        if (shape.length == 0) {
            return Nd4j.scalar(DataType.DOUBLE, data[0]);
        }
        long[] longShape = Arrays.stream(shape).asLongStream().toArray();
        return Nd4j.create(data, longShape, 'c');
    }

    private static void requireNonNegative(long value, String what) {
        if (value < 0) {
            throw new IllegalArgumentException("negative " + what + ": " + value);
        }
    }
}
