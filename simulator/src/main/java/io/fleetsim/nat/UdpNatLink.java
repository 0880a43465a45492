package io.fleetsim.nat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import io.fleetsim.base.FleetVertx;
import io.fleetsim.base.SimClock;
import io.fleetsim.coap.CoapFailure;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.RadioMeter;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.resultsformat.FailureCause;
import io.fleetsim.scenario.NatSettings;
import io.fleetsim.transport.DatagramLink;
import io.fleetsim.transport.HostAddress;
import io.fleetsim.transport.UdpDeviceSocket;
import io.vertx.core.Future;
import io.vertx.core.net.SocketAddress;

/**
 * One device's path through the emulated carrier NAT, with no socket of its own: the device's
 * socket plays the NAT's external mapping. The first outbound packet makes the {@link NatMapping};
 * when the mapping expires (checked lazily by one timer, re-armed only when it fires) or is
 * flushed, the next outbound packet leaves from a new socket (a new port, or the same one again
 * with {@code portAllocation: preserve}). The dead mapping's socket stays open for
 * {@code deadMappingHoldSeconds} of simulated time, so that what the server still sends to the old
 * port is dropped silently and counted ({@code nat.dropped.deadMapping}), as on a real NAT, rather
 * than answered with ICMP port-unreachable by the local kernel. A link holds at most one such
 * socket; it is closed when the hold passes, when the device's next mapping needs its port
 * ({@code preserve}) or its budget slot (the process's socket budget is spent), and when the link
 * closes. Inbound filtering follows RFC 4787 against the server's resolved address. Loss and delay
 * apply in both directions. Everything runs on the device's event loop.
 */
public final class UdpNatLink implements DatagramLink {

    private final LinkEnvironment environment;
    private final HostAddress target;
    private final int targetPort;
    private final NatSettings settings;
    private final MappingTimeouts timeouts;
    private final PathTracker tracker;
    private final RadioMeter radio;
    /** The address the filter last compared with, and that address parsed. */
    private String filteredHost;
    private InetAddress filteredAddress;
    /** The socket of the live mapping, or the one the next mapping will use. */
    private UdpDeviceSocket socket;
    /** The socket of the last dead mapping, held open to drop what still arrives; or null. */
    private UdpDeviceSocket deadSocket;
    private long deadTimerId = -1;
    private Consumer<byte[]> receiver;
    private NatMapping mapping;
    private ArrayDeque<byte[]> waiting;
    private boolean open;
    private boolean binding;
    private int lastPort;
    private long timerId = -1;
    /** Packets held back by delay or jitter, by timer; cancelled when the link closes. */
    private Set<Long> delayed;

    /**
     * A path to the server at {@code targetHost:targetPort} (the CoAP or the CoAPS endpoint).
     *
     * @param targetHost the server's resolved address, an IP literal: filtering compares with it
     * @throws IllegalArgumentException when {@code targetHost} is a host name
     */
    public UdpNatLink(LinkEnvironment environment, String targetHost, int targetPort, NatSettings settings,
            MappingTimeouts timeouts, PathTracker tracker, RadioMeter radio) {
        this(environment, HostAddress.literal(checkedLiteral(targetHost)), targetPort, settings, timeouts, tracker,
                radio);
    }

    /**
     * A path to the server at {@code target:targetPort}; the device takes the target's address anew
     * before each Register ({@link #retarget()}), and the filter compares with that address.
     */
    public UdpNatLink(LinkEnvironment environment, HostAddress target, int targetPort, NatSettings settings,
            MappingTimeouts timeouts, PathTracker tracker, RadioMeter radio) {
        this.environment = environment;
        this.target = target;
        this.targetPort = targetPort;
        this.settings = settings;
        this.timeouts = timeouts;
        this.tracker = tracker;
        this.radio = radio;
        this.socket = new UdpDeviceSocket(environment.vertx(), target, targetPort);
    }

    private static String checkedLiteral(String targetHost) {
        addressOf(targetHost);
        return targetHost;
    }

    @Override
    public void retarget() {
        socket.retarget();
    }

    @Override
    public Future<Void> open(Consumer<byte[]> receiver) {
        this.receiver = receiver;
        this.open = true;
        if (socket.isOpen()) {
            return Future.succeededFuture();
        }
        UdpDeviceSocket first = socket;
        return first.open(environment.bindHost(), 0, receiverFor(first)).onSuccess(v -> lastPort = first.localPort());
    }

    @Override
    public void send(byte[] datagram) {
        if (!open) {
            return;
        }
        radio.transmission(); // the device transmits whatever the NAT then does with the packet
        long now = clock().nowMillis();
        if (mapping != null && !mapping.isLiveAt(now)) {
            expire(Counter.NAT_EXPIRIES);
        }
        if (!socket.isOpen()) {
            queue(datagram);
            rebind();
            return;
        }
        if (mapping == null) {
            createMapping(now);
        } else {
            mapping.outbound(now);
        }
        forward(datagram);
    }

