package io.fleetsim.nat;

import java.time.Duration;
import java.util.concurrent.CompletionStage;

import io.fleetsim.server.EmbeddedLwm2mServer;

/** The server side of reachability probes: a server that can send a device a request. */
public interface ProbeTarget {

    /** Whether the server holds a registration for {@code endpoint}. */
    boolean knows(String endpoint);

    /** Reads {@code /3/0/9} (battery level); completes true when answered with success, false otherwise. */
    CompletionStage<Boolean> readBattery(String endpoint, Duration timeout);

    /** Probes through the embedded Leshan server. */
    static ProbeTarget of(EmbeddedLwm2mServer server) {
        return new ProbeTarget() {
            @Override
            public boolean knows(String endpoint) {
                return server.registration(endpoint).isPresent();
            }

            @Override
            public CompletionStage<Boolean> readBattery(String endpoint, Duration timeout) {
                return server.readAsync(endpoint, "/3/0/9", null, timeout)
                        .handle((response, failure) -> failure == null && response.isSuccess());
            }
        };
    }
}
