package io.fleetsim.server.bootstrap;

import java.util.Optional;

/**
 * What the bootstrap server hands out to each endpoint. Called on the server's protocol thread for
 * every Bootstrap-Request: it must answer at once, from memory, without blocking.
 */
@FunctionalInterface
public interface BootstrapConfigSource {

    /**
     * The configuration for {@code endpoint}; empty when the server does not know it, which the
     * server answers with 4.00 Bad Request and counts as {@link BootstrapFailure#UNKNOWN_ENDPOINT}.
     */
    Optional<BootstrapConfig> configFor(String endpoint);

    /** The same configuration for every endpoint. */
    static BootstrapConfigSource always(BootstrapConfig config) {
        Optional<BootstrapConfig> answer = Optional.of(config);
        return endpoint -> answer;
    }
}
