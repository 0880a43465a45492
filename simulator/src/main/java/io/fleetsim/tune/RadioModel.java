package io.fleetsim.tune;

import java.util.Arrays;
import java.util.Map;

/**
 * A simple estimate of how long a cellular modem's radio stays on: every transmission keeps it
 * connected for {@code tailSeconds} afterwards (the RRC inactivity timer), and tails that overlap
 * merge. Defaults and their rationale are in docs/tune.md.
 *
 * @param profile     {@code lte-m} or {@code nb-iot}, the radio whose default tail was taken
 * @param tailSeconds how long the radio stays on after a transmission
 */
public record RadioModel(String profile, double tailSeconds) {

    /** LTE-M (Cat-M1): RRC inactivity timers of about 10 s are common. */
    public static final double LTE_M_TAIL_SECONDS = 10;
    /** NB-IoT: networks commonly release the RRC connection after about 20 s of inactivity. */
    public static final double NB_IOT_TAIL_SECONDS = 20;

    /** The default tail of a radio profile. */
    public static double defaultTail(String profile) {
        return switch (profile) {
            case "lte-m" -> LTE_M_TAIL_SECONDS;
            case "nb-iot" -> NB_IOT_TAIL_SECONDS;
            default -> throw new IllegalArgumentException("unknown radio profile " + profile);
        };
    }

    /** Radio-on seconds for transmissions at {@code times} (seconds, any order): the union of their tails. */
    public double activeSeconds(double[] times) {
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double total = 0;
        for (int i = 0; i < sorted.length; i++) {
            double gap = i + 1 < sorted.length ? sorted[i + 1] - sorted[i] : Double.POSITIVE_INFINITY;
            total += Math.min(tailSeconds, gap);
        }
        return total;
    }

    /**
     * Radio-on seconds per device-day from transmissions per device-day by kind. Each kind's
     * transmissions are taken as evenly spaced over the day, so within a kind tails merge exactly
     * when the spacing is below the tail; tails of different kinds are not merged, so the figure
     * leans high when kinds coincide. Capped at a day.
     */
    public double activeSecondsPerDay(Map<String, Double> transmissionsPerDay) {
        double total = 0;
        for (double n : transmissionsPerDay.values()) {
            if (n > 0) {
                total += n * Math.min(tailSeconds, 86_400 / n);
            }
        }
        return Math.min(86_400, total);
    }
}
