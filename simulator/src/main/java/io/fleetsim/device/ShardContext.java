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
 * @param bindHost address the device sockets bind to
 * @param tcp      the shard's one TCP/TLS client, for devices on {@code tcp} and {@code tls}
 * @param dtls     the CoAPS endpoint and credentials source of DTLS devices; null when the run has none
 * @param nat      the shard's emulated carrier NAT: each device's path to the server
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
        NatShard nat) {

    /** What the devices of this shard take from it. */
    public DeviceContext devices() {
        return new DeviceContext(clock, scenario, metrics, random, requestHandler, nat::pathFor, channels()::create);
    }

    /** Makes the CoAP channel of a device of this shard. */
    public CoapChannelFactory channels() {
        return new CoapChannelFactory(channelContext(), tcp, dtls);
    }

    /** What the CoAP channels of this shard's devices share. */
    public ChannelContext channelContext() {
        return new ChannelContext(vertx, bindHost, clock, codec, timeouts, metrics, random);
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
        SplittableRandom random = new SplittableRandom(seed);
        TcpConnector tcp = new TcpConnector(vertx, bindHost, endpoints, targetHost, targetPort);
        NatShard nat = new NatShard(new NatContext(new LinkEnvironment(vertx, bindHost, clock, metrics, random),
                targetHost, targetPort, dtls, scenario.radio().tailMillis()));
        return new ShardContext(vertx, clock, scenario, targetHost, targetPort, bindHost, new UdpCodec(),
                new RetransmissionTimeouts(scenario.coap()), metrics, new ServerRequestHandler(metrics, scenario::registrationRetry),
                random, dtls, tcp, nat);
    }
}
