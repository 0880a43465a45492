package io.fleetsim.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The counters of all shards added together at one moment. */
public final class RunTotals {

    private final long[] counters = new long[Counter.values().length];
    private final Map<FailureKind, Map<String, Long>> failures = new EnumMap<>(FailureKind.class);
    private long registeredNow;
    private long lastFirstRegistrationMillis = -1;

    private RunTotals() {
        for (FailureKind kind : FailureKind.values()) {
            failures.put(kind, new TreeMap<>());
        }
    }

    public static RunTotals collect(List<ShardMetrics> shards) {
        RunTotals totals = new RunTotals();
        for (ShardMetrics shard : shards) {
            for (Counter counter : Counter.values()) {
                totals.counters[counter.ordinal()] += shard.get(counter);
            }
            for (FailureKind kind : FailureKind.values()) {
                shard.failures(kind).forEach((cause, n) ->
                        totals.failures.get(kind).merge(cause, n.sum(), Long::sum));
            }
            totals.registeredNow += shard.registeredNow();
            totals.lastFirstRegistrationMillis = Math.max(totals.lastFirstRegistrationMillis,
                    shard.lastFirstRegistrationMillis());
        }
        return totals;
    }

    public long get(Counter counter) {
        return counters[counter.ordinal()];
    }

    /** Failures of one operation by cause, sorted by cause. */
    public Map<String, Long> failures(FailureKind kind) {
        return failures.get(kind);
    }

    /** Simulated ms at which the last device to register did so for the first time; -1 before any. */
    public long lastFirstRegistrationMillis() {
        return lastFirstRegistrationMillis;
    }

    public long registeredNow() {
        return registeredNow;
    }
}
