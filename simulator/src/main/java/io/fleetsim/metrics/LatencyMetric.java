package io.fleetsim.metrics;

import io.fleetsim.resultsformat.HistogramTag;

/**
 * The latency histograms of a run, each written in {@code histograms.hlog} under its
 * {@link HistogramTag}, in this order.
 */
public enum LatencyMetric {
    REGISTRATION(HistogramTag.REGISTRATION),
    REGISTRATION_SERVICE(HistogramTag.REGISTRATION_SERVICE),
    UPDATE(HistogramTag.UPDATE),
    UPDATE_SERVICE(HistogramTag.UPDATE_SERVICE),
    /**
     * From the moment a reachable device's path broke to registered and reachable again: the NAT's
     * expiry or flush (known exactly), or else the moment the device found the path dead (TCP/TLS:
     * no Pong, closed, aborted; UDP: ping unanswered). See {@link io.fleetsim.nat.PathTracker}.
     */
    RECONNECT(HistogramTag.RECONNECT),
    /** NAT breaks only: from the moment the path broke to the device's first step to restore it. */
    RECONNECT_DETECT(HistogramTag.RECONNECT_DETECT),
    /** Reachability probe: the embedded server's Read of /3/0/9, answered. */
    PROBE(HistogramTag.PROBE),
    /** DTLS handshake. */
    HANDSHAKE(HistogramTag.HANDSHAKE),
    /** TCP and TLS: from the start of the connect to a usable connection (TCP connect, TLS handshake, CSMs). */
    CONNECT(HistogramTag.CONNECT),
    /** From a device's intended start to its first registration, retries and back-off included. */
    TIME_TO_REGISTERED(HistogramTag.TIME_TO_REGISTERED),
    /** A CON notification's first transmission to its ACK, retransmissions included. */
    NOTIFICATION(HistogramTag.NOTIFICATION),
    /** LwM2M bootstrap: from the attempt's intended start to Bootstrap-Finish (corrected). */
    BOOTSTRAP(HistogramTag.BOOTSTRAP);

    private final HistogramTag tag;

    LatencyMetric(HistogramTag tag) {
        this.tag = tag;
    }

    /** The tag as written in {@code histograms.hlog}. */
    public String tag() {
        return tag.wireName();
    }

    /** The metric with this tag, or null. */
    public static LatencyMetric byTag(String tag) {
        for (LatencyMetric metric : values()) {
            if (metric.tag().equals(tag)) {
                return metric;
            }
        }
        return null;
    }
}
