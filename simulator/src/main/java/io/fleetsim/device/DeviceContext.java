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
 */
public record DeviceContext(SimClock clock, Scenario scenario, ShardMetrics metrics, SplittableRandom random,
        ServerRequestHandler requestHandler, Paths paths, Channels channels) {

    /** Gives {@code device} its path to the server, from its source address. */
    @FunctionalInterface
    public interface Paths {
        DevicePath pathFor(DeviceIdentity device);
    }

    /** Makes the CoAP channel of {@code device} over its group's transport, on its path. */
    @FunctionalInterface
    public interface Channels {
        CoapChannel create(DeviceIdentity device, CoapRequestHandler requestHandler, DevicePath path);
    }
}
