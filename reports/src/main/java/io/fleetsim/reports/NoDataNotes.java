package io.fleetsim.reports;

import java.util.Optional;

/**
 * The notes the report shows instead of a chart that has nothing to draw, each saying why: the
 * file is missing, it was written by a fleetsim that did not measure this yet, or this run simply
 * had none of it (no NAT, no DTLS, no probes).
 */
final class NoDataNotes {

    static final String NO_HISTOGRAMS = "No data: histograms.hlog is missing or holds no latencies.";
    static final String NO_TIMELINE = "No data: timeline.csv is missing or has no rows.";
    static final String NO_SUMMARY = "No data: summary.json was not written.";
    static final String NO_FAILURES = "No failures recorded.";
    static final String NO_PROCESS_COLUMNS = "No data: timeline.csv has no threads or rssMb columns.";
    static final String NO_REACHABLE_COLUMN = " Reachable devices: not measured in this run"
            + " (timeline.csv has no reachableNow column).";
    static final String NO_NAT_COLUMNS = "Not measured in this run: timeline.csv has no NAT columns"
            + " (it was written by an older fleetsim).";
    static final String NO_NAT = "Not measured in this run: no device was behind a NAT.";
    static final String NO_RECONNECT = "Not measured in this run: no NAT break of a reachable device's path was"
            + " followed by a reconnect (no NAT, no mapping expired while its device was reachable,"
            + " or every break was still open when the run ended).";
    static final String NO_PROBE = "Not measured in this run: no reachability probe was answered"
            + " (the scenario has no probe, or none got through).";
    static final String NO_HANDSHAKE = "Not measured in this run: no DTLS handshake succeeded"
            + " (the transport is not DTLS).";
    static final String NO_TRAFFIC_BLOCK = "Not measured in this run: summary.json has no traffic block"
            + " (it was written by an older fleetsim).";
    static final String NO_TRAFFIC = "No CoAP messages were counted.";

    private NoDataNotes() {
    }

    static String failures(ResultsDirectory results) {
        return results.summary().isPresent() ? NO_FAILURES : NO_SUMMARY;
    }

    static String nat(ResultsDirectory results) {
        if (results.timeline().isEmpty()) {
            return NO_TIMELINE;
        }
        return results.timeline().hasColumn(NatSeries.MAPPINGS_ALIVE) ? NO_NAT : NO_NAT_COLUMNS;
    }

    static String histogram(ResultsDirectory results, String note) {
        return results.histograms().isEmpty() ? NO_HISTOGRAMS : note;
    }

    /** Handshakes that all failed are not "not measured": the note says how many failed. */
    static String handshake(ResultsDirectory results) {
        long failed = results.summary().map(RunSummary::handshake)
                .map(SummaryBlocks.Handshake::failureCount).orElse(0L);
        return failed > 0
                ? "No DTLS handshake succeeded; " + Figures.count(failed)
                        + " failed (see failures by cause)."
                : histogram(results, NO_HANDSHAKE);
    }

    static String traffic(ResultsDirectory results) {
        Optional<RunSummary> summary = results.summary();
        if (summary.isEmpty()) {
            return NO_SUMMARY;
        }
        return summary.get().traffic() == null ? NO_TRAFFIC_BLOCK : NO_TRAFFIC;
    }

    /** Added to the registered-devices caption when the timeline predates the reachable column. */
    static String reachableCaption(ResultsDirectory results) {
        Timeline timeline = results.timeline();
        return timeline.isEmpty() || timeline.hasColumn(NatSeries.REACHABLE) ? "" : NO_REACHABLE_COLUMN;
    }
}
