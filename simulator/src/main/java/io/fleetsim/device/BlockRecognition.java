package io.fleetsim.device;

import io.fleetsim.coap.CoapFailure;
import io.fleetsim.resultsformat.Cause;
import io.fleetsim.resultsformat.FailureCause;
import io.fleetsim.scenario.RegistrationLimit;

/**
 * How a device tells that a server's registration-limit protection blocked it. A Register
 * refused — 4.03 Forbidden, 4.29 Too Many Requests, or a DTLS/TLS handshake ended by the server's
 * alert — when it was at least the {@code count}-th Register this device sent within
 * {@code window} (the scenario's {@code server.registrationLimit}, else 10 in 10 s) is
 * {@code blocked}; so is every refusal after it until the device registers again. A device refused
 * at its first Register (wrong credentials, a server that refuses everyone) is not blocked. Kept
 * per device, on its event loop; the ring of send times exists only once a device registers twice.
 */
final class BlockRecognition {

    private final int count;
    private final long windowMillis;
    private long[] sent;
    private int head;
    private int size;
    private boolean blocked;

    BlockRecognition(RegistrationLimit limit) {
        this.count = limit.count();
        this.windowMillis = limit.window().toMillis();
    }

    /** A Register sent at simulated {@code nowMillis}. */
    void registerSent(long nowMillis) {
        if (sent == null) {
            sent = new long[count];
        }
        if (size == count) {
            head = (head + 1) % count;
            size--;
        }
        sent[(head + size) % count] = nowMillis;
        size++;
    }

    /** The device registered: a block, if any, is over. */
    void registered() {
        blocked = false;
    }

    /**
     * The cause to count a failed Register under: {@code blocked} when {@code failure} is a refusal
     * and the device is, or now becomes, blocked; otherwise {@code failure} itself.
     */
    Cause classify(Cause failure, Throwable thrown, long nowMillis) {
        if (!isRefusal(failure, thrown)) {
            return failure;
        }
        if (!blocked && burstWithin(nowMillis)) {
            blocked = true;
        }
        return blocked ? FailureCause.BLOCKED.cause() : failure;
    }

    private boolean burstWithin(long nowMillis) {
        if (size < count) {
            return false;
        }
        long oldest = sent[head]; // with size == count, the ring holds the last count sends
        return nowMillis - oldest <= windowMillis;
    }

    static boolean isRefusal(Cause failure, Throwable thrown) {
        if (failure.kind() == FailureCause.ERROR_RESPONSE) {
            return failure.detail().equals("4.03") || failure.detail().equals("4.29");
        }
        if (failure.kind() == FailureCause.HANDSHAKE && thrown instanceof CoapFailure coap && coap.detail() != null) {
            return Cause.parse(coap.detail()).map(c -> c.kind() == FailureCause.ALERT_RECEIVED).orElse(false);
        }
        return false;
    }
}
