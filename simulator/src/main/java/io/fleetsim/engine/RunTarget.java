package io.fleetsim.engine;

import java.util.function.UnaryOperator;

import io.fleetsim.base.FleetVertx;
import io.fleetsim.nat.ProbeTarget;
import io.fleetsim.scenario.Transport;
import io.fleetsim.transport.TransportEndpoints;
import io.fleetsim.transport.dtls.DtlsTarget;

/**
 * The server a run talks to: the user's (named by {@code target}) or the embedded one.
 *
 * @param closer    stops the server when fleetsim started it; does nothing otherwise
 * @param dtls      where DTLS devices go (the server's CoAPS endpoint), or null
 * @param endpoints where TCP and TLS devices connect when it is not {@code host:port} (the embedded
 *                  server has one endpoint per transport), and the PKI TLS trusts
 * @param probe     sends reachability probes (the embedded servers), or null when the server cannot
 */
public record RunTarget(String host, int port, boolean embedded, AutoCloseable closer, DtlsTarget dtls,
        TransportEndpoints endpoints, ProbeTarget probe) {

    public RunTarget {
        endpoints = endpoints == null ? TransportEndpoints.NONE : endpoints;
    }

    /** A target with one address for every transport, no CoAPS endpoint and no probes. */
    public RunTarget(String host, int port, boolean embedded, AutoCloseable closer) {
        this(host, port, embedded, closer, null, TransportEndpoints.NONE, null);
    }

    /** A target with a CoAPS endpoint for DTLS devices. */
    public RunTarget(String host, int port, boolean embedded, AutoCloseable closer, DtlsTarget dtls) {
        this(host, port, embedded, closer, dtls, TransportEndpoints.NONE, null);
    }

    /** A target with a CoAPS endpoint (or null) and per-transport endpoints for TCP and TLS devices. */
    public RunTarget(String host, int port, boolean embedded, AutoCloseable closer, DtlsTarget dtls,
            TransportEndpoints endpoints) {
        this(host, port, embedded, closer, dtls, endpoints, null);
    }

    /** A target with per-transport endpoints for TCP and TLS devices. */
    public RunTarget(String host, int port, boolean embedded, AutoCloseable closer, TransportEndpoints endpoints) {
        this(host, port, embedded, closer, null, endpoints, null);
    }

    /** The same target with reachability probes sent through {@code probe}. */
    public RunTarget withProbe(ProbeTarget newProbe) {
        return new RunTarget(host, port, embedded, closer, dtls, endpoints, newProbe);
    }

    public String uri() {
        if (dtls != null && dtls.host().equals(host) && dtls.port() == port) {
            return dtls.uri();
        }
        String scheme = endpoints.addresses().entrySet().stream()
                .filter(e -> e.getValue().host().equals(host) && e.getValue().port() == port)
                .map(e -> e.getKey().scheme())
                .findFirst().orElse("coap");
        return io.fleetsim.scenario.TargetUri.of(scheme, host, port);
    }

    /**
     * The same target stopped by {@code newCloser}: a closer that does nothing lets runs share a
     * server their caller stops.
     */
    public RunTarget withCloser(AutoCloseable newCloser) {
        return new RunTarget(host, port, embedded, newCloser, dtls, endpoints, probe);
    }

    /** The same target with a CoAPS endpoint for DTLS devices. */
    public RunTarget withDtls(DtlsTarget endpoint) {
        return new RunTarget(host, port, embedded, closer, endpoint, endpoints, probe);
    }

    /** The same target with per-transport endpoints for TCP and TLS devices. */
    public RunTarget withEndpoints(TransportEndpoints newEndpoints) {
        return new RunTarget(host, port, embedded, closer, dtls, newEndpoints, probe);
    }

    /**
     * The same target with its names resolved, once, now (blocking: call it before the run starts,
     * never on an event loop): devices send to and connect to IP literals only, so no event loop
     * ever resolves a name (see {@link FleetVertx}). TLS endpoints keep their names as well, to
     * check the server's certificate against.
     */
    public RunTarget resolved() {
        return resolved(FleetVertx::literal);
    }

    /** As {@link #resolved()}, each name turned into an IP literal by {@code literal}. */
    public RunTarget resolved(UnaryOperator<String> literal) {
        DtlsTarget dtlsResolved = dtls == null ? null
                : new DtlsTarget(literal.apply(dtls.host()), dtls.port(), dtls.pki());
        return new RunTarget(literal.apply(host), port, embedded, closer, dtlsResolved, endpoints.resolved(literal),
                probe);
    }

    /**
     * The host and port the devices of {@code transport} go to when their group names no server of
     * its own: udp to the main address, dtls to the CoAPS endpoint, tcp and tls to their endpoint
     * or else the main address; null for dtls when the target has no CoAPS endpoint.
     */
    public TransportEndpoints.HostPort endpointFor(Transport transport) {
        return switch (transport) {
            case UDP -> new TransportEndpoints.HostPort(host, port);
            case DTLS -> dtls == null ? null : new TransportEndpoints.HostPort(dtls.host(), dtls.port());
            case TCP, TLS -> endpoints.of(transport).orElse(new TransportEndpoints.HostPort(host, port));
        };
    }

    /** A server fleetsim did not start. */
    public static RunTarget external(String host, int port) {
        return new RunTarget(host, port, false, () -> { });
    }
}
