package io.fleetsim.nat;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

import io.fleetsim.base.SimClock;
import io.fleetsim.metrics.Counter;
import io.fleetsim.metrics.RadioMeter;
import io.fleetsim.metrics.ShardMetrics;
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
 * flushed, the socket is closed, so the server's packets to the old port are lost as on a real
 * NAT, and the next outbound packet leaves from a new socket (a new port, or the same one again
 * with {@code portAllocation: preserve}). Loss and delay apply in both directions. Everything runs
 * on the device's event loop.
 */
public final class UdpNatLink implements DatagramLink {

    private final LinkEnvironment environment;
    private final int targetPort;
    private final NatSettings settings;
    private final MappingTimeouts timeouts;
    private final PathTracker tracker;
    private final RadioMeter radio;
    private final UdpDeviceSocket socket;
    private Consumer<byte[]> receiver;
    private NatMapping mapping;
    private ArrayDeque<byte[]> waiting;
    private boolean open;
    private boolean binding;
    private int lastPort;
    private long timerId = -1;
    /** Packets held back by delay or jitter, by timer; cancelled when the link closes. */
    private Set<Long> delayed;

    /** A path to the server at {@code targetHost:targetPort} (the CoAP or the CoAPS endpoint). */
    public UdpNatLink(LinkEnvironment environment, String targetHost, int targetPort, NatSettings settings,
            MappingTimeouts timeouts, PathTracker tracker, RadioMeter radio) {
        this(environment, HostAddress.literal(targetHost), targetPort, settings, timeouts, tracker, radio);
    }

    /**
     * A path to the server at {@code target:targetPort}; the device takes the target's address anew
     * before each Register ({@link #retarget()}), and the filter lets that address through.
     */
    public UdpNatLink(LinkEnvironment environment, HostAddress target, int targetPort, NatSettings settings,
            MappingTimeouts timeouts, PathTracker tracker, RadioMeter radio) {
        this.environment = environment;
        this.targetPort = targetPort;
        this.settings = settings;
        this.timeouts = timeouts;
        this.tracker = tracker;
        this.radio = radio;
        this.socket = new UdpDeviceSocket(environment.vertx(), target, targetPort);
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
        return socket.open(environment.bindHost(), 0, this::fromServer).onSuccess(v -> lastPort = socket.localPort());
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
        return socket.close();
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
        socket.close();
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
        socket.open(environment.bindHost(), preserve ? lastPort : 0, this::fromServer)
                .recover(t -> {
                    if (!preserve) {
                        return Future.failedFuture(t);
                    }
                    metrics().increment(Counter.NAT_PORT_NOT_PRESERVED);
                    return socket.open(environment.bindHost(), 0, this::fromServer);
                })
                .onComplete(ar -> rebound(ar.succeeded()));
    }

    private void rebound(boolean bound) {
        binding = false;
        if (!open) {
            socket.close();
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

    private void fromServer(SocketAddress sender, byte[] datagram) {
        long now = clock().nowMillis();
        if (settings.downlinkLoss() > 0 && environment.random().nextDouble() < settings.downlinkLoss()) {
            metrics().increment(Counter.NAT_DROPPED_DOWN);
            return;
        }
        if (settings.filtering() == NatSettings.Filtering.ADDRESS_DEPENDENT && !isTarget(sender)) {
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

    /** Address-dependent filtering: only the server the device sends to gets through. */
    private boolean isTarget(SocketAddress sender) {
        String targetHost = socket.targetHost();
        return sender.port() == targetPort
                && (sender.hostAddress() == null || sender.hostAddress().equals(targetHost)
                        || !Character.isDigit(targetHost.charAt(0)));
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
