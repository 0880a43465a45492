package io.fleetsim.scenario;

/** How a device reaches the server. */
public enum Transport {
    UDP, DTLS, TCP, TLS;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
