package io.fleetsim.metrics;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What the shards of one process measured, as a message for another process: the figures of an
 * agent of a clustered run, sent to the coordinator every reporting period. Counters and gauges
 * go as totals (a lost or late message loses nothing but time); latency histograms go as the
 * interval since the last message, in HdrHistogram's compressed encoding (base64). The
 * coordinator applies them to one {@link ShardMetrics} per agent with a {@link Receiver}, so that
 * an agent is, to the results writer, the progress line and the metrics endpoint, one more shard.
 */
public final class ShardFigures {

    private ShardFigures() {
    }

    /**
     * Everything {@code shards} counted so far and the histogram intervals since the last call.
     * One caller at a time: it takes the shards' intervals.
     */
    public static JsonObject take(List<ShardMetrics> shards) {
        return take(shards, null);
    }

    /**
     * As {@link #take(List)}, also adding each histogram interval taken to {@code measured} (by
     * metric; null: nowhere), for a whole-run view in the sending process.
     */
    public static JsonObject take(List<ShardMetrics> shards, Map<LatencyMetric, Histogram> measured) {
        RunTotals totals = RunTotals.collect(shards);
        JsonObject counters = new JsonObject();
        for (Counter counter : Counter.values()) {
            long value = totals.get(counter);
            if (value != 0) {
                counters.put(counter.name(), value);
            }
        }
        JsonObject failures = new JsonObject();
        JsonObject inFlight = new JsonObject();
        for (FailureKind kind : FailureKind.values()) {
            if (!totals.failures(kind).isEmpty()) {
                JsonObject causes = new JsonObject();
                totals.failures(kind).forEach(causes::put);
                failures.put(kind.name(), causes);
            }
            inFlight.put(kind.name(), totals.inFlight(kind));
        }
        long[] reachable = new long[3];
        long[] observed = new long[3];
        long openExchanges = 0;
        JsonObject histograms = new JsonObject();
        for (ShardMetrics shard : shards) {
            add(reachable, shard.reachableTime());
            add(observed, shard.observedTime());
            openExchanges += shard.openExchanges();
        }
        for (LatencyMetric metric : LatencyMetric.values()) {
            Histogram interval = new Histogram(3);
            for (ShardMetrics shard : shards) {
                interval.add(shard.takeInterval(metric));
            }
            if (interval.getTotalCount() > 0) {
                histograms.put(metric.name(), encode(interval));
                if (measured != null) {
                    measured.computeIfAbsent(metric, m -> new Histogram(3)).add(interval);
                }
            }
        }
        return new JsonObject()
                .put("counters", counters)
                .put("failures", failures)
                .put("inFlight", inFlight)
                .put("registeredNow", totals.registeredNow())
                .put("openExchanges", openExchanges)
                .put("mappingsAlive", totals.mappingsAlive())
                .put("lastFirstRegistrationMillis", totals.lastFirstRegistrationMillis())
                .put("reachable", new JsonArray().add(reachable[0]).add(reachable[1]).add(reachable[2]))
                .put("observed", new JsonArray().add(observed[0]).add(observed[1]).add(observed[2]))
                .put("histograms", histograms);
    }

    private static void add(long[] sum, DeviceTimeMeter meter) {
        sum[0] += meter.closedMillis();
        sum[1] += meter.openNow();
        sum[2] += meter.openStartSum();
    }

