package io.fleetsim.tune;

import java.util.List;
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
 *                               fired late, so figures near a timeout are distorted; such a cell is
 *                               left out of the recommendation
 * @param behindAt               the timeScales of the cell's earlier runs, which fell behind their
 *                               clock, in the order they ran; empty when the cell ran once
 */
public record CellResult(TuneCell cell, String resultsDir, Double reachability, Double probedReachability,
        Double goalObserved, boolean goalMet, Map<String, Double> messagesPerDay, Map<String, Double> bytesPerDay,
        double reconnectsPerDay, Double reconnectP99Seconds, double radioSecondsPerDay, double deviceHours,
        double wallSeconds, boolean behind, List<Double> behindAt) {

    public CellResult {
        behindAt = List.copyOf(behindAt);
    }

    /** A cell that ran once. */
    public CellResult(TuneCell cell, String resultsDir, Double reachability, Double probedReachability,
            Double goalObserved, boolean goalMet, Map<String, Double> messagesPerDay, Map<String, Double> bytesPerDay,
            double reconnectsPerDay, Double reconnectP99Seconds, double radioSecondsPerDay, double deviceHours,
            double wallSeconds, boolean behind) {
        this(cell, resultsDir, reachability, probedReachability, goalObserved, goalMet, messagesPerDay, bytesPerDay,
                reconnectsPerDay, reconnectP99Seconds, radioSecondsPerDay, deviceHours, wallSeconds, behind, List.of());
    }

    /** The same figures, from a run that followed earlier ones at {@code earlierTimeScales} which fell behind. */
    CellResult afterBehindAt(List<Double> earlierTimeScales) {
        return new CellResult(cell, resultsDir, reachability, probedReachability, goalObserved, goalMet, messagesPerDay,
                bytesPerDay, reconnectsPerDay, reconnectP99Seconds, radioSecondsPerDay, deviceHours, wallSeconds, behind,
                earlierTimeScales);
    }

    /** The timeScale the figures come from (the cell's last run). */
    public double timeScale() {
        return cell.scenario().timeScale();
    }

    /** Whether the cell ran again at a lower timeScale after falling behind its clock. */
    public boolean rerun() {
        return !behindAt.isEmpty();
    }

    /** Why the cell is left out of the recommendation, or null when it is not. */
    public String leftOutReason() {
        return !behind ? null : "the simulator fell behind its clock at timeScale " + TuneRunner.timeScale(timeScale())
                + (rerun() ? " (its lowest, after " + TuneRunner.timeScales(behindAt) + ")" : "")
                + ": figures near a timeout are distorted";
    }

    /** All messages per device-day. */
    public double totalMessagesPerDay() {
        return messagesPerDay.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** All bytes per device-day. */
    public double totalBytesPerDay() {
        return bytesPerDay.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
