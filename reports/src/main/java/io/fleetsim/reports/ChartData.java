package io.fleetsim.reports;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

import io.fleetsim.resultsformat.HistogramTag;

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
    static final String NAT = "chart-nat";
    static final String RECONNECT = "chart-reconnect-percentiles";
    static final String HANDSHAKE = "chart-handshake-percentiles";
    static final String PROBE = "chart-probe-percentiles";
    static final String TRAFFIC = "chart-traffic";
    /** Not a chart: the run's events, marked on every chart over simulated time. */
    static final String EVENTS = "timeline-events";

    /** Percentile steps per halving of the distance to 100 %, as HdrHistogram's own output uses. */
    private static final int TICKS_PER_HALF_DISTANCE = 5;

    private ChartData() {
    }

    static Map<String, Object> of(ResultsDirectory results) {
        HistogramLog log = results.histograms();
        Timeline timeline = results.timeline();
        Map<String, Object> charts = new LinkedHashMap<>();
        putIfAny(charts, PERCENTILES, distributions(log,
                Map.entry(HistogramTag.REGISTRATION, "Registration latency (corrected)"),
                Map.entry(HistogramTag.REGISTRATION_SERVICE, "Registration service time"),
                Map.entry(HistogramTag.TIME_TO_REGISTERED, "Time to registered (back-off included)"),
                Map.entry(HistogramTag.UPDATE, "Update latency (corrected)"),
                Map.entry(HistogramTag.UPDATE_SERVICE, "Update service time")));
        putIfAny(charts, LATENCY_OVER_TIME, latencyOverTime(log));
        putIfAny(charts, REGISTERED, withPlan(TimelineSeries.of(timeline, Map.of(
                "registered", "Registered", "started", "Started", NatSeries.REACHABLE, "Reachable")), results));
        putIfAny(charts, RATES, withNotifications(TimelineRates.perSecond(timeline, Map.of(
                "registrations", "Registrations/s", "updates", "Updates/s",
                "registrationFailures", "Registration failures/s", "updateFailures", "Update failures/s",
                "reconnects", "Reconnects/s")), timeline));
        results.summary().flatMap(FailureBars::of).ifPresent(bars -> charts.put(FAILURES, bars));
        putIfAny(charts, NAT, NatSeries.of(timeline));
        putIfAny(charts, RECONNECT, distributions(log,
                Map.entry(HistogramTag.RECONNECT, "NAT break to registered and reachable again"),
                Map.entry(HistogramTag.RECONNECT_DETECT, "NAT break to the device's first step back")));
        putIfAny(charts, PROBE, distributions(log, Map.entry(HistogramTag.PROBE, "Probe latency (answered probes)")));
        putIfAny(charts, HANDSHAKE, distributions(log, Map.entry(HistogramTag.HANDSHAKE, "DTLS handshake latency")));
        results.summary().flatMap(TrafficBars::of).ifPresent(bars -> charts.put(TRAFFIC, bars));
        putIfAny(charts, SIMULATOR_COST, simulatorCost(timeline));
        results.summary().map(EventMarkers::of).filter(markers -> !markers.isEmpty())
                .ifPresent(markers -> charts.put(EVENTS, markers));
        return charts;
    }

    /** Key of the load stages' plan among the active-devices chart's lines (drawn dashed). */
    static final String PLAN = "plan";
    /** Timeline columns of notifications, drawn on the rates chart's right axis when any was sent. */
    static final List<String> NOTIFICATION_COLUMNS = List.of("notifications", "notificationsLost");

    /** The active-devices lines and, for a run with load stages, the planned active devices (summary's arrival.plan). */
    private static List<Series> withPlan(List<Series> series, ResultsDirectory results) {
        List<Point> plan = results.summary().map(RunSummary::arrival).map(a -> a.plan().stream()
                .filter(p -> p.atSeconds() != null && p.devices() != null)
                .map(p -> new Point(p.atSeconds(), p.devices())).toList()).orElse(List.of());
        if (plan.isEmpty()) {
            return series;
        }
        List<Series> all = new ArrayList<>(series);
        all.add(new Series("Planned active (stages)", PLAN, plan));
        return all;
    }

    /** The rates and, when the devices sent any, notifications and lost notifications per second. */
    private static List<Series> withNotifications(List<Series> rates, Timeline timeline) {
        if (!TimelineSeries.anyPositive(timeline, NOTIFICATION_COLUMNS)) {
            return rates;
        }
        List<Series> all = new ArrayList<>(rates);
        all.addAll(TimelineRates.perSecond(timeline, Map.of(
                "notifications", "Notifications/s", "notificationsLost", "Lost notifications/s")));
        return all;
    }

    private static void putIfAny(Map<String, Object> charts, String id, List<Series> series) {
        if (!series.isEmpty()) {
            charts.put(id, new Lines(series));
        }
    }

    /**
     * One whole-run percentile distribution per tag the log has values of, in argument order,
     * each under its label.
     */
    @SafeVarargs
    private static List<Series> distributions(HistogramLog log, Map.Entry<HistogramTag, String>... tagsAndLabels) {
        List<Series> series = new ArrayList<>();
        for (Map.Entry<HistogramTag, String> tagAndLabel : tagsAndLabels) {
            String tag = tagAndLabel.getKey().wireName();
            String label = tagAndLabel.getValue();
            log.metric(tag).filter(m -> m.count() > 0)
                    .ifPresent(m -> series.add(new Series(label, tag, distributionPoints(m.wholeRun()))));
        }
        return series;
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
        for (HistogramTag histogram : List.of(HistogramTag.REGISTRATION, HistogramTag.UPDATE)) {
            Optional<MetricHistory> metric = log.metric(histogram);
            if (metric.isEmpty()) {
                continue;
            }
            String tag = histogram.wireName();
            String name = histogram == HistogramTag.REGISTRATION ? "Registration" : "Update";
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

    /** Live threads and resident memory of the simulator; rssMb -1 (unknown on this platform) is left out. */
    private static List<Series> simulatorCost(Timeline timeline) {
        List<Series> series = new ArrayList<>(TimelineSeries.of(timeline, Map.of("threads", "Threads")));
        if (timeline.hasColumn(Timeline.T) && timeline.hasColumn("rssMb")) {
            List<Point> rss = TimelineSeries.points(timeline, "rssMb", 0);
            if (!rss.isEmpty()) {
                series.add(new Series("Resident memory (MB)", "rssMb", rss));
            }
        }
        return series;
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

    /** A bar chart with several values per label, one {@link BarSet} each. */
    record GroupedBars(List<String> labels, List<BarSet> sets) {
    }

    /** One value per label of a {@link GroupedBars}; {@code key} names the figure it shows. */
    record BarSet(String label, String key, List<Double> values) {
    }
}
