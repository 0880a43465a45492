package io.fleetsim.metrics;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

import io.fleetsim.resultsformat.Cause;

/**
 * What one shard measured. Written only by the shard's event loop (single writer), read by the
 * results writer from another thread: counters are atomics, histograms are
 * {@link SingleWriterRecorder}s whose interval histograms the reader takes.
 */
public final class ShardMetrics {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final AtomicLongArray counters = new AtomicLongArray(Counter.values().length);
    private final AtomicLong registeredNow = new AtomicLong();
    private final AtomicLong openExchanges = new AtomicLong();
    private volatile long lastFirstRegistrationMillis = -1;
    private final Map<FailureKind, Map<String, LongAdder>> failures = new EnumMap<>(FailureKind.class);
    private final Map<FailureKind, AtomicLong> inFlight = new EnumMap<>(FailureKind.class);
    private final Map<LatencyMetric, SingleWriterRecorder> recorders = new EnumMap<>(LatencyMetric.class);
    private final Map<String, Map<LatencyMetric, SingleWriterRecorder>> groupRecorders = new ConcurrentHashMap<>();

    public ShardMetrics() {
        for (FailureKind kind : FailureKind.values()) {
            failures.put(kind, new ConcurrentHashMap<>());
            inFlight.put(kind, new AtomicLong());
        }
        for (LatencyMetric metric : LatencyMetric.values()) {
            recorders.put(metric, new SingleWriterRecorder(SIGNIFICANT_DIGITS));
        }
    }

    private final DeviceTimeMeter reachableTime = new DeviceTimeMeter();
    private final DeviceTimeMeter observedTime = new DeviceTimeMeter();
    private final AtomicLong mappingsAlive = new AtomicLong();

    /** Device-time during which a server request would reach the device (see io.fleetsim.nat.PathTracker). */
    public DeviceTimeMeter reachableTime() {
        return reachableTime;
    }

    /** Device-time over which reachability is measured: from a device's first registration to its stop. */
    public DeviceTimeMeter observedTime() {
        return observedTime;
    }

    /** Live NAT mappings of the shard, up or down by one. */
    public void mappingsAliveDelta(int delta) {
        mappingsAlive.addAndGet(delta);
    }

    public long mappingsAlive() {
        return mappingsAlive.get();
    }

    /** Counts one message of {@code kind} and its bytes. */
    public void traffic(TrafficKind kind, boolean sent, int bytes) {
        counters.incrementAndGet((sent ? kind.sent() : kind.received()).ordinal());
        counters.addAndGet((sent ? kind.sentBytes() : kind.receivedBytes()).ordinal(), bytes);
    }

    public void add(Counter counter, long amount) {
        counters.addAndGet(counter.ordinal(), amount);
    }

    public void increment(Counter counter) {
        counters.incrementAndGet(counter.ordinal());
    }

    public long get(Counter counter) {
        return counters.get(counter.ordinal());
    }

    /** Records a latency in simulated microseconds (at least 1). */
    public void record(LatencyMetric metric, long micros) {
        recorders.get(metric).recordValue(Math.max(1, micros));
    }

    /**
     * Records a latency of one device group as well as the run's (call {@link #record} too), for
     * per-group thresholds; written by the shard's event loop only.
     */
    public void recordForGroup(String group, LatencyMetric metric, long micros) {
        groupRecorders.computeIfAbsent(group, g -> new ConcurrentHashMap<>())
                .computeIfAbsent(metric, m -> new SingleWriterRecorder(SIGNIFICANT_DIGITS))
                .recordValue(Math.max(1, micros));
    }

    /**
     * Adds what each group recorded since the last call to {@code into}, by group and metric;
     * called once, when the run ends.
     */
    public void takeGroupHistograms(Map<String, Map<LatencyMetric, Histogram>> into) {
        groupRecorders.forEach((group, byMetric) -> byMetric.forEach((metric, recorder) -> into
                .computeIfAbsent(group, g -> new EnumMap<>(LatencyMetric.class))
                .computeIfAbsent(metric, m -> new Histogram(SIGNIFICANT_DIGITS))
                .add(recorder.getIntervalHistogram())));
    }

    /** Counts a failed operation under its cause, e.g. {@code timeout} or {@code error-response:4.03}. */
    public void failure(FailureKind kind, Cause cause) {
        failures.get(kind).computeIfAbsent(cause.wireName(), c -> new LongAdder()).increment();
    }

    public Map<String, LongAdder> failures(FailureKind kind) {
        return failures.get(kind);
    }

    /** A device registered for the first time, at simulated {@code atMillis}. */
    public void firstRegistration(long atMillis) {
        increment(Counter.DEVICES_REGISTERED);
        lastFirstRegistrationMillis = Math.max(lastFirstRegistrationMillis, atMillis);
    }

    /** When the latest first registration of this shard happened, simulated ms; -1 before any. */
    public long lastFirstRegistrationMillis() {
        return lastFirstRegistrationMillis;
    }

    public void registeredDelta(int delta) {
        registeredNow.addAndGet(delta);
    }

    public long registeredNow() {
        return registeredNow.get();
    }

    /**
     * A Register, Update or De-register request of {@code operation} was sent (+1) or got its
     * outcome, success or failure (-1).
     */
    public void inFlightDelta(FailureKind operation, int delta) {
        inFlight.get(operation).addAndGet(delta);
    }

    /**
     * Requests of {@code operation} sent and still without an outcome. Read once the devices have
     * stopped, these are the run's unfinished requests.
     */
    public long inFlight(FailureKind operation) {
        return inFlight.get(operation).get();
    }

    /** A CoAP exchange of this shard opened (+1) or ended (-1). */
    public void exchangeDelta(int delta) {
        openExchanges.addAndGet(delta);
    }

    /** CoAP requests of this shard waiting for a response; 0 once every device has stopped. */
    public long openExchanges() {
        return openExchanges.get();
    }

    /**
     * Records every value of {@code values} (an interval measured elsewhere: an agent of a
     * clustered run) as if this shard had recorded it. Same single writer as {@link #record}.
     */
    public void recordAll(LatencyMetric metric, Histogram values) {
        SingleWriterRecorder recorder = recorders.get(metric);
        for (org.HdrHistogram.HistogramIterationValue v : values.recordedValues()) {
            recorder.recordValueWithCount(v.getValueIteratedTo(), v.getCountAtValueIteratedTo());
        }
    }

    /** The latest first registration was at simulated {@code atMillis}, counted elsewhere (an agent). */
    public void lastFirstRegistrationAt(long atMillis) {
        lastFirstRegistrationMillis = Math.max(lastFirstRegistrationMillis, atMillis);
    }

    /** The values recorded since the last call, for the reader thread. */
    public Histogram takeInterval(LatencyMetric metric) {
        return recorders.get(metric).getIntervalHistogram();
    }
}
