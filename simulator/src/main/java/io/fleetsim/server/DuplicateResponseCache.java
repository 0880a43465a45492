package io.fleetsim.server;

import java.util.HashMap;
import java.util.Map;

import io.vertx.core.buffer.Buffer;

/**
 * Remembers the serialized response to each CON request, keyed by source address and message
 * ID, so that a retransmitted request gets the very same answer (RFC 7252, 4.5).
 *
 * <p>Entries live in two generations: {@link #rotate()} drops the older one. Rotating once per
 * EXCHANGE_LIFETIME keeps every entry at least that long while memory stays bounded.
 * Not thread-safe: used only on the responder's event loop.
 */
final class DuplicateResponseCache {

    /** Identifies a CON exchange from the server's side: the peer and its message ID. */
    record ExchangeKey(String host, int port, int messageId) {
    }

    private Map<ExchangeKey, Buffer> current = new HashMap<>();
    private Map<ExchangeKey, Buffer> previous = new HashMap<>();

    /** The response sent earlier for {@code key}, or null. */
    Buffer get(ExchangeKey key) {
        Buffer response = current.get(key);
        return response != null ? response : previous.get(key);
    }

    void put(ExchangeKey key, Buffer response) {
        current.put(key, response);
    }

    /** Forgets the older generation and starts a new one. */
    void rotate() {
        previous = current;
        current = new HashMap<>();
    }

    int size() {
        return current.size() + previous.size();
    }
}
