package io.fleetsim.metrics;

import java.util.List;
import java.util.Map;

import org.HdrHistogram.Histogram;

import io.fleetsim.scenario.Threshold;

/**
 * Judges thresholds on what a run recorded: latency percentiles from the whole-run histograms,
 * ratios and counts from the counters. A metric with no samples (no latency recorded, a ratio
 * over nothing) has no observed value and fails its threshold, whatever the comparison.
 */
public final class ThresholdJudge {

    private final RunTotals totals;
    private final Map<LatencyMetric, Histogram> histograms;
    private final long registeredAtEnd;
    private final List<GroupFigures> groups;
    private final Map<String, Map<LatencyMetric, Histogram>> groupHistograms;

    public ThresholdJudge(RunTotals totals, Map<LatencyMetric, Histogram> histograms, long registeredAtEnd) {
        this(totals, histograms, registeredAtEnd, List.of(), Map.of());
    }

    /**
     * A judge of per-group thresholds too ({@code groups.<name>.<metric>}), on each group's figures
     * and latency histograms.
     */
    public ThresholdJudge(RunTotals totals, Map<LatencyMetric, Histogram> histograms, long registeredAtEnd,
            List<GroupFigures> groups, Map<String, Map<LatencyMetric, Histogram>> groupHistograms) {
        this.totals = totals;
        this.histograms = histograms;
        this.registeredAtEnd = registeredAtEnd;
        this.groups = groups == null ? List.of() : groups;
        this.groupHistograms = groupHistograms;
    }

    public List<ThresholdResult> judge(List<Threshold> thresholds) {
        return thresholds.stream().map(this::judge).toList();
    }

    public ThresholdResult judge(Threshold threshold) {
        Double observed = observe(threshold.metric());
        boolean pass = observed != null && threshold.comparator().test(observed, threshold.limit());
        return new ThresholdResult(threshold, observed, pass);
    }

    /** The observed value of a metric in its unit (ms for latencies), or null. */
    public Double observe(String metric) {
        if (metric.startsWith(io.fleetsim.scenario.ThresholdMetrics.GROUP_PREFIX)) {
            return observeGroup(metric);
        }
        int dot = metric.lastIndexOf('.');
        String head = dot < 0 ? metric : metric.substring(0, dot);
        String stat = dot < 0 ? "" : metric.substring(dot + 1);
        LatencyMetric latencyMetric = LatencyMetric.byTag(head);
        if (latencyMetric != null && isLatencyStat(stat)) {
            return latency(latencyMetric, stat);
        }
        return switch (metric) {
            case "registration.successRatio" -> totals.successRatio(FailureKind.REGISTRATION);
            case "registration.failures" -> (double) totals.get(Counter.REGISTRATION_FAILURES);
            case "update.failures" -> (double) totals.get(Counter.UPDATE_FAILURES);
            case "devices.registered" -> (double) totals.get(Counter.DEVICES_REGISTERED);
            case "devices.registeredAtEnd" -> (double) registeredAtEnd;
            case "retransmissions" -> (double) totals.get(Counter.RETRANSMISSIONS);
            case "reachability" -> totals.reachability();
            case "reachability.probed" -> totals.probedReachability();
            case "nat.expiries" -> (double) totals.get(Counter.NAT_EXPIRIES);
            case "nat.rebindings" -> (double) totals.get(Counter.NAT_REBINDINGS);
            case "reconnects" -> (double) totals.get(Counter.RECONNECTS);
            case "errors.ratio" -> errorRatio();
            case "bootstrap.successRatio" -> totals.successRatio(FailureKind.BOOTSTRAP);
            case "bootstrap.failures" -> (double) totals.get(Counter.BOOTSTRAP_FAILURES);
            default -> null;
        };
    }

    /**
     * Failed and unfinished registrations, updates and de-registrations over all of them; null
     * (no samples) when there was none.
     */
    public Double errorRatio() {
        long failed = 0;
        long all = 0;
        for (FailureKind operation : new FailureKind[] {FailureKind.REGISTRATION, FailureKind.UPDATE,
                FailureKind.DEREGISTRATION}) {
            long notSucceeded = totals.get(RunTotals.failureCounter(operation)) + totals.inFlight(operation);
            failed += notSucceeded;
            all += notSucceeded + totals.get(RunTotals.successCounter(operation));
        }
        return all == 0 ? null : (double) failed / all;
    }

    /**
     * Registrations that succeeded over all registrations: successes / (successes + failures +
     * unfinished); null (no samples) when there was none.
     */
    public Double successRatio() {
        return totals.successRatio(FailureKind.REGISTRATION);
    }

    /** A per-group metric, {@code groups.<name>.<metric>}; null for an unknown group or no samples. */
    private Double observeGroup(String metric) {
        GroupFigures group = null;
        for (GroupFigures candidate : groups) {
            String prefix = io.fleetsim.scenario.ThresholdMetrics.GROUP_PREFIX + candidate.group() + ".";
            if (metric.startsWith(prefix) && (group == null || candidate.group().length() > group.group().length())) {
                group = candidate;
            }
        }
        if (group == null) {
            return null;
        }
        String rest = metric.substring(io.fleetsim.scenario.ThresholdMetrics.GROUP_PREFIX.length()
                + group.group().length() + 1);
        int dot = rest.lastIndexOf('.');
        LatencyMetric latencyMetric = dot < 0 ? null : LatencyMetric.byTag(rest.substring(0, dot));
        if (latencyMetric != null && isLatencyStat(rest.substring(dot + 1))) {
            Histogram histogram = groupHistograms.getOrDefault(group.group(), Map.of()).get(latencyMetric);
            return histogram == null ? null : latency(histogram, rest.substring(dot + 1));
        }
        return switch (rest) {
            case "devices.registered" -> (double) group.registered();
            case "devices.registeredAtEnd" -> (double) group.registeredAtEnd();
            case "registration.failures" -> (double) group.registrationFailures();
            case "reconnects" -> (double) group.reconnects();
            case "reachability" -> group.observedMillis() == 0 ? null
                    : (double) group.reachableMillis() / group.observedMillis();
            default -> null;
        };
    }

    private static boolean isLatencyStat(String stat) {
        return switch (stat) {
            case "p50", "p90", "p99", "p999", "max", "mean" -> true;
            default -> false;
        };
    }

    private Double latency(LatencyMetric metric, String stat) {
        return latency(histograms.get(metric), stat);
    }

    private static Double latency(Histogram histogram, String stat) {
        if (histogram == null || histogram.getTotalCount() == 0) {
            return null;
        }
        return switch (stat) {
            case "p50" -> LatencySummary.percentile(histogram, 50);
            case "p90" -> LatencySummary.percentile(histogram, 90);
            case "p99" -> LatencySummary.percentile(histogram, 99);
            case "p999" -> LatencySummary.percentile(histogram, 99.9);
            case "max" -> histogram.getMaxValue() / 1000.0;
            case "mean" -> histogram.getMean() / 1000.0;
            default -> null;
        };
    }
}
