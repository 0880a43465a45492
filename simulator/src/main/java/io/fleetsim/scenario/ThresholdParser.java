package io.fleetsim.scenario;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one threshold expression, {@code <metric> <op> <number>[unit]}, e.g.
 * {@code registration.p99 < 500ms} or {@code registration.successRatio >= 99.9%}.
 */
final class ThresholdParser {

    /** The form of a threshold, for messages and documentation. */
    static final String FORM = "'<metric> <op> <number>[unit]', e.g. 'registration.p99 < 500ms'";

    private static final Pattern EXPRESSION = Pattern.compile(
            "\\s*([A-Za-z][A-Za-z0-9_.-]*)\\s*(<=|>=|==|<|>)\\s*([-+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][-+]?\\d+)?)"
                    + "\\s*([A-Za-z%]*)\\s*");

    private ThresholdParser() {
    }

    /**
     * Parses a threshold; throws {@link InvalidValueException} (the problem, without place) when
     * the text is malformed, names an unknown metric or uses a unit that does not fit the metric.
     *
     * @param line the line it was read from, kept in the result
     */
    static Threshold parse(String expression, int line) {
        return parse(expression, line, List.of());
    }

    /** As {@link #parse(String, int)}, with per-group metrics ({@code groups.<name>.<metric>}) of {@code groupNames}. */
    static Threshold parse(String expression, int line, List<String> groupNames) {
        Matcher matcher = EXPRESSION.matcher(expression);
        if (!matcher.matches()) {
            throw new InvalidValueException("cannot read '" + expression + "': expected " + FORM);
        }
        String metric = matcher.group(1);
        ThresholdMetrics.Kind kind = metric.startsWith(ThresholdMetrics.GROUP_PREFIX)
                ? groupKind(metric, groupNames)
                : ThresholdMetrics.kindOf(metric).orElseThrow(() -> new InvalidValueException(
                        "unknown metric '" + metric + "'" + DidYouMean.hint(metric, ThresholdMetrics.KNOWN)));
        Threshold.Comparator comparator = comparator(matcher.group(2));
        double limit = limit(metric, kind, new BigDecimal(matcher.group(3)), matcher.group(4));
        return new Threshold(expression.strip(), metric, comparator, limit, line);
    }

    private static ThresholdMetrics.Kind groupKind(String metric, List<String> groupNames) {
        String group = ThresholdMetrics.groupOf(metric, groupNames).orElseThrow(() -> new InvalidValueException(
                "'" + metric + "' names no group of this scenario; per-group metrics are groups.<name>.<metric>"
                        + " with a group name of " + (groupNames.isEmpty() ? "none" : String.join(", ", groupNames))));
        String rest = metric.substring(ThresholdMetrics.GROUP_PREFIX.length() + group.length() + 1);
        return ThresholdMetrics.kindOfPerGroup(rest).orElseThrow(() -> new InvalidValueException(
                "unknown per-group metric '" + rest + "' in '" + metric + "'"
                        + DidYouMean.hint(rest, ThresholdMetrics.PER_GROUP)));
    }

    private static Threshold.Comparator comparator(String symbol) {
        Optional<Threshold.Comparator> found = Arrays.stream(Threshold.Comparator.values())
                .filter(c -> c.symbol().equals(symbol)).findFirst();
        return found.orElseThrow();
    }

    private static double limit(String metric, ThresholdMetrics.Kind kind, BigDecimal number, String unit) {
        BigDecimal value = switch (kind) {
            case LATENCY_MS -> latency(metric, number, unit);
            case RATIO -> ratio(metric, number, unit);
            case COUNT -> count(metric, number, unit);
        };
        double limit = value.doubleValue();
        if (!Double.isFinite(limit)) {
            throw new InvalidValueException("the limit of " + metric + " is out of range");
        }
        return limit;
    }

    private static BigDecimal latency(String metric, BigDecimal number, String unit) {
        if (number.signum() < 0) {
            throw new InvalidValueException(metric + " is a latency and cannot be negative, got " + number);
        }
        return switch (unit) {
            case "", "ms" -> number;
            case "s" -> number.scaleByPowerOfTen(3);
            default -> throw badUnit(metric, unit, "allowed: ms, s; a bare number means ms");
        };
    }

    private static BigDecimal ratio(String metric, BigDecimal number, String unit) {
        BigDecimal ratio = switch (unit) {
            case "" -> number;
            case "%" -> number.movePointLeft(2);
            default -> throw badUnit(metric, unit, "allowed: %, or a bare ratio from 0 to 1");
        };
        if (ratio.signum() < 0 || ratio.compareTo(BigDecimal.ONE) > 0) {
            throw new InvalidValueException(metric + " is a ratio from 0 to 1 (0% to 100%), got "
                    + number.toPlainString() + unit);
        }
        return ratio;
    }

    private static BigDecimal count(String metric, BigDecimal number, String unit) {
        if (!unit.isEmpty()) {
            throw new InvalidValueException(metric + " is a count and takes no unit, got '"
                    + number.toPlainString() + unit + "'");
        }
        if (number.signum() < 0) {
            throw new InvalidValueException(metric + " is a count and cannot be negative, got " + number);
        }
        return number;
    }

    private static InvalidValueException badUnit(String metric, String unit, String allowed) {
        return new InvalidValueException("unit '" + unit + "' does not fit " + metric + " (" + allowed + ")");
    }
}
