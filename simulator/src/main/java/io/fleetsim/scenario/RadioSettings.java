package io.fleetsim.scenario;

import java.util.List;

/**
 * How long a device's cellular radio stays on after it sends or receives: the RRC inactivity
 * timer ("tail"), after which the network releases the connection. Each device's radio-on time is
 * the union of the tails of its own transmissions (docs/tune.md, "Radio model").
 *
 * @param profile     {@code lte-m} or {@code nb-iot}, whose default tail applies unless {@code tailSeconds} is given
 * @param tailSeconds how long the radio stays on after a transmission
 */
public record RadioSettings(String profile, double tailSeconds) {

    /** The radio profiles a file may name. */
    public static final List<String> PROFILES = List.of("lte-m", "nb-iot");
    /** LTE-M (Cat-M1): RRC inactivity timers of about 10 s are common. */
    public static final double LTE_M_TAIL_SECONDS = 10;
    /** NB-IoT: networks commonly release the RRC connection after about 20 s of inactivity. */
    public static final double NB_IOT_TAIL_SECONDS = 20;
    /** What a scenario without {@code radio} gets. */
    public static final RadioSettings DEFAULT = new RadioSettings("lte-m", LTE_M_TAIL_SECONDS);

    /** The default tail of a radio profile. */
    public static double defaultTail(String profile) {
        return switch (profile) {
            case "lte-m" -> LTE_M_TAIL_SECONDS;
            case "nb-iot" -> NB_IOT_TAIL_SECONDS;
            default -> throw new IllegalArgumentException("unknown radio profile " + profile);
        };
    }

    public long tailMillis() {
        return Math.round(tailSeconds * 1000);
    }
}
