package org.dls4j.shared.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The one machine-readable line that ends every case's output, ours and the peers' alike:
 * <pre>
 * RESULT case=l-layer unit=iteration median_ms=5.123 p10_ms=4.987 peak_rss_mb=297
 * </pre>
 * Times have four significant digits; the peak resident memory ({@code VmHWM}) is in MiB.
 */
public record ResultLine(String caseName, String unit, double medianMs, double p10Ms, long peakRssMb) {

    static final String PREFIX = "RESULT ";

    @Override
    public String toString() {
        return PREFIX + "case=" + caseName + " unit=" + unit + " median_ms=" + ms(medianMs) + " p10_ms="
                + ms(p10Ms) + " peak_rss_mb=" + peakRssMb;
    }

    /** The line's fields when {@code line} is a result line. */
    public static Optional<ResultLine> parse(String line) {
        if (!line.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : line.substring(PREFIX.length()).trim().split(" +")) {
            int eq = field.indexOf('=');
            if (eq > 0) {
                fields.put(field.substring(0, eq), field.substring(eq + 1));
            }
        }
        try {
            return Optional.of(new ResultLine(fields.get("case"), fields.get("unit"),
                    Double.parseDouble(fields.get("median_ms")), Double.parseDouble(fields.get("p10_ms")),
                    Long.parseLong(fields.get("peak_rss_mb"))));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Milliseconds with four significant digits, never in exponent form ({@code 7.103}, {@code 0.07614}). */
    static String ms(double value) {
        return significant(value, 4);
    }

    /** {@code value} rounded half up to {@code digits} significant digits, never in exponent form. */
    static String significant(double value, int digits) {
        if (!Double.isFinite(value) || value == 0) {
            return value == 0 ? "0" : "nan";
        }
        return new BigDecimal(value).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
    }
}
