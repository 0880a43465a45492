package io.fleetsim.reports;

/**
 * Percentiles of one reporting interval of one metric, in milliseconds.
 *
 * @param startSeconds start of the interval, simulated seconds since the run started
 * @param endSeconds   end of the interval, simulated seconds since the run started
 * @param count        values recorded in the interval
 */
public record IntervalPercentiles(double startSeconds, double endSeconds, long count, double p50Ms, double p90Ms,
                                  double p99Ms, double maxMs) {
}
