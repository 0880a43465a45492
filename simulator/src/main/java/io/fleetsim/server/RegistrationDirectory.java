package io.fleetsim.server;

import java.util.HashMap;
import java.util.Map;

/**
 * The minimal registry of a {@link MinimalLwm2mResponder}: registration id to endpoint name,
 * plus the reverse link so that a re-registering endpoint replaces its old registration.
 * Not thread-safe: used only on the responder's event loop.
 */
final class RegistrationDirectory {

    private final Map<String, String> endpointById = new HashMap<>();
    private final Map<String, String> idByEndpoint = new HashMap<>();
    private long nextId = 1;

    /** Registers {@code endpoint} under a new id, dropping any earlier registration of it. */
    String register(String endpoint) {
        String id = Long.toString(nextId++, 36);
        String previousId = idByEndpoint.put(endpoint, id);
        if (previousId != null) {
            endpointById.remove(previousId);
        }
        endpointById.put(id, endpoint);
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
