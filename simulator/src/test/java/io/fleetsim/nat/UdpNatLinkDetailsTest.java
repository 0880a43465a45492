package io.fleetsim.nat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.fleetsim.base.SimClock;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.RadioMeter;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.scenario.NatSettings;
import io.fleetsim.scenario.NatSettings.Filtering;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;

/**
 * The UDP NAT link against a plain server socket on 127.0.0.1, connected to the device's external
 * port as a server with connected UDP sockets is: what a dead mapping does with the server's late
 * packets (dropped and counted while its socket is held, port-unreachable once it is closed), and
 * RFC 4787 filtering. The clock runs 10x faster: the 2 s idle timeout takes 200 ms.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class UdpNatLinkDetailsTest {

    private static final double TIME_SCALE = 10;
    private static final String LOOPBACK = "127.0.0.1";

    private final ShardMetrics metrics = new ShardMetrics();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private Context context;
    private SimClock clock;
    private DatagramSocket server;
    private UdpNatLink link;

    @BeforeEach
    void start() throws IOException {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        clock = new SimClock(vertx, TIME_SCALE);
        server = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
        server.setSoTimeout(300);
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            onLoop(() -> link.close());
        }
        server.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aDeadMappingsSocketStaysOpenForTheHoldAndDropsAndCountsWhatTheServerStillSends() throws Exception {
        openLink(settings(Filtering.ADDRESS_AND_PORT_DEPENDENT, NatSettings.PortAllocation.RANDOM, 60));
        int port = deviceSends("register");
        server.connect(new InetSocketAddress(LOOPBACK, port));
        serverSends("ack");
        await(() -> delivered.contains("ack"));

        await(() -> metrics.get(Counter.NAT_EXPIRIES) == 1);
        for (int i = 0; i < 3; i++) {
            serverSends("late-" + i);
        }

        await(() -> metrics.get(Counter.NAT_DROPPED_DEAD_MAPPING) == 3);
        assertThat(delivered).containsExactly("ack");
        assertThat(serverHearsNothing()).as("no ICMP port-unreachable reaches the server, as behind a real NAT")
                .isTrue();
    }

    @Test
    void onceTheHoldHasPassedTheOldPortIsClosed() throws Exception {
        openLink(settings(Filtering.ADDRESS_AND_PORT_DEPENDENT, NatSettings.PortAllocation.RANDOM, 1));
        int port = deviceSends("register");
        server.connect(new InetSocketAddress(LOOPBACK, port));

        await(() -> metrics.get(Counter.NAT_EXPIRIES) == 1);
        Thread.sleep(Math.round(3_000 / TIME_SCALE)); // the 1 s hold and more
        serverSends("too-late");

        assertThatThrownBy(this::serverHearsNothing).isInstanceOf(PortUnreachableException.class);
        assertThat(metrics.get(Counter.NAT_DROPPED_DEAD_MAPPING)).isZero();
    }

    @Test
    void aHoldOfZeroClosesTheSocketAtTheExpiryAsBefore() throws Exception {
        openLink(settings(Filtering.ADDRESS_AND_PORT_DEPENDENT, NatSettings.PortAllocation.RANDOM, 0));
        int port = deviceSends("register");
        server.connect(new InetSocketAddress(LOOPBACK, port));

        await(() -> metrics.get(Counter.NAT_EXPIRIES) == 1);
        serverSends("late");

        assertThatThrownBy(this::serverHearsNothing).isInstanceOf(PortUnreachableException.class);
    }

    @Test
    void closingTheLinkClosesTheHeldSocketToo() throws Exception {
        openLink(settings(Filtering.ADDRESS_AND_PORT_DEPENDENT, NatSettings.PortAllocation.RANDOM, 60));
        int port = deviceSends("register");
        server.connect(new InetSocketAddress(LOOPBACK, port));
        await(() -> metrics.get(Counter.NAT_EXPIRIES) == 1);

        onLoop(() -> link.close());
        link = null;

        assertThat(serverGetsPortUnreachable("after-the-run")).isTrue();
    }

    @Test
    void theNextMappingUsesANewPortWhileTheOldOneIsHeld() throws Exception {
        openLink(settings(Filtering.ADDRESS_AND_PORT_DEPENDENT, NatSettings.PortAllocation.RANDOM, 60));
        int first = deviceSends("register");
        await(() -> metrics.get(Counter.NAT_EXPIRIES) == 1);

        int second = deviceSends("ping");
        server.send(packet("to-old", first));
        server.send(packet("to-new", second));

        assertThat(second).isNotEqualTo(first);
        await(() -> delivered.contains("to-new") && metrics.get(Counter.NAT_DROPPED_DEAD_MAPPING) == 1);
        assertThat(delivered).containsExactly("to-new");
        assertThat(metrics.get(Counter.NAT_REBINDINGS)).isEqualTo(1);
    }

    @Test
    void withPortPreservationTheNextMappingTakesTheHeldPortBack() throws Exception {
        openLink(settings(Filtering.ADDRESS_AND_PORT_DEPENDENT, NatSettings.PortAllocation.PRESERVE, 60));
        int first = deviceSends("register");
        await(() -> metrics.get(Counter.NAT_EXPIRIES) == 1);

        int second = deviceSends("ping");
        server.send(packet("answer", second));

        assertThat(second).isEqualTo(first);
        assertThat(metrics.get(Counter.NAT_PORT_NOT_PRESERVED)).isZero();
        await(() -> delivered.contains("answer"));
    }

    @Test
    void addressAndPortDependentFilteringDropsTheServersAddressFromAnotherPort() throws Exception {
        openLink(settings(Filtering.ADDRESS_AND_PORT_DEPENDENT, NatSettings.PortAllocation.RANDOM, 60));
        int port = deviceSends("register");
        try (DatagramSocket otherPort = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            otherPort.send(packet("from-another-port", port));
            server.send(packet("from-the-server", port));

            await(() -> delivered.contains("from-the-server") && metrics.get(Counter.NAT_FILTERED) == 1);
            assertThat(delivered).containsExactly("from-the-server");
        }
    }

    @Test
    void addressDependentFilteringLetsTheServersAddressInFromAnyPort() throws Exception {
        openLink(settings(Filtering.ADDRESS_DEPENDENT, NatSettings.PortAllocation.RANDOM, 60));
        int port = deviceSends("register");
        try (DatagramSocket otherPort = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            otherPort.send(packet("from-another-port", port));

            await(() -> delivered.contains("from-another-port"));
            assertThat(metrics.get(Counter.NAT_FILTERED)).isZero();
        }
    }

    @Test
    void eachFilteringNamedInRfc4787ChecksWhatItsNameSays() throws Exception {
        InetAddress target = UdpNatLink.addressOf("127.0.0.1");
        InetAddress v6 = UdpNatLink.addressOf("::1");

        assertThat(UdpNatLink.passes(Filtering.ENDPOINT_INDEPENDENT, "127.0.0.1", target, 5683, "10.0.0.9", 4000))
                .isTrue();
        assertThat(UdpNatLink.passes(Filtering.ADDRESS_DEPENDENT, "127.0.0.1", target, 5683, "127.0.0.1", 4000))
                .isTrue();
        assertThat(UdpNatLink.passes(Filtering.ADDRESS_DEPENDENT, "127.0.0.1", target, 5683, "10.0.0.9", 5683))
                .isFalse();
        assertThat(UdpNatLink.passes(Filtering.ADDRESS_AND_PORT_DEPENDENT, "127.0.0.1", target, 5683, "127.0.0.1",
                5683)).isTrue();
        assertThat(UdpNatLink.passes(Filtering.ADDRESS_AND_PORT_DEPENDENT, "127.0.0.1", target, 5683, "127.0.0.1",
                4000)).isFalse();
        assertThat(UdpNatLink.passes(Filtering.ADDRESS_AND_PORT_DEPENDENT, "127.0.0.1", target, 5683, "10.0.0.9",
                5683)).isFalse();
        assertThat(UdpNatLink.passes(Filtering.ADDRESS_AND_PORT_DEPENDENT, "::1", v6, 5683, "0:0:0:0:0:0:0:1", 5683))
                .as("another spelling of the same IPv6 address").isTrue();
    }

    @Test
    void aHostNameTargetIsRefusedBecauseFilteringNeedsTheResolvedAddress() {
        LinkEnvironment environment = new LinkEnvironment(vertx, LOOPBACK, clock, metrics, new SplittableRandom(1));
        NatSettings nat = settings(Filtering.ADDRESS_DEPENDENT, NatSettings.PortAllocation.RANDOM, 60);

        assertThatThrownBy(() -> new UdpNatLink(environment, "localhost", 5683, nat, LinuxUdpTimeouts.single(2000),
                new PathTracker(metrics), new RadioMeter(clock, metrics, 10_000)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("resolved address").hasMessageContaining("'localhost'");
    }

    private static NatSettings settings(Filtering filtering, NatSettings.PortAllocation ports, double holdSeconds) {
        List<NatSettings.TimeoutOption> idle2s = List.of(new NatSettings.TimeoutOption(2, 2, 1));
        return new NatSettings(true, null, idle2s, true, ports, filtering, 0, 0, 0, 0, List.of(), 1,
                NatSettings.TcpExpiry.DROP, idle2s, holdSeconds);
    }

    private void openLink(NatSettings nat) throws Exception {
        LinkEnvironment environment = new LinkEnvironment(vertx, LOOPBACK, clock, metrics, new SplittableRandom(1));
        link = new UdpNatLink(environment, LOOPBACK, server.getLocalPort(), nat, LinuxUdpTimeouts.single(2000),
                new PathTracker(metrics), new RadioMeter(clock, metrics, 10_000));
        onLoop(() -> link.open(bytes -> delivered.add(new String(bytes, StandardCharsets.UTF_8))));
    }

    /** The device sends {@code text}; returns the external port the server sees it from. */
    private int deviceSends(String text) throws Exception {
        onLoop(() -> {
            link.send(text.getBytes(StandardCharsets.UTF_8));
            return Future.succeededFuture();
        });
        DatagramPacket received = new DatagramPacket(new byte[512], 512);
        server.setSoTimeout(5_000);
        server.receive(received);
        server.setSoTimeout(300);
        assertThat(new String(received.getData(), 0, received.getLength(), StandardCharsets.UTF_8)).isEqualTo(text);
        return received.getPort();
    }

    private void serverSends(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        server.send(new DatagramPacket(bytes, bytes.length));
    }

    /**
     * Whether the device's kernel answers what the server sends with ICMP port-unreachable: sends
     * {@code text} up to 10 times, as a socket's close may take a moment to reach the kernel.
     */
    private boolean serverGetsPortUnreachable(String text) throws IOException {
        for (int i = 0; i < 10; i++) {
            serverSends(text);
            try {
                serverHearsNothing();
            } catch (PortUnreachableException e) {
                return true;
            }
        }
        return false;
    }

    private static DatagramPacket packet(String text, int port) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return new DatagramPacket(bytes, bytes.length, new InetSocketAddress(LOOPBACK, port));
    }

    /**
     * True when the server's connected socket gets nothing within 300 ms; throws
     * {@link PortUnreachableException} when the device's kernel answered with ICMP port-unreachable.
     */
    private boolean serverHearsNothing() throws IOException {
        try {
            server.receive(new DatagramPacket(new byte[512], 512));
            return false;
        } catch (SocketTimeoutException e) {
            return true;
        }
    }

    private <T> T onLoop(Supplier<Future<T>> action) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(v -> action.get().onComplete(ar -> {
            if (ar.succeeded()) {
                done.complete(ar.result());
            } else {
                done.completeExceptionally(ar.cause());
            }
        }));
        return done.get(10, TimeUnit.SECONDS);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(10);
        }
    }
}
