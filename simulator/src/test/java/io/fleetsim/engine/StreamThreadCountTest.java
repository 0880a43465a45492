package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.fleetsim.scenario.Transport;
import io.fleetsim.security.FleetPki;
import io.fleetsim.server.tcp.EmbeddedTcpLwm2mServer;

/** TCP devices live on event loops too: 2,000 connections run on the threads 100 use. */
@Timeout(180)
class StreamThreadCountTest {

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

    @Test
    void threadCountDoesNotGrowWithTheNumberOfTcpDevices() throws Exception {
        int small = threadsAddedByAFleetOf(100);
        int large = threadsAddedByAFleetOf(2_000);

        assertThat(large).as("threads added by 2,000 TCP devices vs 100").isLessThanOrEqualTo(small);
        assertThat(large).as("threads added by 2,000 TCP devices").isLessThan(16);
    }

    private int threadsAddedByAFleetOf(int devices) throws Exception {
        int before = ManagementFactory.getThreadMXBean().getThreadCount();
        FleetEngine engine = FleetEngine.start(
                StreamTransports.fleet("tthreads" + devices, devices, Transport.TCP, "", ""),
                StreamTransports.target(server, Transport.TCP, pki),
                RunOptions.defaults(results.resolve("r" + devices)).withShards(2));
        try {
            assertThat(engine.awaitRegistered(devices, 90_000)).as(devices + " TCP devices registered").isTrue();
            return ManagementFactory.getThreadMXBean().getThreadCount() - before;
        } finally {
            engine.stop();
            Thread.sleep(500);
        }
    }
}
