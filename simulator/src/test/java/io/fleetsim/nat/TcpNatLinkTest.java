package io.fleetsim.nat;

import static io.fleetsim.base.OnEventLoop.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.concurrent.Callable;
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
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.nat.ConnectionNat.Outbound;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;

/**
 * One device's {@link TcpNatLink} built from its collaborators alone (clock, metrics, random
 * source, settings, timeouts, tracker): no connection, no engine. The test plays the channel,
 * which asks the link before each frame, on one event loop, with the clock running 10x faster.
 * The mapping's timeout is set by the test ({@link #timeoutMillis}).
 */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TcpNatLinkTest {

    private static final double TIME_SCALE = 10;
    /** A mapping timeout well past anything a test waits: 1 simulated hour. */
    private static final long FOREVER = 3_600_000;

    private final ShardMetrics metrics = new ShardMetrics();
    /** What the next frame through the mapping sets its timeout to, simulated ms. */
    private final AtomicLong timeoutMillis = new AtomicLong(3_000);
    private Context context;
    private SimClock clock;
    private TcpNatLink link;

    @BeforeEach
    void setUp(Vertx vertx) {
        context = vertx.getOrCreateContext();
        clock = new SimClock(vertx, TIME_SCALE);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (link != null) {
            onLoop(() -> {
                link.closed();
                return null;
            });
        }
    }

    @Test
    void anIdleConnectionBecomesABlackHoleAfterItsTimeout() throws Exception {
        make("{}");
        long connectedAt = onLoop(() -> {
            link.connected(40_000);
            return clock.nowMillis();
        });
        assertThat(onLoop(link::outbound)).isEqualTo(Outbound.PASS);
        assertThat(onLoop(link::inbound)).isTrue();
        assertThat(metrics.get(Counter.NAT_MAPPINGS_CREATED)).isEqualTo(1);
        assertThat(metrics.mappingsAlive()).isEqualTo(1);

        waitUntil(() -> metrics.get(Counter.NAT_EXPIRIES) == 1);
        assertThat(onLoop(clock::nowMillis) - connectedAt).as("expired no sooner than its timeout")
                .isGreaterThanOrEqualTo(3_000);
        assertThat(metrics.mappingsAlive()).isZero();
        assertThat(onLoop(link::isBlackHole)).isTrue();
        assertThat(onLoop(link::outbound)).as("the device's frame is lost (tcpExpiry: drop)").isEqualTo(Outbound.DROP);
        assertThat(onLoop(link::outbound)).isEqualTo(Outbound.DROP);
        assertThat(onLoop(link::inbound)).as("the server's frame is lost").isFalse();
        assertThat(metrics.get(Counter.NAT_DROPPED_DEAD_MAPPING)).isEqualTo(3);
        assertThat(metrics.get(Counter.NAT_RESETS)).isZero();
    }

    @Test
    void withTcpExpiryRstTheFirstFrameAfterTheExpiryDrawsAResetAndLaterOnesAreLost() throws Exception {
        make("{tcpExpiry: rst}");
        onLoop(() -> {
            link.connected(40_000);
            return null;
        });
        waitUntil(() -> metrics.get(Counter.NAT_EXPIRIES) == 1);

        assertThat(onLoop(link::outbound)).isEqualTo(Outbound.RESET);
        assertThat(onLoop(link::outbound)).isEqualTo(Outbound.DROP);
        assertThat(metrics.get(Counter.NAT_RESETS)).isEqualTo(1);
        assertThat(metrics.get(Counter.NAT_DROPPED_DEAD_MAPPING)).isEqualTo(1);
    }

    @ParameterizedTest(name = "from the server: {0}")
    @ValueSource(booleans = { true, false })
    void aFrameEitherWayKeepsTheConnectionAlive(boolean fromServer) throws Exception {
        make("{inboundRefresh: false}"); // does not apply to a connection: a TCP peer acknowledges what it gets
        timeoutMillis.set(10_000);
        onLoop(() -> {
            link.connected(40_000);
            timeoutMillis.set(FOREVER);
            return fromServer ? link.inbound() : link.outbound() == Outbound.PASS;
        });

        Thread.sleep(Math.round(10_000 / TIME_SCALE) + 500); // past the timeout the connection started with
        assertThat(metrics.get(Counter.NAT_EXPIRIES)).isZero();
        assertThat(onLoop(link::isBlackHole)).isFalse();
        assertThat(onLoop(link::outbound)).isEqualTo(Outbound.PASS);
    }

    @Test
    void theNextConnectionAfterABlackHoleIsCountedAsARebinding() throws Exception {
        make("{}");
        onLoop(() -> {
            link.connected(40_000);
            return null;
        });
        waitUntil(() -> metrics.get(Counter.NAT_EXPIRIES) == 1);

        timeoutMillis.set(FOREVER);
        onLoop(() -> {
            link.closed(); // the device gave the connection up
            link.connected(40_001);
            return null;
        });
        assertThat(metrics.get(Counter.NAT_REBINDINGS)).isEqualTo(1);
        assertThat(metrics.get(Counter.NAT_MAPPINGS_CREATED)).isEqualTo(2);
        assertThat(metrics.mappingsAlive()).isEqualTo(1);
        assertThat(onLoop(link::isBlackHole)).isFalse();
        assertThat(onLoop(link::outbound)).isEqualTo(Outbound.PASS);
    }

    @Test
    void aConnectionClosedWhileItsMappingLivedIsNoRebinding() throws Exception {
        make("{}");
        timeoutMillis.set(FOREVER);
        onLoop(() -> {
            link.connected(40_000);
            link.closed();
            link.connected(40_001);
            return null;
        });
        assertThat(metrics.get(Counter.NAT_REBINDINGS)).isZero();
        assertThat(metrics.get(Counter.NAT_MAPPINGS_CREATED)).isEqualTo(2);
        assertThat(metrics.mappingsAlive()).isEqualTo(1);
    }

    @Test
    void aFlushMakesTheConnectionABlackHoleAtOnce() throws Exception {
        make("{}");
        timeoutMillis.set(FOREVER);
        Outbound afterFlush = onLoop(() -> {
            link.connected(40_000);
            link.flush();
            return link.outbound();
        });
        assertThat(afterFlush).isEqualTo(Outbound.DROP);
        assertThat(metrics.get(Counter.NAT_FLUSHED)).isEqualTo(1);
        assertThat(metrics.get(Counter.NAT_EXPIRIES)).isZero();
        assertThat(metrics.mappingsAlive()).isZero();
    }

    /** Makes the link with the group's {@code nat} settings written as a scenario gives them. */
    private void make(String natYaml) {
        MappingTimeouts timeouts = (mapping, now) -> timeoutMillis.get();
        link = new TcpNatLink(clock, metrics, new SplittableRandom(1), UdpNatLinkTest.natSettings(natYaml),
                timeouts, new PathTracker(metrics));
    }

    private <T> T onLoop(Callable<T> action) throws Exception {
        return OnEventLoop.call(context, action);
    }

}
