package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import io.fleetsim.server.MinimalLwm2mResponder;
import io.vertx.core.Vertx;

/** Devices live on event loops: a fleet forty times larger runs on the same threads. */
@Timeout(120)
class ThreadCountTest {

    private static Vertx serverVertx;
    private static MinimalLwm2mResponder responder;

    @TempDir
    Path results;

    @BeforeAll
    static void startResponder() {
        serverVertx = Vertx.vertx();
        responder = MinimalLwm2mResponder.start(serverVertx).await();
    }

    @AfterAll
    static void stopResponder() {
        responder.close().await();
        serverVertx.close().await();
    }

    @Test
    void threadCountDoesNotGrowWithTheFleet() throws Exception {
        int small = threadsAddedByAFleetOf(50);
        int large = threadsAddedByAFleetOf(2_000);

        assertThat(large).as("threads added by 2,000 devices vs 50").isLessThanOrEqualTo(small);
        assertThat(large).as("threads added by 2,000 devices").isLessThan(16);
    }

    private int threadsAddedByAFleetOf(int devices) throws Exception {
        int before = LiveThreads.count();
        FleetEngine engine = FleetEngine.start(Scenarios.fleet("threads" + devices, devices, ""),
                RunTarget.external("127.0.0.1", responder.port()), RunOptions.defaults(results.resolve("r" + devices)).withShards(2));
        try {
            assertThat(engine.awaitRegistered(devices, 60_000)).as(devices + " devices registered").isTrue();
            return LiveThreads.count() - before;
        } finally {
            engine.stop();
            Thread.sleep(500); // let the engine's threads end before the next fleet is measured
        }
    }
}
