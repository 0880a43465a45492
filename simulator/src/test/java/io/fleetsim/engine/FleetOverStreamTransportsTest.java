package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.mbed.coap.packet.CoapResponse;
import com.mbed.coap.packet.Code;

import io.fleetsim.metrics.Counter;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;
import io.fleetsim.server.tcp.TcpRegistration;
import io.fleetsim.transport.TransportEndpoints;

/**
 * The LwM2M life of a device over CoAP over TCP and over TLS against the embedded java-coap
 * endpoints: register, be read by the server, update, de-register. One body for every stream
 * transport, ready to join an all-transports test.
 */
@Timeout(120)
class FleetOverStreamTransportsTest {

    private static FleetPki pki;
    private static EmbeddedTcpLwm2mServer server;

    @TempDir
    Path results;

    @BeforeAll
    static void startServer() {
        pki = StreamTransports.pki();
        server = StreamTransports.start(pki);
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "TLS"})
    void devicesRegisterAreReadUpdateAndDeregister(Transport transport) throws Exception {
        lifeOf("life-" + transport.key(), transport, "");
    }

    /** TLS devices with {@code security: {mode: x509}} present their certificate from the run's CA. */
    @org.junit.jupiter.api.Test
    void tlsDevicesWithX509CertificatesLiveTheSameLife() throws Exception {
        lifeOf("life-tls-x509", Transport.TLS, "security:\n  mode: x509");
    }

    /**
     * A target named {@code localhost}: the name is resolved once before the run and devices
     * connect to its address, while TLS still checks the server's certificate against the name.
     */
    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "TLS"})
    void aTargetNamedLocalhostWorksOverEveryStreamTransport(Transport transport) throws Exception {
        String name = "localhost-" + transport.key();
        int port = server.address(transport).getPort();
        RunTarget localhost = new RunTarget("localhost", port, true, () -> { },
                TransportEndpoints.NONE.with(transport, "localhost", port).withPki(pki));
        FleetEngine engine = FleetEngine.start(StreamTransports.fleet(name, 5, transport, "", ""), localhost,
                RunOptions.defaults(results));

        assertThat(engine.awaitRegistered(5, 30_000)).as("all 5 registered over " + transport.key()).isTrue();
        RunOutcome outcome = engine.stop();

        assertThat(outcome.summary().totals().get(Counter.REGISTRATION_FAILURES)).isZero();
    }

    private void lifeOf(String name, Transport transport, String fleetExtra) throws Exception {
        Scenario scenario = StreamTransports.fleet(name, 20, transport, fleetExtra,
                "lifetimeSeconds: 60\nupdateIntervalSeconds: 20\ntimeScale: 10");
        FleetEngine engine = FleetEngine.start(scenario, StreamTransports.target(server, transport, pki),
                RunOptions.defaults(results));

        assertThat(engine.awaitRegistered(20, 30_000)).as("all 20 registered over " + transport.key()).isTrue();
        TcpRegistration one = server.registration(name + "-000007").orElseThrow();
        assertThat(one.transport()).isEqualTo(transport);
        assertThat(one.lifetimeSeconds()).isEqualTo(60);
        assertThat(one.objectLinks()).contains("</3/0>");
        Instant registeredAt = one.updatedAt();

        CoapResponse read = server.read(name + "-000007", "/3/0", 110, Duration.ofSeconds(5)).get();
        assertThat(read.getCode()).isEqualTo(Code.C205_CONTENT);
        assertThat(new String(read.getPayload().getBytes(), StandardCharsets.UTF_8)).contains("fleetsim", "FS00000007");

        waitFor(() -> engine.totals().get(Counter.UPDATES) >= 20, 20_000);
        assertThat(server.registration(name + "-000007").orElseThrow().updatedAt()).isAfter(registeredAt);

        RunOutcome outcome = engine.stop();

        assertThat(server.registrations()).noneMatch(r -> r.endpoint().startsWith(name));
        assertThat(outcome.summary().totals().get(Counter.DEREGISTRATIONS)).isEqualTo(20);
        assertThat(outcome.summary().totals().get(Counter.UPDATE_FAILURES)).isZero();
        assertThat(outcome.summary().totals().get(Counter.READS_SERVED)).isEqualTo(1);
    }

    static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean()) {
            assertThat(System.currentTimeMillis()).as("condition met in time").isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
