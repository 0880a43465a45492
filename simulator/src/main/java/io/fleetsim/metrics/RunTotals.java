package io.fleetsim.metrics;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The counters of all shards added together at one moment. */
public final class RunTotals {

    private final long[] counters = new long[Counter.values().length];
    private final Map<FailureKind, Map<String, Long>> failures = new EnumMap<>(FailureKind.class);
    private final long[] inFlight = new long[FailureKind.values().length];
    private long registeredNow;
    private long lastFirstRegistrationMillis = -1;
    private long reachableMillis;
    private long observedMillis;
    private long reachableNow;
    private long mappingsAlive;

    private RunTotals() {
        for (FailureKind kind : FailureKind.values()) {
            failures.put(kind, new TreeMap<>());
        }
    }

    public static RunTotals collect(List<ShardMetrics> shards) {
        return collect(shards, -1);
    }

    /**
     * The totals, with reachability device-time up to simulated {@code nowMillis} (when negative,
     * only intervals already closed count, which is exact once every device has stopped).
     */
    public static RunTotals collect(List<ShardMetrics> shards, long nowMillis) {
        RunTotals totals = new RunTotals();
        for (ShardMetrics shard : shards) {
            long now = nowMillis < 0 ? 0 : nowMillis;
            totals.reachableMillis += nowMillis < 0 ? 0 : shard.reachableTime().totalMillis(now);
            totals.observedMillis += nowMillis < 0 ? 0 : shard.observedTime().totalMillis(now);
            totals.reachableNow += shard.reachableTime().openNow();
            totals.mappingsAlive += shard.mappingsAlive();
        }
        for (ShardMetrics shard : shards) {
            for (Counter counter : Counter.values()) {
                totals.counters[counter.ordinal()] += shard.get(counter);
            }
            for (FailureKind kind : FailureKind.values()) {
                shard.failures(kind).forEach((cause, n) ->
                        totals.failures.get(kind).merge(cause, n.sum(), Long::sum));
                totals.inFlight[kind.ordinal()] += shard.inFlight(kind);
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

    /**
     * Register, Update or De-register requests ({@code operation}) sent and still without an
     * outcome; once the devices have stopped, the unfinished ones.
     */
    public long inFlight(FailureKind operation) {
        return inFlight[operation.ordinal()];
    }

    /**
     * The success ratio of Register, Update or De-register requests: successes / (successes +
     * failures + in flight). Read once the devices have stopped, the requests in flight are the
     * unfinished ones, which count against the ratio. Null when there was no attempt at all.
     */
    public Double successRatio(FailureKind operation) {
        long successes = get(successCounter(operation));
        long attempts = successes + get(failureCounter(operation)) + inFlight(operation);
        return attempts == 0 ? null : (double) successes / attempts;
    }

    /** The counter of an operation's successes: REGISTRATIONS, UPDATES or DEREGISTRATIONS. */
    public static Counter successCounter(FailureKind operation) {
        return switch (operation) {
            case REGISTRATION -> Counter.REGISTRATIONS;
            case UPDATE -> Counter.UPDATES;
            case DEREGISTRATION -> Counter.DEREGISTRATIONS;
            case BOOTSTRAP -> Counter.BOOTSTRAP_SUCCESSES;
            default -> throw new IllegalArgumentException(operation + " has no success ratio");
        };
    }

    /** The counter of an operation's failures. */
    public static Counter failureCounter(FailureKind operation) {
        return switch (operation) {
            case REGISTRATION -> Counter.REGISTRATION_FAILURES;
            case UPDATE -> Counter.UPDATE_FAILURES;
            case DEREGISTRATION -> Counter.DEREGISTRATION_FAILURES;
            case BOOTSTRAP -> Counter.BOOTSTRAP_FAILURES;
            default -> throw new IllegalArgumentException(operation + " has no success ratio");
        };
    }

    /** Simulated ms at which the last device to register did so for the first time; -1 before any. */
    public long lastFirstRegistrationMillis() {
        return lastFirstRegistrationMillis;
    }

    public long registeredNow() {
        return registeredNow;
    }

    /** Device-ms during which a server request would have reached the device. */
    public long reachableMillis() {
        return reachableMillis;
    }

    /** Device-ms over which reachability is measured (first registration to stop, per device). */
    public long observedMillis() {
        return observedMillis;
    }

    /** Devices reachable at the moment of collection. */
    public long reachableNow() {
        return reachableNow;
    }

    /** NAT mappings alive at the moment of collection. */
    public long mappingsAlive() {
        return mappingsAlive;
    }

    /** Reachable share of observed device-time; null before any device registered. */
    public Double reachability() {
        return observedMillis <= 0 ? null : (double) reachableMillis / observedMillis;
    }

    /** Share of answered reachability probes; null when none was sent. */
    public Double probedReachability() {
        long probes = get(Counter.PROBES);
        return probes == 0 ? null : (double) get(Counter.PROBE_SUCCESSES) / probes;
    }

    /** Observed device-hours. */
    public double deviceHours() {
        return observedMillis / 3_600_000.0;
    }

    /**
     * Radio-on seconds per observed device-day (see {@link RadioMeter}), capped at a day; null
     * before any device registered.
     */
    public Double radioSecondsPerDeviceDay() {
        Double perHour = perDeviceHour(get(Counter.RADIO_ACTIVE_MILLIS));
        return perHour == null ? null : Math.min(86_400, perHour * 24 / 1000);
    }

    /** {@code count} per observed device-hour; null before any device registered. */
    public Double perDeviceHour(long count) {
        return observedMillis <= 0 ? null : count / deviceHours();
    }
}
