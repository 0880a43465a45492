package io.fleetsim.reports;

import java.util.Locale;
import java.util.Optional;

/** Formats the values and deltas of a comparison in each metric's unit. */
final class ComparisonFigures {

    private static final int SIGNIFICANT_DIGITS = 3;

    private ComparisonFigures() {
    }

    /** {@code 4.1 ms}, {@code 98.04 %}, {@code 7}; an em dash when absent. */
    static String value(ComparedMetric metric, Optional<Double> value) {
        if (value.isEmpty()) {
            return Figures.ABSENT;
        }
        double v = value.get();
        return switch (metric.kind()) {
            case LATENCY -> Figures.significant(v, SIGNIFICANT_DIGITS) + " ms";
            case RATIO, LOSS -> String.format(Locale.ROOT, "%.2f %%", v * 100.0);
            case COUNT -> Figures.count(Math.round(v));
        };
    }

    /** {@code +0.5 ms}, {@code -0.12 pp}, {@code +3}; an em dash when absent. */
    static String absoluteDelta(ComparedMetric metric, Optional<Double> delta) {
        if (delta.isEmpty()) {
            return Figures.ABSENT;
        }
        double d = delta.get();
        String sign = d > 0 ? "+" : d < 0 ? "-" : "\u00b1";
        double size = Math.abs(d);
        return switch (metric.kind()) {
            case LATENCY -> sign + Figures.significant(size, SIGNIFICANT_DIGITS) + " ms";
            case RATIO, LOSS -> sign + String.format(Locale.ROOT, "%.2f pp", size * 100.0);
            case COUNT -> sign + Figures.count(Math.round(size));
        };
    }

    /** {@code +20.0 %}, {@code -3.5 %}, {@code ±0.0 %}. */
    static String signedPercent(double percent) {
        String sign = percent > 0 ? "+" : percent < 0 ? "-" : "\u00b1";
        return sign + String.format(Locale.ROOT, "%.1f %%", Math.abs(percent));
    }

    /** {@link #signedPercent} or an em dash when absent. */
    static String relativeDelta(Optional<Double> percent) {
        return percent.map(ComparisonFigures::signedPercent).orElse(Figures.ABSENT);
    }
}
