package io.fleetsim.transport.dtls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.fleetsim.engine.FleetEngine;
import io.fleetsim.engine.LiveThreads;
import io.fleetsim.engine.RunOptions;
import io.fleetsim.scenario.Scenario;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.EmbeddedLwm2mServer;

/** DTLS devices are driven from event loops: twenty times the devices, the same threads. */
@Timeout(180)
class DtlsThreadCountTest {

    private static final String PSK = "transport: dtls\nsecurity:\n  mode: psk";
    private static FleetPki pki;
    private static EmbeddedLwm2mServer leshan;

    @TempDir
    Path results;

    @BeforeAll
    static void startLeshan() throws Exception {
        pki = FleetPki.create("threads CA");
        // one server knows both fleets: same prefix scheme, same seed
        leshan = SecureFleet.server(SecureFleet.fleet("dt", 2_000, PSK, ""), pki, pki);
    }

    @AfterAll
    static void stopLeshan() {
        leshan.stop();
    }

    @Test
    void threadCountDoesNotGrowWithTheDtlsFleet() throws Exception {
        int small = threadsAddedByAFleetOf(100);
        int large = threadsAddedByAFleetOf(2_000);

        assertThat(large).as("threads added by 2,000 DTLS devices vs 100").isLessThanOrEqualTo(small);
        assertThat(large).as("threads added by 2,000 DTLS devices").isLessThan(16);
    }

    private int threadsAddedByAFleetOf(int devices) throws Exception {
        int before = LiveThreads.count();
        Scenario scenario = SecureFleet.fleet("dt", devices, PSK, "");
        FleetEngine engine = FleetEngine.start(scenario, SecureFleet.target(leshan, pki),
                RunOptions.defaults(results.resolve("r" + devices)).withShards(2));
        try {
            assertThat(engine.awaitRegistered(devices, 120_000)).as(devices + " DTLS devices registered").isTrue();
            return LiveThreads.count() - before;
        } finally {
            engine.stop();
            Thread.sleep(500);
        }
    }
}
