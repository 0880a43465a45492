package io.fleetsim.nat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Predicate;

/**
 * The server side of reachability probes: a server that can send a device a request. The embedded
 * servers are adapted to it in {@code io.fleetsim.engine.ServerProbes}.
 */
public interface ProbeTarget {

    /** The resource a probe reads: the battery level. */
    String BATTERY = "/3/0/9";

    /** Whether the server holds a registration for {@code endpoint}. */
    boolean knows(String endpoint);

    /** Reads {@code /3/0/9} (battery level); completes true when answered with success, false otherwise. */
    CompletionStage<Boolean> readBattery(String endpoint, Duration timeout);

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

    /** A probe target made of its two operations. */
    static ProbeTarget of(Predicate<String> knows,
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
