package io.fleetsim.scenario;

/** How a device reaches the server. */
public enum Transport {
    UDP, DTLS, TCP, TLS;

    /** Whether the transport is a byte stream (CoAP over TCP or TLS, RFC 8323). */
    public boolean isStream() {
        return this == TCP || this == TLS;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
