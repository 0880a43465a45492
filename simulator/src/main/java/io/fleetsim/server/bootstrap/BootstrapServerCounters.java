package io.fleetsim.server.bootstrap;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What an embedded bootstrap server counted since it started: Bootstrap-Requests received,
 * sessions finished (2.04 to Bootstrap-Finish) and sessions failed by cause. Every request ends as
 * one finished or one failed session, or is still active: {@code requests = finished + failed +
 * active}. Safe to read from any thread while the server runs.
 */
public final class BootstrapServerCounters {

    private final LongAdder requests = new LongAdder();
    private final LongAdder finished = new LongAdder();
    private final Map<BootstrapFailure, LongAdder> failed = new EnumMap<>(BootstrapFailure.class);
    private final LongAdder active = new LongAdder();

    BootstrapServerCounters() {
        for (BootstrapFailure cause : BootstrapFailure.values()) {
            failed.put(cause, new LongAdder());
        }
    }

    /** Bootstrap-Requests ({@code POST /bs}) received, well-formed or not. */
    public long requests() {
        return requests.sum();
    }

    /** Sessions whose Bootstrap-Finish the client answered with 2.04. */
    public long finished() {
        return finished.sum();
    }

    /** Sessions that failed, all causes. */
    public long failed() {
        return failed.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Sessions that failed for {@code cause}. */
    public long failed(BootstrapFailure cause) {
        return failed.get(cause).sum();
    }

    /** Sessions under way now. */
    public long active() {
        return active.sum();
    }

    /** The failed sessions by {@link BootstrapFailure#key()}, every cause present, in declaration order. */
    public Map<String, Long> failedByCause() {
        Map<String, Long> byCause = new java.util.LinkedHashMap<>();
        for (BootstrapFailure cause : BootstrapFailure.values()) {
            byCause.put(cause.key(), failed(cause));
        }
        return byCause;
    }

    void requested() {
        requests.increment();
    }

    void started() {
        active.increment();
    }

    void finishedOne() {
        active.decrement();
        finished.increment();
    }

    /** A session that had started failed. */
    void failedOne(BootstrapFailure cause) {
        active.decrement();
        failed.get(cause).increment();
    }

    /** A request refused before any session started. */
    void refused(BootstrapFailure cause) {
        failed.get(cause).increment();
    }

    @Override
    public String toString() {
        return "requests=" + requests() + " finished=" + finished() + " active=" + active() + " failed="
                + failedByCause();
    }
}
