package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fleetsim.metrics.Counter;
import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;
import io.fleetsim.transport.TransportEndpoints;

/**
 * A target named {@code localhost}: the name is resolved once before the run and devices connect
 * to its address, while TLS still checks the server's certificate against the name.
 */
@Timeout(120)
class LocalhostTargetTest {

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
}
