package io.fleetsim.device;

import java.util.SplittableRandom;

import io.fleetsim.base.SimClock;
import io.fleetsim.channel.ChannelContext;
import io.fleetsim.channel.CoapChannelFactory;
import io.fleetsim.coap.RetransmissionTimeouts;
import io.fleetsim.coap.UdpCodec;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.nat.LinkEnvironment;
import io.fleetsim.nat.NatContext;
import io.fleetsim.nat.NatShard;
import io.fleetsim.transport.GroupTargets;
import io.fleetsim.transport.TcpConnector;
import io.fleetsim.transport.TransportEndpoints;
import io.fleetsim.transport.dtls.DtlsTarget;
import io.fleetsim.scenario.Scenario;
import io.vertx.core.Vertx;

/**
 * What the devices of one shard share: the clock, the codec, the metrics, the random source and
 * the target. Owned by one event loop, like the devices that use it. The layers below the devices
 * get only their part of it: the devices a {@link DeviceContext}, the channels a {@link ChannelContext},
 * the NAT a {@link NatContext}.
 *
 * @param bindHost address the device sockets bind to when their group names no source addresses
 * @param tcp      the shard's one TCP/TLS client, for devices on {@code tcp} and {@code tls}
 * @param dtls     the CoAPS endpoint and credentials source of DTLS devices; null when the run has none
 * @param nat      the shard's emulated carrier NAT: each device's path to the server
 * @param targets  where the devices of each group go
 * @param bootstrapUris the bootstrap server of each group's devices: the group's own, else the
 *                 embedded one; null when none is known
 */
