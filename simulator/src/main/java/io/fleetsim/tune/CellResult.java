package io.fleetsim.tune;

import java.util.Map;

/**
 * What one cell's fleet run measured, per device and simulated day where it is a rate.
 *
 * @param cell                   the cell
 * @param resultsDir             the cell's results directory
 * @param reachability           exact reachability (share of device-time), null when nothing was observed
 * @param probedReachability     share of probes answered, null without probes
 * @param goalObserved           the value the goal was judged on, null when nothing was measured
 * @param goalMet                whether the cell met the goal
 * @param messagesPerDay         CoAP messages both ways per device-day, by traffic kind
 * @param bytesPerDay            CoAP bytes both ways per device-day, by traffic kind
 * @param reconnectsPerDay       NAT breaks of a reachable path that were recovered, per device-day
 * @param reconnectP99Seconds    p99 of NAT break to reachable again, null when there was none
 * @param radioSecondsPerDay     radio-on seconds per device-day, measured per device (summary.json {@code radio})
 * @param deviceHours            observed device-hours behind the rates
 * @param wallSeconds            wall time the cell took
 * @param behind                 whether the simulator fell behind its clock in this cell: timers
 *                               fired late, so figures near a timeout are distorted
 */
public record CellResult(TuneCell cell, String resultsDir, Double reachability, Double probedReachability,
        Double goalObserved, boolean goalMet, Map<String, Double> messagesPerDay, Map<String, Double> bytesPerDay,
        double reconnectsPerDay, Double reconnectP99Seconds, double radioSecondsPerDay, double deviceHours,
        double wallSeconds, boolean behind) {

    /** All messages per device-day. */
    public double totalMessagesPerDay() {
        return messagesPerDay.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** All bytes per device-day. */
    public double totalBytesPerDay() {
        return bytesPerDay.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
