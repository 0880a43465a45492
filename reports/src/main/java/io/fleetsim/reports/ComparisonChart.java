package io.fleetsim.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.fleetsim.resultsformat.HistogramTag;

/**
 * The data of the comparison's chart: the registration latency percentile distribution of both
 * runs on one log 1/(1-p) axis, in the shape {@link ChartData} gives the report's distribution
 * chart. A run without registration histograms is drawn from the percentiles of its summary.
 */
final class ComparisonChart {

    /** Canvas id; the same as the report's distribution chart, so the same script draws it. */
    static final String ID = ChartData.PERCENTILES;

    private ComparisonChart() {
    }

    /** The chart data keyed by canvas id; empty when neither run has registration latencies. */
    static Map<String, Object> of(ComparisonResult result) {
        List<ChartData.Series> series = new ArrayList<>();
        addRun(series, "Baseline", result.baseline());
        addRun(series, "Current", result.current());
        return series.isEmpty() ? Map.of() : Map.of(ID, new ChartData.Lines(series));
    }

    private static void addRun(List<ChartData.Series> series, String role, ResultsDirectory run) {
        String name = run.summary().map(ScenarioName::of).orElse(ScenarioName.UNNAMED);
        Optional<MetricHistory> recorded = run.histograms().metric(HistogramTag.REGISTRATION)
                .filter(m -> m.count() > 0);
        if (recorded.isPresent()) {
            series.add(new ChartData.Series(role + ": " + name, role.toLowerCase(Locale.ROOT),
                    ChartData.distributionPoints(recorded.get().wholeRun())));
            return;
        }
        List<ChartData.Point> points = summaryPoints(run);
        if (!points.isEmpty()) {
            series.add(new ChartData.Series(role + ": " + name + " (summary percentiles)",
                    role.toLowerCase(Locale.ROOT), points));
        }
    }

    /** p50, p90, p99 and p99.9 of the summary at x = 2, 10, 100, 1000. */
    private static List<ChartData.Point> summaryPoints(ResultsDirectory run) {
        List<ChartData.Point> points = new ArrayList<>();
        run.summary().map(RunSummary::registration).map(RunSummary.Operation::latencyMs).ifPresent(latency -> {
            for (ComparedMetric metric : List.of(ComparedMetric.REGISTRATION_P50, ComparedMetric.REGISTRATION_P90,
                    ComparedMetric.REGISTRATION_P99, ComparedMetric.REGISTRATION_P999)) {
                Double value = metric.fromSummary(latency);
                if (value != null) {
                    points.add(new ChartData.Point(100.0 / (100.0 - metric.percentile()), value));
                }
            }
        });
        return points;
    }
}
