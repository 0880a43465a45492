package io.fleetsim.nat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Predicate;

import io.fleetsim.server.EmbeddedLwm2mServer;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;

/** The server side of reachability probes: a server that can send a device a request. */
public interface ProbeTarget {

    /** The resource a probe reads: the battery level. */
    String BATTERY = "/3/0/9";

    /** Whether the server holds a registration for {@code endpoint}. */
    boolean knows(String endpoint);

    /** Reads {@code /3/0/9} (battery level); completes true when answered with success, false otherwise. */
    CompletionStage<Boolean> readBattery(String endpoint, Duration timeout);

    /** Probes through the embedded Leshan server (udp and dtls devices). */
    static ProbeTarget of(EmbeddedLwm2mServer server) {
        return of(endpoint -> server.registration(endpoint).isPresent(),
                (endpoint, timeout) -> server.readAsync(endpoint, BATTERY, null, timeout)
                        .handle((response, failure) -> failure == null && response.isSuccess()));
    }

    /**
     * Probes through the embedded CoAP-over-TCP/TLS server (tcp and tls devices), over the
     * connection the device last registered or updated on: a request into a connection the NAT
     * black-holed goes unanswered, one to a connection that is gone fails at once.
     */
    static ProbeTarget of(EmbeddedTcpLwm2mServer server) {
        return of(endpoint -> server.registration(endpoint).isPresent(),
                (endpoint, timeout) -> server.read(endpoint, BATTERY, null, timeout)
                        .handle((response, failure) -> failure == null && response.getCode().isSuccess()));
    }

    /**
     * Probes through whichever of {@code servers} holds the device's registration (the embedded
     * servers of a run with udp and tcp groups keep theirs apart); null when there is none.
     */
    static ProbeTarget anyOf(List<ProbeTarget> servers) {
        if (servers.size() < 2) {
            return servers.isEmpty() ? null : servers.get(0);
        }
        List<ProbeTarget> all = List.copyOf(servers);
        return of(endpoint -> all.stream().anyMatch(s -> s.knows(endpoint)),
                (endpoint, timeout) -> all.stream().filter(s -> s.knows(endpoint)).findFirst()
                        .map(s -> s.readBattery(endpoint, timeout))
                        .orElse(CompletableFuture.completedFuture(false)));
    }

    private static ProbeTarget of(Predicate<String> knows,
            BiFunction<String, Duration, CompletionStage<Boolean>> readBattery) {
        return new ProbeTarget() {
            @Override
            public boolean knows(String endpoint) {
                return knows.test(endpoint);
            }

            @Override
            public CompletionStage<Boolean> readBattery(String endpoint, Duration timeout) {
                return readBattery.apply(endpoint, timeout);
            }
        };
    }
}
