package io.fleetsim.engine;

import java.util.EnumSet;

import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;
import io.fleetsim.transport.TransportEndpoints;

/** The embedded TCP and TLS endpoints for tests, and run targets pointing at them. */
final class StreamTransports {

    private StreamTransports() {
    }

    static FleetPki pki() {
        try {
            return FleetPki.create("fleetsim test CA");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static EmbeddedTcpLwm2mServer start(FleetPki pki) {
        return EmbeddedTcpLwm2mServer.start(EnumSet.of(Transport.TCP, Transport.TLS), pki);
    }

    /** A target for devices of {@code transport}; the server stays up after the run. */
    static RunTarget target(EmbeddedTcpLwm2mServer server, Transport transport, FleetPki pki) {
        int port = server.address(transport).getPort();
        return new RunTarget("127.0.0.1", port, true, () -> { },
                TransportEndpoints.NONE.with(transport, "127.0.0.1", port).withPki(pki));
    }

    /** A fleet of {@code count} devices on {@code transport} with extra YAML inside the fleet map and at top level. */
    static io.fleetsim.scenario.Scenario fleet(String name, int count, Transport transport, String fleetExtra,
            String topExtra) {
        return Scenarios.parse("""
                name: %s
                durationSeconds: 36000
                fleet:
                  count: %d
                  endpointPrefix: %s-
                  transport: %s
                %s
                arrival:
                  rate: 2000
                %s
                """.formatted(name, count, name, transport.key(), fleetExtra.indent(2), topExtra));
    }
}
