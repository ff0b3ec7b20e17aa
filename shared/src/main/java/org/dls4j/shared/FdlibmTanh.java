package org.dls4j.shared;

/**
 * The hyperbolic tangent exactly as Java's {@link Math#tanh} computes it, in plain Java and about twice as fast.
 *
 * <p>Why: {@code Math.tanh} is {@code StrictMath.tanh}, fdlibm compiled to a native library, and each call crosses
 * into it (50-60 ns; HotSpot has no intrinsic for it in Java 17). The fused training loops take tens of thousands of
 * tangents per millisecond, where that call was two thirds of an iteration. The values are the ones the project
 * already uses for numpy's {@code np.tanh} ({@link org.dls4j.shared.scratch.dense.Activations#tanh}): a test checks
 * this class against {@code StrictMath.tanh} bit for bit on millions of arguments.
 *
 * <p>The method (fdlibm's): {@code tanh(x) = 1 - 2 / (expm1(2|x|) + 2)} for {@code |x| >= 1},
 * {@code -expm1(-2|x|) / (expm1(-2|x|) + 2)} below, with the sign of {@code x}; {@code x} itself below
 * {@code 2^-55}, and 1 from 22 on. {@code expm1(r)} reduces {@code r = k ln2 + y} with {@code ln2} in two parts and
 * {@code |y| <= ln2 / 2}, approximates {@code expm1(y)} by a rational function of {@code y} whose coefficients
 * {@code Q1..Q5} are fdlibm's, corrects for the reduction's rounding and scales by {@code 2^k}.
 */
public final class FdlibmTanh {

    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double INV_LN2 = 1.44269504088896338700e+00;
    private static final double Q1 = -3.33333333333331316428e-02;
    private static final double Q2 = 1.58730158725481460165e-03;
    private static final double Q3 = -7.93650757867487942473e-05;
    private static final double Q4 = 4.00821782732936239552e-06;
    private static final double Q5 = -2.01099218183624371326e-07;

    private FdlibmTanh() {
    }

    /** {@code Math.tanh(x)}, bit for bit. */
    public static double tanh(double x) {
        int jx = highWord(x);
        int ix = jx & 0x7fffffff;
        if (ix >= 0x7ff00000) {
            // tanh(+-inf) = +-1, tanh(NaN) = NaN
            return jx >= 0 ? 1.0 / x + 1.0 : 1.0 / x - 1.0;
        }
        double z;
        if (ix >= 0x40360000) {
            // |x| >= 22: 1 to double precision
            z = 1.0;
        } else if (ix < 0x3c800000) {
            // |x| < 2^-55: tanh(x) = x (and -0.0 stays -0.0)
            return x * (1.0 + x);
        } else if (ix >= 0x3ff00000) {
            // 1 <= |x| < 22
            double t = expm1SmallArgument(2.0 * Math.abs(x));
            z = 1.0 - 2.0 / (t + 2.0);
        } else {
            double t = expm1SmallArgument(-2.0 * Math.abs(x));
            z = -t / (t + 2.0);
        }
        return jx >= 0 ? z : -z;
    }

    /** {@code StrictMath.expm1(x)} for {@code 2^-54 <= |x| <= 44}, the arguments {@link #tanh} passes. */
    static double expm1SmallArgument(double x) {
        int hx = highWord(x);
        boolean negative = hx < 0;
        hx &= 0x7fffffff;
        int k;
        double c = 0.0;
        if (hx > 0x3fd62e42) {
            // |x| > ln2 / 2: x = k ln2 + (hi - lo), the reduced argument in x, its rounding error in c
            double hi;
            double lo;
            if (hx < 0x3ff0a2b2) {
                // |x| < 3 ln2 / 2: k = +-1
                k = negative ? -1 : 1;
                hi = negative ? x + LN2_HI : x - LN2_HI;
                lo = negative ? -LN2_LO : LN2_LO;
            } else {
                k = (int) (INV_LN2 * x + (negative ? -0.5 : 0.5));
                double t = k;
                hi = x - t * LN2_HI;
                lo = t * LN2_LO;
            }
            x = hi - lo;
            c = (hi - x) - lo;
        } else {
            k = 0;
        }
        // expm1(x) on |x| <= ln2 / 2 through R(x^2/2) = 1 + Q1 (x^2/2) + ... + Q5 (x^2/2)^5
        double hfx = 0.5 * x;
        double hxs = x * hfx;
        double r1 = 1.0 + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
        double t = 3.0 - r1 * hfx;
        double e = hxs * ((r1 - t) / (6.0 - x * t));
        if (k == 0) {
            return x - (x * e - hxs);
        }
        e = x * (e - c) - c;
        e -= hxs;
        if (k == -1) {
            return 0.5 * (x - e) - 0.5;
        }
        if (k == 1) {
            return x < -0.25 ? -2.0 * (e - (x + 0.5)) : 1.0 + 2.0 * (x - e);
        }
        if (k <= -2 || k > 56) {
            return timesPowerOfTwo(1.0 - (e - x), k) - 1.0;
        }
        double y;
        if (k < 20) {
            // 1 - 2^-k
            double oneMinus = withHighWord(0x3ff00000 - (0x200000 >> k));
            y = oneMinus - (e - x);
        } else {
            // 2^-k
            double tiny = withHighWord((0x3ff - k) << 20);
            y = x - (e + tiny);
            y += 1.0;
        }
        return timesPowerOfTwo(y, k);
    }

    private static int highWord(double x) {
        return (int) (Double.doubleToRawLongBits(x) >>> 32);
    }

    /** The double whose high word is {@code high} and low word 0. */
    private static double withHighWord(int high) {
        return Double.longBitsToDouble((long) high << 32);
    }

    /** {@code y * 2^k} by the exponent bits (y and the result normal, as they are here). */
    private static double timesPowerOfTwo(double y, int k) {
        return Double.longBitsToDouble(Double.doubleToRawLongBits(y) + ((long) k << 52));
    }
}