    /** A histogram in HdrHistogram's compressed encoding, base64. */
    public static String encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        byte[] bytes = new byte[length];
        buffer.flip();
        buffer.get(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** The histogram {@link #encode} encoded. */
    public static Histogram decode(String base64) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(base64)), 0);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException("a histogram in an agent's figures cannot be decoded: " + e.getMessage(), e);
        }
    }

    /**
     * Applies one process's figures, message after message, to a {@link ShardMetrics} of this
     * process: totals by the difference to what was applied before, intervals as they come.
     * Thread-safe (one message at a time).
     */
    public static final class Receiver {

        private final ShardMetrics target;
        private final Map<Counter, Long> counters = new EnumMap<>(Counter.class);
        private final Map<FailureKind, Map<String, Long>> failures = new EnumMap<>(FailureKind.class);
        private final Map<FailureKind, Long> inFlight = new EnumMap<>(FailureKind.class);
        private final long[] reachable = new long[3];
        private final long[] observed = new long[3];
        private long registeredNow;
        private long openExchanges;
        private long mappingsAlive;
        private boolean closed;

        public Receiver(ShardMetrics target) {
            this.target = target;
        }

        /** Applies one message of {@link #take}; ignored once {@link #close} was called. */
        public synchronized void apply(JsonObject figures) {
            if (closed) {
                return;
            }
            JsonObject c = figures.getJsonObject("counters", new JsonObject());
            for (Counter counter : Counter.values()) {
                long now = c.getLong(counter.name(), 0L);
                Long before = counters.put(counter, now);
                long delta = now - (before == null ? 0 : before);
                if (delta != 0) {
                    target.add(counter, delta);
                }
            }
            JsonObject f = figures.getJsonObject("failures", new JsonObject());
            JsonObject flight = figures.getJsonObject("inFlight", new JsonObject());
            for (FailureKind kind : FailureKind.values()) {
                JsonObject causes = f.getJsonObject(kind.name(), new JsonObject());
                Map<String, Long> applied = failures.computeIfAbsent(kind, k -> new HashMap<>());
                for (String cause : causes.fieldNames()) {
                    long now = causes.getLong(cause);
                    Long before = applied.put(cause, now);
                    long delta = now - (before == null ? 0 : before);
                    if (delta != 0) {
                        target.failures(kind).computeIfAbsent(cause, k -> new LongAdder()).add(delta);
                    }
                }
                long now = flight.getLong(kind.name(), 0L);
                Long before = inFlight.put(kind, now);
                target.inFlightDelta(kind, (int) (now - (before == null ? 0 : before)));
            }
            long registered = figures.getLong("registeredNow", 0L);
            target.registeredDelta((int) (registered - registeredNow));
            registeredNow = registered;
            long exchanges = figures.getLong("openExchanges", 0L);
            target.exchangeDelta((int) (exchanges - openExchanges));
            openExchanges = exchanges;
            long mappings = figures.getLong("mappingsAlive", 0L);
            target.mappingsAliveDelta((int) (mappings - mappingsAlive));
            mappingsAlive = mappings;
            target.lastFirstRegistrationAt(figures.getLong("lastFirstRegistrationMillis", -1L));
            adjust(target.reachableTime(), reachable, figures.getJsonArray("reachable"));
            adjust(target.observedTime(), observed, figures.getJsonArray("observed"));
            JsonObject histograms = figures.getJsonObject("histograms", new JsonObject());
            for (LatencyMetric metric : LatencyMetric.values()) {
                String encoded = histograms.getString(metric.name());
                if (encoded != null) {
                    target.recordAll(metric, decode(encoded));
                }
            }
        }

        private static void adjust(DeviceTimeMeter meter, long[] applied, JsonArray now) {
            if (now == null || now.size() != 3) {
                return;
            }
            long closed = now.getLong(0);
            long open = now.getLong(1);
            long startSum = now.getLong(2);
            meter.adjust(closed - applied[0], open - applied[1], startSum - applied[2]);
            applied[0] = closed;
            applied[1] = open;
            applied[2] = startSum;
        }

        /**
         * The process is gone (an agent left the cluster) at simulated {@code nowMillis}: what it
         * counted stays, its devices are no longer registered, reachable nor holding mappings or
         * exchanges, and later messages are ignored. Requests it had in flight stay unfinished.
         */
        public synchronized void close(long nowMillis) {
            if (closed) {
                return;
            }
            closed = true;
            target.registeredDelta((int) -registeredNow);
            target.exchangeDelta((int) -openExchanges);
            target.mappingsAliveDelta((int) -mappingsAlive);
            endOpen(target.reachableTime(), reachable, nowMillis);
            endOpen(target.observedTime(), observed, nowMillis);
            registeredNow = 0;
            openExchanges = 0;
            mappingsAlive = 0;
        }

        private static void endOpen(DeviceTimeMeter meter, long[] applied, long nowMillis) {
            long closedNow = Math.max(0, applied[1] * nowMillis - applied[2]);
            meter.adjust(closedNow, -applied[1], -applied[2]);
            applied[0] += closedNow;
            applied[1] = 0;
            applied[2] = 0;
        }

        /** What the process last said, for the per-agent breakdown. */
        public synchronized long counter(Counter counter) {
            return counters.getOrDefault(counter, 0L);
        }

        public synchronized long registeredNow() {
            return registeredNow;
        }
    }
}
