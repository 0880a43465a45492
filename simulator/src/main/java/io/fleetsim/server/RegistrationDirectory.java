package io.fleetsim.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The minimal registry of a {@link MinimalLwm2mResponder}: registration id to endpoint name,
 * plus the reverse link so that a re-registering endpoint replaces its old registration.
 * Thread-safe: the responder's sockets share one directory across their event loops, so a
 * device's update is found whichever socket it arrives on.
 */
final class RegistrationDirectory {

    private final Map<String, String> endpointById = new ConcurrentHashMap<>();
    private final Map<String, String> idByEndpoint = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);

    /** Registers {@code endpoint} under a new id, dropping any earlier registration of it. */
    String register(String endpoint) {
        String id = Long.toString(nextId.getAndIncrement(), 36);
        endpointById.put(id, endpoint);
        String previousId = idByEndpoint.put(endpoint, id);
        if (previousId != null) {
            endpointById.remove(previousId, endpoint);
        }
        return id;
    }

    boolean contains(String id) {
        return endpointById.containsKey(id);
    }

    /** Removes the registration {@code id}; returns false if it is unknown. */
    boolean remove(String id) {
        String endpoint = endpointById.remove(id);
        if (endpoint == null) {
            return false;
        }
        idByEndpoint.remove(endpoint, id);
        return true;
    }

    int size() {
        return endpointById.size();
    }
}
