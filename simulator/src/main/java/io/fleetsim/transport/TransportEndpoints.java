package io.fleetsim.transport;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import io.fleetsim.base.FleetVertx;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;

/**
 * Where the devices of each transport connect, and the PKI their TLS trusts (the run's CA; with
 * no PKI, the JVM's default trust store, for servers with public certificates).
 */
public record TransportEndpoints(Map<Transport, HostPort> addresses, FleetPki pki) {

    /**
     * A host and port, and the host's IP literal, which is where a connection goes: the host itself
     * when it is a literal; for a name, null until {@link #resolved()} (TLS checks the server's
     * certificate against the name).
     */
    public record HostPort(String host, int port, String address) {

        public HostPort(String host, int port) {
            this(host, port, FleetVertx.isLiteral(host) ? host : null);
        }

        /** The same host and port with the name resolved now (blocking: before the run starts). */
        public HostPort resolved() {
            return resolved(FleetVertx::literal);
        }

        /** The same host and port with the name resolved now by {@code literal} (blocking: before the run starts). */
        public HostPort resolved(UnaryOperator<String> literal) {
            return address != null ? this : new HostPort(host, port, literal.apply(host));
        }
    }

    /** No per-transport endpoints: every transport uses the run's one target. */
    public static final TransportEndpoints NONE = new TransportEndpoints(Map.of(), null);

    public TransportEndpoints {
        addresses = addresses.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(addresses));
    }

    public Optional<HostPort> of(Transport transport) {
        return Optional.ofNullable(addresses.get(transport));
    }

    /** The same endpoints plus one more. */
    public TransportEndpoints with(Transport transport, String host, int port) {
        Map<Transport, HostPort> more = new EnumMap<>(Transport.class);
        more.putAll(addresses);
        more.put(transport, new HostPort(host, port));
        return new TransportEndpoints(more, pki);
    }

    /** The same endpoints with every name resolved now (blocking: before the run starts). */
    public TransportEndpoints resolved() {
        return resolved(FleetVertx::literal);
    }

    /** The same endpoints with every name resolved now by {@code literal} (blocking: before the run starts). */
    public TransportEndpoints resolved(UnaryOperator<String> literal) {
        Map<Transport, HostPort> out = new EnumMap<>(Transport.class);
        addresses.forEach((transport, hostPort) -> out.put(transport, hostPort.resolved(literal)));
        return new TransportEndpoints(out, pki);
    }

    public TransportEndpoints withPki(FleetPki newPki) {
        return new TransportEndpoints(addresses, newPki);
    }
}
