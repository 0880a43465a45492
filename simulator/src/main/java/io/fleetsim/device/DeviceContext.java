package io.fleetsim.device;

import java.util.SplittableRandom;

import io.fleetsim.base.SimClock;
import io.fleetsim.coap.CoapChannel;
import io.fleetsim.coap.CoapRequestHandler;
import io.fleetsim.metrics.ShardMetrics;
import io.fleetsim.nat.DevicePath;
import io.fleetsim.scenario.Scenario;

/**
 * What a {@link VirtualDevice} takes from its shard ({@link ShardContext#devices()}): all of it
 * owned by the shard's event loop, like the device.
 *
 * @param clock          the run's clock: start, updates, back-off, keepalive, latencies
 * @param scenario       lifetime, update interval and registration back-off
 * @param metrics        the shard's counters and histograms
 * @param random         the shard's random source: back-off draws
 * @param requestHandler answers the server's requests to the device
 * @param paths          gives the device its path to the server (the shard's NAT)
 * @param channels       makes the device's CoAP channel for its group's transport
 * @param servers        the group's bootstrap server and channels to servers other than the group's
 */
public record DeviceContext(SimClock clock, Scenario scenario, ShardMetrics metrics, SplittableRandom random,
        ServerRequestHandler requestHandler, Paths paths, Channels channels, Servers servers) {

    /** A context whose devices talk to their group's server only (no bootstrap server is known). */
    public DeviceContext(SimClock clock, Scenario scenario, ShardMetrics metrics, SplittableRandom random,
            ServerRequestHandler requestHandler, Paths paths, Channels channels) {
        this(clock, scenario, metrics, random, requestHandler, paths, channels, Servers.NONE);
    }

    public DeviceContext {
        servers = servers == null ? Servers.NONE : servers;
    }

    /** Gives {@code device} its path to the server, from its source address. */
    @FunctionalInterface
    public interface Paths {
        DevicePath pathFor(DeviceIdentity device);
    }

    /**
     * The servers a device reaches besides its group's target: its bootstrap server, and the LwM2M
     * server a bootstrap server handed out.
     */
    public interface Servers {

        /** No bootstrap server known; no channel to any other server. */
        Servers NONE = new Servers() {
            @Override
            public String bootstrapUri(io.fleetsim.scenario.DeviceGroup group) {
                return group.target().bootstrapUri();
            }

            @Override
            public io.vertx.core.Future<CoapChannel> channelTo(DeviceIdentity device, ServerAddress server,
                    io.fleetsim.scenario.Security security, CoapRequestHandler requestHandler, DevicePath base) {
                return io.vertx.core.Future.failedFuture(new io.fleetsim.coap.CoapFailure(
                        io.fleetsim.resultsformat.FailureCause.TRANSPORT, "no channel to " + server.uri()));
            }
        };

        /** The bootstrap server URI of {@code group}'s devices (its own, else the embedded one); null when none is known. */
        String bootstrapUri(io.fleetsim.scenario.DeviceGroup group);

        /**
         * A channel of {@code device} to {@code server} (coap: UDP, coaps: DTLS with
         * {@code security}), through its group's NAT or straight, keeping {@code base}'s
         * reachability tracker and radio. A host name is looked up off the event loop. A coap+tcp or
         * coaps+tcp server is reached only when it is the group's own target over the group's own
         * transport: then the outcome is null, meaning the device's channel to its group's server.
         * Fails with a {@link io.fleetsim.coap.CoapFailure} ({@code transport} when the name does not
         * resolve, {@code unsupported-transport} for another stream server).
         */
        io.vertx.core.Future<CoapChannel> channelTo(DeviceIdentity device, ServerAddress server,
                io.fleetsim.scenario.Security security, CoapRequestHandler requestHandler, DevicePath base);
    }

    /** Makes the CoAP channel of {@code device} over its group's transport, on its path. */
    @FunctionalInterface
    public interface Channels {
        CoapChannel create(DeviceIdentity device, CoapRequestHandler requestHandler, DevicePath path);
    }
}
