package io.fleetsim.server.tcp;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The registrations of the embedded TCP/TLS endpoints, by endpoint name and by id. Safe to read
 * from any thread, written from any of the server's event loops; one endpoint has at most one registration (a new Register replaces it).
 */
public final class TcpRegistrationStore {

    private final Map<String, TcpRegistration> byEndpoint = new ConcurrentHashMap<>();
    private final Map<String, TcpRegistration> byId = new ConcurrentHashMap<>();

    synchronized void put(TcpRegistration registration) {
        TcpRegistration previous = byEndpoint.put(registration.endpoint(), registration);
        if (previous != null) {
            byId.remove(previous.id());
        }
        byId.put(registration.id(), registration);
    }

    /**
     * Replaces the registration {@code id} by {@code change} of it, atomically, so that an update
     * racing a de-registration on another event loop cannot bring it back; empty when unknown.
     */
    synchronized Optional<TcpRegistration> update(String id, UnaryOperator<TcpRegistration> change) {
        TcpRegistration existing = byId.get(id);
        if (existing == null) {
            return Optional.empty();
        }
        TcpRegistration updated = change.apply(existing);
        put(updated);
        return Optional.of(updated);
    }

    synchronized Optional<TcpRegistration> remove(String id) {
        TcpRegistration removed = byId.remove(id);
        if (removed != null) {
            byEndpoint.remove(removed.endpoint(), removed);
        }
        return Optional.ofNullable(removed);
    }

    Optional<TcpRegistration> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<TcpRegistration> byEndpoint(String endpoint) {
        return Optional.ofNullable(byEndpoint.get(endpoint));
    }

    public List<TcpRegistration> all() {
        return List.copyOf(byEndpoint.values());
    }

    public int size() {
        return byEndpoint.size();
    }
}
