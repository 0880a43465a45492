package io.fleetsim.resultsformat;

import java.util.Optional;

/**
 * The tags of {@code histograms.hlog}, one per latency metric: the one definition of those
 * names, for the simulator that writes the log and the reports that read it. Values are
 * microseconds of simulated time.
 */
public enum HistogramTag {
    /** Register latency from the intended start, coordinated-omission corrected ({@code registration.latencyMs}). */
    REGISTRATION("registration"),
    /** Register service time: from sending the request to its response. */
    REGISTRATION_SERVICE("registration.service"),
    /** Registration Update latency, corrected. */
    UPDATE("update"),
    /** Registration Update service time. */
    UPDATE_SERVICE("update.service"),
    /**
     * From the moment a reachable device's path broke to registered and reachable again
     * ({@code reconnect.latencyMs}).
     */
    RECONNECT("reconnect"),
    /** NAT breaks only: from the moment the path broke to the device's first step back ({@code reconnect.detectMs}). */
    RECONNECT_DETECT("reconnect.detect"),
    /** Answered reachability probes: the embedded server's Read of /3/0/9. */
    PROBE("probe"),
    /** DTLS handshake latency ({@code handshake.latencyMs}). */
    HANDSHAKE("handshake"),
    /** TCP and TLS: from the start of a connect to a usable connection ({@code connections.connectMs}). */
    CONNECT("connect"),
    /**
     * From a device's first Register attempt (its intended start) to its first success, back-off
     * and retries included ({@code registration.timeToRegisteredMs}).
     */
    TIME_TO_REGISTERED("timeToRegistered"),
    /**
     * CON notifications: from the first transmission to the server's ACK, retransmissions
     * included ({@code notifications.latencyMs}).
     */
    NOTIFICATION("notifications.latency"),
    /**
     * LwM2M bootstrap: from the attempt's intended start (its Bootstrap-Request, or the retry's
     * planned moment) to the bootstrap server's Bootstrap-Finish, coordinated-omission corrected
     * ({@code bootstrap.latencyMs}).
     */
    BOOTSTRAP("bootstrap");

    private final String wireName;

    HistogramTag(String wireName) {
        this.wireName = wireName;
    }

    /** The tag as written in {@code histograms.hlog}. */
    public String wireName() {
        return wireName;
    }

    /** The tag of a name as written, or empty for a tag fleetsim does not write. */
    public static Optional<HistogramTag> byWireName(String written) {
        for (HistogramTag tag : values()) {
            if (tag.wireName.equals(written)) {
                return Optional.of(tag);
            }
        }
        return Optional.empty();
    }
}
