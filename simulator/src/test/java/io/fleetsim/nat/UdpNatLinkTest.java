package io.fleetsim.nat;

import static io.fleetsim.base.OnEventLoop.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fleetsim.base.OnEventLoop;
import io.fleetsim.base.SimClock;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.RadioMeter;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.scenario.NatSettings;
import io.fleetsim.scenario.ScenarioLoader;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.datagram.DatagramSocket;
import io.vertx.junit5.VertxExtension;

/**
 * One device's {@link UdpNatLink} built from its collaborators alone (no engine, no run): the
 * link's socket on 127.0.0.1, a scripted server socket on 127.0.0.1, and the clock running 10x
 * faster. The mapping's timeout is set by the test ({@link #timeoutMillis}), so a test decides
 * what each packet sets it to.
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UdpNatLinkTest {

    private static final double TIME_SCALE = 10;
    /** A mapping timeout well past anything a test waits: 1 simulated hour. */
    private static final long FOREVER = 3_600_000;

    private final ShardMetrics metrics = new ShardMetrics();
    /** What the next packet through the mapping sets its timeout to, simulated ms. */
    private final AtomicLong timeoutMillis = new AtomicLong(3_000);
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    /** What the server got, with the source port it saw. */
    private final List<Received> seenByServer = new CopyOnWriteArrayList<>();
    private Context context;
    private SimClock clock;
    private DatagramSocket server;
    private UdpNatLink link;

    record Received(int port, String text) {
    }

    @BeforeEach
    void setUp(Vertx vertx) throws Exception {
        context = vertx.getOrCreateContext();
        clock = new SimClock(vertx, TIME_SCALE);
        server = vertx.createDatagramSocket();
        server.handler(packet -> seenByServer.add(new Received(packet.sender().port(),
                packet.data().toString(StandardCharsets.UTF_8))));
        server.listen(0, "127.0.0.1").await(5, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (link != null) {
            onLoop(link::close).await(5, TimeUnit.SECONDS);
        }
        server.close().await(5, TimeUnit.SECONDS);
    }

    @Test
    void anIdleMappingExpiresAfterItsTimeoutAndTheNextPacketLeavesFromANewPort() throws Exception {
        open("{}");
        long sentAt = send("register");
        waitUntil(() -> seenByServer.size() == 1);
        int firstPort = seenByServer.get(0).port();
        assertThat(metrics.get(Counter.NAT_MAPPINGS_CREATED)).isEqualTo(1);
        assertThat(metrics.mappingsAlive()).isEqualTo(1);

        waitUntil(() -> metrics.get(Counter.NAT_EXPIRIES) == 1);
        assertThat(onLoop(clock::nowMillis) - sentAt).as("expired no sooner than its timeout")
                .isGreaterThanOrEqualTo(3_000);
        assertThat(metrics.mappingsAlive()).isZero();
        assertThat(metrics.get(Counter.NAT_REBINDINGS)).as("no rebinding before the device sends again").isZero();

        fromServer(firstPort, "late read");
        send("update");
        waitUntil(() -> seenByServer.size() == 2);
        int secondPort = seenByServer.get(1).port();
        assertThat(secondPort).as("a new external port").isNotEqualTo(firstPort);
        assertThat(metrics.get(Counter.NAT_REBINDINGS)).isEqualTo(1);
        assertThat(metrics.get(Counter.NAT_MAPPINGS_CREATED)).isEqualTo(2);
        assertThat(metrics.mappingsAlive()).isEqualTo(1);

        fromServer(secondPort, "changed");
        waitUntil(() -> delivered.contains("changed"));
        assertThat(delivered).as("what the server sent to the old port is lost").containsExactly("changed");
    }

    @Test
    void withPortPreservationTheRebindingKeepsThePort() throws Exception {
        open("{portAllocation: preserve}");
        send("register");
        waitUntil(() -> seenByServer.size() == 1);
        waitUntil(() -> metrics.get(Counter.NAT_EXPIRIES) == 1);

        send("update");
        waitUntil(() -> seenByServer.size() == 2);
        assertThat(seenByServer.get(1).port()).isEqualTo(seenByServer.get(0).port());
        assertThat(metrics.get(Counter.NAT_REBINDINGS)).isEqualTo(1);
        assertThat(metrics.get(Counter.NAT_PORT_NOT_PRESERVED)).isZero();
    }

    @ParameterizedTest(name = "inboundRefresh: {0}")
    @ValueSource(booleans = { true, false })
    void serverTrafficKeepsTheMappingAliveOnlyWithInboundRefresh(boolean inboundRefresh) throws Exception {
        open("{inboundRefresh: " + inboundRefresh + "}");
        timeoutMillis.set(10_000); // 1 s of wall time for the server's answer to come back
        send("register");
        timeoutMillis.set(FOREVER); // what the server's answer would set the timeout to
        waitUntil(() -> seenByServer.size() == 1);
        int port = seenByServer.get(0).port();
        fromServer(port, "created");
        waitUntil(() -> delivered.contains("created"));

        Thread.sleep(wallMillis(10_000) + 500); // past the timeout the device's own packet set
        if (inboundRefresh) {
            assertThat(metrics.get(Counter.NAT_EXPIRIES)).as("refreshed by the server's packet").isZero();
            fromServer(port, "read");
            waitUntil(() -> delivered.contains("read"));
            assertThat(metrics.mappingsAlive()).isEqualTo(1);
        } else {
            waitUntil(() -> metrics.get(Counter.NAT_EXPIRIES) == 1);
            assertThat(metrics.mappingsAlive()).isZero();
        }
    }

    @Test
    void aServerPacketWithoutALiveMappingIsDroppedAndCounted() throws Exception {
        open("{}");
        int port = onLoop(link::localPort);
        fromServer(port, "before any packet of the device");
        waitUntil(() -> metrics.get(Counter.NAT_DROPPED_DEAD_MAPPING) == 1);
        assertThat(delivered).isEmpty();

        send("register");
        waitUntil(() -> seenByServer.size() == 1);
        fromServer(port, "created");
        waitUntil(() -> delivered.contains("created"));
        assertThat(metrics.get(Counter.NAT_DROPPED_DEAD_MAPPING)).isEqualTo(1);
    }

    @Test
    void aFlushDropsTheMappingAtOnceAndCountsItAsFlushedNotExpired() throws Exception {
        open("{}");
        timeoutMillis.set(FOREVER);
        send("register");
        waitUntil(() -> seenByServer.size() == 1);

        onLoop(() -> {
            link.flush();
            return null;
        });
        assertThat(metrics.get(Counter.NAT_FLUSHED)).isEqualTo(1);
        assertThat(metrics.get(Counter.NAT_EXPIRIES)).isZero();
        assertThat(metrics.mappingsAlive()).isZero();

        send("register again");
        waitUntil(() -> seenByServer.size() == 2);
        assertThat(metrics.get(Counter.NAT_REBINDINGS)).isEqualTo(1);
    }

    /** Opens the link with the group's {@code nat} settings written as a scenario gives them. */
    private void open(String natYaml) throws Exception {
        NatSettings settings = natSettings(natYaml);
        MappingTimeouts timeouts = (mapping, now) -> timeoutMillis.get();
        LinkEnvironment environment = new LinkEnvironment(context.owner(), "127.0.0.1", clock, metrics,
                new SplittableRandom(1));
        int port = server.localAddress().port();
        link = onLoop(() -> new UdpNatLink(environment, "127.0.0.1", port, settings, timeouts,
                new PathTracker(metrics), new RadioMeter(clock, metrics, 0)));
        onLoop(() -> link.open(datagram -> delivered.add(new String(datagram, StandardCharsets.UTF_8))))
                .await(5, TimeUnit.SECONDS);
    }

    static NatSettings natSettings(String natYaml) {
        return ScenarioLoader.parse("""
                name: nat-link
                durationSeconds: 3600
                fleet:
                  count: 1
                  transport: udp
                  nat: %s
                """.formatted(natYaml), Path.of("nat-link.yaml")).groups().get(0).nat();
    }

    /** The device sends {@code text}; returns the simulated moment it did. */
    private long send(String text) throws Exception {
        return onLoop(() -> {
            link.send(text.getBytes(StandardCharsets.UTF_8));
            return clock.nowMillis();
        });
    }

    private void fromServer(int port, String text) throws Exception {
        server.send(Buffer.buffer(text), port, "127.0.0.1").await(5, TimeUnit.SECONDS);
    }

    private static long wallMillis(long simMillis) {
        return Math.round(simMillis / TIME_SCALE);
    }

    private <T> T onLoop(Callable<T> action) throws Exception {
        return OnEventLoop.call(context, action);
    }

}
