package io.fleetsim.scenario;

/** How a device reaches the server. */
public enum Transport {
    UDP("coap"), DTLS("coaps"), TCP("coap+tcp"), TLS("coaps+tcp");

    private final String scheme;

    Transport(String scheme) {
        this.scheme = scheme;
    }

    /** The URI scheme of a server reached over this transport (RFC 7252 §6, RFC 8323 §8). */
    public String scheme() {
        return scheme;
    }

    /** Whether the transport is secured (DTLS or TLS): its servers listen on 5684 by default. */
    public boolean isSecure() {
        return this == DTLS || this == TLS;
    }

    /** The default port of its scheme: 5684 when secured, else 5683. */
    public int defaultPort() {
        return isSecure() ? 5684 : 5683;
    }

    /** Whether the transport is a byte stream (CoAP over TCP or TLS, RFC 8323). */
    public boolean isStream() {
        return this == TCP || this == TLS;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
