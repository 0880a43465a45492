package io.fleetsim.reports;

import java.util.ArrayList;
import java.util.List;

/**
 * One line of the report's latency table: whole-run percentiles of one metric of
 * {@code histograms.hlog}, in milliseconds to three significant digits (the precision the
 * histograms keep).
 */
public record LatencyRow(String metric, String count, String p50, String p90, String p99, String p999,
                         String max) {

    private static final int SIGNIFICANT_DIGITS = 3;
    private static final List<String[]> METRICS = List.of(
            new String[] {HistogramLog.REGISTRATION, "Registration latency (corrected)"},
            new String[] {HistogramLog.REGISTRATION_SERVICE, "Registration service time"},
            new String[] {HistogramLog.UPDATE, "Update latency (corrected)"},
            new String[] {HistogramLog.UPDATE_SERVICE, "Update service time"},
            new String[] {HistogramLog.HANDSHAKE, "DTLS handshake"},
            new String[] {HistogramLog.CONNECT, "TCP/TLS connect"},
            new String[] {HistogramLog.RECONNECT, "Reconnect after a NAT break"},
            new String[] {HistogramLog.RECONNECT_DETECT, "NAT break to first step back"},
            new String[] {HistogramLog.PROBE, "Reachability probe"});

    /** Rows for the known metrics the log holds values of, in a fixed order. */
    static List<LatencyRow> of(HistogramLog log) {
        List<LatencyRow> rows = new ArrayList<>();
        for (String[] metric : METRICS) {
            log.metric(metric[0]).filter(m -> m.count() > 0).ifPresent(m -> rows.add(of(metric[1], m)));
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
