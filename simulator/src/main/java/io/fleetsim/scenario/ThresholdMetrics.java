package io.fleetsim.scenario;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.fleetsim.resultsformat.HistogramTag;

/**
 * The metrics a threshold may name, and the kind of value each one is. The engine judges exactly
 * these; {@link #KNOWN} is the list it has to be able to produce. A latency metric is named by
 * its histogram's {@link HistogramTag} and a statistic, e.g. {@code reconnect.detect.p99}.
 */
public final class ThresholdMetrics {

    /** What a metric's value is, which decides the units a threshold may use for it. */
    public enum Kind {
        /** A latency in milliseconds; a bare number means ms, {@code s} is converted to ms. */
        LATENCY_MS,
        /** A ratio from 0 to 1; {@code %} is converted to a ratio. */
        RATIO,
        /** A count of things; no unit. */
        COUNT
    }

    private static final Map<String, Kind> KINDS = build();

    /** Per-group metrics are {@code groups.<group name>.<metric>}. */
    public static final String GROUP_PREFIX = "groups.";

    private static final Map<String, Kind> GROUP_KINDS = buildGroup();

    /** The metrics a per-group threshold may name after {@code groups.<name>.}, in documentation order. */
    public static final Set<String> PER_GROUP = GROUP_KINDS.keySet();

    /** Every metric name a threshold may use, in documentation order. */
    public static final Set<String> KNOWN = KINDS.keySet();

    private ThresholdMetrics() {
    }

    /** The kind of a known metric; empty for an unknown name. */
    public static Optional<Kind> kindOf(String metric) {
        return Optional.ofNullable(KINDS.get(metric));
    }

    /**
     * The group a per-group metric names, the longest of {@code groupNames} that fits (group names
     * may hold dots); empty when the metric is not per-group or names no such group.
     */
    public static Optional<String> groupOf(String metric, java.util.Collection<String> groupNames) {
        if (!metric.startsWith(GROUP_PREFIX)) {
            return Optional.empty();
        }
        return groupNames.stream().filter(name -> metric.startsWith(GROUP_PREFIX + name + "."))
                .max(java.util.Comparator.comparingInt(String::length));
    }

    /** The kind of a per-group metric, the part after {@code groups.<name>.}; empty for an unknown one. */
    public static Optional<Kind> kindOfPerGroup(String metric) {
        return Optional.ofNullable(GROUP_KINDS.get(metric));
    }

    /** The statistics of each latency histogram in {@code tags}, as {@code <tag>.<statistic>}. */
    private static void putLatencies(Map<String, Kind> kinds, HistogramTag... tags) {
        for (HistogramTag operation : tags) {
            for (String statistic : new String[] {"p50", "p90", "p99", "p999", "max", "mean"}) {
                kinds.put(operation.wireName() + "." + statistic, Kind.LATENCY_MS);
            }
        }
    }

    private static Map<String, Kind> buildGroup() {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        putLatencies(kinds, HistogramTag.REGISTRATION, HistogramTag.UPDATE, HistogramTag.TIME_TO_REGISTERED);
        kinds.put("registration.failures", Kind.COUNT);
        kinds.put("devices.registered", Kind.COUNT);
        kinds.put("devices.registeredAtEnd", Kind.COUNT);
        kinds.put("reconnects", Kind.COUNT);
        kinds.put("reachability", Kind.RATIO);
        return java.util.Collections.unmodifiableMap(kinds);
    }

    private static Map<String, Kind> build() {
        Map<String, Kind> kinds = new LinkedHashMap<>();
        putLatencies(kinds, HistogramTag.REGISTRATION, HistogramTag.UPDATE, HistogramTag.TIME_TO_REGISTERED);
        kinds.put("registration.successRatio", Kind.RATIO);
        kinds.put("registration.failures", Kind.COUNT);
        kinds.put("update.failures", Kind.COUNT);
        kinds.put("devices.registered", Kind.COUNT);
        kinds.put("devices.registeredAtEnd", Kind.COUNT);
        kinds.put("retransmissions", Kind.COUNT);
        kinds.put("reachability", Kind.RATIO);
        kinds.put("reachability.probed", Kind.RATIO);
        putLatencies(kinds, HistogramTag.RECONNECT, HistogramTag.RECONNECT_DETECT, HistogramTag.PROBE);
        kinds.put("nat.expiries", Kind.COUNT);
        kinds.put("nat.rebindings", Kind.COUNT);
        putLatencies(kinds, HistogramTag.HANDSHAKE);
        putLatencies(kinds, HistogramTag.NOTIFICATION);
        kinds.put("reconnects", Kind.COUNT);
        kinds.put("errors.ratio", Kind.RATIO);
        putLatencies(kinds, HistogramTag.BOOTSTRAP);
        kinds.put("bootstrap.successRatio", Kind.RATIO);
        kinds.put("bootstrap.failures", Kind.COUNT);
        return java.util.Collections.unmodifiableMap(kinds);
    }
}
