package io.fleetsim.engine;

import io.fleetsim.nat.ProbeTarget;
import io.fleetsim.server.EmbeddedLwm2mServer;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;

/** Reachability probes sent through the embedded servers. */
public final class ServerProbes {

    private ServerProbes() {
    }

    /** Probes through the embedded Leshan server (udp and dtls devices). */
    public static ProbeTarget of(EmbeddedLwm2mServer server) {
        return of(() -> server);
    }

    /** Probes through whichever embedded Leshan server {@code server} gives now (a restarted one after an outage). */
    public static ProbeTarget of(java.util.function.Supplier<EmbeddedLwm2mServer> server) {
        return ProbeTarget.of(endpoint -> server.get().registration(endpoint).isPresent(),
                (endpoint, timeout) -> server.get().readAsync(endpoint, ProbeTarget.BATTERY, null, timeout)
                        .handle((response, failure) -> failure == null && response.isSuccess()));
    }

    /**
     * Probes through the embedded CoAP-over-TCP/TLS server (tcp and tls devices), over the
     * connection the device last registered or updated on: a request into a connection the NAT
     * black-holed goes unanswered, one to a connection that is gone fails at once.
     */
    public static ProbeTarget of(EmbeddedTcpLwm2mServer server) {
        return ofTcp(() -> server);
    }

    /** As {@link #of(EmbeddedTcpLwm2mServer)} through whichever server {@code server} gives now. */
    public static ProbeTarget ofTcp(java.util.function.Supplier<EmbeddedTcpLwm2mServer> server) {
        return ProbeTarget.of(endpoint -> server.get().registration(endpoint).isPresent(),
                (endpoint, timeout) -> server.get().read(endpoint, ProbeTarget.BATTERY, null, timeout)
                        .handle((response, failure) -> failure == null && response.getCode().isSuccess()));
    }
}
