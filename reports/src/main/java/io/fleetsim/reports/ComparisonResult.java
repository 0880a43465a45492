package io.fleetsim.reports;

import java.util.List;

/**
 * The outcome of comparing a run against a baseline: every {@link ComparedMetric} side by side,
 * and notes a reader should know (an incomplete run, different scenarios, a limit that could not
 * be checked). {@code fleetsim compare} fails when {@link #regressions()} is not empty.
 *
 * @param baseline the baseline run
 * @param current  the run compared against it
 * @param metrics  one entry per {@link ComparedMetric}, in its declaration order
 * @param notes    caveats in plain sentences, possibly none
 */
public record ComparisonResult(ResultsDirectory baseline, ResultsDirectory current, List<MetricComparison> metrics,
                               List<String> notes) {

    public ComparisonResult {
        metrics = List.copyOf(metrics);
        notes = List.copyOf(notes);
    }

    /** The metrics whose current value broke their limit; empty when nothing regressed or nothing was limited. */
    public List<MetricComparison> regressions() {
        return metrics.stream().filter(MetricComparison::regressed).toList();
    }

    /** The limited metrics one of the runs has no value for: their limits could not be checked. */
    public List<MetricComparison> unchecked() {
        return metrics.stream().filter(m -> m.limit().isPresent() && m.missingIn().isPresent()).toList();
    }

    /** True when at least one limit was given; without limits a comparison only reports. */
    public boolean gated() {
        return metrics.stream().anyMatch(m -> m.limit().isPresent());
    }
}
