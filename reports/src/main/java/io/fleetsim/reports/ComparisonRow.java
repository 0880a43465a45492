package io.fleetsim.reports;

import java.util.List;

/**
 * One line of the comparison table, formatted for display.
 *
 * @param metric        the metric's label, e.g. {@code Registration latency p99}
 * @param key           its {@code --max-regression} key, e.g. {@code p99}
 * @param baseline      the baseline's value with unit
 * @param current       the current run's value with unit
 * @param delta         current minus baseline with unit and sign
 * @param deltaPercent  the delta relative to the baseline, e.g. {@code +20.0 %}
 * @param limit         the limit as given, e.g. {@code p99=10%}, or empty when the metric is only reported
 * @param regressed     whether the current value broke the limit
 */
public record ComparisonRow(String metric, String key, String baseline, String current, String delta,
                            String deltaPercent, String limit, boolean regressed) {

    static List<ComparisonRow> of(List<MetricComparison> metrics) {
        return metrics.stream().map(ComparisonRow::of).toList();
    }

    static ComparisonRow of(MetricComparison m) {
        ComparedMetric metric = m.metric();
        return new ComparisonRow(metric.label(), metric.key(),
                ComparisonFigures.value(metric, m.baseline()), ComparisonFigures.value(metric, m.current()),
                ComparisonFigures.absoluteDelta(metric, m.absoluteDelta()),
                ComparisonFigures.relativeDelta(m.relativeDeltaPercent()),
                m.limit().map(RegressionLimit::text).orElse(""), m.regressed());
    }

    /** "regression" for a row that broke its limit, else "ok"; used as CSS class. */
    public String result() {
        return regressed ? "regression" : "ok";
    }
}