public record ShardContext(
        Vertx vertx,
        SimClock clock,
        Scenario scenario,
        String targetHost,
        int targetPort,
        String bindHost,
        UdpCodec codec,
        RetransmissionTimeouts timeouts,
        ShardMetrics metrics,
        ServerRequestHandler requestHandler,
        SplittableRandom random,
        DtlsTarget dtls,
        TcpConnector tcp,
        NatShard nat,
        GroupTargets targets,
        java.util.function.Function<io.fleetsim.scenario.DeviceGroup, String> bootstrapUris) {

    /** The groups' own bootstrap servers only. */
    public static final java.util.function.Function<io.fleetsim.scenario.DeviceGroup, String> OWN_BOOTSTRAP_URIS =
            group -> group.target().bootstrapUri();

    public ShardContext {
        bootstrapUris = bootstrapUris == null ? OWN_BOOTSTRAP_URIS : bootstrapUris;
    }

    /** A shard whose bootstrapping groups go to their own bootstrap servers. */
    public ShardContext(Vertx vertx, SimClock clock, Scenario scenario, String targetHost, int targetPort,
            String bindHost, UdpCodec codec, RetransmissionTimeouts timeouts, ShardMetrics metrics,
            ServerRequestHandler requestHandler, SplittableRandom random, DtlsTarget dtls, TcpConnector tcp,
            NatShard nat, GroupTargets targets) {
        this(vertx, clock, scenario, targetHost, targetPort, bindHost, codec, timeouts, metrics, requestHandler,
                random, dtls, tcp, nat, targets, OWN_BOOTSTRAP_URIS);
    }

    /** What the devices of this shard take from it. */
    public DeviceContext devices() {
        return new DeviceContext(clock, scenario, metrics, random, requestHandler,
                device -> nat.pathFor(device.group(), device.index(), bindHostOf(device)),
                (device, handler, path) -> channelsFor(device).create(device.endpoint(), device.group(), handler,
                        path), new OtherServers());
    }

    /** Bootstrap servers and handed-out servers, over UDP or DTLS on a datagram path of the shard's NAT. */
    private final class OtherServers implements DeviceContext.Servers {
        @Override
        public String bootstrapUri(io.fleetsim.scenario.DeviceGroup group) {
            return bootstrapUris.apply(group);
        }

        @Override
        public io.vertx.core.Future<io.fleetsim.coap.CoapChannel> channelTo(DeviceIdentity device, ServerAddress server,
                io.fleetsim.scenario.Security security, io.fleetsim.coap.CoapRequestHandler requestHandler,
                io.fleetsim.nat.DevicePath base) {
            if (server.transport().isStream()) {
                return isGroupTarget(device, server) ? io.vertx.core.Future.succeededFuture(null)
                        : io.vertx.core.Future.failedFuture(new io.fleetsim.coap.CoapFailure(
                                io.fleetsim.resultsformat.FailureCause.UNSUPPORTED_TRANSPORT, server.uri()
                                        + ": a device follows a coap+tcp or coaps+tcp server only to its group's "
                                        + "own target over its group's transport"));
            }
            io.vertx.core.Future<String> address = io.fleetsim.base.FleetVertx.isLiteral(server.host())
                    ? io.vertx.core.Future.succeededFuture(server.host())
                    : vertx.executeBlocking(() -> io.fleetsim.base.FleetVertx.literal(server.host()), false);
            return address.recover(t -> io.vertx.core.Future.failedFuture(new io.fleetsim.coap.CoapFailure(
                    io.fleetsim.resultsformat.FailureCause.TRANSPORT, String.valueOf(t.getMessage()))))
                    .map(literal -> channel(device, server, literal, security, requestHandler, base));
        }

        /** Whether {@code server} is where the group's devices go anyway, over the group's transport. */
        private boolean isGroupTarget(DeviceIdentity device, ServerAddress server) {
            if (server.transport() != device.group().transport()) {
                return false;
            }
            io.fleetsim.transport.ServerEndpoint own;
            try {
                own = targets.of(device.group());
            } catch (IllegalStateException none) {
                return false;
            }
            return own.port() == server.port() && (own.host().equalsIgnoreCase(server.host())
                    || own.address().current().equals(server.host()));
        }

        private io.fleetsim.coap.CoapChannel channel(DeviceIdentity device, ServerAddress server, String literal,
                io.fleetsim.scenario.Security security, io.fleetsim.coap.CoapRequestHandler requestHandler,
                io.fleetsim.nat.DevicePath base) {
            io.fleetsim.transport.ServerEndpoint endpoint = io.fleetsim.transport.ServerEndpoint.fixed(server.host(),
                    server.port(), literal);
            String deviceHost = bindHostOf(device);
            io.fleetsim.nat.DevicePath path = nat.datagramPathTo(device.group(), device.index(), deviceHost, endpoint,
                    base);
            ChannelContext channels = channelContext(deviceHost);
            if (server.transport() == io.fleetsim.scenario.Transport.UDP) {
                return new io.fleetsim.channel.UdpCoapChannel(channels, requestHandler, path.link());
            }
            return new io.fleetsim.channel.DtlsCoapChannel(channels, device.endpoint(), security,
                    new DtlsTarget(literal, server.port(), dtls == null ? null : dtls.pki()), requestHandler,
                    path.link());
        }
    }

    /** Makes the CoAP channel of a device of this shard. */
    public CoapChannelFactory channels() {
        return new CoapChannelFactory(channelContext(), tcp, dtls, targets);
    }

    /** Makes the CoAP channel of {@code device}, bound to its source address. */
    public CoapChannelFactory channelsFor(DeviceIdentity device) {
        return new CoapChannelFactory(channelContext(bindHostOf(device)), tcp, dtls, targets);
    }

    /** What the CoAP channels of this shard's devices share. */
    public ChannelContext channelContext() {
        return channelContext(bindHost);
    }

    private ChannelContext channelContext(String deviceBindHost) {
        return new ChannelContext(vertx, deviceBindHost, clock, codec, timeouts, metrics, random);
    }

    /** The address {@code device}'s sockets bind to: one of its group's source addresses, else the shard's. */
    public String bindHostOf(DeviceIdentity device) {
        return device.sourceAddress(bindHost);
    }

    public static ShardContext create(Vertx vertx, SimClock clock, Scenario scenario, String targetHost,
            int targetPort, String bindHost, ShardMetrics metrics, long seed) {
        return create(vertx, clock, scenario, targetHost, targetPort, bindHost, metrics, seed, null,
                TransportEndpoints.NONE);
    }

    /**
     * A shard context whose DTLS devices go to {@code dtls} and whose TCP and TLS devices connect
     * to the given per-transport endpoints.
     */
    public static ShardContext create(Vertx vertx, SimClock clock, Scenario scenario, String targetHost,
            int targetPort, String bindHost, ShardMetrics metrics, long seed, DtlsTarget dtls,
            TransportEndpoints endpoints) {
        return create(vertx, clock, scenario, targetHost, targetPort, bindHost, metrics, seed, dtls, endpoints,
                GroupTargets.byTransport(targetHost, targetPort, dtls, endpoints));
    }

    /**
     * As {@link #create(Vertx, SimClock, Scenario, String, int, String, ShardMetrics, long, DtlsTarget,
     * TransportEndpoints)}, with the devices of each group going where {@code targets} says.
     */
    public static ShardContext create(Vertx vertx, SimClock clock, Scenario scenario, String targetHost,
            int targetPort, String bindHost, ShardMetrics metrics, long seed, DtlsTarget dtls,
            TransportEndpoints endpoints, GroupTargets targets) {
        return create(vertx, clock, scenario, targetHost, targetPort, bindHost, metrics, seed, dtls, endpoints,
                targets, OWN_BOOTSTRAP_URIS);
    }

    /**
     * As {@link #create(Vertx, SimClock, Scenario, String, int, String, ShardMetrics, long, DtlsTarget,
     * TransportEndpoints, GroupTargets)}, bootstrapping groups going to the bootstrap server
     * {@code bootstrapUris} names for them.
     */
    public static ShardContext create(Vertx vertx, SimClock clock, Scenario scenario, String targetHost,
            int targetPort, String bindHost, ShardMetrics metrics, long seed, DtlsTarget dtls,
            TransportEndpoints endpoints, GroupTargets targets,
            java.util.function.Function<io.fleetsim.scenario.DeviceGroup, String> bootstrapUris) {
        SplittableRandom random = new SplittableRandom(seed);
        TcpConnector tcp = new TcpConnector(vertx, bindHost, endpoints, targetHost, targetPort, targets);
        NatShard nat = new NatShard(new NatContext(new LinkEnvironment(vertx, bindHost, clock, metrics, random),
                targetHost, targetPort, dtls, scenario.radio().tailMillis(), targets));
        return new ShardContext(vertx, clock, scenario, targetHost, targetPort, bindHost, new UdpCodec(),
                new RetransmissionTimeouts(scenario.coap()), metrics, new ServerRequestHandler(metrics),
                random, dtls, tcp, nat, targets, bootstrapUris);
    }
}
