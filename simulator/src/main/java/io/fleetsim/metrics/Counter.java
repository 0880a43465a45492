package io.fleetsim.metrics;

/** Event counters kept per shard and added up over shards. */
public enum Counter {
    DEVICES_STARTED,
    DEVICES_REGISTERED,
    REGISTRATION_ATTEMPTS,
    REGISTRATIONS,
    REGISTRATION_FAILURES,
    UPDATE_ATTEMPTS,
    UPDATES,
    UPDATE_FAILURES,
    DEREGISTRATIONS,
    DEREGISTRATION_FAILURES,
    RETRANSMISSIONS,
    SENT_CON, SENT_NON, SENT_ACK, SENT_RST,
    RECEIVED_CON, RECEIVED_NON, RECEIVED_ACK, RECEIVED_RST,
    MALFORMED_RECEIVED,
    READS_SERVED,
    NOT_FOUND_SERVED,
    METHOD_NOT_ALLOWED_SERVED,
    /** Devices registered again after their path died (TCP/TLS: no Pong, closed, aborted). */
    RECONNECTS,
    /** RFC 8323 Pings sent by devices. */
    PINGS_SENT,
    /** Frames from the server larger than a device accepts; each closed its connection. */
    FRAMES_TOO_LARGE,
    DTLS_HANDSHAKES,
    DTLS_HANDSHAKE_FAILURES,
    DTLS_RESUMED_HANDSHAKES,
    DTLS_CID_NEGOTIATED,
    DTLS_RECONNECTS
}
