package io.fleetsim.tune;

import java.util.List;

import io.fleetsim.scenario.DeviceGroup;

/**
 * The advice for one NAT profile and group.
 *
 * @param profile     NAT profile
 * @param group       group name
 * @param chosen      the cell recommended, or null when none of the candidates met the goal
 * @param shortest    the shortest candidate of the chosen kind (or of all, when none met the goal)
 *                    among the cells that kept up with their clock; null when none did
 * @param best        with no recommendation: the cell that came closest to the goal; null when
 *                    every cell fell behind its clock
 * @param leftOut     the cells left out because the simulator fell behind its clock in them (even
 *                    after running them again at a lower timeScale), in run order
 */
public record Recommendation(String profile, String group, CellResult chosen, CellResult shortest,
        CellResult best, List<CellResult> leftOut) {

    public Recommendation {
        leftOut = List.copyOf(leftOut);
    }

    /**
     * True when every cell of the profile and group fell behind its clock: no recommendation can
     * be made from distorted figures.
     */
    public boolean noCellOnTime() {
        return best == null;
    }

    /** The labels of the cells left out, e.g. {@code ping-25s, ping-30s}. */
    public String leftOutLabels() {
        return String.join(", ", leftOut.stream().map(c -> c.cell().candidate().label()).toList());
    }

    /**
     * When the recommended interval is not below the NAT's timeout for the group's transport (the
     * shortest a device may get; UDP: for a Linux-style NAT its stream timeout; TCP: the idle timeout): the keepalive races the mapping's expiry, and the
     * goal was met by timing, not by margin. Null when there is no such concern.
     */
    public String warning() {
        if (chosen == null) {
            return null;
        }
        DeviceGroup group = chosen.cell().scenario().groups().get(0);
        double timeout = group.nat().timeoutsFor(group.transport()).stream()
                .mapToDouble(t -> Math.max(t.unrepliedSeconds(), t.streamSeconds())).min().orElse(Double.MAX_VALUE);
        return chosen.cell().candidate().seconds() < timeout ? null
                : "not below the NAT timeout (" + Math.round(timeout) + " s): a race with the mapping's expiry, "
                        + "prefer a shorter interval";
    }

    public boolean meetsGoal() {
        return chosen != null;
    }

    /** Share of messages per device-day saved against the shortest candidate, 0..1. */
    public double messagesSaved() {
        return saved(chosen.totalMessagesPerDay(), shortest.totalMessagesPerDay());
    }

    /** Share of bytes per device-day saved against the shortest candidate. */
    public double bytesSaved() {
        return saved(chosen.totalBytesPerDay(), shortest.totalBytesPerDay());
    }

    /** Share of estimated radio-on time saved against the shortest candidate. */
    public double radioSaved() {
        return saved(chosen.radioSecondsPerDay(), shortest.radioSecondsPerDay());
    }

    private static double saved(double chosenCost, double shortestCost) {
        return shortestCost <= 0 ? 0 : 1 - chosenCost / shortestCost;
    }
}
