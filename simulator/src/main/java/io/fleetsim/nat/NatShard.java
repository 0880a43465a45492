package io.fleetsim.nat;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.fleetsim.base.SimClock;
import io.fleetsim.metrics.RadioMeter;
import io.fleetsim.scenario.DeviceGroup;
import io.fleetsim.scenario.NatSettings;
import io.fleetsim.transport.DatagramLink;
import io.fleetsim.transport.HostAddress;
import io.fleetsim.transport.ServerEndpoint;
import io.fleetsim.transport.UdpDeviceSocket;

/**
 * The NAT of one shard: gives each device its {@link DevicePath} (through a {@link UdpNatLink}
 * when its group has a NAT), draws each device's timeouts from the group's weighted choices, and
 * flushes every mapping of a group at the group's {@code flushAtSeconds}. Owned by the shard's
 * event loop.
 */
public final class NatShard {

    private final NatContext context;
    private final Map<NatSettings, List<Runnable>> flushesByNat = new IdentityHashMap<>();
    private final List<Long> flushTimers = new ArrayList<>();
    private SimClock clock;

    public NatShard(NatContext context) {
        this.context = context;
    }

    /** The path of device {@code index} of {@code group}, a device of this shard; call on the shard's event loop. */
    public DevicePath pathFor(DeviceGroup group, int index) {
        return pathFor(group, index, context.links().bindHost());
    }

    /**
     * The path of device {@code index} of {@code group}, whose sockets bind to {@code bindHost} (its
     * source address); the NAT's mapping is the device's own, whatever its address.
     */
    public DevicePath pathFor(DeviceGroup group, int index, String bindHost) {
        LinkEnvironment links = context.links().withBindHost(bindHost);
        NatSettings nat = group.nat();
        RadioMeter radio = new RadioMeter(links.clock(), links.metrics(), context.radioTailMillis());
        if (group.transport().isStream() && nat.enabled()) {
            PathTracker tracker = new PathTracker(links.metrics());
            TcpNatLink connection = new TcpNatLink(links.clock(), links.metrics(), links.random(), nat,
                    new TcpEstablishedTimeouts(Math.round(tcpTimeoutOf(nat, index).streamSeconds() * 1000)),
                    tracker);
            flushesOf(nat).add(connection::flush);
            return new DevicePath(null, tracker, connection, radio);
        }
        if (group.transport().isStream()) {
            return new DevicePath(null, PathTracker.direct(links.metrics()), ConnectionNat.NONE, radio);
        }
        // udp and dtls: the datagrams go to the group's CoAP or CoAPS endpoint, through the NAT or straight
        PathTracker tracker = nat.enabled() ? new PathTracker(links.metrics()) : PathTracker.direct(links.metrics());
        return datagramPath(links, group, index, context.targets().of(group), tracker, radio);
    }

    /**
     * A datagram path of device {@code index} of {@code group} to another server than its group's
     * ({@code server}: a bootstrap server, or the LwM2M server one handed out), through the group's
     * NAT or straight, whatever the group's transport; it keeps {@code base}'s reachability tracker
     * and radio, so the device's bookkeeping stays one. Call on the shard's event loop.
     */
    public DevicePath datagramPathTo(DeviceGroup group, int index, String bindHost, ServerEndpoint server,
            DevicePath base) {
        return datagramPath(context.links().withBindHost(bindHost), group, index, server, base.tracker(), base.radio());
    }

    private DevicePath datagramPath(LinkEnvironment links, DeviceGroup group, int index, ServerEndpoint server,
            PathTracker tracker, RadioMeter radio) {
        NatSettings nat = group.nat();
        HostAddress host = server.address();
        int port = server.port();
        if (!nat.enabled()) {
            UdpDeviceSocket socket = new UdpDeviceSocket(links.vertx(), host, port);
            return new DevicePath(DatagramLink.direct(socket, links.bindHost(), radio), tracker, ConnectionNat.NONE,
                    radio);
        }
        UdpNatLink link = new UdpNatLink(links, host, port, nat, timeoutsOf(nat, index), tracker, radio);
        flushesOf(nat).add(link::flush);
        return new DevicePath(link, tracker, ConnectionNat.NONE, radio);
    }

    /**
     * The shard is stopping: cancels the flushes still to come, so that no timer outlives the
     * devices; the links close with their devices. Call on the shard's event loop.
     */
    public void stop() {
        for (long timer : flushTimers) {
            clock.cancel(timer);
        }
        flushTimers.clear();
        flushesByNat.clear();
    }

    /** The timeouts of device {@code index}: one of the group's choices, drawn by weight with the NAT's seed. */
    static LinuxUdpTimeouts timeoutsOf(NatSettings nat, int index) {
        NatSettings.TimeoutOption chosen = timeoutOf(nat, index);
        return new LinuxUdpTimeouts(Math.round(chosen.unrepliedSeconds() * 1000),
                Math.round(chosen.streamSeconds() * 1000));
    }

    /**
     * The UDP timeout choice of device {@code index}, drawn by weight with the NAT's seed (a range's
     * timeout then drawn evenly within it, with the same seed).
     */
    static NatSettings.TimeoutOption timeoutOf(NatSettings nat, int index) {
        return draw(nat.timeouts(), nat, index);
    }

    /**
     * The TCP timeout choice of device {@code index}, drawn from the NAT's {@code tcpTimeouts} as
     * {@link #timeoutOf} draws: a connection is established at once, so its timeout is the
     * choice's stream timeout.
     */
    static NatSettings.TimeoutOption tcpTimeoutOf(NatSettings nat, int index) {
        return draw(nat.tcpTimeouts(), nat, index);
    }

    private static NatSettings.TimeoutOption draw(List<NatSettings.TimeoutOption> options, NatSettings nat, int index) {
        double total = options.stream().mapToDouble(NatSettings.TimeoutOption::weight).sum();
        SplittableRandom draw = new SplittableRandom(nat.seed() * 0x9E3779B97F4A7C15L + index);
        double pick = draw.nextDouble() * total;
        NatSettings.TimeoutOption chosen = options.get(options.size() - 1);
        for (NatSettings.TimeoutOption option : options) {
            pick -= option.weight();
            if (pick < 0) {
                chosen = option;
                break;
            }
        }
        if (!chosen.isRange()) {
            return chosen;
        }
        double seconds = chosen.streamSeconds() + draw.nextDouble() * (chosen.upToSeconds() - chosen.streamSeconds());
        return new NatSettings.TimeoutOption(seconds, seconds, chosen.weight());
    }

    private List<Runnable> flushesOf(NatSettings nat) {
        return flushesByNat.computeIfAbsent(nat, n -> {
            List<Runnable> links = new ArrayList<>();
            clock = context.links().clock();
            for (double at : n.flushAtSeconds()) {
                long[] timer = new long[1];
                timer[0] = clock.scheduleAt(Math.round(at * 1000), id -> {
                    flushTimers.remove(Long.valueOf(timer[0]));
                    links.forEach(Runnable::run);
                });
                flushTimers.add(timer[0]);
            }
            return links;
        });
    }
}
