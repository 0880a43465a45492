package io.fleetsim.nat;

import java.util.SplittableRandom;

import io.fleetsim.base.SimClock;
import io.fleetsim.metrics.ShardMetrics;
import io.vertx.core.Vertx;

/**
 * What a device's {@link UdpNatLink} takes from its shard: all of it owned by the shard's event
 * loop, like the link.
 *
 * @param vertx    opens the link's sockets
 * @param bindHost address the link's sockets bind to
 * @param clock    the run's clock: mapping timeouts, delay and jitter
 * @param metrics  the shard's counters (mappings, drops, rebindings)
 * @param random   the shard's random source: loss, delay and jitter draws
 */
public record LinkEnvironment(Vertx vertx, String bindHost, SimClock clock, ShardMetrics metrics,
        SplittableRandom random) {

    /** The same environment for sockets bound to {@code host}: a device's own source address. */
    public LinkEnvironment withBindHost(String host) {
        return host.equals(bindHost) ? this : new LinkEnvironment(vertx, host, clock, metrics, random);
    }
}
