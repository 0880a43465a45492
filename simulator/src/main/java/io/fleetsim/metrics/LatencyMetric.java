package io.fleetsim.metrics;

/** The latency histograms of a run; the tag is the one written in {@code histograms.hlog}. */
public enum LatencyMetric {
    REGISTRATION("registration"),
    REGISTRATION_SERVICE("registration.service"),
    UPDATE("update"),
    UPDATE_SERVICE("update.service"),
    /**
     * From the moment a reachable device's path broke to registered and reachable again: the NAT's
     * expiry or flush (known exactly), or else the moment the device found the path dead (TCP/TLS:
     * no Pong, closed, aborted; UDP: ping unanswered). See {@link io.fleetsim.nat.PathTracker}.
     */
    RECONNECT("reconnect"),
    /** NAT breaks only: from the moment the path broke to the device's first step to restore it. */
    RECONNECT_DETECT("reconnect.detect"),
    /** Reachability probe: the embedded server's Read of /3/0/9, answered. */
    PROBE("probe"),
    /** DTLS handshake. */
    HANDSHAKE("handshake"),
    /** TCP and TLS: from the start of the connect to a usable connection (TCP connect, TLS handshake, CSMs). */
    CONNECT("connect");

    private final String tag;

    LatencyMetric(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** The metric with this tag, or null. */
    public static LatencyMetric byTag(String tag) {
        for (LatencyMetric metric : values()) {
            if (metric.tag.equals(tag)) {
                return metric;
            }
        }
        return null;
    }
}
