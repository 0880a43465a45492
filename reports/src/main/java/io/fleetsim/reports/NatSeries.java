package io.fleetsim.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The NAT chart's lines from {@code timeline.csv}: mapping expiries and rebindings per simulated
 * second, and the mappings alive at the end of each period. Empty for a run without NAT (every
 * one of these columns zero) and for a timeline older than the NAT columns.
 */
final class NatSeries {

    /** Devices reachable at the end of the period. */
    static final String REACHABLE = "reachableNow";
    /** NAT mappings alive at the end of the period. */
    static final String MAPPINGS_ALIVE = "mappingsAlive";
    /** NAT mappings that expired in the period. */
    static final String EXPIRIES = "natExpiries";
    /** New device sockets after an expiry or flush in the period. */
    static final String REBINDINGS = "natRebindings";

    private NatSeries() {
    }

    static List<ChartData.Series> of(Timeline timeline) {
        if (!TimelineSeries.anyPositive(timeline, List.of(MAPPINGS_ALIVE, EXPIRIES, REBINDINGS))) {
            return List.of();
        }
        List<ChartData.Series> series = new ArrayList<>(TimelineRates.perSecond(timeline, Map.of(
                EXPIRIES, "Expiries/s", REBINDINGS, "Rebindings/s")));
        series.addAll(TimelineSeries.of(timeline, Map.of(MAPPINGS_ALIVE, "Mappings alive")));
        return series;
    }
}
