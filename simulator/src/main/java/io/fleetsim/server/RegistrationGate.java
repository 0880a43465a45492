package io.fleetsim.server;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

import io.fleetsim.scenario.RegistrationLimit;

/**
 * The registration-limit protection of an embedded server, per endpoint name: an endpoint that
 * registers more than {@link RegistrationLimit#count()} times within the sliding
 * {@link RegistrationLimit#window()} is blocked for {@link RegistrationLimit#block()}, counted from
 * the Register that tripped it. Registers while blocked are refused or dropped and neither count
 * nor extend the block; once the block is over the endpoint starts with an empty window.
 * <p>
 * Time is the run's simulated time, taken as wall time since the gate was made times the run's
 * {@code timeScale}: the embedded server starts before the run's own clock, so its windows are
 * the same length in simulated time though their origin differs by the start-up time.
 * Thread-safe: servers call it from several threads and event loops.
 */
public final class RegistrationGate {

    /** What to do with a Register. */
    public enum Decision {
        /** Handle it as usual. */
        ACCEPT,
        /** Answer it with the limit's refusal code. */
        REFUSE,
        /** Drop it without an answer. */
        SILENCE
    }

    /** A gate that accepts every registration. */
    public static final RegistrationGate OPEN = new RegistrationGate(null, () -> 0L);

    private final RegistrationLimit limit;
    private final LongSupplier nowMillis;
    private final ConcurrentHashMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final LongAdder blocks = new LongAdder();
    private final LongAdder blockedEndpoints = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    RegistrationGate(RegistrationLimit limit, LongSupplier nowMillis) {
        this.limit = limit;
        this.nowMillis = nowMillis;
    }

    /**
     * A gate for {@code limit} on simulated time ({@code timeScale} simulated seconds per wall
     * second, from now); {@link #OPEN} for a null limit.
     */
    public static RegistrationGate of(RegistrationLimit limit, double timeScale) {
        if (limit == null) {
            return OPEN;
        }
        if (!(timeScale > 0)) {
            throw new IllegalArgumentException("timeScale must be positive: " + timeScale);
        }
        long origin = System.nanoTime();
        return new RegistrationGate(limit, () -> (long) ((System.nanoTime() - origin) * timeScale / 1e6));
    }

    /** The limit, or null for an open gate. */
    public RegistrationLimit limit() {
        return limit;
    }

    /** Whether the gate can block anyone. */
    public boolean isOpen() {
        return limit == null;
    }

    /** The decision for a Register of {@code endpoint} now; counts it when accepted. */
    public Decision register(String endpoint) {
        if (limit == null || endpoint == null) {
            return Decision.ACCEPT;
        }
        Endpoint state = endpoints.computeIfAbsent(endpoint, e -> new Endpoint());
        boolean accepted;
        synchronized (state) {
            accepted = state.register(nowMillis.getAsLong());
        }
        if (accepted) {
            return Decision.ACCEPT;
        }
        if (limit.answer() == RegistrationLimit.Answer.SILENCE) {
            dropped.increment();
            return Decision.SILENCE;
        }
        refused.increment();
        return Decision.REFUSE;
    }

    /** Times an endpoint was blocked. */
    public long blocks() {
        return blocks.sum();
    }

    /** Endpoints blocked at least once (an endpoint blocked again is not counted again). */
    public long blockedEndpoints() {
        return blockedEndpoints.sum();
    }

    /** Registers answered with the refusal code. */
    public long refused() {
        return refused.sum();
    }

    /** Registers dropped without an answer. */
    public long dropped() {
        return dropped.sum();
    }

    /** One endpoint's recent registrations (a ring, grown up to the count) and its block. */
    private final class Endpoint {

        private long[] times = new long[1];
        private int head;
        private int size;
        private long blockedUntil = Long.MIN_VALUE;
        private boolean everBlocked;

        /** True when a Register at {@code now} is accepted. */
        boolean register(long now) {
            if (now < blockedUntil) {
                return false;
            }
            long windowStart = now - limit.window().toMillis();
            while (size > 0 && times[head] <= windowStart) {
                head = (head + 1) % times.length;
                size--;
            }
            if (size >= limit.count()) {
                blockedUntil = now + limit.block().toMillis();
                head = 0;
                size = 0;
                blocks.increment();
                if (!everBlocked) {
                    everBlocked = true;
                    blockedEndpoints.increment();
                }
                return false;
            }
            if (size == times.length) {
                grow();
            }
            times[(head + size) % times.length] = now;
            size++;
            return true;
        }

        private void grow() {
            long[] bigger = new long[Math.min(limit.count(), times.length * 2)];
            for (int i = 0; i < size; i++) {
                bigger[i] = times[(head + i) % times.length];
            }
            times = bigger;
            head = 0;
        }
    }
}
