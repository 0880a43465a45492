package io.fleetsim.engine;

import io.fleetsim.scenario.Transport;
import io.fleetsim.transport.TransportEndpoints;

/**
 * The server a run talks to: the user's (named by {@code target}) or the embedded one.
 *
 * @param closer    stops the server when fleetsim started it; does nothing otherwise
 * @param endpoints where devices of each transport connect when it is not {@code host:port}
 *                  (the embedded server has one endpoint per transport), and the PKI TLS trusts
 */
public record RunTarget(String host, int port, boolean embedded, AutoCloseable closer, TransportEndpoints endpoints) {

    /** A target with one address for every transport. */
    public RunTarget(String host, int port, boolean embedded, AutoCloseable closer) {
        this(host, port, embedded, closer, TransportEndpoints.NONE);
    }

    public String uri() {
        String scheme = endpoints.addresses().entrySet().stream()
                .filter(e -> e.getValue().host().equals(host) && e.getValue().port() == port)
                .map(e -> e.getKey() == Transport.TCP ? "coap+tcp" : e.getKey() == Transport.TLS ? "coaps+tcp" : "coap")
                .findFirst().orElse("coap");
        return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** A server fleetsim did not start. */
    public static RunTarget external(String host, int port) {
        return new RunTarget(host, port, false, () -> { });
    }
}
