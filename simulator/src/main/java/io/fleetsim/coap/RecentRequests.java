package io.fleetsim.coap;

/**
 * The last few confirmable requests a device answered, by message ID, with the bytes of the
 * answer, so a duplicate (the server retransmitting because our ACK was lost) gets the same
 * answer instead of being processed twice (RFC 7252 section 4.5). Entries live for
 * EXCHANGE_LIFETIME (247 s with default parameters).
 */
final class RecentRequests {

    static final long EXCHANGE_LIFETIME_MILLIS = 247_000;
    private static final int SIZE = 8;

    private final int[] mids = new int[SIZE];
    private final byte[][] responses = new byte[SIZE][];
    private final long[] times = new long[SIZE];
    private int next;

    byte[] responseTo(int mid, long nowMillis) {
        for (int i = 0; i < SIZE; i++) {
            if (responses[i] != null && mids[i] == mid && nowMillis - times[i] <= EXCHANGE_LIFETIME_MILLIS) {
                return responses[i];
            }
        }
        return null;
    }

    void remember(int mid, byte[] response, long nowMillis) {
        mids[next] = mid;
        responses[next] = response;
        times[next] = nowMillis;
        next = (next + 1) % SIZE;
    }
}
