package io.fleetsim.channel;

import java.util.SplittableRandom;

import io.fleetsim.base.SimClock;
import io.fleetsim.coap.RetransmissionTimeouts;
import io.fleetsim.coap.UdpCodec;
import io.fleetsim.metrics.ShardMetrics;
import io.vertx.core.Vertx;

/**
 * What the CoAP channels of a shard's devices share: all of it owned by the shard's event loop,
 * like the channels.
 *
 * @param vertx    the event loop a DTLS channel's connector runs on
 * @param bindHost the device's local address: a TCP or TLS channel's connection binds to it, a DTLS
 *                 channel's connector names it as its own
 * @param clock    the run's clock: retransmissions, response timeouts, keepalives, handshakes
 * @param codec    encodes and decodes CoAP datagrams (udp and dtls)
 * @param timeouts the scenario's CoAP retransmission settings
 * @param metrics  the shard's counters and histograms
 * @param random   the shard's random source: tokens, message ids, retransmission jitter
 */
public record ChannelContext(Vertx vertx, String bindHost, SimClock clock, UdpCodec codec,
        RetransmissionTimeouts timeouts, ShardMetrics metrics, SplittableRandom random) {
}
