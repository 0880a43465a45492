package io.fleetsim.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.fleetsim.resultsformat.HistogramTag;

/**
 * One line of the report's latency table: whole-run percentiles of one metric of
 * {@code histograms.hlog}, in milliseconds to three significant digits (the precision the
 * histograms keep).
 */
public record LatencyRow(String metric, String count, String p50, String p90, String p99, String p999,
                         String max) {

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final List<Map.Entry<HistogramTag, String>> METRICS = List.of(
            Map.entry(HistogramTag.REGISTRATION, "Registration latency (corrected)"),
            Map.entry(HistogramTag.REGISTRATION_SERVICE, "Registration service time"),
            Map.entry(HistogramTag.TIME_TO_REGISTERED, "Time to registered (back-off included)"),
            Map.entry(HistogramTag.UPDATE, "Update latency (corrected)"),
            Map.entry(HistogramTag.UPDATE_SERVICE, "Update service time"),
            Map.entry(HistogramTag.HANDSHAKE, "DTLS handshake"),
            Map.entry(HistogramTag.CONNECT, "TCP/TLS connect"),
            Map.entry(HistogramTag.RECONNECT, "Reconnect after a NAT break"),
            Map.entry(HistogramTag.RECONNECT_DETECT, "NAT break to first step back"),
            Map.entry(HistogramTag.PROBE, "Reachability probe"),
            Map.entry(HistogramTag.BOOTSTRAP, "Bootstrap to Bootstrap-Finish (corrected)"));

    /** Rows for the known metrics the log holds values of, in a fixed order. */
    static List<LatencyRow> of(HistogramLog log) {
        List<LatencyRow> rows = new ArrayList<>();
        for (Map.Entry<HistogramTag, String> metric : METRICS) {
            log.metric(metric.getKey()).filter(m -> m.count() > 0).ifPresent(m -> rows.add(of(metric.getValue(), m)));
        }
        return rows;
    }

    private static LatencyRow of(String label, MetricHistory metric) {
        return new LatencyRow(label, Figures.count(metric.count()),
                ms(metric, 50), ms(metric, 90), ms(metric, 99), ms(metric, 99.9), ms(metric, 100));
    }

    private static String ms(MetricHistory metric, double percentile) {
        return Figures.significant(metric.percentileMs(percentile), SIGNIFICANT_DIGITS);
    }
}
