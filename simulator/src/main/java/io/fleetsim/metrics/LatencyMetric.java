package io.fleetsim.metrics;

/** The latency histograms of a run; the tag is the one written in {@code histograms.hlog}. */
public enum LatencyMetric {
    REGISTRATION("registration"),
    REGISTRATION_SERVICE("registration.service"),
    UPDATE("update"),
    UPDATE_SERVICE("update.service"),
    HANDSHAKE("handshake"),
    /** From the moment a device found its path dead to its registration over a new one. */
    RECONNECT("reconnect");

    private final String tag;

    LatencyMetric(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
