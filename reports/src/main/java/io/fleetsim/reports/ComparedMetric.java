package io.fleetsim.reports;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

import io.fleetsim.resultsformat.HistogramTag;

/**
 * A figure that {@code fleetsim compare} puts side by side for two runs, with the key a
 * {@code --max-regression} limit names it by. Latencies are whole-run percentiles in milliseconds;
 * the success ratio and exact reachability are 0..1 (lower is worse); the share of CON
 * notifications lost is 0..1 (higher is worse); failures and retransmissions are counts, shown
 * but never gated.
 */
public enum ComparedMetric {

    REGISTRATION_P50("p50", "Registration latency p50", Kind.LATENCY, HistogramTag.REGISTRATION, 50, RunSummary.Latency::p50),
    REGISTRATION_P90("p90", "Registration latency p90", Kind.LATENCY, HistogramTag.REGISTRATION, 90, RunSummary.Latency::p90),
    REGISTRATION_P99("p99", "Registration latency p99", Kind.LATENCY, HistogramTag.REGISTRATION, 99, RunSummary.Latency::p99),
    REGISTRATION_P999("p999", "Registration latency p99.9", Kind.LATENCY, HistogramTag.REGISTRATION, 99.9,
            RunSummary.Latency::p999),
    REGISTRATION_MAX("max", "Registration latency max", Kind.LATENCY, HistogramTag.REGISTRATION, 100, RunSummary.Latency::max),
    UPDATE_P50("update.p50", "Update latency p50", Kind.LATENCY, HistogramTag.UPDATE, 50, RunSummary.Latency::p50),
    UPDATE_P90("update.p90", "Update latency p90", Kind.LATENCY, HistogramTag.UPDATE, 90, RunSummary.Latency::p90),
    UPDATE_P99("update.p99", "Update latency p99", Kind.LATENCY, HistogramTag.UPDATE, 99, RunSummary.Latency::p99),
    UPDATE_P999("update.p999", "Update latency p99.9", Kind.LATENCY, HistogramTag.UPDATE, 99.9, RunSummary.Latency::p999),
    UPDATE_MAX("update.max", "Update latency max", Kind.LATENCY, HistogramTag.UPDATE, 100, RunSummary.Latency::max),
    SUCCESS_RATIO("successRatio", "Registration success ratio", Kind.RATIO, null, 0, (String) null),
    REGISTRATION_FAILURES("failures", "Registration failures", Kind.COUNT, null, 0, (String) null),
    RETRANSMISSIONS("retransmissions", "Retransmissions", Kind.COUNT, null, 0, (String) null),
    REACHABILITY("reachability", "Exact reachability", Kind.RATIO, null, 0, "/reachability/exact"),
    RECONNECT_P99("reconnect.p99", "Reconnect latency p99", Kind.LATENCY, HistogramTag.RECONNECT, 99,
            "/reconnect/latencyMs/p99"),
    TIME_TO_REGISTERED_P50("timeToRegistered.p50", "Time to registered p50", Kind.LATENCY,
            HistogramTag.TIME_TO_REGISTERED, 50, "/registration/timeToRegisteredMs/p50"),
    TIME_TO_REGISTERED_P90("timeToRegistered.p90", "Time to registered p90", Kind.LATENCY,
            HistogramTag.TIME_TO_REGISTERED, 90, "/registration/timeToRegisteredMs/p90"),
    TIME_TO_REGISTERED_P99("timeToRegistered.p99", "Time to registered p99", Kind.LATENCY,
            HistogramTag.TIME_TO_REGISTERED, 99, "/registration/timeToRegisteredMs/p99"),
    NOTIFICATIONS_LOST("notifications.lostShare", "CON notifications lost (share of CON sent)", Kind.LOSS, null, 0,
            (String) null);

    /** How a metric is judged. */
    public enum Kind {
        /** Milliseconds; higher is worse; a limit is a percentage of the baseline. */
        LATENCY,
        /** A ratio 0..1; lower is worse; a limit is in absolute percentage points. */
        RATIO,
        /** A count; higher is worse; shown only, never gated. */
        COUNT,
        /** A share 0..1 of something lost; higher is worse; a limit is in absolute percentage points. */
        LOSS
    }

    private final String key;
    private final String label;
    private final Kind kind;
    private final HistogramTag tag;
    private final double percentile;
    private final Function<RunSummary.Latency, Double> fromSummary;
    private final String summaryPointer;

    ComparedMetric(String key, String label, Kind kind, HistogramTag tag, double percentile,
                   Function<RunSummary.Latency, Double> fromSummary) {
        this.key = key;
        this.label = label;
        this.kind = kind;
        this.tag = tag;
        this.percentile = percentile;
        this.fromSummary = fromSummary;
        this.summaryPointer = null;
    }

    ComparedMetric(String key, String label, Kind kind, HistogramTag tag, double percentile, String summaryPointer) {
        this.key = key;
        this.label = label;
        this.kind = kind;
        this.tag = tag;
        this.percentile = percentile;
        this.fromSummary = null;
        this.summaryPointer = summaryPointer;
    }

    /** The key in {@code --max-regression KEY=LIMIT%}, e.g. {@code p99} or {@code update.p99}. */
    public String key() {
        return key;
    }

    /** A name for tables and messages, e.g. {@code Registration latency p99}. */
    public String label() {
        return label;
    }

    /** How the metric is judged and shown. */
    public Kind kind() {
        return kind;
    }

    /** True when a {@code --max-regression} limit may name this metric. */
    public boolean gateable() {
        return kind != Kind.COUNT;
    }

    /** The metric a limit key names; {@code registration.p99} is accepted for {@code p99}. */
    public static Optional<ComparedMetric> byKey(String key) {
        String plain = key.startsWith("registration.") ? key.substring("registration.".length()) : key;
        return Arrays.stream(values()).filter(m -> m.key.equals(plain)).findFirst();
    }

    /** The hlog tag of a latency metric, null for others. */
    HistogramTag tag() {
        return tag;
    }

    /** Percentile 0..100 of a latency metric (100 for max). */
    double percentile() {
        return percentile;
    }

    /** Reads a latency metric from a summary.json latency object. */
    Double fromSummary(RunSummary.Latency latency) {
        return latency == null || fromSummary == null ? null : fromSummary.apply(latency);
    }

    /**
     * The JSON pointer of this metric's value in summary.json, for metrics read straight from the
     * file (a latency of these is read from histograms.hlog first); null for the others.
     */
    String summaryPointer() {
        return summaryPointer;
    }
}
