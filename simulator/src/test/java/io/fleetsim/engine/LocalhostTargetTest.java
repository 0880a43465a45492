package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.fleetsim.metrics.Counter;
import io.fleetsim.scenario.Transport;
import io.fleetsim.transport.TransportEndpoints;

/**
 * A target named {@code localhost}: the name is resolved once before the run and devices connect
 * to its address, while TLS still checks the server's certificate against the name.
 */
@Timeout(120)
class LocalhostTargetTest {

    @RegisterExtension
    final StreamServerExtension stream = new StreamServerExtension();

    @TempDir
    Path results;

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"TCP", "TLS"})
    void aTargetNamedLocalhostWorksOverEveryStreamTransport(Transport transport) throws Exception {
        String name = "localhost-" + transport.key();
        int port = stream.server().address(transport).getPort();
        RunTarget localhost = new RunTarget("localhost", port, true, () -> { },
                TransportEndpoints.NONE.with(transport, "localhost", port).withPki(stream.pki()));
        FleetEngine engine = FleetEngine.start(StreamTransports.fleet(name, 5, transport, "", ""), localhost,
                RunOptions.defaults(results));

        assertThat(engine.awaitRegistered(5, 30_000)).as("all 5 registered over " + transport.key()).isTrue();
        RunOutcome outcome = engine.stop();

        assertThat(outcome.summary().totals().get(Counter.REGISTRATION_FAILURES)).isZero();
    }
}