    /** Drops the mapping at once, as a NAT reboot does; counted as flushed, not expired. */
    public void flush() {
        if (mapping != null && open) {
            mapping.drop(clock().nowMillis());
            expire(Counter.NAT_FLUSHED);
        }
    }

    @Override
    public Future<Void> close() {
        open = false;
        waiting = null;
        clock().cancel(timerId);
        timerId = -1;
        if (delayed != null) {
            delayed.forEach(clock()::cancel);
            delayed = null;
        }
        if (mapping != null) {
            mapping = null;
            metrics().mappingsAliveDelta(-1);
        }
        Future<Void> dead = closeDeadSocket();
        return Future.join(socket.close(), dead).mapEmpty();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public int localPort() {
        return socket.localPort();
    }

    private void createMapping(long now) {
        mapping = new NatMapping(timeouts, settings.inboundRefresh(), now, socket.localPort());
        metrics().increment(Counter.NAT_MAPPINGS_CREATED);
        metrics().mappingsAliveDelta(1);
        tracker.mappingUp(mapping.externalPort(), now);
        armTimer(mapping.expiresAtMillis());
    }

    private void armTimer(long atMillis) {
        clock().cancel(timerId);
        timerId = clock().scheduleAt(atMillis, id -> onTimer());
    }

    /** The lazy expiry check: re-arms for the new expiry when packets moved it, expires otherwise. */
    private void onTimer() {
        timerId = -1;
        if (mapping == null || !open) {
            return;
        }
        if (mapping.isLiveAt(clock().nowMillis())) {
            armTimer(mapping.expiresAtMillis());
        } else {
            expire(Counter.NAT_EXPIRIES);
        }
    }

    private void expire(Counter why) {
        NatMapping dead = mapping;
        mapping = null;
        clock().cancel(timerId);
        timerId = -1;
        metrics().increment(why);
        metrics().mappingsAliveDelta(-1);
        lastPort = dead.externalPort();
        tracker.mappingDown(dead.expiresAtMillis());
        holdDeadSocket(socket);
        socket = new UdpDeviceSocket(environment.vertx(), target, targetPort);
    }

    /** Keeps the dead mapping's socket open for the hold, dropping what arrives; closes an older one. */
    private void holdDeadSocket(UdpDeviceSocket dead) {
        closeDeadSocket();
        long holdMillis = Math.round(settings.deadMappingHoldSeconds() * 1000);
        if (holdMillis <= 0 || !dead.isOpen()) {
            dead.close();
            return;
        }
        deadSocket = dead;
        deadTimerId = clock().schedule(holdMillis, id -> {
            deadTimerId = -1;
            closeDeadSocket();
        });
    }

    private Future<Void> closeDeadSocket() {
        clock().cancel(deadTimerId);
        deadTimerId = -1;
        UdpDeviceSocket dead = deadSocket;
        deadSocket = null;
        return dead == null ? Future.succeededFuture() : dead.close();
    }

    private void queue(byte[] datagram) {
        if (waiting == null) {
            waiting = new ArrayDeque<>(2);
        }
        waiting.add(datagram);
    }

    private void rebind() {
        if (binding) {
            return;
        }
        binding = true;
        boolean preserve = settings.portAllocation() == NatSettings.PortAllocation.PRESERVE;
        if (preserve && deadSocket != null) {
            // the previous port is the dead mapping's, still held: the new mapping takes it back
            clock().cancel(deadTimerId);
            deadTimerId = -1;
            socket = deadSocket;
            deadSocket = null;
            rebound(socket, true);
            return;
        }
        UdpDeviceSocket fresh = socket;
        openMakingRoom(fresh, preserve ? lastPort : 0)
                .recover(t -> {
                    if (!preserve) {
                        return Future.failedFuture(t);
                    }
                    metrics().increment(Counter.NAT_PORT_NOT_PRESERVED);
                    return openMakingRoom(fresh, 0);
                })
                .onComplete(ar -> rebound(fresh, ar.succeeded()));
    }

    /**
     * Opens {@code fresh} on {@code port}; should the socket budget be spent, closes the dead
     * mapping's socket first to make room, so that a held socket never stops the device.
     */
    private Future<Void> openMakingRoom(UdpDeviceSocket fresh, int port) {
        return fresh.open(environment.bindHost(), port, receiverFor(fresh)).recover(t -> {
            if (deadSocket == null || !(t instanceof CoapFailure failure)
                    || failure.cause().kind() != FailureCause.SOCKET_LIMIT) {
                return Future.failedFuture(t);
            }
            return closeDeadSocket().otherwiseEmpty()
                    .compose(v -> fresh.open(environment.bindHost(), port, receiverFor(fresh)));
        });
    }

    private void rebound(UdpDeviceSocket fresh, boolean bound) {
        binding = false;
        if (!open || fresh != socket) {
            fresh.close();
            return;
        }
        ArrayDeque<byte[]> pending = waiting;
        waiting = null;
        if (!bound || pending == null) {
            return; // nothing goes out: the device's retransmissions will try again
        }
        metrics().increment(Counter.NAT_REBINDINGS);
        createMapping(clock().nowMillis());
        for (byte[] datagram : pending) {
            forward(datagram);
        }
    }

    private void forward(byte[] datagram) {
        if (settings.uplinkLoss() > 0 && environment.random().nextDouble() < settings.uplinkLoss()) {
            metrics().increment(Counter.NAT_DROPPED_UP);
            return;
        }
        long delay = delayMillis();
        if (delay <= 0) {
            socket.send(datagram);
        } else {
            later(delay, () -> {
                if (socket.isOpen()) {
                    socket.send(datagram);
                }
            });
        }
    }

    private BiConsumer<SocketAddress, byte[]> receiverFor(UdpDeviceSocket via) {
        return (sender, datagram) -> fromServer(via, sender, datagram);
    }

    private void fromServer(UdpDeviceSocket via, SocketAddress sender, byte[] datagram) {
        long now = clock().nowMillis();
        if (settings.downlinkLoss() > 0 && environment.random().nextDouble() < settings.downlinkLoss()) {
            metrics().increment(Counter.NAT_DROPPED_DOWN);
            return;
        }
        if (via != socket) { // the socket of a dead mapping, held open: the NAT has no mapping for it
            metrics().increment(Counter.NAT_DROPPED_DEAD_MAPPING);
            return;
        }
        if (!passesFilter(sender)) {
            metrics().increment(Counter.NAT_FILTERED);
            return;
        }
        if (mapping == null || !mapping.inbound(now)) {
            metrics().increment(Counter.NAT_DROPPED_DEAD_MAPPING);
            return;
        }
        long delay = delayMillis();
        if (delay <= 0) {
            deliver(datagram);
        } else {
            later(delay, () -> {
                if (open) {
                    deliver(datagram);
                }
            });
        }
    }

    private void deliver(byte[] datagram) {
        radio.transmission();
        receiver.accept(datagram);
    }

    /** RFC 4787 filtering of an inbound packet on a live mapping. */
    private boolean passesFilter(SocketAddress sender) {
        String targetHost = socket.targetHost();
        if (!targetHost.equals(filteredHost)) { // a followed host name has a new address
            filteredHost = targetHost;
            filteredAddress = addressOf(targetHost);
        }
        return passes(settings.filtering(), targetHost, filteredAddress, targetPort, sender.hostAddress(),
                sender.port());
    }

    /**
     * Whether a live mapping made towards {@code target:targetPort} lets a packet from
     * {@code senderHost:senderPort} in: endpoint-independent filtering lets anyone in,
     * address-dependent only the target's address (from any port), address-and-port-dependent
     * only the target's address and port. Addresses are compared as addresses, so any spelling of
     * an IPv6 literal matches.
     */
    static boolean passes(NatSettings.Filtering filtering, String targetHost, InetAddress target, int targetPort,
            String senderHost, int senderPort) {
        return switch (filtering) {
            case ENDPOINT_INDEPENDENT -> true;
            case ADDRESS_DEPENDENT -> sameAddress(targetHost, target, senderHost);
            case ADDRESS_AND_PORT_DEPENDENT -> senderPort == targetPort && sameAddress(targetHost, target, senderHost);
        };
    }

    private static boolean sameAddress(String targetHost, InetAddress target, String senderHost) {
        if (senderHost == null || !FleetVertx.isLiteral(senderHost)) {
            return false;
        }
        return senderHost.equals(targetHost) || target.equals(parse(senderHost));
    }

    static InetAddress addressOf(String host) {
        if (!FleetVertx.isLiteral(host)) {
            throw new IllegalArgumentException("the NAT link needs the server's resolved address, not the host name '"
                    + host + "': filtering compares the sender's address with it");
        }
        return parse(host);
    }

    /** An IP literal as an address; never looks a name up. */
    private static InetAddress parse(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: '" + literal + "'", e);
        }
    }

    /** Runs {@code action} after {@code delay} simulated ms, unless the link closes first. */
    private void later(long delay, Runnable action) {
        if (delayed == null) {
            delayed = new HashSet<>(4);
        }
        Set<Long> pending = delayed;
        pending.add(clock().schedule(delay, id -> {
            pending.remove(id);
            action.run();
        }));
    }

    private long delayMillis() {
        return PathDelay.delayMillis(settings, environment.random());
    }

    private SimClock clock() {
        return environment.clock();
    }

    private ShardMetrics metrics() {
        return environment.metrics();
    }
}
