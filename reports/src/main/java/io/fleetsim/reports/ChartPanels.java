package io.fleetsim.reports;

import java.util.List;
import java.util.Map;

/** The report's chart sections in page order, each knowing whether it has data to draw. */
final class ChartPanels {

    private static final String NO_HISTOGRAMS = "No data: histograms.hlog is missing or holds no latencies.";
    private static final String NO_TIMELINE = "No data: timeline.csv is missing or has no rows.";

    private ChartPanels() {
    }

    static List<ChartPanel> of(ResultsDirectory results, Map<String, Object> chartData) {
        String noFailures = results.summary().isPresent()
                ? "No failures recorded."
                : "No data: summary.json was not written.";
        return List.of(
                panel(chartData, ChartData.PERCENTILES, "Latency percentile distribution",
                        "Whole run; corrected latency is measured from the intended start, service time from sending.",
                        NO_HISTOGRAMS),
                panel(chartData, ChartData.LATENCY_OVER_TIME, "Latency over time",
                        "p50, p99 and max of each reporting interval, plotted at the interval's end in simulated seconds"
                                + " since the run started, as the timeline charts are.",
                        NO_HISTOGRAMS),
                panel(chartData, ChartData.REGISTERED, "Registered devices over time",
                        "Devices started and devices registered at the end of each period.", NO_TIMELINE),
                panel(chartData, ChartData.RATES, "Registrations, updates and failures per second",
                        "Each reporting period's count divided by its length in simulated seconds.", NO_TIMELINE),
                panel(chartData, ChartData.FAILURES, "Failures by cause",
                        "Failed registration and update attempts over the whole run.", noFailures),
                panel(chartData, ChartData.SIMULATOR_COST, "Simulator cost over time",
                        "Live threads and resident memory of the simulator process (the embedded server included,"
                                + " when there is one) at the end of each period; threads should stay flat as the fleet grows.",
                        "No data: timeline.csv has no threads or rssMb columns."));
    }

    private static ChartPanel panel(Map<String, Object> chartData, String id, String title, String caption,
                                    String noData) {
        return new ChartPanel(id, title, caption, chartData.containsKey(id), noData);
    }
}
