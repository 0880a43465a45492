package io.fleetsim.reports;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/** Formats figures for the report's tables; a figure with no samples (absent, NaN) shows as "no data". */
final class Figures {

    static final String ABSENT = "no data";

    private Figures() {
    }

    /** A count with thousands separators, e.g. {@code 12,345}. */
    static String count(Long value) {
        return value == null ? ABSENT : String.format(Locale.ROOT, "%,d", value);
    }

    /** A decimal with at most three fraction digits and no trailing zeros, e.g. {@code 60.3}. */
    static String decimal(Double value) {
        if (value == null) {
            return ABSENT;
        }
        if (value.isNaN()) {
            return ABSENT;
        }
        if (value.isInfinite()) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** Every digit of a value, without trailing zeros, e.g. {@code 0.98039} or {@code 500}. */
    static String exact(double value) {
        if (Double.isNaN(value)) {
            return ABSENT;
        }
        if (Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** A value to {@code digits} significant digits, e.g. {@code 114} or {@code 0.412}. */
    static String significant(double value, int digits) {
        if (Double.isNaN(value)) {
            return ABSENT;
        }
        if (Double.isInfinite(value)) {
            return String.valueOf(value);
        }
        return new BigDecimal(value).round(new MathContext(digits, RoundingMode.HALF_UP))
                .stripTrailingZeros().toPlainString();
    }

    /** A decimal followed by a unit, e.g. {@code 60 s}. */
    static String withUnit(Double value, String unit) {
        return value == null ? ABSENT : decimal(value) + " " + unit;
    }

    /** A ratio 0..1 as a percentage with one fraction digit, e.g. {@code 99.5 %}. */
    static String percent(Double ratio) {
        return ratio == null ? ABSENT : String.format(Locale.ROOT, "%.1f %%", ratio * 100.0);
    }

    /** A ratio 0..1 as a percentage with {@code digits} fraction digits, e.g. {@code 99.95 %}. */
    static String percent(Double ratio, int digits) {
        return ratio == null ? ABSENT : String.format(Locale.ROOT, "%." + digits + "f %%", ratio * 100.0);
    }

    /** Milliseconds to three significant digits, as seconds from 10 s up, e.g. {@code 851 ms} or {@code 27 s}. */
    static String duration(Double millis) {
        if (millis == null || millis.isNaN()) {
            return ABSENT;
        }
        return millis < 10_000 ? significant(millis, 3) + " ms" : significant(millis / 1000.0, 3) + " s";
    }
}
