package io.fleetsim.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import org.eclipse.leshan.core.node.LwM2mObjectInstance;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.response.ReadResponse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fleetsim.engine.FleetEngine;
import io.fleetsim.engine.RunOptions;
import io.fleetsim.engine.RunOutcome;
import io.fleetsim.metrics.Counter;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.EmbeddedLwm2mServer;

/**
 * One test body over every transport: devices register with a real Leshan server, Leshan reads
 * their Device object, and they de-register at the end. TCP and TLS join as new {@link TransportCase}s.
 */
@Timeout(120)
class TransportMatrixTest {

    private static FleetPki pki;

    @TempDir
    Path results;

    @BeforeAll
    static void makePki() throws Exception {
        pki = FleetPki.create("matrix CA");
    }

    /** A transport with the scenario lines that select it. */
    enum TransportCase {
        UDP("transport: udp", false),
        DTLS_PSK("transport: dtls\nsecurity:\n  mode: psk\n  pskIdentity: \"id-{endpoint}\"\n  pskKeySeed: s3cret", true),
        DTLS_RPK("transport: dtls\nsecurity:\n  mode: rpk", true),
        DTLS_X509("transport: dtls\nsecurity:\n  mode: x509\n  expectIssuer: \"CN=matrix CA, O=fleetsim\"", true);

        final String yaml;
        final boolean handshakes;

        TransportCase(String yaml, boolean handshakes) {
            this.yaml = yaml;
            this.handshakes = handshakes;
        }
    }

    @ParameterizedTest
    @EnumSource(TransportCase.class)
    void devicesRegisterAnswerAReadOfTheirDeviceObjectAndDeregister(TransportCase transport) throws Exception {
        String name = "m-" + transport.name().toLowerCase().replace('_', '-');
        Scenario scenario = SecureFleet.fleet(name, 5, transport.yaml, "");
        try (EmbeddedLwm2mServer leshan = SecureFleet.server(scenario, pki, pki)) {
            FleetEngine engine = FleetEngine.start(scenario, SecureFleet.target(leshan, pki), RunOptions.defaults(results));
            RunOutcome outcome;
            try {
                boolean registered = engine.awaitRegistered(5, 30_000);
                assertThat(registered).as("5 devices registered over %s; handshake failures %s", transport,
                        engine.totals().failures(io.fleetsim.metrics.FailureKind.HANDSHAKE)).isTrue();
                assertThat(leshan.registration(name + "-000003")).isPresent();

                ReadResponse read = leshan.read(name + "-000003", "/3/0", ContentFormat.SENML_JSON, Duration.ofSeconds(5));

                assertThat(read.isSuccess()).as(read.toString()).isTrue();
                assertThat(((LwM2mObjectInstance) read.getContent()).getResource(2).getValue()).isEqualTo("FS00000003");
            } finally {
                outcome = engine.stop();
            }
            assertThat(leshan.registrations()).noneMatch(r -> r.getEndpoint().startsWith(name));
            assertThat(outcome.summary().totals().get(Counter.DEREGISTRATIONS)).isEqualTo(5);
            assertThat(outcome.summary().totals().get(Counter.DTLS_HANDSHAKES)).isEqualTo(transport.handshakes ? 5 : 0);
            assertThat(outcome.summary().histograms().get(io.fleetsim.metrics.LatencyMetric.HANDSHAKE).getTotalCount())
                    .isEqualTo(transport.handshakes ? 5 : 0);
        }
    }
}
