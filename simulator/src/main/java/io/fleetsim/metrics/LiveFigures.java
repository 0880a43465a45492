package io.fleetsim.metrics;

/**
 * What a run has measured so far, for readers outside the results writer (the progress line, the
 * Prometheus endpoint). Implementations must be safe to call from any thread and cheap enough to
 * call every second; they are never called on an event loop.
 */
public interface LiveFigures {

    /** The counters of all shards added together now. */
    RunTotals totals();

    /** Devices the scenario plans. */
    long plannedDevices();

    /**
     * A percentile of a latency over the whole run so far, from the histograms the results writer
     * has taken (so up to one reporting period behind), in milliseconds; null before anything was recorded.
     */
    Double percentileMs(LatencyMetric metric, double percentile);
}
