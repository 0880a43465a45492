package io.fleetsim.reports;

import java.util.List;
import java.util.Map;

/**
 * The report's chart sections in page order, in groups (fleet, latency, NAT and reachability,
 * cost), each knowing whether it has data to draw or which note to show instead.
 */
final class ChartPanels {

    private ChartPanels() {
    }

    /** The chart sections of the page, in groups, all in page order. */
    static List<ChartGroup> of(ResultsDirectory results, Map<String, Object> chartData) {
        Panels p = new Panels(chartData);
        return List.of(fleet(p, results), latency(p, results), nat(p, results), cost(p, results));
    }

    private static ChartGroup fleet(Panels p, ResultsDirectory results) {
        return new ChartGroup("Fleet", List.of(
                p.panel(ChartData.REGISTERED, "Registered and reachable devices over time",
                        "Devices started, registered and reachable (registered, NAT mapping alive, and the server"
                                + " holding the mapping's address) at the end of each period."
                                + NoDataNotes.reachableCaption(results)
                                + " With load stages, the dashed line is the planned active devices.",
                        NoDataNotes.NO_TIMELINE),
                p.panel(ChartData.RATES, "Registrations, updates, failures and notifications per second",
                        "Each reporting period's count divided by its length in simulated seconds; Observe"
                                + " notifications sent and lost, when the devices sent any, dashed on the right axis.",
                        NoDataNotes.NO_TIMELINE),
                p.panel(ChartData.FAILURES, "Failures by cause",
                        "Failed registration, update, de-registration and DTLS handshake attempts over the whole"
                                + " run, by cause.",
                        NoDataNotes.failures(results))));
    }

    private static ChartGroup latency(Panels p, ResultsDirectory results) {
        return new ChartGroup("Latency", List.of(
                p.panel(ChartData.PERCENTILES, "Latency percentile distribution",
                        "Whole run; corrected latency is measured from the intended start, service time from sending.",
                        NoDataNotes.NO_HISTOGRAMS),
                p.panel(ChartData.LATENCY_OVER_TIME, "Latency over time",
                        "p50, p99 and max of each reporting interval, plotted at the interval's end in simulated seconds"
                                + " since the run started, as the timeline charts are.",
                        NoDataNotes.NO_HISTOGRAMS),
                p.panel(ChartData.HANDSHAKE, "DTLS handshake latency",
                        "Whole run, from the start of each handshake (opening the channel, or reconnecting) to the"
                                + " established session. Failed handshakes are in the failures chart.",
                        NoDataNotes.handshake(results))));
    }

    private static ChartGroup nat(Panels p, ResultsDirectory results) {
        return new ChartGroup("NAT and reachability", List.of(
                p.panel(ChartData.NAT, "NAT expiries, rebindings and mappings alive",
                        "Mapping expiries and rebindings (new sockets after an expiry or flush) per simulated second,"
                                + " and the mappings alive at the end of each period (right axis).",
                        NoDataNotes.nat(results)),
                p.panel(ChartData.RECONNECT, "Reconnect time after a NAT break",
                        "Whole run, from the moment the NAT broke a reachable device's path: to the device's first"
                                + " step back, and to registered and reachable again.",
                        NoDataNotes.histogram(results, NoDataNotes.NO_RECONNECT)),
                p.panel(ChartData.PROBE, "Probe latency",
                        "Whole run; the embedded server's reachability probes (Reads of /3/0/9) that were answered.",
                        NoDataNotes.histogram(results, NoDataNotes.NO_PROBE))));
    }

    private static ChartGroup cost(Panels p, ResultsDirectory results) {
        return new ChartGroup("Cost", List.of(
                p.panel(ChartData.TRAFFIC, "Traffic by message kind",
                        "CoAP messages and bytes per observed device-hour, both directions, without UDP/IP headers.",
                        NoDataNotes.traffic(results)),
                p.panel(ChartData.SIMULATOR_COST, "Simulator cost over time",
                        "Live threads and resident memory of the simulator process (the embedded server included,"
                                + " when there is one) at the end of each period; threads should stay flat as the"
                                + " fleet grows.",
                        NoDataNotes.NO_PROCESS_COLUMNS)));
    }

    /** Makes panels that know whether the chart data has their id. */
    private record Panels(Map<String, Object> chartData) {
        ChartPanel panel(String id, String title, String caption, String noData) {
            return new ChartPanel(id, title, caption, chartData.containsKey(id), noData);
        }
    }
}
