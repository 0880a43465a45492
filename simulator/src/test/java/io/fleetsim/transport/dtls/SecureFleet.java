package io.fleetsim.transport.dtls;

import java.nio.file.Path;

import io.fleetsim.engine.RunTarget;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.ScenarioLoader;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.EmbeddedLwm2mServer;
import io.fleetsim.server.FleetSecurityStore;

/** Scenarios and embedded servers for the tests of secure transports. */
public final class SecureFleet {

    private SecureFleet() {
    }

    /** A one-group fleet with the given transport lines (indented under {@code fleet}). */
    public static Scenario fleet(String name, int count, String transportYaml, String extraTopLevel) {
        return ScenarioLoader.parse("""
                name: %s
                durationSeconds: 3600
                fleet:
                  count: %d
                  endpointPrefix: %s-
                %s
                arrival:
                  rate: 2000
                registrationRetry:
                  initialSeconds: 0.5
                  maxSeconds: 1
                %s
                """.formatted(name, count, name, transportYaml.indent(2).stripTrailing(), extraTopLevel),
                Path.of("test.yaml"));
    }

    /** A Leshan server with CoAP and CoAPS endpoints that knows the devices of {@code credentials}. */
    public static EmbeddedLwm2mServer server(Scenario credentials, FleetPki identity, FleetPki deviceCa) {
        return EmbeddedLwm2mServer.startSecure(new FleetSecurityStore(credentials.groups(), deviceCa),
                identity.server(), deviceCa.caCertificate());
    }

    /** The run target of {@code server}: UDP devices to its CoAP endpoint, DTLS devices to its CoAPS one. */
    public static RunTarget target(EmbeddedLwm2mServer server, FleetPki pki) {
        return RunTarget.external("127.0.0.1", server.coapAddress().getPort())
                .withDtls(new DtlsTarget("127.0.0.1", server.coapsAddress().getPort(), pki));
    }
}
