package io.fleetsim.reports;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Everything {@code histograms.hlog} holds for one tag (one metric): the histogram of the whole
 * run (all intervals added, values in microseconds) and the percentiles of each interval.
 */
public final class MetricHistory {

    private static final double MICROS_PER_MILLI = 1000.0;

    private final String tag;
    private final Histogram wholeRun = new Histogram(3);
    private final List<IntervalPercentiles> intervals = new ArrayList<>();

    MetricHistory(String tag) {
        this.tag = tag;
    }

    void addInterval(double startSeconds, double endSeconds, Histogram interval) {
        wholeRun.add(interval);
        intervals.add(new IntervalPercentiles(startSeconds, endSeconds, interval.getTotalCount(),
                millis(interval.getValueAtPercentile(50)), millis(interval.getValueAtPercentile(90)),
                millis(interval.getValueAtPercentile(99)), millis(interval.getMaxValue())));
    }

    /** The hlog tag, e.g. {@code registration} or {@code registration.service}. */
    public String tag() {
        return tag;
    }

    /** All intervals added together; values in microseconds. A copy, so callers cannot change it. */
    public Histogram wholeRun() {
        return wholeRun.copy();
    }

    /** Value at a percentile (0..100) of the whole run, in milliseconds. */
    public double percentileMs(double percentile) {
        return millis(wholeRun.getValueAtPercentile(percentile));
    }

    /** Values recorded over the whole run. */
    public long count() {
        return wholeRun.getTotalCount();
    }

    /** Per-interval percentiles in log order. */
    public List<IntervalPercentiles> intervals() {
        return Collections.unmodifiableList(intervals);
    }

    static double millis(long micros) {
        return micros / MICROS_PER_MILLI;
    }
}
