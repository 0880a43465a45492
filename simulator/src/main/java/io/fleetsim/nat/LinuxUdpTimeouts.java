package io.fleetsim.nat;

/**
 * Linux conntrack's UDP rule: every packet sets the mapping to expire {@code unreplied} after it,
 * until a reply has been seen and the packet comes more than 2 s after the mapping was created;
 * from then on every packet sets {@code stream}. The reply itself still gets {@code unreplied}, so
 * a request answered at once and then silence keeps the short timeout.
 *
 * @param unrepliedMillis timeout of a mapping that is not a stream yet
 * @param streamMillis    timeout of a stream
 */
public record LinuxUdpTimeouts(long unrepliedMillis, long streamMillis) implements MappingTimeouts {

    /** A stream must be older than this (Linux: {@code stream_ts = created + 2 s}). */
    public static final long STREAM_AFTER_MILLIS = 2_000;

    /** One idle timeout, whatever the mapping's history. */
    public static LinuxUdpTimeouts single(long idleMillis) {
        return new LinuxUdpTimeouts(idleMillis, idleMillis);
    }

    @Override
    public long timeoutMillis(NatMapping mapping, long nowMillis) {
        boolean stream = mapping.seenReply() && nowMillis - mapping.createdAtMillis() > STREAM_AFTER_MILLIS;
        return stream ? streamMillis : unrepliedMillis;
    }
}
