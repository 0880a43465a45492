package io.fleetsim.reports;

import java.util.Optional;

/**
 * One metric of two runs side by side, with the limit it was held to, if any.
 *
 * @param metric   what is compared
 * @param baseline the baseline's value, empty when that run has none
 * @param current  the current run's value, empty when that run has none
 * @param limit    the {@code --max-regression} limit of this metric, empty when it is only reported
 */
public record MetricComparison(ComparedMetric metric, Optional<Double> baseline, Optional<Double> current,
                               Optional<RegressionLimit> limit) {

    /** current &minus; baseline, in the metric's unit; empty when either value is missing. */
    public Optional<Double> absoluteDelta() {
        return bothPresent() ? Optional.of(current.get() - baseline.get()) : Optional.empty();
    }

    /** (current &minus; baseline) / baseline in percent; empty when either is missing or the baseline is 0. */
    public Optional<Double> relativeDeltaPercent() {
        if (!bothPresent() || baseline.get() == 0.0) {
            return Optional.empty();
        }
        return Optional.of((current.get() - baseline.get()) / baseline.get() * 100.0);
    }

    /** True when a limit is set, both values exist and the current value breaks the limit. */
    public boolean regressed() {
        return limit.isPresent() && bothPresent() && limit.get().isBrokenBy(baseline.get(), current.get());
    }

    /**
     * One line for a console or a log, e.g.
     * {@code Registration latency p99 (p99): 100 ms -> 120 ms (+20 %), limit at most 10% above the baseline}.
     */
    public String describe() {
        StringBuilder text = new StringBuilder(metric.label()).append(" (").append(metric.key()).append("): ")
                .append(ComparisonFigures.value(metric, baseline)).append(" -> ")
                .append(ComparisonFigures.value(metric, current));
        relativeDeltaPercent().ifPresent(p -> text.append(" (").append(ComparisonFigures.signedPercent(p)).append(')'));
        limit.ifPresent(l -> text.append(", limit ").append(l.describe()));
        return text.toString();
    }

    /** {@code "baseline"}, {@code "current"} or {@code "baseline and current"}: the runs without a value; empty when both have one. */
    public Optional<String> missingIn() {
        if (bothPresent()) {
            return Optional.empty();
        }
        return Optional.of(baseline.isEmpty() && current.isEmpty() ? "baseline and current"
                : baseline.isEmpty() ? "baseline" : "current");
    }

    /**
     * The console line of a limited metric: {@code REGRESSION ...}, {@code ok ...}, or
     * {@code not checked p99=10%: not in baseline} when a run has no value for it.
     */
    public String verdictLine() {
        if (missingIn().isPresent()) {
            return "not checked " + limit.map(RegressionLimit::text).orElse(metric.key()) + ": "
                    + metric.label() + " not in " + missingIn().get();
        }
        return (regressed() ? "REGRESSION " : "ok ") + describe();
    }

    private boolean bothPresent() {
        return baseline.isPresent() && current.isPresent();
    }
}
