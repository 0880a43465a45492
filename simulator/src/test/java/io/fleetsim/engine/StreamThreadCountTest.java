package io.fleetsim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import io.fleetsim.scenario.Transport;

/** TCP devices live on event loops too: 2,000 connections run on the threads 100 use. */
@Timeout(180)
class StreamThreadCountTest {

    @RegisterExtension
    final StreamServerExtension stream = new StreamServerExtension();

    @TempDir
    Path results;

    @Test
    void threadCountDoesNotGrowWithTheNumberOfTcpDevices() throws Exception {
        int small = threadsAddedByAFleetOf(100);
        int large = threadsAddedByAFleetOf(2_000);

        assertThat(large).as("threads added by 2,000 TCP devices vs 100").isLessThanOrEqualTo(small);
        assertThat(large).as("threads added by 2,000 TCP devices").isLessThan(16);
    }

    /**
     * Threads alive while the fleet runs that were not alive before it started. A difference of
     * thread counts was flaky: threads of an earlier fleet (or test class) still ending while the
     * fleet ran made the count drop, so the small fleet could seem to add fewer threads than the
     * large one. Comparing thread ids leaves those out; and the next fleet is measured only once
     * this one's threads have ended.
     */
    private int threadsAddedByAFleetOf(int devices) throws Exception {
        Set<Long> before = liveThreadIds();
        FleetEngine engine = FleetEngine.start(
                StreamTransports.fleet("tthreads" + devices, devices, Transport.TCP, "", ""),
                StreamTransports.target(stream.server(), Transport.TCP, stream.pki()),
                RunOptions.defaults(results.resolve("r" + devices)).withShards(2));
        try {
            assertThat(engine.awaitRegistered(devices, 90_000)).as(devices + " TCP devices registered").isTrue();
            Set<Long> added = liveThreadIds();
            added.removeAll(before);
            added.removeIf(StreamThreadCountTest::isVertxAcceptor);
            return added.size();
        } finally {
            engine.stop();
            awaitEnded(before, 10_000);
        }
    }

    /**
     * Vert.x starts the acceptor thread of the fleet's Vert.x instance lazily; the 2,000-device
     * fleet starts it and the 100-device one does not (seen every time once threads were compared
     * by id). It is one thread per Vert.x instance, never one per device, so it is left out of
     * both comparisons.
     */
    private static boolean isVertxAcceptor(long id) {
        var info = ManagementFactory.getThreadMXBean().getThreadInfo(id);
        return info != null && info.getThreadName().startsWith("vert.x-acceptor-thread-");
    }

    private static Set<Long> liveThreadIds() {
        Set<Long> ids = new HashSet<>();
        for (long id : ManagementFactory.getThreadMXBean().getAllThreadIds()) {
            ids.add(id);
        }
        return ids;
    }

    /** Waits until no thread is alive but those of {@code before} (or the time is up). */
    private static void awaitEnded(Set<Long> before, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline && !before.containsAll(liveThreadIds())) {
            Thread.sleep(50);
        }
    }
}
