package io.fleetsim.engine;

import io.fleetsim.nat.ProbeTarget;
import io.fleetsim.transport.dtls.DtlsTarget;

/**
 * The server a run talks to: the user's (named by {@code target}) or the embedded one.
 *
 * @param closer stops the server when fleetsim started it; does nothing otherwise
 * @param dtls   where DTLS devices go (the server's CoAPS endpoint), or null
 * @param probe  sends reachability probes (the embedded Leshan server), or null when the server cannot
 */
public record RunTarget(String host, int port, boolean embedded, AutoCloseable closer, DtlsTarget dtls,
        ProbeTarget probe) {

    /** A target without a CoAPS endpoint and without probes. */
    public RunTarget(String host, int port, boolean embedded, AutoCloseable closer) {
        this(host, port, embedded, closer, null, null);
    }

    /** The same target with reachability probes sent through {@code probe}. */
    public RunTarget withProbe(ProbeTarget probe) {
        return new RunTarget(host, port, embedded, closer, dtls, probe);
    }

    public String uri() {
        if (dtls != null && dtls.host().equals(host) && dtls.port() == port) {
            return dtls.uri();
        }
        return "coap://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The same target with a CoAPS endpoint for DTLS devices. */
    public RunTarget withDtls(DtlsTarget endpoint) {
        return new RunTarget(host, port, embedded, closer, endpoint, probe);
    }

    /** A server fleetsim did not start. */
    public static RunTarget external(String host, int port) {
        return new RunTarget(host, port, false, () -> { });
    }
}
