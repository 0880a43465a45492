package io.fleetsim.reports;

import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How much worse than the baseline a metric may get before {@code fleetsim compare} fails, from
 * {@code --max-regression KEY=LIMIT%}. For a latency the limit is relative:
 * {@code p99=10%} fails when current p99 &gt; baseline p99 &times; 1.10. For the success ratio it is
 * absolute percentage points: {@code successRatio=0.1%} fails when the current ratio &lt; the
 * baseline ratio &minus; 0.001 (likewise {@code reachability}). For the share of CON notifications lost
 * it is absolute percentage points too: {@code notifications.lostShare=1%} fails when the current share
 * &gt; the baseline share + 0.01.
 *
 * @param metric  the metric limited; never a count
 * @param percent the limit in percent (of the baseline for latencies, in points for ratios), &ge; 0
 */
public record RegressionLimit(ComparedMetric metric, double percent) {

    /** The command-line option the limits come from, used in error messages. */
    public static final String OPTION = "--max-regression";

    private static final Pattern LIMIT = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)%");

    public RegressionLimit {
        if (!metric.gateable()) {
            throw new IllegalArgumentException(metric.key() + " is shown but cannot be limited; limit one of "
                    + gateableKeys());
        }
        if (!(percent >= 0) || Double.isInfinite(percent)) {
            throw new IllegalArgumentException("a regression limit must be a finite number >= 0, not " + percent);
        }
    }

    /**
     * Parses {@code KEY=LIMIT%}, e.g. {@code p99=10%}, {@code update.p99=25%}, {@code successRatio=0.1%}.
     *
     * @throws IllegalArgumentException naming the text when it is not of that form or names an unknown metric
     */
    public static RegressionLimit parse(String text) {
        int equals = text.indexOf('=');
        if (equals < 0) {
            throw bad(text, "expected METRIC=LIMIT%, e.g. p99=10%");
        }
        String key = text.substring(0, equals).strip();
        String limit = text.substring(equals + 1).strip();
        ComparedMetric metric = ComparedMetric.byKey(key)
                .filter(ComparedMetric::gateable)
                .orElseThrow(() -> bad(text, "unknown metric '" + key + "'; use one of " + gateableKeys()));
        Matcher number = LIMIT.matcher(limit);
        if (!number.matches()) {
            throw bad(text, "the limit must be a number followed by %");
        }
        return new RegressionLimit(metric, Double.parseDouble(number.group(1)));
    }

    /** True when {@code current} is worse than {@code baseline} by more than this limit. */
    public boolean isBrokenBy(double baseline, double current) {
        return switch (metric.kind()) {
            case LATENCY -> current > baseline * (1 + percent / 100.0);
            case RATIO -> current < baseline - percent / 100.0;
            case LOSS -> current > baseline + percent / 100.0;
            case COUNT -> false;
        };
    }

    /** The limit as it would be written on the command line, e.g. {@code p99=10%}. */
    public String text() {
        return metric.key() + "=" + Figures.exact(percent) + "%";
    }

    /** The limit in words, e.g. {@code at most 10% above the baseline}. */
    public String describe() {
        return switch (metric.kind()) {
            case RATIO -> "at most " + Figures.exact(percent) + " percentage points below the baseline";
            case LOSS -> "at most " + Figures.exact(percent) + " percentage points above the baseline";
            case LATENCY, COUNT -> "at most " + Figures.exact(percent) + "% above the baseline";
        };
    }

    private static IllegalArgumentException bad(String text, String problem) {
        return new IllegalArgumentException(OPTION + " " + text + ": " + problem);
    }

    private static String gateableKeys() {
        return Arrays.stream(ComparedMetric.values()).filter(ComparedMetric::gateable)
                .map(ComparedMetric::key)
                .collect(Collectors.joining(", "));
    }
}
