package io.fleetsim.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import org.HdrHistogram.Histogram;

/** The percentiles of a latency histogram recorded in microseconds, in milliseconds. */
public final class LatencySummary {

    private LatencySummary() {
    }

    /** {@code count, min, p50, p90, p99, p999, max, mean}; all but count null when empty. */
    public static Map<String, Object> of(Histogram micros) {
        Map<String, Object> out = new LinkedHashMap<>();
        long count = micros.getTotalCount();
        out.put("count", count);
        out.put("min", count == 0 ? null : ms(micros.getMinValue()));
        out.put("p50", percentile(micros, 50));
        out.put("p90", percentile(micros, 90));
        out.put("p99", percentile(micros, 99));
        out.put("p999", percentile(micros, 99.9));
        out.put("max", count == 0 ? null : ms(micros.getMaxValue()));
        out.put("mean", count == 0 ? null : round(micros.getMean() / 1000.0));
        return out;
    }

    /** The percentile in milliseconds, or null when nothing was recorded. */
    public static Double percentile(Histogram micros, double percentile) {
        return micros.getTotalCount() == 0 ? null : ms(micros.getValueAtPercentile(percentile));
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 1000.0) / 1000.0;
    }
}
