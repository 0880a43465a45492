package io.fleetsim.reports;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The data behind each chart of the report, keyed by canvas id, in the shape the page's script
 * hands to Chart.js: series of {@code {x, y}} points, or labels and values for the bar chart.
 * A chart without data has no key.
 */
final class ChartData {

    static final String PERCENTILES = "chart-latency-percentiles";
    static final String LATENCY_OVER_TIME = "chart-latency-over-time";
    static final String REGISTERED = "chart-registered-devices";
    static final String RATES = "chart-rates-per-second";
    static final String SIMULATOR_COST = "chart-simulator-cost";
    static final String FAILURES = "chart-failures-by-cause";

    /** Percentile steps per halving of the distance to 100 %, as HdrHistogram's own output uses. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private ChartData() {
    }

    static Map<String, Object> of(ResultsDirectory results) {
        Map<String, Object> charts = new LinkedHashMap<>();
        putIfAny(charts, PERCENTILES, percentileDistribution(results.histograms()));
        putIfAny(charts, LATENCY_OVER_TIME, latencyOverTime(results.histograms()));
        putIfAny(charts, REGISTERED, timelineSeries(results.timeline(), Map.of(
                "registered", "Registered", "started", "Started")));
        putIfAny(charts, RATES, TimelineRates.perSecond(results.timeline(), Map.of(
                "registrations", "Registrations/s", "updates", "Updates/s",
                "registrationFailures", "Registration failures/s", "updateFailures", "Update failures/s")));
        results.summary().flatMap(ChartData::failuresByCause).ifPresent(bars -> charts.put(FAILURES, bars));
        putIfAny(charts, SIMULATOR_COST, simulatorCost(results.timeline()));
        return charts;
    }

    private static void putIfAny(Map<String, Object> charts, String id, List<Series> series) {
        if (!series.isEmpty()) {
            charts.put(id, new Lines(series));
        }
    }

    private static List<Series> percentileDistribution(HistogramLog log) {
        List<Series> series = new ArrayList<>();
        addDistribution(series, log, HistogramLog.REGISTRATION, "Registration latency (corrected)");
        addDistribution(series, log, HistogramLog.REGISTRATION_SERVICE, "Registration service time");
        addDistribution(series, log, HistogramLog.UPDATE, "Update latency (corrected)");
        addDistribution(series, log, HistogramLog.UPDATE_SERVICE, "Update service time");
        return series;
    }

    private static void addDistribution(List<Series> series, HistogramLog log, String tag, String label) {
        log.metric(tag).filter(m -> m.count() > 0)
                .ifPresent(metric -> series.add(new Series(label, tag, distributionPoints(metric.wholeRun()))));
    }

    /** Points with x = 1/(1 - percentile), so that 90 % is 10, 99 % is 100, ...; 100 % is left out. */
    static List<Point> distributionPoints(Histogram histogram) {
        List<Point> points = new ArrayList<>();
        for (HistogramIterationValue value : histogram.percentiles(TICKS_PER_HALF_DISTANCE)) {
            double fraction = value.getPercentileLevelIteratedTo() / 100.0;
            if (fraction < 1.0) {
                points.add(new Point(1.0 / (1.0 - fraction), MetricHistory.millis(value.getValueIteratedTo())));
            }
        }
        return points;
    }

    private static List<Series> latencyOverTime(HistogramLog log) {
        List<Series> series = new ArrayList<>();
        for (String tag : List.of(HistogramLog.REGISTRATION, HistogramLog.UPDATE)) {
            Optional<MetricHistory> metric = log.metric(tag);
            if (metric.isEmpty()) {
                continue;
            }
            String name = tag.equals(HistogramLog.REGISTRATION) ? "Registration" : "Update";
            List<IntervalPercentiles> intervals = metric.get().intervals();
            series.add(new Series(name + " p50", tag, intervalPoints(intervals, IntervalPercentiles::p50Ms)));
            series.add(new Series(name + " p99", tag, intervalPoints(intervals, IntervalPercentiles::p99Ms)));
            series.add(new Series(name + " max", tag, intervalPoints(intervals, IntervalPercentiles::maxMs)));
        }
        return series;
    }

    private static List<Point> intervalPoints(List<IntervalPercentiles> intervals,
                                                           ToDoubleFunction<IntervalPercentiles> value) {
        return intervals.stream().map(i -> new Point(i.endSeconds(), value.applyAsDouble(i))).toList();
    }

    /** One series per column named in {@code labels} (column to label) that the timeline has, in file order. */
    private static List<Series> timelineSeries(Timeline timeline, Map<String, String> labels) {
        List<Series> series = new ArrayList<>();
        if (timeline.isEmpty() || !timeline.hasColumn(Timeline.T)) {
            return series;
        }
        for (String column : timeline.columns()) {
            if (labels.containsKey(column)) {
                series.add(new Series(labels.get(column), column, columnPoints(timeline, column)));
            }
        }
        return series;
    }

    /** Live threads and resident memory of the simulator; rssMb -1 (unknown on this platform) is left out. */
    private static List<Series> simulatorCost(Timeline timeline) {
        List<Series> series = new ArrayList<>(timelineSeries(timeline, Map.of("threads", "Threads")));
        if (timeline.hasColumn(Timeline.T) && timeline.hasColumn("rssMb")) {
            List<Point> rss = columnPoints(timeline, "rssMb", 0);
            if (!rss.isEmpty()) {
                series.add(new Series("Resident memory (MB)", "rssMb", rss));
            }
        }
        return series;
    }

    private static List<Point> columnPoints(Timeline timeline, String column) {
        return columnPoints(timeline, column, Double.NEGATIVE_INFINITY);
    }

    private static List<Point> columnPoints(Timeline timeline, String column, double min) {
        List<Point> points = new ArrayList<>();
        for (Map<String, Double> row : timeline.rows()) {
            if (row.get(Timeline.T) != null && row.get(column) != null && row.get(column) >= min) {
                points.add(new Point(row.get(Timeline.T), row.get(column)));
            }
        }
        return points;
    }

    /** Bars "registration: timeout", "update: transport", ... with their counts; empty when nothing failed. */
    private static Optional<Bars> failuresByCause(RunSummary summary) {
        List<String> labels = new ArrayList<>();
        List<Long> values = new ArrayList<>();
        addFailures(labels, values, "registration", summary.registration());
        addFailures(labels, values, "update", summary.update());
        boolean anyFailure = values.stream().anyMatch(v -> v > 0);
        return anyFailure ? Optional.of(new Bars(labels, values)) : Optional.empty();
    }

    private static void addFailures(List<String> labels, List<Long> values, String operation,
                                    RunSummary.Operation figures) {
        if (figures == null) {
            return;
        }
        figures.failures().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(cause -> {
            labels.add(operation + ": " + cause.getKey());
            values.add(cause.getValue() == null ? 0L : cause.getValue());
        });
    }

    /** The lines of a line chart. */
    record Lines(List<Series> series) {
    }

    /** A line of a chart; {@code key} names the hlog tag or timeline column it comes from. */
    record Series(String label, String key, List<Point> points) {
    }

    /** One point of a line. */
    record Point(double x, double y) {
    }

    /** The bars of a bar chart. */
    record Bars(List<String> labels, List<Long> values) {
    }
}
