package io.fleetsim.server;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Remembers the serialized response to each CON request, keyed by source address and message
 * ID, so that a retransmitted request gets the very same answer (RFC 7252, 4.5).
 *
 * <p>Entries live in two generations: {@link #rotate()} drops the older one. Rotating once per
 * EXCHANGE_LIFETIME keeps every entry at least that long while memory stays bounded.
 * Thread-safe: the responder's sockets share one cache, so a retransmission is recognised
 * whichever socket it arrives on.
 */
final class DuplicateResponseCache {

    /** Identifies a CON exchange from the server's side: the peer and its message ID. */
    record ExchangeKey(String host, int port, int messageId) {
    }

    private volatile Map<ExchangeKey, byte[]> current = new ConcurrentHashMap<>();
    private volatile Map<ExchangeKey, byte[]> previous = new ConcurrentHashMap<>();

    /**
     * The answer to {@code key}: the one kept earlier, or else {@code answer}'s, which is kept.
     * {@code answer} runs at most once per key even when a retransmission arrives on another
     * socket at the same moment, so a request is never handled twice.
     */
    byte[] answer(ExchangeKey key, Supplier<byte[]> answer) {
        byte[] earlier = previous.get(key);
        return earlier != null ? earlier : current.computeIfAbsent(key, k -> answer.get());
    }

    /** Forgets the older generation and starts a new one. */
    void rotate() {
        previous = current;
        current = new ConcurrentHashMap<>();
    }

    int size() {
        return current.size() + previous.size();
    }
}
