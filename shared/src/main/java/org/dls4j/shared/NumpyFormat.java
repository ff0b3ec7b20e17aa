package org.dls4j.shared;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Prints numbers the way the notebooks print them, so a learner can compare line by line with the
 * "Expected Output" cells.
 * <ul>
 *   <li>{@link #fixed6(double)}: Python's {@code "%f"} ({@code Cost after iteration 100: 0.584508});</li>
 *   <li>{@link #repr(double)}: Python's {@code str(float)}/{@code repr}, the shortest digits that read back to the
 *       same double ({@code 99.04306220095694}, {@code 1e-05}, {@code 70.0});</li>
 *   <li>{@link #array(INDArray)}: numpy's default array printing (8 significant fractional digits at most,
 *       columns aligned, scientific notation when numpy would switch to it, 75-character lines); a BOOL array
 *       as numpy prints a boolean one ({@code [[ True False]]}).</li>
 * </ul>
 */
public final class NumpyFormat {

    private static final int PRECISION = 8;
    private static final int LINE_WIDTH = 75;
    private static final int SUMMARY_THRESHOLD = 1000;
    private static final int EDGE_ITEMS = 3;

    private NumpyFormat() {
    }

    /** Python's {@code "%f" % x}: six decimals. */
    public static String fixed6(double x) {
        if (!Double.isFinite(x)) {
            return nonFinite(x);
        }
        return String.format(Locale.ROOT, "%f", x);
    }

    /** Python's {@code repr(x)} for a float: shortest round-trip digits, {@code 1e-05}, {@code 70.0}, {@code inf}. */
    public static String repr(double x) {
        if (!Double.isFinite(x)) {
            return nonFinite(x);
        }
        if (x == 0) {
            return (Double.doubleToRawLongBits(x) < 0 ? "-" : "") + "0.0";
        }
        Digits d = shortestDigits(x);
        String sign = x < 0 ? "-" : "";
        int decpt = d.decimalPoint;
        String digits = d.digits;
        if (decpt > 16 || decpt < -3) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            int exp = decpt - 1;
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        return sign + positional(digits, decpt, true);
    }

    /** numpy's {@code str(array)} with default print options; a BOOL array prints {@code  True}/{@code False}. */
    public static String array(INDArray array) {
        double[] values = array.dup('c').data().asDouble();
        long[] shape = array.shape();
        boolean summarize = values.length > SUMMARY_THRESHOLD;
        DoubleFunction<String> format = array.dataType() == DataType.BOOL
                // numpy's BoolFormat: " True" so that it lines up with "False", except in a 0-d array
                ? v -> v != 0 ? (shape.length == 0 ? "True" : " True") : "False"
                : ElementFormat.of(values, summarize ? shape : null)::format;
        StringBuilder out = new StringBuilder();
        if (shape.length == 0) {
            return format.apply(values[0]).trim();
        }
        appendBlock(out, values, shape, 0, 0, format, summarize, " ");
        return out.toString();
    }

    private static int appendBlock(StringBuilder out, double[] values, long[] shape, int axis, int offset,
            DoubleFunction<String> format, boolean summarize, String hangingIndent) {
        int n = (int) shape[axis];
        int stride = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            stride *= (int) shape[i];
        }
        List<Integer> items = new ArrayList<>();
        boolean skip = summarize && n > 2 * EDGE_ITEMS;
        for (int i = 0; i < n; i++) {
            if (skip && i == EDGE_ITEMS) {
                items.add(-1);
                i = n - EDGE_ITEMS - 1;
                continue;
            }
            items.add(i);
        }
        out.append('[');
        if (axis == shape.length - 1) {
            int lineStart = out.length() - 1 - currentLineLength(out, out.length() - 1);
            for (int k = 0; k < items.size(); k++) {
                int i = items.get(k);
                String word = i < 0 ? "..." : format.apply(values[offset + i]);
                boolean last = k == items.size() - 1;
                String sep = k == 0 ? "" : " ";
                int lineLength = out.length() - lineStart;
                int needed = sep.length() + word.length() + (last ? shape.length - axis : 0);
                if (k > 0 && lineLength + needed > LINE_WIDTH) {
                    out.append('\n').append(hangingIndent);
                    lineStart = out.length() - hangingIndent.length();
                    sep = "";
                }
                out.append(sep).append(word);
            }
        } else {
            String lineBreak = "\n".repeat(shape.length - axis - 1);
            for (int k = 0; k < items.size(); k++) {
                int i = items.get(k);
                if (k > 0) {
                    out.append(lineBreak).append(hangingIndent);
                }
                if (i < 0) {
                    out.append("...");
                    continue;
                }
                appendBlock(out, values, shape, axis + 1, offset + i * stride, format, summarize, hangingIndent + " ");
            }
        }
        out.append(']');
        return out.length();
    }

    private static int currentLineLength(StringBuilder out, int end) {
        int nl = out.lastIndexOf("\n", end);
        return end - (nl + 1);
    }

    private static String nonFinite(double x) {
        return Double.isNaN(x) ? "nan" : x > 0 ? "inf" : "-inf";
    }

    /** Shortest decimal digits that read back to {@code x}, and where the decimal point goes. */
    static Digits shortestDigits(double x) {
        BigDecimal exact = new BigDecimal(Math.abs(x));
        for (int p = 1; p <= 17; p++) {
            BigDecimal rounded = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (rounded.doubleValue() == Math.abs(x)) {
                return Digits.of(rounded);
            }
        }
        return Digits.of(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    /** Digits {@code d1 d2 ...} of a value {@code 0.d1d2... * 10^decimalPoint}. */
    record Digits(String digits, int decimalPoint) {
        static Digits of(BigDecimal value) {
            BigDecimal stripped = value.stripTrailingZeros();
            String digits = stripped.unscaledValue().toString();
            return new Digits(digits, digits.length() - stripped.scale());
        }
    }

    private static String positional(String digits, int decpt, boolean addDotZero) {
        StringBuilder s = new StringBuilder();
        if (decpt <= 0) {
            s.append("0.").append("0".repeat(-decpt)).append(digits);
        } else if (decpt >= digits.length()) {
            s.append(digits).append("0".repeat(decpt - digits.length()));
            s.append(addDotZero ? ".0" : ".");
        } else {
            s.append(digits, 0, decpt).append('.').append(digits.substring(decpt));
        }
        return s.toString();
    }

    /** numpy's FloatingFormat for floatmode 'maxprec', precision 8, no suppression. */
    private static final class ElementFormat {
        private final boolean scientific;
        private final int padLeft;
        private final int padRight;
        private final int expWidth;

        private ElementFormat(boolean scientific, int padLeft, int padRight, int expWidth) {
            this.scientific = scientific;
            this.padLeft = padLeft;
            this.padRight = padRight;
            this.expWidth = expWidth;
        }

        static ElementFormat of(double[] values, long[] summarizedShape) {
            double max = 0;
            double min = Double.POSITIVE_INFINITY;
            boolean anyFinite = false;
            for (double v : values) {
                if (Double.isFinite(v)) {
                    anyFinite = true;
                    double a = Math.abs(v);
                    max = Math.max(max, a);
                    if (a != 0) {
                        min = Math.min(min, a);
                    }
                }
            }
            if (min == Double.POSITIVE_INFINITY) {
                min = max;
            }
            boolean scientific = anyFinite && max != 0
                    && (max >= 1e8 || min < 0.0001 || max / min > 1000.0);
            int padLeft = 0;
            int padRight = 0;
            int expWidth = 0;
            boolean anyNonFinite = false;
            boolean negativeInfinity = false;
            for (double v : values) {
                if (!Double.isFinite(v)) {
                    anyNonFinite = true;
                    negativeInfinity |= v == Double.NEGATIVE_INFINITY;
                    continue;
                }
                String s = scientific ? sci(v) : fixed(v);
                String mantissa = scientific ? s.substring(0, s.indexOf('e')) : s;
                int dot = mantissa.indexOf('.');
                padLeft = Math.max(padLeft, dot);
                padRight = Math.max(padRight, mantissa.length() - dot - 1);
                if (scientific) {
                    expWidth = Math.max(expWidth, s.length() - s.indexOf('e') - 2);
                }
            }
            if (anyNonFinite && !scientific) {
                // room for "nan", "inf" and "-inf" in the column, as numpy makes it
                int longest = negativeInfinity ? 4 : 3;
                padLeft = Math.max(padLeft, longest - (padRight + 1));
            }
            return new ElementFormat(scientific, padLeft, padRight, expWidth);
        }

        String format(double v) {
            if (!Double.isFinite(v)) {
                String s = nonFinite(v);
                int width = padLeft + padRight + 1 + (scientific ? expWidth + 2 : 0);
                return " ".repeat(Math.max(0, width - s.length())) + s;
            }
            String s = scientific ? sci(v) : fixed(v);
            String mantissa = scientific ? s.substring(0, s.indexOf('e')) : s;
            String exponent = scientific ? s.substring(s.indexOf('e')) : "";
            int dot = mantissa.indexOf('.');
            String left = " ".repeat(padLeft - dot) + mantissa;
            int frac = mantissa.length() - dot - 1;
            if (scientific) {
                // numpy pads the mantissa with zeros in scientific mode
                left = left + "0".repeat(padRight - frac);
                String sign = exponent.substring(1, 2);
                String digits = exponent.substring(2);
                return left + "e" + sign + "0".repeat(Math.max(0, expWidth - digits.length())) + digits;
            }
            return left + " ".repeat(padRight - frac);
        }

        /** Shortest digits, rounded to at most 8 decimals, trailing zeros dropped, the dot kept. */
        private static String fixed(double v) {
            BigDecimal rounded = new BigDecimal(v).setScale(PRECISION, RoundingMode.HALF_EVEN);
            BigDecimal shortest = BigDecimal.valueOf(Double.parseDouble(repr(v))).abs();
            BigDecimal value = shortest.scale() <= PRECISION ? shortest : rounded.abs();
            String plain = value.stripTrailingZeros().toPlainString();
            if (!plain.contains(".")) {
                plain = plain + ".";
            }
            return (v < 0 || (v == 0 && Double.doubleToRawLongBits(v) < 0) ? "-" : "") + plain;
        }

        /** Scientific with at most 8 mantissa decimals, shortest that reads back. */
        private static String sci(double v) {
            if (v == 0) {
                return "0.e+00";
            }
            Digits d = shortestDigits(v);
            String digits = d.digits;
            int exp = d.decimalPoint - 1;
            if (digits.length() > PRECISION + 1) {
                BigDecimal r = new BigDecimal(Math.abs(v)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
                Digits rd = Digits.of(r);
                digits = rd.digits;
                exp = rd.decimalPoint - 1;
            }
            String mantissa = digits.charAt(0) + "." + digits.substring(1);
            String sign = v < 0 ? "-" : "";
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
    }
}
